import type { Executor } from '../../db/connection.ts';

/**
 * Takes a job's run of a day for this runner: true when this call inserted the (job, day) row, false
 * when another process (or an earlier tick) already has it. The primary key decides, so two
 * processes cannot both take it.
 */
export async function claimRun(
  db: Executor,
  run: { job: string; day: string; runner: string; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('job_runs')
    .values({
      job: run.job,
      day: run.day,
      runner: run.runner,
      started_at: run.at,
      finished_at: null,
      outcome: null,
    })
    .onConflict((oc) => oc.columns(['job', 'day']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishRun(
  db: Executor,
  job: string,
  day: string,
  at: string,
  outcome: string,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: at, outcome })
    .where('job', '=', job)
    .where('day', '=', day)
    .execute();
}

/** Gives a failed run back, so that the next attempt (of any process) runs the job again. */
export async function releaseRun(db: Executor, job: string, day: string): Promise<void> {
  await db.deleteFrom('job_runs').where('job', '=', job).where('day', '=', day).execute();
}

export function runsOf(db: Executor, day: string) {
  return db.selectFrom('job_runs').selectAll().where('day', '=', day).orderBy('started_at').execute();
}
