// Why: measures 5 and 6 of the campaign — versioned reward rule sets and the ledger they produce
// (every entry names its clearance, rule and rule-set version; reversals reference what they undo),
// sanctions as tracked items, inspection records, praise and criticism notices, and issued bulletins
// (a frozen snapshot with the audit chain head it printed).
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  await autoId(db.schema.createTable('reward_rule_sets'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reward_rule_sets_version', ['campaign_id', 'version'])
    .execute();

  await autoId(db.schema.createTable('ledger_entries'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('clearance_id', 'integer', (c) => c.references('clearances.id'))
    .addColumn('rule_set_version', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('money', 'double precision', (c) => c.notNull())
    .addColumn('reverses_id', 'integer', (c) => c.references('ledger_entries.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('booked_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_campaign')
    .on('ledger_entries')
    .columns(['campaign_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_clearance')
    .on('ledger_entries')
    .column('clearance_id')
    .execute();
  // An entry is reversed at most once.
  await db.schema
    .createIndex('ledger_entries_reverses')
    .on('ledger_entries')
    .column('reverses_id')
    .unique()
    .execute();

  await autoId(db.schema.createTable('sanctions'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('deduction', 'double precision', (c) => c.notNull())
    .addColumn('carried_over', 'integer')
    .addColumn('owner', 'text')
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('record', 'text')
    .addColumn('document_sha256', 'text', (c) => c.references('documents.sha256'))
    .addColumn('document_name', 'text')
    .addColumn('waive_reason', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sanctions_one_per_measure', ['campaign_id', 'checkpoint', 'unit_id', 'measure'])
    .execute();

  await autoId(db.schema.createTable('inspections'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('inspected_on', 'date', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await autoId(db.schema.createTable('supervision_notices'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await autoId(db.schema.createTable('bulletins'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('data_sha256', 'text', (c) => c.notNull())
    .addColumn('chain_head', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletins_number', ['campaign_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'bulletins',
    'supervision_notices',
    'inspections',
    'sanctions',
    'ledger_entries',
    'reward_rule_sets',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
