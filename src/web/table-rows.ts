// What a table shows of its rows: filtered by a text, sorted by a column, and written out as a
// file. Pure (no React), so that it is tested on its own; components/data-table.tsx draws it.
import { csvFile } from '../shared/csv.ts';

export type Cell = string | number | null;

/** A column as the table sorts, filters and exports it (how it is drawn is the component's). */
export interface ColumnValues<T> {
  key: string;
  header: string;
  /** What the column sorts by: a number sorts as a number, text by the reader's collation. */
  value: (row: T) => Cell;
  /** The cell as read (formatted): what the filter matches and the export writes. Default: value. */
  text?: (row: T) => string;
  /** Left out of the export (actions, say). */
  noExport?: boolean;
}

export type Direction = 'asc' | 'desc';
export interface SortBy {
  key: string;
  direction: Direction;
}

function textOf<T>(column: ColumnValues<T>, row: T): string {
  if (column.text) return column.text(row);
  const v = column.value(row);
  return v === null ? '' : String(v);
}

/**
 * The rows whose cells, as read, contain every word of the filter (case-insensitive; words split
 * at spaces). An empty filter keeps every row.
 */
export function filterRows<T>(rows: readonly T[], columns: readonly ColumnValues<T>[], filter: string): T[] {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const line = columns.map((c) => textOf(c, row).toLocaleLowerCase()).join('\n');
    return words.every((w) => line.includes(w));
  });
}

/**
 * The rows sorted by one column; empty cells last in either direction, ties kept in their order.
 * Text is compared in the reader's language (pinyin order in Chinese).
 */
export function sortRows<T>(
  rows: readonly T[],
  columns: readonly ColumnValues<T>[],
  sort: SortBy | null,
  language: string,
): T[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !column) return [...rows];
  const collator = new Intl.Collator(language, { numeric: true });
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * order;
  });
}

/** The next sort when a column's header is pressed: ascending first, then descending. */
export function nextSort(current: SortBy | null, key: string): SortBy {
  return current?.key === key && current.direction === 'asc'
    ? { key, direction: 'desc' }
    : { key, direction: 'asc' };
}

/**
 * The rows as lines of cells: a line of headers, then each row's cells as read. A bare number
 * stays a number, so that a spreadsheet can add it up; with `numbers` (a workbook, whose cells
 * have types) a count shown with grouped digits (1,234) is given as the number too.
 */
export function rowsLines<T>(
  rows: readonly T[],
  columns: readonly ColumnValues<T>[],
  { numbers = false }: { numbers?: boolean } = {},
): Cell[][] {
  const exported = columns.filter((c) => !c.noExport);
  const cell = (c: ColumnValues<T>, row: T): Cell => {
    if (numbers) {
      // The number itself where the text is only that number with its digits grouped (1,234);
      // a rate shown as 25% stays as read.
      const v = c.value(row);
      if (typeof v === 'number' && (!c.text || c.text(row).replace(/[,\s]/g, '') === String(v))) return v;
    }
    return c.text ? c.text(row) : c.value(row);
  };
  return [exported.map((c) => c.header), ...rows.map((row) => exported.map((c) => cell(c, row)))];
}

/** The rows as a CSV file: a line of headers, then each row's cells as read. */
export function rowsCsv<T>(rows: readonly T[], columns: readonly ColumnValues<T>[]): string {
  return csvFile(rowsLines(rows, columns));
}

/** The rows of one page (pages counted from 1; a page past the end shows the last). */
export function pageOf<T>(
  rows: readonly T[],
  page: number,
  size: number,
): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((shown - 1) * size, shown * size), page: shown, pages };
}

/** Rows in groups by a key (a unit, a kind), groups in the order their first row comes. */
export function groupRows<T>(rows: readonly T[], keyOf: (row: T) => string): { key: string; rows: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([key, grouped]) => ({ key, rows: grouped }));
}
