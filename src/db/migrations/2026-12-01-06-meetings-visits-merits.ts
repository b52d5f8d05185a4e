// Why: the seed's practices that had no record yet — meetings (动员会, 点评会, the weekly command
// meeting) and the tasks they give; leaders' guidance visits to their liaison units; rectification
// (整改) of an inspection's problems; the officers named on a claim, so verified results credit them
// and a commander can decide 嘉奖/记功 proposals; and tips entered by staff (telephone, letter, in
// person) with the reward paid to the tipster.
// Existing data comes along: every existing tip was sent through the public web form (channel
// 'web'), every campaign gets the default guidance interval, existing claims name no officers.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  await autoId(db.schema.createTable('meetings'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('chair', 'text', (c) => c.notNull())
    // The unit that held the meeting: its scope decides who may change the record.
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.references('documents.sha256'))
    .addColumn('document_name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_held_on').on('meetings').column('held_on').execute();

  await db.schema
    .createTable('meeting_units')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('meeting_units_pk', ['meeting_id', 'unit_id'])
    .execute();

  await autoId(db.schema.createTable('guidance_visits'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('leader_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('visited_on', 'date', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guidance_visits_unit')
    .on('guidance_visits')
    .columns(['unit_id', 'visited_on'])
    .execute();

  // Decisions of a meeting or a visit: one owner, one unit, a due date. A reminder job reads
  // open tasks by due date and owner (index below).
  await autoId(db.schema.createTable('tasks'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('visit_id', 'integer', (c) => c.references('guidance_visits.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_due').on('tasks').columns(['status', 'due_on', 'owner']).execute();
  await db.schema.createIndex('tasks_unit').on('tasks').column('unit_id').execute();

  await db.schema
    .alterTable('campaigns')
    .addColumn('visit_interval_days', 'integer', (c) => c.notNull().defaultTo(14))
    .execute();

  await autoId(db.schema.createTable('rectification_items'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'date', (c) => c.notNull())
    // open → reported → accepted, or returned (→ reported again).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('reported_by', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rectification_items_unit')
    .on('rectification_items')
    .columns(['unit_id', 'status'])
    .execute();

  // The officers a claim names: JSON array of names, and the officer who persuaded a surrender.
  await db.schema.alterTable('clearances').addColumn('capturing_officers', 'text').execute();
  await db.schema.alterTable('clearances').addColumn('persuading_officer', 'text').execute();

  // A commander's decision on a proposed 嘉奖/记功 for an officer (named, of a unit).
  await autoId(db.schema.createTable('merit_decisions'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('award', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('tips')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
    .execute();
  await db.schema.alterTable('tips').addColumn('entered_by', 'text').execute();

  await db.schema
    .createTable('tip_rewards')
    .addColumn('tip_id', 'integer', (c) => c.primaryKey().references('tips.id'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'date')
    .addColumn('paid_by', 'text')
    .addColumn('receipt_ref', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'tip_rewards',
    'merit_decisions',
    'rectification_items',
    'tasks',
    'guidance_visits',
    'meeting_units',
    'meetings',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('tips').dropColumn('entered_by').execute();
  await db.schema.alterTable('tips').dropColumn('channel').execute();
  await db.schema.alterTable('clearances').dropColumn('persuading_officer').execute();
  await db.schema.alterTable('clearances').dropColumn('capturing_officers').execute();
  await db.schema.alterTable('campaigns').dropColumn('visit_interval_days').execute();
}
