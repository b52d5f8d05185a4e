// Rectification (整改, measure 6): each problem an inspection finds is an item with an owner unit
// and a deadline; the unit reports what it changed, the inspector accepts it or returns it.
import { type IsoDate, daysBetween } from '../../shared/dates.ts';
import type { Problem, Refusal } from '../../shared/errors.ts';

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
export function reportProblem(status: string): Refusal | null {
  if (status === 'reported')
    return { code: 'report_waiting', message: 'the report already waits for the inspector' };
  if (status === 'accepted') return { code: 'item_accepted', message: 'the item is already accepted' };
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
): Problem | null {
  if (item.status !== 'reported')
    return {
      field: 'decision',
      code: 'item_not_reported',
      message: `the item is ${item.status}: only a reported item is decided`,
      params: { status: item.status },
    };
  if (item.reportedBy === inspector)
    return { field: 'decision', code: 'own_report', message: 'who reported the item cannot decide on it' };
  if (decision.decision === 'return' && !decision.reason?.trim())
    return {
      field: 'reason',
      code: 'return_reason_required',
      message: 'is required: say what is still to change',
    };
  return null;
}
