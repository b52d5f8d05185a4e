// Tips taken by staff (measure 4: 群众举报): most leads still come by the hotline, by letter or at
// the front desk. An officer enters them; they follow the same triage as web tips. A tip that led to
// a verified result can be marked for a reward, and the payout to the tipster is recorded.
import type { IsoDate } from '../../shared/dates.ts';
import type { TipChannel } from '../publicity/rules.ts';

export const STAFF_CHANNELS = ['telephone', 'letter', 'in_person'] as const satisfies readonly TipChannel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** Why a tip cannot be marked for a reward now, or null. */
export function rewardMarkProblem(tip: { ledToResult: boolean; alreadyMarked: boolean }): string | null {
  if (tip.alreadyMarked) return 'the tip is already marked for a reward';
  if (!tip.ledToResult) return 'only a tip that led to a verified result is rewarded';
  return null;
}

/** Why the payout cannot be recorded as given, as `[field, message]`, or null. */
export function payoutProblem(
  reward: { marked: boolean; paidOn: IsoDate | null; markedOn: IsoDate | null },
  payout: { paidOn: IsoDate },
  today: IsoDate,
): [string, string] | null {
  if (!reward.marked) return ['paidOn', 'mark the tip for a reward first'];
  if (reward.paidOn) return ['paidOn', `the reward was already paid on ${reward.paidOn}`];
  if (payout.paidOn > today) return ['paidOn', `is in the future (${payout.paidOn})`];
  if (reward.markedOn && payout.paidOn < reward.markedOn)
    return ['paidOn', `is before the reward was granted (${reward.markedOn})`];
  return null;
}
