// Why: official documents (公文) carry a number like 西公清网〔2011〕12号, numbered per campaign and
// year and never reused; a unique key keeps two concurrent issues from taking one number. The
// campaign gains the settings the documents print (issuing authority, number prefix, issuer,
// recipients, copies to): null until set, and the documents then fall back to the city bureau's name.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('campaigns').addColumn('document_settings', 'text').execute();
  await db.schema
    .createTable('document_numbers')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    /** What the number was given to: 'bulletin', 'letter', 'notice'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_numbers_campaign_year_seq', ['campaign_id', 'year', 'seq'])
    .execute();
}
