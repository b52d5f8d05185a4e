// A CSV file as Excel and WPS on a Chinese desktop open it: UTF-8 with a byte-order mark, CRLF lines.
import Papa from 'papaparse';

/**
 * The text of a CSV file of these lines (the first usually the headers). Cells that a spreadsheet
 * would run as a formula (=, +, -, @ first) are quoted as text, so a stored value cannot run.
 *
 * @example csvFile([['单位', '下降率'], ['城东分局', 0.33]]) // '\uFEFF单位,下降率\r\n城东分局,0.33\r\n'
 */
export function csvFile(lines: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${Papa.unparse(lines as (string | number | null)[][], { newline: '\r\n', escapeFormulae: true })}\r\n`;
}
