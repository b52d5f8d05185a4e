// The daily jobs and the days they run on. Pure.
import type { IsoDate } from '../../shared/dates.ts';

/**
 * In the order they run: the baseline freezes at launch first, the week's review round (Mondays)
 * before the digests that remind of it, and the audit anchor last, so it covers what the others wrote.
 */
export const JOBS = ['freeze', 'reviews', 'digests', 'anchor'] as const;
export type Job = (typeof JOBS)[number];

/** The jobs due on a date: all of them, the review round only on Mondays (a weekly round). */
export function jobsDue(on: IsoDate): Job[] {
  const monday = new Date(`${on}T00:00:00Z`).getUTCDay() === 1;
  return JOBS.filter((job) => job !== 'reviews' || monday);
}
