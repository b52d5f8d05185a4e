// The formats a bulletin is rendered in (render.ts renders them) and their media types: `pdf` is the
// quick-reading bulletin, `official-pdf` the official document (GB/T 9704) as the `.docx` lays it out.
export const FORMATS = ['html', 'pdf', 'xlsx', 'docx', 'official-pdf'] as const;
export type Format = (typeof FORMATS)[number];

export const MEDIA_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'official-pdf': 'application/pdf',
};

/** A file's name in a format: `official-pdf` is a .pdf set apart from the quick-reading one. */
export const fileName = (base: string, format: Format) =>
  format === 'official-pdf' ? `${base}-official.pdf` : `${base}.${format}`;

/** The formats of an official document (公文) alone: the .docx to edit, the PDF to print. */
export const OFFICIAL_FORMATS = ['docx', 'pdf'] as const;
export type OfficialFormat = (typeof OFFICIAL_FORMATS)[number];
