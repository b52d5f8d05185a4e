// Why: each sub-bureau sends the city a daily (日报) and weekly (周报) return, and the city sends its
// own up to the provincial department; a return counts as submitted when the unit's leader confirms
// it, and the city must see by the cut-off time who has not. One row per confirmed return; the
// unique key makes a second confirmation of the same return a no-op. The cut-off is the campaign's.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('campaigns')
    .addColumn('return_cutoff', 'text', (c) => c.notNull().defaultTo('18:00'))
    .execute();
  await db.schema
    .createTable('return_submissions')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    /** 'daily' or 'weekly'. */
    .addColumn('period', 'text', (c) => c.notNull())
    /** The return's date (a weekly return's last day). */
    .addColumn('return_on', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('return_submissions_one', ['campaign_id', 'unit_id', 'period', 'return_on'])
    .execute();
}
