import type SqliteDatabase from 'better-sqlite3';
import type { Executor, RawConnection } from './connection.ts';
import { CopyIn, quotedName } from './copy-in.ts';
import { insertMany } from './insert-many.ts';
import type { Database } from './tables.ts';

/** Rows written into a table batch by batch, then ended (or aborted, when the work fails). */
export interface TableWriter<R> {
  write(rows: readonly R[]): Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Writes rows of `table`'s columns into `into` (a table of the same columns, e.g. a temporary
 * staging table) through the driver when it is at hand (see `onOneConnection`): PostgreSQL's
 * `COPY`, SQLite's one prepared insert in a transaction per batch; otherwise by multi-row inserts
 * through `db`.
 */
export function tableWriter<
  T extends keyof Database,
  R extends Partial<Record<keyof Database[T] & string, unknown>>,
>(
  db: Executor,
  raw: RawConnection | undefined,
  table: T,
  columns: readonly (keyof R & string)[],
  /** A table of the same columns, or more (`R` and `columns` may name them), e.g. a staging table. */
  into: string = table,
): TableWriter<R> {
  if (raw && 'postgres' in raw) return new CopyIn<R>(raw.postgres, into, columns);
  if (raw) return sqliteWriter<R>(db, raw.sqlite, into, columns);
  return {
    write: (rows) => insertMany(db, table, columns, rows, into),
    end: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

/**
 * One insert statement prepared once, run for each row in a transaction per batch: no SQL built or
 * parsed per row or batch. The transaction is deferred and writes a temporary table only, so it
 * takes none of the database's locks and other processes' writers go on. Each batch holds the query
 * builder's one connection meanwhile: a transaction of the same process (a request on the server)
 * is never open around it, which would take the batch into itself.
 */
function sqliteWriter<R>(
  db: Executor,
  sqlite: SqliteDatabase.Database,
  into: string,
  columns: readonly (keyof R & string)[],
): TableWriter<R> {
  const insert = sqlite.prepare(
    `insert into ${quotedName(into)} (${columns.map(quotedName).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  const values: unknown[] = new Array(columns.length);
  const writeBatch = sqlite.transaction((rows: readonly R[]) => {
    for (const row of rows) {
      for (let i = 0; i < columns.length; i += 1) values[i] = row[columns[i]!] ?? null;
      insert.run(values);
    }
  });
  return {
    write: (rows) => db.connection().execute(() => Promise.resolve(writeBatch(rows))),
    end: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}
