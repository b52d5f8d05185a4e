import type { BulletinData } from '../areas/bulletins/rules.ts';
import { bulletinDocument } from './bulletin-document.ts';
import { bulletinHtml } from './bulletin-html.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinXlsx } from './bulletin-xlsx.ts';
import { type Format, MEDIA_TYPES, type OfficialFormat } from './formats.ts';
import type { Lang } from './labels.ts';
import type { OfficialDocument } from './official-document.ts';
import { officialDocx } from './official-docx.ts';
import { officialPdf } from './official-pdf.ts';

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
  if (format === 'pdf') return bulletinPdf(data, lang);
  if (format === 'xlsx') return bulletinXlsx(data, lang);
  if (format === 'docx') return officialDocx(bulletinDocument(data));
  if (format === 'official-pdf') return officialPdf(bulletinDocument(data));
  return Buffer.from(bulletinHtml(data, lang), 'utf8');
}
