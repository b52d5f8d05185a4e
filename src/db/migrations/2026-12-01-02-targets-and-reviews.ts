// Why: each unit is held to its own target, and the seed's sanction ladder starts during the campaign.
// - Letters can be brought in from the signed paper originals: the signer is then a name on paper,
//   not an account, so `signer_id` may be null and `signed_by` keeps the name as signed (existing
//   letters take their signer's display name); `provenance` says whether a letter was signed in the
//   app (`entry`) or imported (`import`).
// - Review items (点评): during the campaign, lagging and zero-result units get one a week, owned by
//   a leader, due within 7 days, closed with the reasons found and a catch-up plan.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  if (postgres) {
    await sql`alter table letters alter column signer_id drop not null`.execute(db);
    await db.schema.alterTable('letters').addColumn('signed_by', 'text').execute();
    await db.schema.alterTable('letters').addColumn('provenance', 'text').execute();
    await sql`update letters set signed_by = (select display_name from users where users.id = letters.signer_id), provenance = 'entry'`.execute(
      db,
    );
    await sql`alter table letters alter column signed_by set not null`.execute(db);
    await sql`alter table letters alter column provenance set not null`.execute(db);
  } else {
    // SQLite cannot drop a NOT NULL: the table is rebuilt with its rows (nothing references it).
    await autoId(db.schema.createTable('letters_next'))
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('target', 'double precision', (c) => c.notNull())
      .addColumn('baseline', 'integer', (c) => c.notNull())
      .addColumn('signer_id', 'integer', (c) => c.references('users.id'))
      .addColumn('signed_by', 'text', (c) => c.notNull())
      .addColumn('provenance', 'text', (c) => c.notNull())
      .addColumn('signed_on', 'date', (c) => c.notNull())
      .addColumn('document_sha256', 'text', (c) => c.references('documents.sha256'))
      .addColumn('document_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('letters_campaign_unit', ['campaign_id', 'unit_id'])
      .execute();
    await sql`insert into letters_next (id, campaign_id, unit_id, target, baseline, signer_id, signed_by, provenance, signed_on, document_sha256, document_name, created_at)
      select l.id, l.campaign_id, l.unit_id, l.target, l.baseline, l.signer_id, u.display_name, 'entry', l.signed_on, l.document_sha256, l.document_name, l.created_at
      from letters l join users u on u.id = l.signer_id`.execute(db);
    await db.schema.dropTable('letters').execute();
    await db.schema.alterTable('letters_next').renameTo('letters').execute();
  }

  await autoId(db.schema.createTable('reviews'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    /** The Monday of the week of the round: one review per unit and week, however often it runs. */
    .addColumn('week_of', 'date', (c) => c.notNull())
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('decline_rate', 'double precision')
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('catch_up_plan', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reviews_campaign_unit_week', ['campaign_id', 'unit_id', 'week_of'])
    .execute();
  await db.schema.createIndex('reviews_owner').on('reviews').columns(['owner', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reviews').execute();
  // Imported letters have no account to sign them: they go with the columns.
  await sql`delete from letters where signer_id is null`.execute(db);
  await db.schema.alterTable('letters').dropColumn('provenance').execute();
  await db.schema.alterTable('letters').dropColumn('signed_by').execute();
}
