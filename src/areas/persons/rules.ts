// Suggested matches of persons (疑似同一人): listings without a resident ID number that share a
// name, sex and birth date with another person's may be the same person. An inspector decides;
// confirming merges the two persons into one, with a reason, audited.
import type { Refusal } from '../../shared/errors.ts';

/** `split`: confirmed once, then found wrong and split back into the two persons (they stay apart). */
export const MATCH_STATUSES = ['suggested', 'confirmed', 'rejected', 'split'] as const;
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
  /** A verified clearance stands on one of the person's listings. */
  cleared: boolean;
}

/**
 * Which person survives a merge and takes the other's listings. A frozen snapshot names persons and
 * its digest covers them, so the person a baseline names survives and no snapshot changes; when
 * both are named, merging would rewrite a frozen baseline, which only a baseline correction may
 * do, so it is refused. Two verified clearances would clear one person twice, and only an inspector's
 * rejection may take a verified clearance back: refused until one is rejected. (Claims not yet
 * verified need no settling first: the merge holds all but one of them as conflicts, see
 * `claimsRegrouped`.) Otherwise the older person (lower id) survives.
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
  if (a.cleared && b.cleared)
    return {
      refusal: {
        code: 'match_both_cleared',
        message: 'each person has a verified clearance: reject the wrong one before merging',
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

/** Where the listings a merge moved stand now: the one person holding each, and what else that person holds. */
export interface MergedListing {
  fugitiveId: number;
  /** The person holding the listing now. */
  personId: number;
  idNumber: string | null;
}

/**
 * What splitting a confirmed match moves back to the absorbed person: the listings the merge moved,
 * and every other listing of their holder with one of their resident ID numbers (one ID number is
 * one person, always). Refused unless the match is confirmed, the merge recorded what it moved, the
 * moved listings are still held by one person (a later split may have regrouped them), and that
 * person keeps a listing of their own.
 */
export function splitPlan(
  status: MatchStatus,
  moved: readonly MergedListing[],
  holderListings: readonly { fugitiveId: number; idNumber: string | null }[],
): { holder: number; listings: number[] } | { refusal: Refusal } {
  if (status !== 'confirmed')
    return {
      refusal: {
        code: 'match_not_merged',
        message: `only a confirmed match can be split (this one is ${status})`,
        params: { status },
      },
    };
  if (moved.length === 0)
    return {
      refusal: {
        code: 'merge_unrecorded',
        message: 'this merge did not record which listings it moved: correct the listings one by one',
      },
    };
  const holders = new Set(moved.map((m) => m.personId));
  if (holders.size !== 1)
    return {
      refusal: {
        code: 'merge_regrouped',
        message: 'the listings this merge moved are no longer held by one person',
      },
    };
  const ids = new Set(moved.map((m) => m.idNumber).filter((n): n is string => n !== null));
  const going = new Set(moved.map((m) => m.fugitiveId));
  for (const l of holderListings) if (l.idNumber !== null && ids.has(l.idNumber)) going.add(l.fugitiveId);
  if (holderListings.every((l) => going.has(l.fugitiveId)))
    return {
      refusal: {
        code: 'split_one_id_number',
        message:
          'the listings share resident ID numbers with every other listing of the person: they are one person',
      },
    };
  return { holder: moved[0]!.personId, listings: [...going].sort((a, b) => a - b) };
}
