// Why: a direct UPDATE of a table the figures are computed from (a capture moved between stations, a
// campaign's target) went unnoticed, since the audit chain only proves the events, not the tables.
// A seal keeps a hash of every row of those tables at a moment (its digest goes into the chain), so
// the deep check can name each row that changed since without an audited event to explain it.
// Only the latest seal's rows are kept; earlier seals live on as digests in the chain.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fact_seals')
    .addColumn('seal_seq', 'integer', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('row_hash', 'text', (c) => c.notNull())
    // The audited entities whose events may change the row (e.g. "clearance:12 campaign:1").
    .addColumn('excuses', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_seals_pk', ['seal_seq', 'table_name', 'row_key'])
    .execute();
}
