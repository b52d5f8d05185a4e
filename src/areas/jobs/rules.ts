// The daily jobs and the days they run on. Pure.
import type { IsoDate } from '../../shared/dates.ts';

/**
 * In the order they run: the baseline freezes at launch first, then the week's review round
 * (Mondays), the audit anchor covering what they wrote, and the digests (which write no audited
 * events) that remind of the new reviews.
 */
export const JOBS = ['freeze', 'reviews', 'anchor', 'digests'] as const;
export type Job = (typeof JOBS)[number];

/** The jobs due on a date: all of them, the review round only on Mondays (a weekly round). */
export function jobsDue(on: IsoDate): Job[] {
  const monday = new Date(`${on}T00:00:00Z`).getUTCDay() === 1;
  return JOBS.filter((job) => job !== 'reviews' || monday);
}

/**
 * How long a run may go unrenewed before it is taken for dead (its process killed, frozen or its
 * machine gone): another process then takes it over and runs the job. The runner renews its run
 * every `HEARTBEAT_MS` while the job runs, so a job may run for as long as it takes.
 */
export const JOB_LEASE_MS = 5 * 60_000;
/** How often a runner renews its run: five times a lease, so a slow write or two does not lose it. */
export const HEARTBEAT_MS = JOB_LEASE_MS / 5;

/** Whether a run, still unfinished at `now`, has gone unrenewed for a whole lease. */
export function leaseExpired(
  run: { started_at: string; renewed_at: string | null; finished_at: string | null },
  now: Date,
): boolean {
  return (
    run.finished_at === null && Date.parse(run.renewed_at ?? run.started_at) + JOB_LEASE_MS <= now.getTime()
  );
}
