// Pace and forecast: how many persons a unit still has to clear to reach its target, the daily
// pace that takes to the deadline, the pace it has actually kept lately, and when it reaches the
// target if it keeps that pace. Pure; the figures they start from are those of rules.ts.
import { type IsoDate, addDays, daysBetween } from '../../shared/dates.ts';
import type { CampaignTerms, UnitStanding } from './rules.ts';

export interface PaceInput {
  baseline: number;
  target: number;
  /** Cleared as of the as-of date, and as of 7 and 14 days before it. */
  cleared: number;
  clearedWeekAgo: number;
  clearedFortnightAgo: number;
  startOn: IsoDate;
  deadlineOn: IsoDate;
  asOf: IsoDate;
}

export interface Pace {
  /** Persons still to clear to reach the target (0 once reached). */
  remaining: number;
  /** Persons a day needed from the as-of date to the deadline; null when the deadline has passed with some remaining. */
  requiredPerDay: number | null;
  /** Persons cleared a day over the last 7 and 14 days (days before launch do not count); null before launch. */
  last7PerDay: number | null;
  last14PerDay: number | null;
  /**
   * The day the target is reached at the last 7 days' pace: the as-of date once reached, null when
   * that pace is zero ("not at this pace").
   */
  projectedOn: IsoDate | null;
}

/** Persons to clear for `cleared / baseline` to reach `target` (the same comparison as onTrack). */
export function remainingToTarget(baseline: number, target: number, cleared: number): number {
  const needed = Math.ceil(target * baseline - 1e-9);
  return Math.max(0, needed - cleared);
}

/** Cleared a day over a window of `days` ending on the as-of date, cut at launch. */
export function perDay(
  clearedNow: number,
  clearedBefore: number,
  days: number,
  startOn: IsoDate,
  asOf: IsoDate,
): number | null {
  const daysInCampaign = daysBetween(startOn, asOf) + 1;
  if (daysInCampaign <= 0) return null;
  return (clearedNow - clearedBefore) / Math.min(days, daysInCampaign);
}

export function pace(p: PaceInput): Pace {
  const remaining = remainingToTarget(p.baseline, p.target, p.cleared);
  const daysLeft = daysBetween(p.asOf, p.deadlineOn);
  const last7PerDay = perDay(p.cleared, p.clearedWeekAgo, 7, p.startOn, p.asOf);
  const last14PerDay = perDay(p.cleared, p.clearedFortnightAgo, 14, p.startOn, p.asOf);
  let requiredPerDay: number | null;
  if (remaining === 0) requiredPerDay = 0;
  else requiredPerDay = daysLeft > 0 ? remaining / daysLeft : null;
  let projectedOn: IsoDate | null;
  if (remaining === 0) projectedOn = p.asOf;
  else if (last7PerDay === null || last7PerDay <= 0) projectedOn = null;
  else projectedOn = addDays(p.asOf, Math.ceil(remaining / last7PerDay - 1e-9));
  return { remaining, requiredPerDay, last7PerDay, last14PerDay, projectedOn };
}

/** Whether the projected day falls on or before the deadline. */
export function reachesByDeadline(forecast: Pace, deadlineOn: IsoDate): boolean {
  return forecast.projectedOn !== null && forecast.projectedOn <= deadlineOn;
}

/** The dates whose cleared counts the pace compares: the as-of date, 7 and 14 days before. */
export function paceDates(asOf: IsoDate): { weekAgo: IsoDate; fortnightAgo: IsoDate } {
  return { weekAgo: addDays(asOf, -7), fortnightAgo: addDays(asOf, -14) };
}

type Cleared = Pick<UnitStanding, 'code' | 'cleared'>;

/**
 * Each unit's pace, by code, from its standings as of the as-of date and as of 7 and 14 days
 * before (see `paceDates`); each unit is held to its own target.
 */
export function unitPaces(
  now: readonly Pick<UnitStanding, 'code' | 'baseline' | 'cleared' | 'target'>[],
  weekAgo: readonly Cleared[],
  fortnightAgo: readonly Cleared[],
  c: Pick<CampaignTerms, 'startOn' | 'deadlineOn'>,
  asOf: IsoDate,
): Map<string, Pace> {
  const clearedOf = (list: readonly Cleared[]) => new Map(list.map((u) => [u.code, u.cleared]));
  const week = clearedOf(weekAgo);
  const fortnight = clearedOf(fortnightAgo);
  return new Map(
    now.map((u) => [
      u.code,
      pace({
        baseline: u.baseline,
        target: u.target,
        cleared: u.cleared,
        clearedWeekAgo: week.get(u.code) ?? 0,
        clearedFortnightAgo: fortnight.get(u.code) ?? 0,
        startOn: c.startOn,
        deadlineOn: c.deadlineOn,
        asOf,
      }),
    ]),
  );
}

/**
 * The projection line of the trend chart: the decline rate from the as-of date to the deadline if
 * the last 7 days' pace is kept (capped at 100%). Empty when there is nothing to project: no
 * baseline, no pace yet, or the deadline reached.
 */
export function projectionLine(
  u: Pick<UnitStanding, 'baseline' | 'cleared'>,
  p: Pick<Pace, 'last7PerDay'>,
  asOf: IsoDate,
  deadlineOn: IsoDate,
): { date: IsoDate; declineRate: number }[] {
  const days = daysBetween(asOf, deadlineOn);
  if (u.baseline === 0 || p.last7PerDay === null || days <= 0) return [];
  const rateAt = (d: number) => Math.min(1, (u.cleared + p.last7PerDay! * d) / u.baseline);
  return [
    { date: asOf, declineRate: rateAt(0) },
    { date: deadlineOn, declineRate: rateAt(days) },
  ];
}
