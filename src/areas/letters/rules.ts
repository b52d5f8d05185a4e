// Responsibility letters (责任书): when one may be signed, and what a scanned letter may be.
import type { IsoDate } from '../../shared/dates.ts';
import type { Problem } from '../../shared/errors.ts';

/** The largest scan accepted; the HTTP server's multipart limit is the same 5 MiB. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const EXTENSIONS: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const SIGNATURES: [DocumentType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/**
 * What a file is, read from its first bytes (never from the name or the type the client claims):
 * a PDF, a PNG or a JPEG, or null for anything else.
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  for (const [type, signature] of SIGNATURES)
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/**
 * The name a stored scan is downloaded under: the uploaded name without any folder, control
 * characters or quotes, and with the extension of what the file really is.
 * `documentFileName('C:\\scans\\城东.PDF', 'application/pdf', 'letter-3')` → `城东.pdf`.
 */
export function documentFileName(uploaded: string | undefined, type: DocumentType, fallback: string): string {
  const stem = (uploaded ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '');
  const base = [...stem] // by code point, so a cut never splits a character
    .filter((c) => c >= ' ' && c !== '\u007f' && c !== '"')
    .slice(0, 120)
    .join('')
    .trim();
  return `${base || fallback}.${EXTENSIONS[type]}`;
}

/**
 * A Content-Disposition that makes browsers save the file rather than show it, with the name in
 * UTF-8 (RFC 6266 / 5987) and an ASCII stand-in for old clients.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type LetterProblem = Problem;

/**
 * What is wrong with a letter's signing date: a letter is signed from the campaign's baseline date
 * up to its deadline, and never in the future.
 */
export function signingProblems(
  signedOn: IsoDate,
  campaign: { baselineOn: IsoDate; deadlineOn: IsoDate },
  today: IsoDate,
): LetterProblem[] {
  const problems: LetterProblem[] = [];
  if (signedOn > today)
    problems.push({
      field: 'signedOn',
      code: 'in_future',
      message: `is in the future (${signedOn})`,
      params: { value: signedOn },
    });
  if (signedOn < campaign.baselineOn)
    problems.push({
      field: 'signedOn',
      code: 'before_baseline',
      message: `is before the campaign's baseline date ${campaign.baselineOn}`,
      params: { date: campaign.baselineOn },
    });
  if (signedOn > campaign.deadlineOn)
    problems.push({
      field: 'signedOn',
      code: 'after_deadline',
      message: `is after the campaign's deadline ${campaign.deadlineOn}`,
      params: { date: campaign.deadlineOn },
    });
  return problems;
}

/**
 * A target as written on a paper letter: a fraction (`0.6`) or a percentage (`60%`, `60％`), above
 * 0 and at most 1; null when it is neither. `parseTarget('60%')` → 0.6.
 */
export function parseTarget(written: string): number | null {
  const percent = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(written.trim());
  const value = percent
    ? Number(percent[1]) / 100
    : /^\d*\.?\d+$/.test(written.trim())
      ? Number(written)
      : NaN;
  return value > 0 && value <= 1 ? value : null;
}
