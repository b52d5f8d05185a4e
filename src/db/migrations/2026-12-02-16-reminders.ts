// Why: nothing reminded anyone of what is due (issue 16). Reminders are worked out from the data each
// time (see the reminders area); a notification keeps, per user and situation (`key`), when it was
// first seen, whether the user read it, and when the situation ended, so "mark read" survives and a
// situation that ends drops out of the bell. Users get an optional e-mail address for the daily
// digest; the campaign keeps the reminders' thresholds. `job_runs` makes each daily job run once a
// day however many server processes (or cron) try: the first to insert (job, day) runs it.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('campaigns').addColumn('reminder_settings', 'text').execute();
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    /** The situation, e.g. `claim_to_verify:42`: one notification per user and situation. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON: what the message names (listing number, unit, dates). */
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    /** When the situation ended (the claim was decided, the task done); null while it stands. */
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('notifications_one', ['user_id', 'key'])
    .execute();
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    /** The local date the run is for. */
    .addColumn('day', 'text', (c) => c.notNull())
    /** Which process ran it (host and process id). */
    .addColumn('runner', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    /** JSON: what the job did, or its error. */
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('job_runs_once', ['job', 'day'])
    .execute();
}
