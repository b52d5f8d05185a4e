// The rows an import that took the valid rows refused, handed back as the file had them, with
// their errors, to fix and import again (issue 14). The file is read once more for them: the
// import itself keeps only the refused rows' numbers and errors, never a whole file's cells.
import type { RowError } from '../shared/errors.ts';
import type { ImportLimits } from './limits.ts';
import { readTable } from './read-table.ts';
import type { RefusedRows } from './rejects-file.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';

/** The refused rows of `path` with the file's own headers and cells, and each row's errors. */
export async function refusedRowsOf(
  table: ImportTable,
  path: string,
  refused: readonly RowError[][],
  limits: ImportLimits,
): Promise<RefusedRows> {
  const errorsOf = new Map(refused.map((errors) => [errors[0]!.row, errors]));
  const out: RefusedRows = { header: [], rows: [] };
  if (errorsOf.size === 0) return out;
  let columns: string[] | undefined;
  for await (const batch of readTable(path, IMPORT_TABLES[table].columns, limits))
    for (const source of batch) {
      columns ??= Object.keys(source.headers ?? source.values);
      if (out.header.length === 0) out.header = columns.map((c) => source.headers?.[c] ?? c);
      const errors = errorsOf.get(source.row);
      if (errors)
        out.rows.push({ row: source.row, cells: columns.map((c) => source.values[c] ?? ''), errors });
    }
  return out;
}
