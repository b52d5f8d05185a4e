// Why (issue 14): a listing entered by mistake could only be corrected, never taken back. Its unit
// now asks for its withdrawal (撤销) with a reason and a commander approves or refuses it; a
// withdrawn listing stays in the registry (never deleted) but drops out of every list and figure.
// Each request is a row, so a refused request and a later one both stay on the record.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('listing_withdrawals')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('fugitive_id', 'integer', (c) => c.notNull().references('fugitives.id'))
    // 'asked' (waits for a commander), 'approved' (the listing is withdrawn) or 'refused'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema
    .createIndex('listing_withdrawals_fugitive')
    .on('listing_withdrawals')
    .columns(['fugitive_id', 'status'])
    .execute();
}
