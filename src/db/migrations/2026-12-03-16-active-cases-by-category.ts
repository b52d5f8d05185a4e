// Why (issue 12): the four ones' compliance reads every active case of the campaign's categories
// (40,000 homicide cases at 500,000 listings). SQLite walked the listings unit by unit and looked up
// every row of the table: 0.6–1 s on the server's event loop after each change to a case. This index
// of the active listings by category holds every column the compliance reads of them, so the read
// costs what the cases do (~45 ms on a quiet machine). PostgreSQL reads them with a parallel scan
// in ~200 ms and took no advantage of it, so there it would only slow every import of listings.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await db.schema
    .createIndex('fugitives_active_by_category')
    .on('fugitives')
    .columns(['crime_category', 'listing_unit_id', 'listing_no', 'name'])
    .where(sql.ref('exit_on'), 'is', null)
    .execute();
}
