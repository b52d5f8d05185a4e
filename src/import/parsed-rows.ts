import { z } from 'zod';
import type { RowError } from '../shared/errors.ts';
import { issueRefusal } from '../shared/issues.ts';
import type { Rows, SourceRow } from './read-table.ts';

/** A row after validation: its typed value, or why each bad field is bad. */
export type ParsedRow<T> = { row: number; headers?: Readonly<Record<string, string>> } & (
  { value: T; errors?: undefined } | { value?: undefined; errors: Omit<RowError, 'row'>[] }
);

/** A bad row (RowError) as an answer of the API carries it. */
export const rowErrorOut = z.object({
  row: z.number().int(),
  field: z.string(),
  header: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

/** Validated rows in batches, from a file (parsed off the main thread) or from memory. */
export type ParsedRows<T> = AsyncIterable<ParsedRow<T>[]> | Iterable<ParsedRow<T>[]>;

/** Validates one row with its table's schema; each failing field is named. */
export function validateRow<S extends z.ZodType>(schema: S, source: SourceRow): ParsedRow<z.output<S>> {
  const result = schema.safeParse(source.values);
  // The headers object is shared by a batch's rows, so handing it on costs one copy per batch.
  const headers = source.headers ? { headers: source.headers } : {};
  if (result.success) return { row: source.row, ...headers, value: result.data };
  return {
    row: source.row,
    ...headers,
    errors: result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'row');
      const header = source.headers?.[field];
      const { code, params } = issueRefusal(issue, source.values[field]);
      return { field, ...(header ? { header } : {}), code, params, message: issue.message };
    }),
  };
}

/** Validates rows already in memory, on this thread (the demo city, small inputs). */
export async function* parseRows<S extends z.ZodType>(
  schema: S,
  rows: Rows,
): AsyncGenerator<ParsedRow<z.output<S>>[]> {
  for await (const batch of rows) yield batch.map((source) => validateRow(schema, source));
}
