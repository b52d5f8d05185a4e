import { PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import type { Executor } from './connection.ts';

/** Past this many rows in one import, rebuilding a table's indexes beats updating them row by row. */
const REBUILD_AFTER_ROWS = 20_000;

/**
 * Speeds up a large import into one table on SQLite: once enough rows have come, the table's
 * secondary indexes are dropped and, at `finish`, re-created from their own stored definitions
 * (one sort each instead of a random b-tree insert per row: ~4× faster at 500,000 rows). All of
 * it happens inside the import's transaction, so a failed import rolls the indexes back too, and
 * readers keep their snapshot meanwhile. On PostgreSQL dropping an index would lock readers out
 * for the whole import, so there it does nothing.
 */
export class BulkLoad {
  private rows = 0;
  private dropped: string[] | undefined;

  constructor(
    private readonly db: Executor,
    private readonly table: string,
  ) {}

  async added(count: number): Promise<void> {
    this.rows += count;
    if (this.dropped || this.rows < REBUILD_AFTER_ROWS) return;
    if (!(this.db.getExecutor().adapter instanceof SqliteAdapter)) return;
    const indexes = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master
      where type = 'index' and tbl_name = ${this.table} and sql is not null`.execute(this.db);
    for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(this.db);
    this.dropped = indexes.rows.map((i) => i.sql);
  }

  async finish(): Promise<void> {
    for (const definition of this.dropped ?? []) await sql.raw(definition).execute(this.db);
    this.dropped = undefined;
  }
}

/** Fewer new rows than this leave the planner's picture of a table as good as it was. */
const ANALYZE_AFTER_ROWS = 500;

/**
 * Brings the planner's statistics of tables a bulk write is filling up to date, inside its
 * transaction (PostgreSQL's ANALYZE counts the transaction's own new rows; SQLite's reads a bounded
 * sample, see the connection). Until then the planner takes the new rows for none and may look a
 * row up by scanning all of them, once per row it looks up. Does nothing for fewer than a few
 * hundred `rows` written.
 */
export async function analyzeTables(db: Executor, tables: readonly string[], rows: number): Promise<void> {
  if (rows < ANALYZE_AFTER_ROWS) return;
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
  else for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}
