// Reviews (点评, measure 5 of the seed): during the campaign, every week, lagging units and
// zero-result stations and squads get a review item: a leader analyses the reasons with the unit
// and records a catch-up plan within 7 days, while the unit can still catch up.
import { type IsoDate, addDays } from '../../shared/dates.ts';
import type { UnitStanding } from '../campaigns/rules.ts';
import { weekOf } from '../publicity/rules.ts';
import type { Problem } from '../../shared/errors.ts';

export const REVIEW_GROUNDS = ['lagging', 'zero_result'] as const;
export type ReviewGrounds = (typeof REVIEW_GROUNDS)[number];

export const REVIEW_STATUSES = ['open', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Days the owner has to hold the review and record the catch-up plan. */
export const DAYS_TO_REVIEW = 7;

export interface DueReview {
  code: string;
  grounds: ReviewGrounds;
  declineRate: number | null;
  target: number;
}

/**
 * Whether the campaign is under way on the date, so that reviews can still help the unit catch up:
 * from launch to the deadline.
 */
export function underWay(c: { startOn: IsoDate; deadlineOn: IsoDate }, on: IsoDate): boolean {
  return on >= c.startOn && on <= c.deadlineOn;
}

/**
 * The units the figures send to review: zero-result stations and squads, and units below the
 * straight line to their own target (`onTrack === false`). The bureau itself is reviewed by no one.
 * A zero-result unit is reviewed on those grounds even when it is also lagging.
 */
export function reviewsDue(units: readonly UnitStanding[]): DueReview[] {
  const due: DueReview[] = [];
  for (const u of units) {
    if (u.kind === 'bureau') continue;
    const grounds: ReviewGrounds | null = u.zeroResult
      ? 'zero_result'
      : u.onTrack === false
        ? 'lagging'
        : null;
    if (grounds) due.push({ code: u.code, grounds, declineRate: u.declineRate, target: u.target });
  }
  return due;
}

/** The week a round belongs to (its Monday) and when its reviews are due. */
export function roundDates(asOf: IsoDate): { weekOf: IsoDate; dueOn: IsoDate } {
  return { weekOf: weekOf(asOf), dueOn: addDays(asOf, DAYS_TO_REVIEW) };
}

export interface LeaderMap {
  /** Leaders (user names, in order) who have the unit as a liaison unit (联系点). */
  liaison: ReadonlyMap<number, readonly string[]>;
  /** Leaders (user names, in order) who belong to the unit. */
  members: ReadonlyMap<number, readonly string[]>;
  parentOf: ReadonlyMap<number, number | null>;
}

/**
 * Who owns a unit's review: the leader who has the unit as a liaison unit; else the nearest leader
 * above it (of its parent, else of the grandparent, …); null when there is none. Among several,
 * the first by user name.
 */
export function reviewOwner(unitId: number, leaders: LeaderMap): string | null {
  const liaison = leaders.liaison.get(unitId)?.[0];
  if (liaison) return liaison;
  for (let u = leaders.parentOf.get(unitId) ?? null; u !== null; u = leaders.parentOf.get(u) ?? null) {
    const member = leaders.members.get(u)?.[0];
    if (member) return member;
  }
  return null;
}

/** Why this review may not be closed so, or null: the reasons found and a catch-up plan, both written. */
export function closingProblem(
  status: ReviewStatus,
  input: { reasons: string; catchUpPlan: string },
): Problem | null {
  if (status !== 'open')
    return { field: 'status', code: 'review_closed', message: 'the review is already closed' };
  if (!input.reasons.trim())
    return {
      field: 'reasons',
      code: 'reasons_required',
      message: 'say what reasons were found with the unit',
    };
  if (!input.catchUpPlan.trim())
    return { field: 'catchUpPlan', code: 'catch_up_plan_required', message: 'record the catch-up plan' };
  return null;
}

/** Whether this user may close the review: its owner, or a commander (also when it has no owner). */
export function mayClose(owner: string | null, user: { username: string; commander: boolean }): boolean {
  return user.commander || owner === user.username;
}
