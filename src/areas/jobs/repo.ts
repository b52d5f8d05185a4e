import type { Executor } from '../../db/connection.ts';

/** A run as its runner holds it: the row is still theirs while runner and start are unchanged. */
export interface Held {
  job: string;
  day: string;
  runner: string;
  at: string;
}

/**
 * Takes a job's run of a day for this runner: true when this call inserted the (job, day) row, false
 * when another process (or an earlier tick) already has it. The primary key decides, so two
 * processes cannot both take it.
 */
export async function claimRun(db: Executor, run: Held): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({
      job: run.job,
      day: run.day,
      runner: run.runner,
      started_at: run.at,
      renewed_at: null,
      finished_at: null,
      outcome: null,
    })
    .onConflict((oc) => oc.columns(['job', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The row still held by this run (not taken over by another process meanwhile). */
const held = (db: Executor, run: Held) =>
  db
    .updateTable('job_runs')
    .where('job', '=', run.job)
    .where('day', '=', run.day)
    .where('runner', '=', run.runner)
    .where('started_at', '=', run.at);

/** Records the run finished; false when it was no longer this run's (taken over meanwhile). */
export async function finishRun(db: Executor, run: Held, at: string, outcome: string): Promise<boolean> {
  const result = await held(db, run).set({ finished_at: at, outcome }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a failed run back, so that the next attempt (of any process) runs the job again. */
export async function releaseRun(db: Executor, run: Held): Promise<boolean> {
  const result = await db
    .deleteFrom('job_runs')
    .where('job', '=', run.job)
    .where('day', '=', run.day)
    .where('runner', '=', run.runner)
    .where('started_at', '=', run.at)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function runOf(db: Executor, job: string, day: string) {
  return db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('day', '=', day)
    .executeTakeFirst();
}

/**
 * Renews a run while its job runs (the heartbeat): true while the row is still this run's, false
 * once another process has taken it over (or it is finished).
 */
export async function renewRun(db: Executor, run: Held, at: string): Promise<boolean> {
  const result = await held(db, run)
    .where('finished_at', 'is', null)
    .set({ renewed_at: at })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes over a stale run for a new runner: only while the row is still as it was read (same runner,
 * start and last renewal, unfinished), so of several processes trying at once only one gets it, and
 * none gets a run its runner renewed meanwhile.
 */
export async function takeOverRun(
  db: Executor,
  stale: Held & { renewedAt: string | null },
  run: { runner: string; at: string },
) {
  const result = await held(db, stale)
    .where('finished_at', 'is', null)
    .where((eb) =>
      stale.renewedAt === null ? eb('renewed_at', 'is', null) : eb('renewed_at', '=', stale.renewedAt),
    )
    .set({ runner: run.runner, started_at: run.at, renewed_at: null })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function runsOf(db: Executor, day: string) {
  return db.selectFrom('job_runs').selectAll().where('day', '=', day).orderBy('started_at').execute();
}
