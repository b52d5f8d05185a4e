// Suggested matches of persons (疑似同一人): listings without a resident ID number that share a
// name, sex and birth date with another person's may be the same person. An inspector decides;
// confirming merges the two persons into one, with a reason, audited.
import type { Refusal } from '../../shared/errors.ts';

export const MATCH_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** A match is decided once: confirmed or rejected, it stays so (a wrong merge is a split, not an undo). */
export function decisionRefusal(status: MatchStatus): Refusal | null {
  return status === 'suggested'
    ? null
    : { code: 'match_decided', message: `this match was already ${status}`, params: { status } };
}

/** What decides how two persons merge: whether a frozen baseline names them, whether a claim stands. */
export interface MergeSide {
  personId: number;
  /** The person is in some campaign's frozen baseline snapshot. */
  inBaseline: boolean;
  /** A claim (pending, approved or verified) stands on one of the person's listings. */
  claimed: boolean;
}

/**
 * Which person survives a merge and takes the other's listings. A frozen snapshot names persons and
 * its digest covers them, so the person a baseline names survives and no snapshot changes; when
 * both are named, merging would rewrite a frozen baseline, which only a baseline correction may
 * do, so it is refused. Two standing claims would make one person cleared twice: refused until one
 * is settled. Otherwise the older person (lower id) survives.
 */
export function mergePlan(
  a: MergeSide,
  b: MergeSide,
): { survivor: number; absorbed: number } | { refusal: Refusal } {
  if (a.inBaseline && b.inBaseline)
    return {
      refusal: {
        code: 'match_in_two_baselines',
        message: 'both persons are in a frozen baseline: merging them would change it',
      },
    };
  if (a.claimed && b.claimed)
    return {
      refusal: {
        code: 'match_both_claimed',
        message: 'a claim stands on each person: settle one of them before merging',
      },
    };
  const [survivor, absorbed] =
    a.inBaseline !== b.inBaseline
      ? a.inBaseline
        ? [a, b]
        : [b, a]
      : a.personId < b.personId
        ? [a, b]
        : [b, a];
  return { survivor: survivor.personId, absorbed: absorbed.personId };
}
