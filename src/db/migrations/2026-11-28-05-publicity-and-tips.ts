// Why: measure 4 of the campaign — publicity (press conferences, TV scrolls, posters, online posts),
// the versioned bilingual surrender notice, a photo for published fugitives, and the public's tips.
// A tip's receipt code is stored only as a hash and its contact details only encrypted (the key
// stays outside the database); no column holds an IP address.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  await autoId(db.schema.createTable('publicity_activities'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('quantity', 'integer')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publicity_activities_held_on')
    .on('publicity_activities')
    .column('held_on')
    .execute();

  // Every edit of the notice is a new version; a commander approves one, which replaces the last.
  await autoId(db.schema.createTable('notices'))
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('drafted_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('published_at', 'text')
    .execute();

  // The public list reads only published people; keep that read fast however big the registry grows.
  await db.schema
    .createIndex('fugitives_public')
    .on('fugitives')
    .columns(['reward', 'listed_on'])
    .where(sql.ref('published'), '=', 1)
    .execute();

  await db.schema
    .alterTable('fugitives')
    .addColumn('photo_sha256', 'text', (c) => c.references('documents.sha256'))
    .execute();

  await autoId(db.schema.createTable('tips'))
    .addColumn('receipt_hash', 'text', (c) => c.notNull().unique())
    .addColumn('fugitive_id', 'integer', (c) => c.references('fugitives.id'))
    .addColumn('assigned_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('seen_text', 'text', (c) => c.notNull())
    .addColumn('seen_where', 'text')
    .addColumn('seen_when', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('contact_sealed', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('triage', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reward_claimed_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tips_assigned_unit').on('tips').column('assigned_unit_id').execute();
  await db.schema.createIndex('tips_fugitive').on('tips').column('fugitive_id').execute();

  // The conversation between the unit and the anonymous tipster (follow-up questions and answers).
  await autoId(db.schema.createTable('tip_messages'))
    .addColumn('tip_id', 'integer', (c) => c.notNull().references('tips.id'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('officer', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tip_messages_tip').on('tip_messages').column('tip_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['tip_messages', 'tips', 'notices', 'publicity_activities']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('fugitives_public').execute();
  await db.schema.alterTable('fugitives').dropColumn('photo_sha256').execute();
}
