// Rectification (整改, measure 6): each problem an inspection finds is an item with an owner unit
// and a deadline; the unit reports what it changed, the inspector accepts it or returns it.
import { type IsoDate, daysBetween } from '../../shared/dates.ts';

export const RECTIFICATION_STATUSES = ['open', 'reported', 'accepted', 'returned'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_DECISIONS = ['accept', 'return'] as const;
export type RectificationDecision = (typeof RECTIFICATION_DECISIONS)[number];

/** Days an item waits past its deadline for the unit's report (0 when not overdue). */
export function daysOverdue(item: { status: string; deadlineOn: IsoDate }, today: IsoDate): number {
  if (item.status !== 'open' && item.status !== 'returned') return 0;
  return Math.max(0, daysBetween(item.deadlineOn, today));
}

/** Why the unit cannot report on the item now, or null. */
export function reportProblem(status: string): string | null {
  if (status === 'reported') return 'the report already waits for the inspector';
  if (status === 'accepted') return 'the item is already accepted';
  return null;
}

/**
 * Why the inspector cannot decide now, or null: only a reported item is decided, not by the one
 * who reported it, and a return says why.
 */
export function decisionProblem(
  item: { status: string; reportedBy: string | null },
  decision: { decision: RectificationDecision; reason?: string },
  inspector: string,
): [string, string] | null {
  if (item.status !== 'reported')
    return ['decision', `the item is ${item.status}: only a reported item is decided`];
  if (item.reportedBy === inspector) return ['decision', 'who reported the item cannot decide on it'];
  if (decision.decision === 'return' && !decision.reason?.trim())
    return ['reason', 'is required: say what is still to change'];
  return null;
}
