// The Chinese font of printed reports comes with the npm dependencies (Noto Sans SC from Google
// Fonts, SIL Open Font License 1.1, package @expo-google-fonts/noto-sans-sc), never from the
// system: a PDF renders the same on a fresh machine after `npm ci`. PDFKit embeds only the glyphs
// a document uses.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CJK_FONT = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};
