// Why (issue 12): every unit's registry page shows the remote listings (of outside agencies: 27,000
// at 500,000 listings) beside its own, newest first. PostgreSQL does not read the index (unit,
// listing date, id, exit date) in date order under `listing_unit_id IS NULL` (only an equality
// makes it skip the first column), so it sorted all of them for each page (20–90 ms). This index
// holds the remote listings alone, in date order, with the id and exit date for index-only reads.
// SQLite reads the unit's index in that order already, so there it would only slow imports.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createIndex('fugitives_remote_by_date')
    .on('fugitives')
    .columns(['listed_on', 'id', 'exit_on'])
    .where(sql.ref('listing_unit_id'), 'is', null)
    .execute();
}
