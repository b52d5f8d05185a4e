// Why (issue 12): every unit's registry shows the remote listings (those of outside agencies, which
// anyone may catch) beside its own, newest first. At 500,000 listings that was 27,000 rows sorted
// for each page (18 of a 25 ms page). The page now reads the remote listings and the unit's own as
// two streams merged in order, which needs the listings of one unit (or of none) in date order: the
// unit's index now holds the listing date and the id after the unit, so that the page's ids are
// read from the index alone (PostgreSQL does not add the key to an index by itself, as SQLite adds
// the rowid), and the exit date, for the active and cleared filters. The figures no longer read it
// by exit kind (they read the persons and `campaign_facts`).
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('fugitives_listing_unit').execute();
  await db.schema
    .createIndex('fugitives_listing_unit')
    .on('fugitives')
    .columns(['listing_unit_id', 'listed_on', 'id', 'exit_on'])
    .execute();
}
