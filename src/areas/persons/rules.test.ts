import { describe, expect, it } from 'vitest';
import { decisionRefusal, mergePlan } from './rules.ts';

const side = (personId: number, inBaseline = false, claimed = false) => ({ personId, inBaseline, claimed });

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

  it('refuses when a claim stands on each person, and not when on one only', () => {
    expect(mergePlan(side(4, false, true), side(9, false, true))).toMatchObject({
      refusal: { code: 'match_both_claimed' },
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
