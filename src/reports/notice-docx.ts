// The surrender notice (敦促在逃人员投案自首的通告) as an official document on the GB/T 9704 page.
// A notice is posted in public, so it carries no red authority mark and no document number: the
// issuing bodies (often several: court, procuratorate, public security, justice bureau) head the
// title in 小标宋, the body is in 仿宋, and each body signs below it above the date in Chinese numerals.
import { AlignmentType, Paragraph } from 'docx';
import { chineseDate } from '../areas/bulletins/rules.ts';
import { FONTS, LINE_PITCH, SIZE, body, officialDocx, run } from './bulletin-docx.ts';

export interface NoticeDocument {
  title: string;
  /** The notice's text; each line is a paragraph. */
  body: string;
  issuers: string[];
  /** The publication date, or the drafting date of a version not yet published. */
  datedOn: string;
  published: boolean;
}

const centred = (text: string, font: string, size: number, before = 0, after = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after },
    children: [run(text, font, size)],
  });

/** Right-aligned, four characters in from the edge, as signatures sit. */
const signature = (text: string, before = 0) =>
  new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * SIZE.body * 10 },
    spacing: { before },
    children: [run(text)],
  });

export function noticeDocx(n: NoticeDocument): Promise<Buffer> {
  const title = n.published ? n.title : `${n.title}（未发布稿）`;
  const paragraphs = n.body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return officialDocx(title, [
    ...n.issuers.map((issuer, i) => centred(issuer, FONTS.title, SIZE.title, i === 0 ? LINE_PITCH : 0)),
    centred(title, FONTS.title, SIZE.title, 0, LINE_PITCH),
    ...paragraphs.map(body),
    ...n.issuers.map((issuer, i) => signature(issuer, i === 0 ? LINE_PITCH * 2 : 0)),
    signature(chineseDate(n.datedOn)),
  ]);
}
