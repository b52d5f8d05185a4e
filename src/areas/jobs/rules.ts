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
