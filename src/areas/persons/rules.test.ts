import { describe, expect, it } from 'vitest';
import { decisionRefusal, mergePlan, splitPlan } from './rules.ts';

const side = (personId: number, inBaseline = false, cleared = false) => ({ personId, inBaseline, cleared });

describe('merging two persons of a suggested match', () => {
  it('keeps the older person when no frozen baseline names either', () => {
    expect(mergePlan(side(9), side(4))).toEqual({ survivor: 4, absorbed: 9 });
    expect(mergePlan(side(4), side(9))).toEqual({ survivor: 4, absorbed: 9 });
  });

  it('keeps the person a frozen baseline names, even when younger, so no snapshot changes', () => {
    expect(mergePlan(side(4), side(9, true))).toEqual({ survivor: 9, absorbed: 4 });
    expect(mergePlan(side(9, true), side(4))).toEqual({ survivor: 9, absorbed: 4 });
  });

  it('refuses when both persons are in a frozen baseline', () => {
    expect(mergePlan(side(4, true), side(9, true))).toMatchObject({
      refusal: { code: 'match_in_two_baselines' },
    });
  });

  it('refuses when each person has a verified clearance, and not when one only has', () => {
    expect(mergePlan(side(4, false, true), side(9, false, true))).toMatchObject({
      refusal: { code: 'match_both_cleared' },
    });
    expect(mergePlan(side(4, false, true), side(9))).toEqual({ survivor: 4, absorbed: 9 });
  });
});

describe('deciding a match', () => {
  it('is allowed once, while suggested', () => {
    expect(decisionRefusal('suggested')).toBeNull();
    expect(decisionRefusal('confirmed')).toMatchObject({
      code: 'match_decided',
      params: { status: 'confirmed' },
    });
    expect(decisionRefusal('rejected')).toMatchObject({ code: 'match_decided' });
  });
});

describe('splitting a confirmed merge', () => {
  const moved = (fugitiveId: number, personId: number, idNumber: string | null = null) => ({
    fugitiveId,
    personId,
    idNumber,
  });
  const listing = (fugitiveId: number, idNumber: string | null = null) => ({ fugitiveId, idNumber });

  it('moves back what the merge moved, from the person holding it', () => {
    expect(splitPlan('confirmed', [moved(7, 3)], [listing(3), listing(7)])).toEqual({
      holder: 3,
      listings: [7],
    });
  });

  it('takes along every listing of the holder with an ID number of a moved listing', () => {
    const plan = splitPlan(
      'confirmed',
      [moved(7, 3, 'X')],
      [listing(3), listing(7, 'X'), listing(12, 'X'), listing(15, 'Y')],
    );
    expect(plan).toEqual({ holder: 3, listings: [7, 12] });
  });

  it('refuses a match that is not confirmed, or whose merge recorded nothing', () => {
    expect(splitPlan('suggested', [moved(7, 3)], [listing(3), listing(7)])).toMatchObject({
      refusal: { code: 'match_not_merged', params: { status: 'suggested' } },
    });
    expect(splitPlan('split', [moved(7, 3)], [listing(3), listing(7)])).toMatchObject({
      refusal: { code: 'match_not_merged' },
    });
    expect(splitPlan('confirmed', [], [listing(3)])).toMatchObject({ refusal: { code: 'merge_unrecorded' } });
  });

  it('refuses when the moved listings are held by two persons now', () => {
    expect(splitPlan('confirmed', [moved(7, 3), moved(8, 5)], [])).toMatchObject({
      refusal: { code: 'merge_regrouped' },
    });
  });

  it('refuses when the holder would keep no listing (one ID number throughout)', () => {
    expect(splitPlan('confirmed', [moved(7, 3, 'X')], [listing(3, 'X'), listing(7, 'X')])).toMatchObject({
      refusal: { code: 'split_one_id_number' },
    });
  });
});
