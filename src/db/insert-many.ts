import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Executor } from './connection.ts';
import type { Database } from './tables.ts';

const ROWS_PER_STATEMENT = 100;
const compiledSql = new Map<string, string>();
const MAX_COMPILED = 256;

/**
 * Inserts many rows, a multi-row statement at a time. The statement is compiled once per table,
 * column list and row count, not once per chunk: building big inserts through the query builder
 * costs more than running them. Values go in as parameters, never into the SQL text.
 */
export async function insertMany<
  T extends keyof Database,
  R extends Partial<Record<keyof Database[T] & string, unknown>>,
>(
  db: Executor,
  table: T,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  /** Another table of the same columns (or more, which `columns` may name) to write to, e.g. a staging table. */
  into: string = table,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertSql(db, into, columns, chunk.length), parameters));
  }
}

function insertSql(db: Executor, table: string, columns: readonly string[], rowCount: number): string {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rowCount}`;
  let text = compiledSql.get(key);
  if (!text) {
    const row = sql`(${sql.join(columns.map(() => null))})`;
    const values = sql.join(Array.from({ length: rowCount }, () => row));
    text =
      sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}`.compile(
        db,
      ).sql;
    // Bounded: staging tables have a name per import.
    if (compiledSql.size >= MAX_COMPILED) compiledSql.delete(compiledSql.keys().next().value!);
    compiledSql.set(key, text);
  }
  return text;
}
