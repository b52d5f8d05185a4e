import { describe, expect, it } from 'vitest';
import {
  type UnitAtCheckpoint,
  sanctionsDue,
  transitionRefusal,
  unfinishedTask,
  closingRefusal,
  countedSanctions,
} from './rules.ts';

const terms = { checkpointOn: '2011-12-20', yearEndOn: '2011-12-31' };
const deductions = { lagging: 5, zeroResult: 10 };
const unit = (over: Partial<UnitAtCheckpoint>): UnitAtCheckpoint => ({
  unitId: 1,
  kind: 'station',
  baseline: 10,
  cleared: 5,
  declineRate: 0.5,
  zeroResult: false,
  target: 0.5,
  ...over,
});

const ALL_MEASURES = [
  'award_ineligible',
  'assessment_deduction',
  'admonishment_talk',
  'self_examination',
  'task_carry_over',
];

describe('the sanction list at a checkpoint', () => {
  it('gives a unit at or above its own target none, exactly on target included', () => {
    expect(sanctionsDue([unit({ cleared: 5, declineRate: 0.5 })], terms, deductions)).toEqual([]);
    expect(sanctionsDue([unit({ cleared: 8, declineRate: 0.8 })], terms, deductions)).toEqual([]);
  });

  // Changed with issue 11: the seed gives every unit that has not finished its task ALL the
  // sanctions (the admonishment talk was only for zero-result units), and the review meeting is
  // no longer a checkpoint sanction: reviews are held during the campaign (see the reviews area).
  it('gives a unit below its target loss of eligibility, deduction, talk, self-examination and carry-over', () => {
    const due = sanctionsDue([unit({ unitId: 7, cleared: 3, declineRate: 0.3 })], terms, deductions);
    expect(due).toEqual([
      {
        unitId: 7,
        measure: 'award_ineligible',
        grounds: 'lagging',
        deduction: 0,
        dueOn: '2011-12-31',
        carriedOver: null,
      },
      {
        unitId: 7,
        measure: 'assessment_deduction',
        grounds: 'lagging',
        deduction: 5,
        dueOn: '2011-12-31',
        carriedOver: null,
      },
      {
        unitId: 7,
        measure: 'admonishment_talk',
        grounds: 'lagging',
        deduction: 0,
        dueOn: '2012-01-04',
        carriedOver: null,
      },
      {
        unitId: 7,
        measure: 'self_examination',
        grounds: 'lagging',
        deduction: 0,
        dueOn: '2012-01-04',
        carriedOver: null,
      },
      {
        unitId: 7,
        measure: 'task_carry_over',
        grounds: 'lagging',
        deduction: 0,
        dueOn: '2011-12-31',
        carriedOver: 2,
      },
    ]);
  });

  it("judges each unit against its own letter's target, above and below the campaign's", () => {
    // Signed for 90%: at 69% it has not finished its task, though the campaign asks only 50%.
    const above = sanctionsDue([unit({ cleared: 7, declineRate: 0.69, target: 0.9 })], terms, deductions);
    expect(above.map((s) => s.measure)).toEqual(ALL_MEASURES);
    expect(above.find((s) => s.measure === 'task_carry_over')?.carriedOver).toBe(2); // 9 of 10, 7 done
    // Signed (by a commander's leave) for 30%: at 40% it has finished, though below the campaign's 50%.
    expect(sanctionsDue([unit({ cleared: 4, declineRate: 0.4, target: 0.3 })], terms, deductions)).toEqual(
      [],
    );
  });

  it('gives a zero-result station below target the same measures with the larger deduction', () => {
    const due = sanctionsDue(
      [unit({ unitId: 9, cleared: 0, declineRate: 0, zeroResult: true })],
      terms,
      deductions,
    );
    expect(due.map((s) => s.measure)).toEqual(ALL_MEASURES);
    expect(due.every((s) => s.grounds === 'zero_result')).toBe(true);
    expect(due.find((s) => s.measure === 'assessment_deduction')?.deduction).toBe(10);
    expect(due.find((s) => s.measure === 'task_carry_over')?.carriedOver).toBe(5);
  });

  // Changed with issue 11: a zero-result unit with no baseline had all sanctions; it has no task to
  // finish, so none now (zero results are taken up by the weekly reviews during the campaign).
  it('sanctions no unit without a baseline to measure, zero results or not', () => {
    expect(
      sanctionsDue(
        [unit({ baseline: 0, cleared: 0, declineRate: null, zeroResult: true })],
        terms,
        deductions,
      ),
    ).toEqual([]);
    expect(sanctionsDue([unit({ baseline: 0, cleared: 0, declineRate: null })], terms, deductions)).toEqual(
      [],
    );
  });

  it('spares the bureau itself, and lists several units in the order given', () => {
    const due = sanctionsDue(
      [
        unit({ unitId: 1, kind: 'bureau', declineRate: 0.1 }),
        unit({ unitId: 2, kind: 'sub_bureau', declineRate: 0.2, cleared: 2 }),
        unit({ unitId: 3, declineRate: 0.9, cleared: 9 }),
        unit({ unitId: 4, declineRate: 0, cleared: 0, zeroResult: true }),
      ],
      terms,
      deductions,
    );
    expect([...new Set(due.map((s) => s.unitId))]).toEqual([2, 4]);
    expect(due.filter((s) => s.unitId === 2)).toHaveLength(5);
  });

  it('keeps year-end items due at year end when the checkpoint is the year end itself', () => {
    const due = sanctionsDue(
      [unit({ declineRate: 0.1, cleared: 1 })],
      { ...terms, checkpointOn: '2011-12-31' },
      deductions,
    );
    expect(due.find((s) => s.measure === 'award_ineligible')?.dueOn).toBe('2011-12-31');
    expect(due.find((s) => s.measure === 'admonishment_talk')?.dueOn).toBe('2012-01-15');
  });
});

describe('unfinishedTask', () => {
  it('rounds the target up to whole persons', () => {
    expect(unfinishedTask({ baseline: 7, cleared: 2 }, 0.5)).toBe(2); // 3.5 → 4 persons, 2 done
    expect(unfinishedTask({ baseline: 7, cleared: 5 }, 0.5)).toBe(0);
  });
});

describe('transitionRefusal', () => {
  it('needs a record to close and a reason to waive, and never reopens', () => {
    expect(transitionRefusal('open', 'done', { record: '会议纪要 2011-12-26' })).toBeNull();
    expect(transitionRefusal('open', 'done', {})?.message).toMatch(/record/);
    expect(transitionRefusal('open', 'waived', { reason: '' })?.message).toMatch(/reason/);
    expect(transitionRefusal('open', 'waived', { reason: '因公牺牲民警所在单位' })).toBeNull();
    expect(transitionRefusal('waived', 'done', { record: 'x' })?.message).toMatch(/already waived/);
  });
});

describe('who closes what, and what counts at year end', () => {
  it("keeps a unit's own leaders from closing the talk with, or the self-examination of, their head", () => {
    const own = { commander: false, ofTheUnit: true };
    expect(closingRefusal('admonishment_talk', own)?.message).toContain("unit's head");
    expect(closingRefusal('self_examination', own)?.message).toContain("unit's head");
    expect(closingRefusal('review_meeting', own)).toBeNull();
    expect(closingRefusal('admonishment_talk', { commander: false, ofTheUnit: false })).toBeNull();
    expect(closingRefusal('admonishment_talk', { commander: true, ofTheUnit: true })).toBeNull();
  });

  it('counts the year-end checkpoint instead of the deadline once evaluated, and never a waived item', () => {
    const deadline = { checkpoint: 'deadline', status: 'open', deduction: 5 };
    const yearEnd = { checkpoint: 'year_end', status: 'done', deduction: 5 };
    expect(countedSanctions([deadline])).toEqual([deadline]);
    expect(countedSanctions([deadline, yearEnd])).toEqual([yearEnd]);
    expect(countedSanctions([deadline, { ...yearEnd, status: 'waived' }])).toEqual([]);
    expect(countedSanctions([{ ...deadline, status: 'waived' }])).toEqual([]);
  });
});
