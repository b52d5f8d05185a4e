// The Chinese fonts of printed reports come with the npm dependencies (Noto Sans SC and Noto Serif SC
// from Google Fonts, SIL Open Font License 1.1, packages @expo-google-fonts/noto-sans-sc and
// @expo-google-fonts/noto-serif-sc), never from the system: a PDF renders the same on a fresh machine
// after `npm ci`. PDFKit embeds only the glyphs a document uses.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The sans-serif of the quick-reading bulletin PDF; on official documents, in the role of 黑体 (headings). */
export const CJK_FONT = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

/**
 * The serif of official documents (GB/T 9704) as PDF, where the standard names fonts that are not
 * free to embed: the regular weight in the role of 仿宋_GB2312 (the body, the signature and date, the
 * tables; also of 宋体 for page numbers and of 楷体_GB2312 for the issuer's name, no open 楷体 being
 * shipped), the bold in the role of 方正小标宋简体 (the authority mark and the title; the tables' headers).
 */
export const SERIF_FONT = {
  regular: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
};
