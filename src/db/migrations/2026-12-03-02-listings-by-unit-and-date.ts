// Why (issue 12): every unit's registry shows the remote listings (those of outside agencies, which
// anyone may catch) beside its own, newest first. At 500,000 listings that was 27,000 rows sorted
// for each page (18 of a 25 ms page). The page now reads the remote listings and the unit's own as
// two streams merged in order, which needs the listings of one unit (or of none) in date order: the
// unit's index now has the listing date second. It still covers the same columns; the figures no
// longer read it by exit kind (they read the persons and `campaign_facts`).
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('fugitives_listing_unit').execute();
  await db.schema
    .createIndex('fugitives_listing_unit')
    .on('fugitives')
    .columns(['listing_unit_id', 'listed_on', 'exit_kind', 'exit_on'])
    .execute();
}
