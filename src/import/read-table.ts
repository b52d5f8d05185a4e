import { access, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import { DomainError } from '../shared/errors.ts';
import { openText } from './decode-text.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { checkUnpackedSize, unreadableWorkbook } from './zip-bounds.ts';

/** One data row of a table file: `row` is its row number as a spreadsheet shows it (header = 1). */
export interface SourceRow {
  row: number;
  values: Record<string, string>;
  /** The file's own header of each canonical column (one object shared by all rows of a file). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Rows from a file or from memory (the demo city), in batches: handing rows on one at a time
 * through several async steps costs more than validating them.
 */
export type Rows = AsyncIterable<SourceRow[]> | Iterable<SourceRow[]>;

const BATCH = 500;

export interface Columns {
  required: readonly string[];
  optional?: readonly string[];
  /** Other header spellings (e.g. Chinese) for canonical column names. */
  aliases?: Readonly<Record<string, string>>;
}

/** The kinds of file every import reads, CLI and web alike. */
export const TABLE_FILE_TYPES = ['.csv', '.txt', '.xlsx', '.xls'] as const;

/** Refuses a file name whose extension no import reads. */
export function checkTableFileType(path: string): void {
  const ext = extname(path).toLowerCase();
  if (!(TABLE_FILE_TYPES as readonly string[]).includes(ext))
    throw new DomainError(
      'unsupported_file',
      `cannot read ${ext || 'a file without extension'}: use .csv, .xlsx or .xls`,
      'file',
      { ext },
    );
}

/**
 * Streams the rows of a CSV (UTF-8 or GB18030/GBK), XLSX or XLS file, in batches, with headers
 * mapped to canonical names. A file past the row limit, or a workbook that unpacks past its limit,
 * is refused; so is a workbook the reader chokes on, in words of our own.
 */
export async function* readTable(
  path: string,
  columns: Columns,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): AsyncGenerator<SourceRow[]> {
  checkTableFileType(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    yield* withHeader(csvRows(path), columns, limits.maxRows);
    return;
  }
  await access(path); // fails here, readably, when the file is missing
  if (ext === '.xlsx') await checkUnpackedSize(path, limits.maxUnpackedBytes);
  try {
    yield* withHeader(ext === '.xlsx' ? xlsxRows(path) : xlsRows(path), columns, limits.maxRows);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadableWorkbook();
  }
}

async function* csvRows(path: string): AsyncGenerator<string[][]> {
  const text = await openText(path);
  const queue: string[][][] = [];
  let finished = false;
  let failure: Error | undefined;
  let parser: Papa.Parser | undefined;
  let paused = false;
  let wake: (() => void) | undefined;
  let rowsBefore = 0; // rows of earlier chunks, to number a malformed row
  // Empty lines are kept (and skipped later) so that rows keep the numbers a spreadsheet shows.
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    chunk: (results, p) => {
      parser = p;
      // Blank lines can defeat the delimiter guess of a narrow file: it then reads commas, which
      // is what such a file has (a wrong guess shows up as missing columns).
      const bad = results.errors.find((e) => e.code !== 'UndetectableDelimiter');
      if (bad) {
        const row = rowsBefore + (bad.row ?? 0) + 1;
        failure = new DomainError('malformed_csv', `row ${row}: ${bad.message}`, 'file', { row });
        p.abort();
      }
      rowsBefore += results.data.length;
      queue.push(results.data);
      if (queue.length >= 4 && !paused) {
        paused = true; // the consumer is behind: stop reading until it catches up
        p.pause();
      }
      wake?.();
    },
    complete: () => {
      finished = true;
      wake?.();
    },
    error: (e: Error) => {
      failure = e;
      wake?.();
    },
  });
  // A file that stops decoding part-way is refused as a whole (Papa does not see stream errors).
  text.on('error', (e) => {
    failure = e;
    wake?.();
  });
  for (;;) {
    while (queue.length === 0 && !finished && !failure)
      await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    const batch = queue.shift();
    if (!batch) return;
    if (paused && queue.length < 2) {
      paused = false;
      parser?.resume();
    }
    yield batch;
  }
}

async function* batches<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* xlsxRows(path: string): AsyncGenerator<string[][]> {
  yield* batches(xlsxCells(path));
}

async function* xlsxCells(path: string): AsyncGenerator<string[]> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is read: see reports/workbook.ts
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache', // without styles, date cells arrive as bare serial numbers
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    let last = 0;
    for await (const row of sheet) {
      // The reader skips empty rows: stand in for them, so that rows keep their sheet numbers.
      for (; last < row.number - 1; last += 1) yield [];
      last = row.number;
      const values = row.values as unknown[];
      // ExcelJS rows are 1-based: index 0 is always empty.
      yield values.slice(1).map(cellText);
    }
    return; // the first worksheet only
  }
}

/**
 * The old binary Excel format, read whole (SheetJS has no streaming reader for it; such files are
 * small, the format caps a sheet at 65,536 rows). Date cells become ISO dates like in XLSX files.
 */
async function* xlsRows(path: string): AsyncGenerator<string[][]> {
  const XLSX = await import('@e965/xlsx'); // large, and only this rare format needs it
  const book = XLSX.read(await readFile(path), { type: 'buffer', cellDates: true, UTC: true, dense: true });
  const sheet = book.Sheets[book.SheetNames[0] ?? ''];
  if (!sheet) return;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, {
    header: 1,
    raw: true,
    defval: '',
    blankrows: true,
    UTC: true,
  });
  // A sheet whose used range starts below row 1 is read from there: stand in for the rows above.
  rows.unshift(...Array.from({ length: XLSX.utils.decode_range(sheet['!ref'] ?? 'A1').s.r }, () => []));
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH).map((r) => r.map(cellText));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // Rich text, hyperlinks and formulas carry their text in a property.
  const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellText(v.text);
  if (v.result !== undefined) return cellText(v.result);
  return JSON.stringify(value);
}

async function* withHeader(
  batches: AsyncIterable<string[][]>,
  columns: Columns,
  maxRows: number,
): AsyncGenerator<SourceRow[]> {
  let names: (string | undefined)[] | undefined;
  const headers: Record<string, string> = {};
  let row = 0;
  let dataRows = 0;
  for await (const batch of batches) {
    const out: SourceRow[] = [];
    for (const cells of batch) {
      row += 1;
      if (cells.every((c) => c.trim() === '')) continue; // before the header as between rows
      if (!names) {
        names = cells.map((h) => canonicalColumn(h, columns));
        names.forEach((name, i) => {
          if (name) headers[name] = cells[i]!.trim().replace(/^\uFEFF/, '');
        });
        const missing = columns.required.filter((c) => !names!.includes(c));
        if (missing.length > 0) {
          const s = missing.length > 1 ? 's' : '';
          throw new DomainError(
            'missing_columns',
            `row 1: missing column${s} ${missing.join(', ')}`,
            missing[0],
            {
              columns: missing.map((c) => columnHeader(c, columns)).join('、'),
              names: missing.join(', '),
            },
          );
        }
        continue;
      }
      dataRows += 1;
      if (dataRows > maxRows) throw tooManyRows(maxRows);
      const values: Record<string, string> = {};
      names.forEach((name, i) => {
        if (name) values[name] = cells[i] ?? '';
      });
      out.push({ row, values, headers });
    }
    if (out.length > 0) yield out;
  }
}

function tooManyRows(limit: number): DomainError {
  return new DomainError(
    'too_many_rows',
    `the file has more than ${limit} rows; split it or ask the administrator to raise QINGWANG_MAX_IMPORT_ROWS; nothing was imported`,
    'file',
    { limit },
  );
}

function canonicalColumn(header: string, columns: Columns): string | undefined {
  const h = header.trim().replace(/^\uFEFF/, '');
  const known = [...columns.required, ...(columns.optional ?? [])];
  const name = known.includes(h.toLowerCase()) ? h.toLowerCase() : columns.aliases?.[h];
  return name;
}

/** The header a bureau writes for a canonical column (its first alias, e.g. 姓名), else the name itself. */
function columnHeader(name: string, columns: Columns): string {
  const alias = Object.entries(columns.aliases ?? {}).find(([, canonical]) => canonical === name);
  return alias?.[0] ?? name;
}
