// The refused rows of an import as a CSV to fix and import again: the file's own columns and an
// error column, which imports ignore. Pure: the CLI and the web app (in the reader's language)
// word the errors and write the same file.
import Papa from 'papaparse';
import type { RowError } from '../shared/errors.ts';

/** Refused rows as the file had them: its headers, each row's cells and errors. */
export interface RefusedRows {
  header: string[];
  rows: { row: number; cells: string[]; errors: RowError[] }[];
}

/**
 * The CSV (UTF-8 with a byte-order mark, so that Excel and WPS read the Chinese) of the refused
 * rows; `word` words one error, the errors of a row are joined in one cell.
 */
export function rejectsCsv(refused: RefusedRows, errorHeader: string, word: (e: RowError) => string): string {
  const lines = [
    [...refused.header, errorHeader],
    ...refused.rows.map((r) => [...r.cells, r.errors.map(word).join('；')]),
  ];
  return `\uFEFF${Papa.unparse(lines, { newline: '\r\n' })}\r\n`;
}
