// Why (issue 12): the figures were recomputed from the whole registry on every request. A counter
// that every write to what they are computed from moves, in the writing transaction itself, lets a
// computed result be kept until the figures can have changed.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables the figures are computed from, and (for updates) the columns of each that matter. */
const SOURCES: { table: string; columns?: string[] }[] = [
  {
    table: 'persons',
    columns: [
      'home_unit_id',
      'listed_on',
      'homicide',
      'exit_on',
      'exit_kind',
      'exit_unit_id',
      'exit_persuading_unit_id',
    ],
  },
  { table: 'baseline_persons' },
  { table: 'units' },
  { table: 'campaigns' },
  { table: 'letters', columns: ['campaign_id', 'unit_id', 'target', 'signed_on'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('figures_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into figures_version (id, version) values (1, 0)`.execute(db);
  const bump = sql`update figures_version set version = version + 1 where id = 1`;

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Once per statement: a bulk import moves the counter once, not once per row.
    await sql`create function bump_figures_version() returns trigger language plpgsql as $$
      begin ${bump}; return null; end $$`.execute(db);
    for (const { table, columns } of SOURCES) {
      const update = columns ? sql.raw(`update of ${columns.join(', ')}`) : sql`update`;
      await sql`create trigger ${sql.id(`${table}_figures_version`)}
        after insert or delete or ${update} on ${sql.table(table)}
        for each statement execute function bump_figures_version()`.execute(db);
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
      await sql`create trigger ${sql.id(`${table}_figures_version_${name}`)}
        after ${event} on ${sql.table(table)} begin ${bump}; end`.execute(db);
  }
}
