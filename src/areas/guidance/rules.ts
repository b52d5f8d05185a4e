// Guidance visits (measure 2: 党委成员指导联系点): a leader visits each liaison unit, finds what
// holds it back, and decides what it does next. The city watches which liaison units go unvisited.
import { type IsoDate, daysBetween } from '../../shared/dates.ts';
import type { Problem } from '../../shared/errors.ts';

/** A liaison unit is flagged when not visited for this many days (a campaign setting). */
export const DEFAULT_VISIT_INTERVAL_DAYS = 14;

export interface LiaisonVisits {
  lastVisitOn: IsoDate | null;
  /** Days since the last visit, or since the launch when never visited in the campaign. */
  daysSince: number;
  overdue: boolean;
}

/**
 * How long a liaison unit has waited for a visit as of `asOf`: counted from its last visit, or
 * from the campaign's launch when it was never visited; overdue once that reaches the interval.
 * Before the launch nothing is overdue.
 */
export function liaisonVisits(
  visitDates: readonly IsoDate[],
  startOn: IsoDate,
  asOf: IsoDate,
  intervalDays: number,
): LiaisonVisits {
  const past = visitDates.filter((d) => d <= asOf).sort();
  const lastVisitOn = past.at(-1) ?? null;
  const from = lastVisitOn && lastVisitOn > startOn ? lastVisitOn : startOn;
  const daysSince = Math.max(0, daysBetween(from, asOf));
  return { lastVisitOn, daysSince, overdue: asOf >= startOn && daysSince >= intervalDays };
}

/** Why a visit cannot be recorded as given, as `[field, message]`, or null. */
export function visitProblem(
  visit: { visitedOn: IsoDate; unitIsLiaison: boolean; tasks: readonly { dueOn: IsoDate }[] },
  today: IsoDate,
  campaign: { baselineOn: IsoDate },
): Problem | null {
  if (!visit.unitIsLiaison)
    return { field: 'unitCode', code: 'not_liaison_unit', message: 'is not one of your liaison units' };
  if (visit.visitedOn > today)
    return {
      field: 'visitedOn',
      code: 'in_future',
      message: `is in the future (${visit.visitedOn})`,
      params: { value: visit.visitedOn },
    };
  if (visit.visitedOn < campaign.baselineOn)
    return {
      field: 'visitedOn',
      code: 'before_campaign',
      message: `is before the campaign (${campaign.baselineOn})`,
      params: { date: campaign.baselineOn },
    };
  const early = visit.tasks.findIndex((t) => t.dueOn < visit.visitedOn);
  if (early >= 0)
    return { field: `tasks.${early}.dueOn`, code: 'due_before_visit', message: 'is before the visit' };
  return null;
}
