import type { z } from 'zod';
import type { Rows, SourceRow } from './read-table.ts';

/** A row after validation: its typed value, or why each bad field is bad. */
export type ParsedRow<T> =
  | { row: number; value: T; errors?: undefined }
  | { row: number; value?: undefined; errors: { field: string; message: string }[] };

/** Validated rows in batches, from a file (parsed off the main thread) or from memory. */
export type ParsedRows<T> = AsyncIterable<ParsedRow<T>[]> | Iterable<ParsedRow<T>[]>;

/** Validates one row with its table's schema; each failing field is named. */
export function validateRow<S extends z.ZodType>(schema: S, source: SourceRow): ParsedRow<z.output<S>> {
  const result = schema.safeParse(source.values);
  if (result.success) return { row: source.row, value: result.data };
  return {
    row: source.row,
    errors: result.error.issues.map((issue) => ({
      field: String(issue.path[0] ?? 'row'),
      message: issue.message,
    })),
  };
}

/** Validates rows already in memory, on this thread (the demo city, small inputs). */
export async function* parseRows<S extends z.ZodType>(
  schema: S,
  rows: Rows,
): AsyncGenerator<ParsedRow<z.output<S>>[]> {
  for await (const batch of rows) yield batch.map((source) => validateRow(schema, source));
}
