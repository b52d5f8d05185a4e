// Tips taken by staff (measure 4: 群众举报): most leads still come by the hotline, by letter or at
// the front desk. An officer enters them; they follow the same triage as web tips. A tip that led to
// a verified result can be marked for a reward, and the payout to the tipster is recorded.
import type { IsoDate } from '../../shared/dates.ts';
import type { TipChannel } from '../publicity/rules.ts';
import type { Problem, Refusal } from '../../shared/errors.ts';

export const STAFF_CHANNELS = ['telephone', 'letter', 'in_person'] as const satisfies readonly TipChannel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** Why a tip cannot be marked for a reward now, or null. */
export function rewardMarkProblem(tip: { ledToResult: boolean; alreadyMarked: boolean }): Refusal | null {
  if (tip.alreadyMarked) return { code: 'reward_marked', message: 'the tip is already marked for a reward' };
  if (!tip.ledToResult)
    return { code: 'no_result', message: 'only a tip that led to a verified result is rewarded' };
  return null;
}

/** Why the payout cannot be recorded as given, as `[field, message]`, or null. */
export function payoutProblem(
  reward: { marked: boolean; paidOn: IsoDate | null; markedOn: IsoDate | null },
  payout: { paidOn: IsoDate },
  today: IsoDate,
): Problem | null {
  if (!reward.marked)
    return { field: 'paidOn', code: 'reward_not_marked', message: 'mark the tip for a reward first' };
  if (reward.paidOn)
    return {
      field: 'paidOn',
      code: 'reward_paid',
      message: `the reward was already paid on ${reward.paidOn}`,
      params: { date: reward.paidOn },
    };
  if (payout.paidOn > today)
    return {
      field: 'paidOn',
      code: 'in_future',
      message: `is in the future (${payout.paidOn})`,
      params: { value: payout.paidOn },
    };
  if (reward.markedOn && payout.paidOn < reward.markedOn)
    return {
      field: 'paidOn',
      code: 'before_reward',
      message: `is before the reward was granted (${reward.markedOn})`,
      params: { date: reward.markedOn },
    };
  return null;
}
