import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './connection.ts';

const ROWS_PER_STATEMENT = 200;

/**
 * A temporary table of an import's checked rows (each row's number in the file and its value as
 * JSON), filled while the file is read and read back in the one transaction that writes them, so
 * the import holds the write lock for the writing only and its memory does not grow with the file.
 * Temporary tables belong to one connection: the caller keeps to one (see `onOneConnection`).
 */
export class StagedRows<T> {
  private count = 0;

  private constructor(
    private readonly db: Executor,
    private readonly table: string,
  ) {}

  static async create<T>(db: Executor): Promise<StagedRows<T>> {
    const table = `staged_rows_${randomBytes(6).toString('hex')}`;
    await sql`create temp table ${sql.table(table)}
      (seq integer primary key, row_no integer not null, value text not null)`.execute(db);
    return new StagedRows<T>(db, table);
  }

  async add(rows: readonly { row: number; value: T }[]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const values = rows
        .slice(start, start + ROWS_PER_STATEMENT)
        .map((r) => sql`(${++this.count}, ${r.row}, ${JSON.stringify(r.value)})`);
      await sql`insert into ${sql.table(this.table)} (seq, row_no, value) values ${sql.join(values)}`.execute(
        this.db,
      );
    }
  }

  /** The staged rows in the order they were added, `size` at a time, through `db` (a transaction on the same connection). */
  async *read(db: Executor, size: number): AsyncGenerator<{ row: number; value: T }[]> {
    for (let after = 0; after < this.count; after += size) {
      const { rows } = await sql<{ row_no: number; value: string }>`select row_no, value
        from ${sql.table(this.table)} where seq > ${after} order by seq limit ${size}`.execute(db);
      yield rows.map((r) => ({ row: Number(r.row_no), value: JSON.parse(r.value) as T }));
    }
  }

  async drop(): Promise<void> {
    await sql`drop table if exists ${sql.table(this.table)}`.execute(this.db);
  }
}
