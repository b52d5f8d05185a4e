// Sanctions (measure 5): at the deadline and at year end, every unit below its own target gets all of
// the seed's measures, each a tracked item with an owner, a due date and a status. (During the
// campaign, lagging and zero-result units get review items instead: see the reviews area.)
import { type IsoDate, addDays } from '../../shared/dates.ts';
import type { UnitKind } from '../units/rules.ts';
import type { Problem, Refusal } from '../../shared/errors.ts';

export const CHECKPOINTS = ['deadline', 'year_end'] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

/**
 * The campaign's measures: loss of award eligibility (评先评优) for the year, a major deduction in the
 * year-end assessment, an admonishment talk (诫勉谈话) with the unit's leaders, a written
 * self-examination to the bureau's party committee, the unfinished task carried over.
 * `review_meeting` is no longer given at a checkpoint (reviews are held during the campaign, so
 * the unit can still catch up); it stays for the items tracked before that change.
 */
export const MEASURES = [
  'review_meeting',
  'award_ineligible',
  'assessment_deduction',
  'admonishment_talk',
  'self_examination',
  'task_carry_over',
] as const;
export type Measure = (typeof MEASURES)[number];

export const GROUNDS = ['lagging', 'zero_result'] as const;
export type Grounds = (typeof GROUNDS)[number];

export const SANCTION_STATUSES = ['open', 'done', 'waived'] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];

/** What the sanction rules read of a unit's standing at the checkpoint. */
export interface UnitAtCheckpoint {
  unitId: number;
  kind: UnitKind;
  baseline: number;
  cleared: number;
  declineRate: number | null;
  zeroResult: boolean;
  /** The unit's own target: its letter's, else the campaign's. */
  target: number;
}

export interface DueSanction {
  unitId: number;
  measure: Measure;
  grounds: Grounds;
  deduction: number;
  dueOn: IsoDate;
  /** For a carried-over task: how many persons of the target are still to be cleared. */
  carriedOver: number | null;
}

/** Days after the checkpoint by which each measure must be carried out (year-long ones: year end). */
const DAYS_TO_DO: Record<Measure, number | 'year_end'> = {
  review_meeting: 7,
  self_examination: 15,
  admonishment_talk: 15,
  award_ineligible: 'year_end',
  assessment_deduction: 'year_end',
  task_carry_over: 'year_end',
};

/** The seed's sanctions, all of them, for every unit that has not finished its task. */
const UNFINISHED: Measure[] = [
  'award_ineligible',
  'assessment_deduction',
  'admonishment_talk',
  'self_examination',
  'task_carry_over',
];

/** Whether a unit is below target at a checkpoint (null when it has no baseline to measure). */
export function isLagging(u: Pick<UnitAtCheckpoint, 'declineRate'>, target: number): boolean | null {
  return u.declineRate === null ? null : u.declineRate < target - 1e-12;
}

/** Persons of the unit's target not yet cleared: the task carried over into next year's campaign. */
export function unfinishedTask(u: Pick<UnitAtCheckpoint, 'baseline' | 'cleared'>, target: number): number {
  return Math.max(0, Math.ceil(u.baseline * target - 1e-9) - u.cleared);
}

/**
 * The sanctions due at a checkpoint. The bureau itself answers to no one here. Every other unit
 * below its own target (`u.target`) gets all the measures; the grounds are `zero_result` when it
 * also has no results (the larger deduction), else `lagging`. A unit that reached its target, or
 * has no baseline to measure, gets none, whatever its captures.
 * `deductions` are the points each grounds costs in the year-end assessment.
 */
export function sanctionsDue(
  units: readonly UnitAtCheckpoint[],
  terms: { checkpointOn: IsoDate; yearEndOn: IsoDate },
  deductions: { lagging: number; zeroResult: number },
): DueSanction[] {
  const out: DueSanction[] = [];
  for (const u of units) {
    if (u.kind === 'bureau' || !isLagging(u, u.target)) continue;
    const grounds: Grounds = u.zeroResult ? 'zero_result' : 'lagging';
    for (const measure of UNFINISHED) {
      const days = DAYS_TO_DO[measure];
      const dueOn = days === 'year_end' ? terms.yearEndOn : addDays(terms.checkpointOn, days);
      out.push({
        unitId: u.unitId,
        measure,
        grounds,
        deduction:
          measure === 'assessment_deduction'
            ? grounds === 'zero_result'
              ? deductions.zeroResult
              : deductions.lagging
            : 0,
        dueOn: dueOn < terms.checkpointOn ? terms.checkpointOn : dueOn,
        carriedOver: measure === 'task_carry_over' ? unfinishedTask(u, u.target) : null,
      });
    }
  }
  return out;
}

/**
 * The units whose task is unfinished at the year end and carried over into a follow-on campaign:
 * every unit but the bureau below its own target (units with no baseline have no task).
 */
export function unfinishedUnits<U extends Pick<UnitAtCheckpoint, 'kind' | 'declineRate' | 'target'>>(
  units: readonly U[],
): U[] {
  return units.filter((u) => u.kind !== 'bureau' && isLagging(u, u.target) === true);
}

/** Why a sanction's status may not change so; null when it may. */
export function transitionRefusal(
  from: SanctionStatus,
  to: SanctionStatus,
  change: { record?: string | null; reason?: string | null },
): Problem | null {
  if (from !== 'open' || to === 'open')
    return {
      field: 'status',
      code: 'sanction_closed',
      message: `the sanction is already ${from}`,
      params: { status: from },
    };
  if (to === 'done' && !change.record)
    return {
      field: 'record',
      code: 'record_required',
      message: 'say what was done (minutes, talk record, reference)',
    };
  if (to === 'waived' && !change.reason)
    return { field: 'reason', code: 'waiver_reason_required', message: 'a waiver needs a written reason' };
  return null;
}

/** Measures aimed at the unit's head: the head cannot be the one to mark them done. */
const HEAD_MEASURES: readonly Measure[] = ['admonishment_talk', 'self_examination'];

/**
 * Why this user may not mark this measure done, or null. A talk with the unit head, or the head's
 * written self-examination, is closed by a commander or a leader of a unit above, never by the
 * unit's own leaders.
 */
export function closingRefusal(
  measure: Measure,
  closer: { commander: boolean; ofTheUnit: boolean },
): Refusal | null {
  if (HEAD_MEASURES.includes(measure) && !closer.commander && closer.ofTheUnit)
    return {
      code: 'head_measure',
      message: `a ${measure.replace('_', ' ')} concerns the unit's head: a commander or a leader above closes it`,
      params: { measure },
    };
  return null;
}

/**
 * The sanctions that count in the year-end assessment for one unit: those of the year-end
 * checkpoint once it was evaluated (it supersedes the deadline's), else the deadline's; waived ones
 * never count.
 */
export function countedSanctions<T extends { checkpoint: string; status: string }>(unitSanctions: T[]): T[] {
  const live = unitSanctions.filter((s) => s.status !== 'waived');
  const yearEnd = live.filter((s) => s.checkpoint === 'year_end');
  return yearEnd.length > 0 || unitSanctions.some((s) => s.checkpoint === 'year_end')
    ? yearEnd
    : live.filter((s) => s.checkpoint === 'deadline');
}
