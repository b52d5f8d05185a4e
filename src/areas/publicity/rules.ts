// Publicity and tips: pure rules (no I/O). The public site, the staff API and the CLI all use these.
import { type IsoDate, addDays, daysBetween } from '../../shared/dates.ts';
import type { Refusal } from '../../shared/errors.ts';

/** Kinds of publicity activity a unit logs (press conference, TV scroll, posters, online posts). */
export const ACTIVITY_KINDS = ['press_conference', 'tv_scroll', 'poster', 'online_post'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A notice version: drafted by a publicity officer, then approved (published) or rejected by a commander. */
export const NOTICE_STATUSES = ['pending', 'published', 'superseded', 'rejected'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** How a tip arrives: the public web form, or by telephone, letter or in person (entered by staff). */
export const TIP_CHANNELS = ['web', 'telephone', 'letter', 'in_person'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

export const TIP_STATUSES = ['new', 'triaged', 'closed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/** How the unit judges a tip at triage. */
export const TRIAGE_LABELS = ['credible', 'needs_info', 'not_credible', 'duplicate'] as const;
export type TriageLabel = (typeof TRIAGE_LABELS)[number];

/** How a tip ended. Only `led_to_clearance` on a person with a verified clearance counts as a result. */
export const TIP_OUTCOMES = ['led_to_clearance', 'no_result', 'not_credible', 'duplicate'] as const;
export type TipOutcome = (typeof TIP_OUTCOMES)[number];

/** Size limits of the public tip form, in characters (enforced on the server, shown in the form). */
export const TIP_LIMITS = {
  seen: 4000,
  where: 500,
  when: 200,
  name: 100,
  phone: 40,
  email: 200,
  answer: 2000,
  listingNo: 40,
} as const;

/** A resident ID number as the public may see it: the first 6 and last 4 characters, the rest hidden. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** The receipt code as a tipster types it: spaces and dashes allowed, exactly 16 digits. */
export function normaliseReceipt(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** 16 digits in groups of four, easier to copy down. */
export function formatReceipt(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Who handles a tip: the unit that listed the named fugitive; the command centre when no one is
 * named, or the person was listed by an outside agency.
 */
export function tipAssignment(listingUnitId: number | null | undefined, commandCentreId: number): number {
  return listingUnitId ?? commandCentreId;
}

/** Contact details are for the officers of the unit the tip is assigned to, nobody else. */
export function mayReadContact(userUnitId: number, assignedUnitId: number): boolean {
  return userUnitId === assignedUnitId;
}

/** A tip counts as a lead to a result when it was closed so and its person has a verified clearance. */
export function ledToClearance(outcome: string | null, fugitiveClearanceVerified: boolean): boolean {
  return outcome === 'led_to_clearance' && fugitiveClearanceVerified;
}

/**
 * Whether the tipster may claim the reward now: the tip led to a verified clearance of a person with
 * a reward offered, not claimed before, and no other tip about that person has claimed it (one
 * recipient per result).
 */
export function rewardClaimProblem(tip: {
  outcome: string | null;
  cleared: boolean;
  reward: number | null;
  claimedAt: string | null;
  otherClaimed: boolean;
}): Refusal | null {
  if (!tip.reward) return { code: 'no_reward_offered', message: 'no reward is offered for this person' };
  if (tip.claimedAt)
    return { code: 'reward_claimed', message: 'the reward has already been claimed with this receipt' };
  if (!ledToClearance(tip.outcome, tip.cleared))
    return { code: 'no_result', message: 'this tip has not (yet) led to a verified result' };
  if (tip.otherClaimed)
    return {
      code: 'reward_claimed_by_other',
      message: 'the reward for this person has already been claimed',
    };
  return null;
}

/** What the tipster sees of their tip's state, without anything about the investigation. */
export type PublicTipState = 'received' | 'in_progress' | 'question' | 'closed';

export function publicTipState(status: string, lastMessageAuthor: string | null): PublicTipState {
  if (status === 'closed') return 'closed';
  if (lastMessageAuthor === 'officer') return 'question';
  return status === 'new' ? 'received' : 'in_progress';
}

/** The Monday of the week an ISO date falls in. */
export function weekOf(date: IsoDate): IsoDate {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

export interface WeekPoint {
  /** Monday of the week. */
  week: IsoDate;
  surrenders: number;
  /** Publicity activities logged that week. */
  activities: number;
  /** Posters put up that week (the quantity of poster activities). */
  posters: number;
  /** Days of the week within the range: under 7 for a partial first or last week, not comparable. */
  days: number;
}

/**
 * Surrenders per week against publicity per week, from `from` to `to` (whole weeks, Monday first),
 * for the publicity chart: does a press conference or a wave of posters bring people in?
 */
export function weeklySeries(
  from: IsoDate,
  to: IsoDate,
  surrenders: readonly IsoDate[],
  activities: readonly { heldOn: IsoDate; kind: string; quantity: number | null }[],
): WeekPoint[] {
  const points = new Map<IsoDate, WeekPoint>();
  const first = weekOf(from);
  for (let week = first; daysBetween(week, to) >= 0; week = addDays(week, 7)) {
    const start = week < from ? from : week;
    const end = addDays(week, 6) > to ? to : addDays(week, 6);
    points.set(week, { week, surrenders: 0, activities: 0, posters: 0, days: daysBetween(start, end) + 1 });
  }
  for (const on of surrenders) {
    const point = points.get(weekOf(on));
    if (point && on >= from && on <= to) point.surrenders += 1;
  }
  for (const a of activities) {
    const point = points.get(weekOf(a.heldOn));
    if (!point || a.heldOn < from || a.heldOn > to) continue;
    point.activities += 1;
    if (a.kind === 'poster') point.posters += a.quantity ?? 0;
  }
  return [...points.values()];
}
