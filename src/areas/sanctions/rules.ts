// Sanctions (measure 5): at the deadline and at year end, units below target and zero-result units
// get the campaign's measures, each a tracked item with an owner, a due date and a status.
import { type IsoDate, addDays } from '../../shared/dates.ts';
import type { UnitKind } from '../units/rules.ts';

export const CHECKPOINTS = ['deadline', 'year_end'] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

/**
 * The campaign's measures: review meeting with an analysis of causes, loss of award eligibility
 * (评先评优) for the year, deduction in the year-end assessment, admonishment talk (诫勉谈话) for the
 * unit head, written self-examination to the bureau committee, the unfinished task carried over.
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

const LAGGING: Measure[] = [
  'review_meeting',
  'award_ineligible',
  'assessment_deduction',
  'self_examination',
  'task_carry_over',
];
/** Zero results are worse: the unit head is also called to an admonishment talk. */
const ZERO_RESULT: Measure[] = [...LAGGING.slice(0, 3), 'admonishment_talk', ...LAGGING.slice(3)];

/** Whether a unit is below target at a checkpoint (null when it has no baseline to measure). */
export function isLagging(u: Pick<UnitAtCheckpoint, 'declineRate'>, target: number): boolean | null {
  return u.declineRate === null ? null : u.declineRate < target - 1e-12;
}

/** Persons of the unit's target not yet cleared: the task carried over into next year's campaign. */
export function unfinishedTask(u: Pick<UnitAtCheckpoint, 'baseline' | 'cleared'>, target: number): number {
  return Math.max(0, Math.ceil(u.baseline * target - 1e-9) - u.cleared);
}

/**
 * The sanctions due at a checkpoint. The bureau itself answers to no one here. A unit on target
 * with results gets none; a lagging unit gets the lagging measures; a zero-result station or squad
 * gets them all, the admonishment talk included (zero results also mean lagging).
 * `deductions` are the points each grounds costs in the year-end assessment.
 */
export function sanctionsDue(
  units: readonly UnitAtCheckpoint[],
  terms: { target: number; checkpointOn: IsoDate; yearEndOn: IsoDate },
  deductions: { lagging: number; zeroResult: number },
): DueSanction[] {
  const out: DueSanction[] = [];
  for (const u of units) {
    if (u.kind === 'bureau') continue;
    const grounds: Grounds | null = u.zeroResult
      ? 'zero_result'
      : isLagging(u, terms.target)
        ? 'lagging'
        : null;
    if (!grounds) continue;
    for (const measure of grounds === 'zero_result' ? ZERO_RESULT : LAGGING) {
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
        carriedOver: measure === 'task_carry_over' ? unfinishedTask(u, terms.target) : null,
      });
    }
  }
  return out;
}

/** Why a sanction's status may not change so; null when it may. */
export function transitionRefusal(
  from: SanctionStatus,
  to: SanctionStatus,
  change: { record?: string | null; reason?: string | null },
): string | null {
  if (from !== 'open') return `the sanction is already ${from}`;
  if (to === 'done' && !change.record) return 'record: say what was done (minutes, talk record, reference)';
  if (to === 'waived' && !change.reason) return 'reason: a waiver needs a written reason';
  if (to === 'open') return 'the sanction is already open';
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
): string | null {
  if (HEAD_MEASURES.includes(measure) && !closer.commander && closer.ofTheUnit)
    return `a ${measure.replace('_', ' ')} concerns the unit's head: a commander or a leader above closes it`;
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
