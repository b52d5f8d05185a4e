// Why (issue 12): the compliance with the four ones was computed from every active case of the
// campaign's categories on each request (0.6–0.9 s at 500,000 listings). A second counter, moved by
// triggers in the writing transaction of every change to what it is computed from, lets an answer
// be kept until it can have changed. It shares the figures' row, so that a transaction moving both
// takes one row lock on PostgreSQL, never two in an order another transaction could reverse.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables the compliance is computed from, and (for updates) the columns of each that matter. */
const SOURCES: { table: string; columns?: string[] }[] = [
  { table: 'fugitives', columns: ['listing_no', 'name', 'crime_category', 'listing_unit_id', 'exit_on'] },
  { table: 'four_ones' },
  { table: 'case_owners' },
  { table: 'listing_withdrawals' },
  { table: 'units' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('figures_version')
    .addColumn('compliance', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  const bump = sql`update figures_version set compliance = compliance + 1 where id = 1`;

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Once per statement: a bulk import moves the counter once, not once per row.
    await sql`create function bump_compliance_version() returns trigger language plpgsql as $$
      begin ${bump}; return null; end $$`.execute(db);
    for (const { table, columns } of SOURCES) {
      const update = columns ? sql.raw(`update of ${columns.join(', ')}`) : sql`update`;
      await sql`create trigger ${sql.id(`${table}_compliance_version`)}
        after insert or delete or ${update} on ${sql.table(table)}
        for each statement execute function bump_compliance_version()`.execute(db);
    }
    return;
  }
  // SQLite has only row triggers.
  for (const { table, columns } of SOURCES) {
    const events = {
      insert: sql`insert`,
      delete: sql`delete`,
      update: columns ? sql.raw(`update of ${columns.join(', ')}`) : sql`update`,
    };
    for (const [name, event] of Object.entries(events))
      await sql`create trigger ${sql.id(`${table}_compliance_version_${name}`)}
        after ${event} on ${sql.table(table)} begin ${bump}; end`.execute(db);
  }
}
