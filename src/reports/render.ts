// The renderers are loaded when a document is first rendered: PDFKit with its fonts, docx and
// ECharts would otherwise stay resident from the server's start (see workbook.ts).
import type { BulletinData } from '../areas/bulletins/rules.ts';
import { bulletinDocument } from './bulletin-document.ts';
import { bulletinXlsx } from './bulletin-xlsx.ts';
import { type Format, MEDIA_TYPES, type OfficialFormat } from './formats.ts';
import type { Lang } from './labels.ts';
import type { OfficialDocument } from './official-document.ts';

const officialPdf = async (doc: OfficialDocument) => (await import('./official-pdf.ts')).officialPdf(doc);
const officialDocx = async (doc: OfficialDocument) => (await import('./official-docx.ts')).officialDocx(doc);

/** An official document as a .docx or a PDF, in the layout of GB/T 9704. */
export async function renderOfficial(
  doc: OfficialDocument,
  format: OfficialFormat,
): Promise<{ bytes: Buffer; mediaType: string }> {
  return format === 'pdf'
    ? { bytes: await officialPdf(doc), mediaType: MEDIA_TYPES.pdf }
    : { bytes: await officialDocx(doc), mediaType: MEDIA_TYPES.docx };
}

/**
 * The bulletin in one of its formats (the official document, .docx or PDF, is in Chinese whatever
 * the language).
 */
export async function renderBulletin(data: BulletinData, format: Format, lang: Lang): Promise<Buffer> {
  if (format === 'pdf') return (await import('./bulletin-pdf.ts')).bulletinPdf(data, lang);
  if (format === 'xlsx') return bulletinXlsx(data, lang);
  if (format === 'docx') return officialDocx(bulletinDocument(data));
  if (format === 'official-pdf') return officialPdf(bulletinDocument(data));
  return Buffer.from((await import('./bulletin-html.ts')).bulletinHtml(data, lang), 'utf8');
}
