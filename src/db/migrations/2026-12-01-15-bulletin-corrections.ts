// Why: a second click issued bulletin No. 2 for the same day as if it were news. A second bulletin
// for a date is now only a correction, and it names the bulletin it corrects.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bulletins')
    .addColumn('corrects_id', 'integer', (c) => c.references('bulletins.id'))
    .execute();
}
