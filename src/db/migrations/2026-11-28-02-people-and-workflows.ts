// Why: the daily work of a bureau — accounts with roles and sessions; the claim → verify workflow
// (with a second approver for cancellations, conflicts and corrections); the "four ones" of
// homicide cases; leaders' liaison units and owned cases; signed responsibility letters.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  await autoId(db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  // Only a hash of the session token is stored: a leaked table opens no sessions.
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .alterTable('clearances')
    .addColumn('claim_unit_id', 'integer', (c) => c.references('units.id'))
    .execute();
  await db.schema.alterTable('clearances').addColumn('reason_code', 'text').execute();
  await db.schema.alterTable('clearances').addColumn('reason_text', 'text').execute();
  await db.schema.alterTable('clearances').addColumn('approved_by', 'text').execute();
  await db.schema.alterTable('clearances').addColumn('approved_at', 'text').execute();
  await db.schema
    .alterTable('clearances')
    .addColumn('supersedes_id', 'integer', (c) => c.references('clearances.id'))
    .execute();
  // At most one claim stands per person at a time; a second one is held as a conflict. The
  // database enforces it, so two simultaneous claims can never both stand.
  await db.schema
    .createIndex('clearances_one_standing')
    .on('clearances')
    .column('fugitive_id')
    .unique()
    .where(sql.ref('status'), 'in', ['pending', 'approved', 'verified'])
    .execute();

  // A case's timeline reads its audit events.
  await db.schema
    .createIndex('audit_events_entity')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await db.schema
    .alterTable('campaigns')
    .addColumn('four_ones_categories', 'text', (c) => c.notNull().defaultTo('homicide'))
    .execute();

  await db.schema
    .createTable('four_ones')
    .addColumn('fugitive_id', 'integer', (c) => c.primaryKey().references('fugitives.id'))
    .addColumn('dossier_json', 'text', (c) => c.notNull())
    .addColumn('plan_text', 'text')
    .addColumn('plan_approved_by', 'text')
    .addColumn('plan_approved_at', 'text')
    .addColumn('team_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // 包案: the leader who personally owns a case (also the case's responsible leader).
  await db.schema
    .createTable('case_owners')
    .addColumn('fugitive_id', 'integer', (c) => c.primaryKey().references('fugitives.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_owners_user').on('case_owners').column('user_id').execute();

  // 联系点: units a leadership member guides.
  await db.schema
    .createTable('liaison_units')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('liaison_units_pk', ['user_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await autoId(db.schema.createTable('letters'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('baseline', 'integer', (c) => c.notNull())
    .addColumn('signer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('signed_on', 'date', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.references('documents.sha256'))
    .addColumn('document_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('letters_campaign_unit', ['campaign_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'letters',
    'documents',
    'liaison_units',
    'case_owners',
    'four_ones',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('clearances_one_standing').execute();
  await db.schema.dropIndex('audit_events_entity').execute();
  for (const column of [
    'supersedes_id',
    'approved_at',
    'approved_by',
    'reason_text',
    'reason_code',
    'claim_unit_id',
  ]) {
    await db.schema.alterTable('clearances').dropColumn(column).execute();
  }
  await db.schema.alterTable('campaigns').dropColumn('four_ones_categories').execute();
}
