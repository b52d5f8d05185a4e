import { describe, expect, it } from 'vitest';
import { payoutProblem, rewardMarkProblem } from './rules.ts';

describe('tip rewards', () => {
  it('marks only a tip that led to a verified result, once', () => {
    expect(rewardMarkProblem({ ledToResult: true, alreadyMarked: false })).toBeNull();
    expect(rewardMarkProblem({ ledToResult: false, alreadyMarked: false })?.message).toMatch(
      /verified result/,
    );
    expect(rewardMarkProblem({ ledToResult: true, alreadyMarked: true })?.code).toBe('reward_marked');
  });

  it('records one payout, after the reward was granted and not in the future', () => {
    const marked = { marked: true, paidOn: null, markedOn: '2026-11-20' };
    expect(payoutProblem(marked, { paidOn: '2026-11-25' }, '2026-11-28')).toBeNull();
    expect(payoutProblem({ ...marked, marked: false }, { paidOn: '2026-11-25' }, '2026-11-28')?.code).toBe(
      'reward_not_marked',
    );
    expect(
      payoutProblem({ ...marked, paidOn: '2026-11-21' }, { paidOn: '2026-11-25' }, '2026-11-28')?.code,
    ).toBe('reward_paid');
    expect(payoutProblem(marked, { paidOn: '2026-11-29' }, '2026-11-28')?.code).toBe('in_future');
    expect(payoutProblem(marked, { paidOn: '2026-11-19' }, '2026-11-28')?.code).toBe('before_reward');
  });
});
