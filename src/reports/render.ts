import type { BulletinData } from '../areas/bulletins/rules.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { bulletinHtml } from './bulletin-html.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinXlsx } from './bulletin-xlsx.ts';
import type { Format } from './formats.ts';
import type { Lang } from './labels.ts';

/** The bulletin in one of its formats (the .docx official document is in Chinese whatever the language). */
export async function renderBulletin(data: BulletinData, format: Format, lang: Lang): Promise<Buffer> {
  if (format === 'pdf') return bulletinPdf(data, lang);
  if (format === 'xlsx') return bulletinXlsx(data, lang);
  if (format === 'docx') return bulletinDocx(data);
  return Buffer.from(bulletinHtml(data, lang), 'utf8');
}
