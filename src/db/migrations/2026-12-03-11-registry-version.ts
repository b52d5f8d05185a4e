// Why (issue 12): the registry's count of a search (how many listings a unit's filter finds, 27,000
// and more at 500,000 listings) was counted again for every page asked: 3–8 ms of each page. A third
// counter beside the figures' and the compliance's, moved in the writing transaction by every change
// to a listing or a withdrawal, lets a count be kept until it can have changed. On SQLite, whose
// triggers run per row, a listing's insert or delete moves both counters in one statement, so that
// an import of listings writes the counters' row once per listing, as before.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables the registry's searches read (by any column), besides the units, which a search names by id. */
const SOURCES = ['fugitives', 'listing_withdrawals'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('figures_version')
    .addColumn('registry', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Once per statement: a bulk import moves the counter once, not once per row.
    await sql`create function bump_registry_version() returns trigger language plpgsql as $$
      begin update figures_version set registry = registry + 1 where id = 1; return null; end $$`.execute(db);
    for (const table of SOURCES)
      await sql`create trigger ${sql.id(`${table}_registry_version`)}
        after insert or delete or update on ${sql.table(table)}
        for each statement execute function bump_registry_version()`.execute(db);
    return;
  }
  // SQLite: the compliance's row triggers on these tables are replaced by ones that move both
  // counters where the compliance's moved on every change (inserts and deletes of listings, any
  // change to a withdrawal); a listing's update moves the registry's, and the compliance's as before
  // when one of its columns changed.
  const both = sql`update figures_version set compliance = compliance + 1, registry = registry + 1 where id = 1`;
  const registry = sql`update figures_version set registry = registry + 1 where id = 1`;
  const triggers: [table: string, event: 'insert' | 'delete' | 'update', bump: typeof both][] = [
    ['fugitives', 'insert', both],
    ['fugitives', 'delete', both],
    ['listing_withdrawals', 'insert', both],
    ['listing_withdrawals', 'delete', both],
    ['listing_withdrawals', 'update', both],
  ];
  for (const [table, event, bump] of triggers) {
    const name = `${table}_compliance_version_${event}`;
    await sql`drop trigger ${sql.id(name)}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_versions_${event}`)}
      after ${sql.raw(event)} on ${sql.table(table)} begin ${bump}; end`.execute(db);
  }
  await sql`create trigger fugitives_registry_version_update
    after update on fugitives begin ${registry}; end`.execute(db);
}
