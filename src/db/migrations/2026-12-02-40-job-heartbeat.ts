// Why (issue 16): a daily job's run was held by a fixed lease from its start, so a job that ran
// longer than the lease was taken for dead and run a second time by another process. The runner
// now renews its run while the job runs (a heartbeat); the lease counts from the last renewal.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  /** When the runner last renewed its run (null: not since it started). */
  await db.schema.alterTable('job_runs').addColumn('renewed_at', 'text').execute();
}
