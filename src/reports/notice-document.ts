// The surrender notice (敦促在逃人员投案自首的通告) as an official document on the GB/T 9704 page.
// A notice is posted in public, so it carries no red authority mark and no document number: the
// issuing bodies (often several: court, procuratorate, public security, justice bureau) head the
// title in 小标宋, the body is in 仿宋, and each body signs below it above the date in Chinese numerals.
// The .docx and the PDF both print these blocks.
import { chineseDate } from '../areas/bulletins/rules.ts';
import { type Block, type OfficialDocument, body, signature } from './official-document.ts';

export interface NoticeDocument {
  title: string;
  /** The notice's text; each line is a paragraph. */
  body: string;
  issuers: string[];
  /** The publication date, or the drafting date of a version not yet published. */
  datedOn: string;
  published: boolean;
}

export function noticeDocument(n: NoticeDocument): OfficialDocument {
  const title = n.published ? n.title : `${n.title}（未发布稿）`;
  const paragraphs = n.body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return {
    title,
    blocks: [
      ...n.issuers.map((issuer, i): Block => ({ kind: 'title', text: issuer, before: i === 0 ? 1 : 0 })),
      { kind: 'title', text: title, after: 1 },
      ...paragraphs.map(body),
      ...n.issuers.map((issuer, i) => signature(issuer, i === 0 ? 2 : 0, true)),
      signature(chineseDate(n.datedOn)),
    ],
  };
}
