// Why: the campaign core — the unit tree, the wanted-persons registry, clearance claims, campaigns
// and the hash-chained audit log that every write appends to.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // An integer key the database assigns: IDENTITY on PostgreSQL, AUTOINCREMENT on SQLite.
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  await autoId(db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await autoId(db.schema.createTable('fugitives'))
    .addColumn('listing_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('birth_date', 'date')
    .addColumn('id_number', 'text')
    .addColumn('crime_category', 'text', (c) => c.notNull())
    .addColumn('offence', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text')
    .addColumn('listing_agency', 'text', (c) => c.notNull())
    .addColumn('listing_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('listed_on', 'date', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reward', 'integer')
    .addColumn('exit_clearance_id', 'integer')
    .addColumn('exit_on', 'date')
    .addColumn('exit_kind', 'text')
    .addColumn('exit_unit_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Covers the listing side of the campaign figures, so standings read the index, not the table.
  await db.schema
    .createIndex('fugitives_listing_unit')
    .on('fugitives')
    .columns(['listing_unit_id', 'exit_kind', 'listed_on', 'exit_on'])
    .execute();
  // Covers the capture side: people our units caught, by capturing unit.
  await db.schema
    .createIndex('fugitives_captures')
    .on('fugitives')
    .columns(['exit_unit_id', 'exit_kind', 'exit_on', 'listing_unit_id'])
    .where(sql.ref('exit_unit_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('fugitives_id_number').on('fugitives').column('id_number').execute();
  await db.schema.createIndex('fugitives_listed_on').on('fugitives').column('listed_on').execute();

  await autoId(db.schema.createTable('clearances'))
    .addColumn('fugitive_id', 'integer', (c) => c.notNull().references('fugitives.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('capturing_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('capturing_agency', 'text')
    .addColumn('persuading_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('place', 'text')
    .addColumn('evidence_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('clearances_fugitive').on('clearances').column('fugitive_id').execute();
  await db.schema.createIndex('clearances_status').on('clearances').column('status').execute();

  await autoId(db.schema.createTable('campaigns'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('baseline_on', 'date', (c) => c.notNull())
    .addColumn('start_on', 'date', (c) => c.notNull())
    .addColumn('deadline_on', 'date', (c) => c.notNull())
    .addColumn('year_end_on', 'date', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('counted_kinds', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('data_digest', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'campaigns', 'clearances', 'fugitives', 'units']) {
    await db.schema.dropTable(table).execute();
  }
}
