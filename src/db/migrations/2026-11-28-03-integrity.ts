// Why: the integrity of results — the rules' thresholds per campaign, the inspectors' anomaly queue,
// the weekly quality samples drawn from a recorded seed, and signed anchors of the audit chain's head.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  // The claims credited to a unit, which the rules read each time a claim is made.
  await db.schema
    .createIndex('clearances_credited_unit')
    .on('clearances')
    .expression(sql`coalesce(claim_unit_id, capturing_unit_id)`)
    .execute();

  // The anomaly rules' thresholds and the quality sample size (JSON; null: the defaults).
  await db.schema.alterTable('campaigns').addColumn('integrity_settings', 'text').execute();

  // A finding keeps its identity (`finding_key`) across scans, so its workflow is not lost when the
  // rules run again: a rerun refreshes the reason of an open finding and leaves decided ones alone.
  await autoId(db.schema.createTable('anomalies'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('listing_no', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('claim_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'text')
    .addUniqueConstraint('anomalies_finding', ['campaign_id', 'finding_key'])
    .execute();
  await db.schema
    .createIndex('anomalies_status')
    .on('anomalies')
    .columns(['campaign_id', 'status'])
    .execute();

  await autoId(db.schema.createTable('quality_samples'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('candidates', 'integer', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('quality_samples_week', ['campaign_id', 'week'])
    .execute();

  await autoId(db.schema.createTable('quality_checks'))
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('quality_samples.id'))
    .addColumn('clearance_id', 'integer', (c) => c.notNull().references('clearances.id'))
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'text')
    .addUniqueConstraint('quality_checks_item', ['sample_id', 'clearance_id'])
    .execute();

  // A signed statement "the chain's event `seq` had hash `head_hash`": rewriting history, even with
  // recomputed hashes, no longer matches it, and the signature cannot be forged without the key.
  await db.schema
    .createTable('audit_anchors')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('anchored_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_anchors', 'quality_checks', 'quality_samples', 'anomalies']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('campaigns').dropColumn('integrity_settings').execute();
  await db.schema.dropIndex('clearances_credited_unit').execute();
}
