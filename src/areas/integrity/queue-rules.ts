// The anomaly queue's workflow and the weekly quality sample: pure rules, unit-tested.
import { createHash } from 'node:crypto';
import { addDays, daysBetween } from '../../shared/dates.ts';
import type { Problem } from '../../shared/errors.ts';

export const ANOMALY_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed'] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

/** Where an inspector may take a finding: confirmed and dismissed are final. */
const NEXT: Record<AnomalyStatus, readonly AnomalyStatus[]> = {
  open: ['investigating', 'confirmed', 'dismissed'],
  investigating: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: [],
};

export interface Transition {
  to: AnomalyStatus;
  note: string;
  /** For a confirmation: the claims found false, which are rejected. */
  rejectClaimIds: number[];
}

/** Why this step is not allowed, or null when it is. */
export function transitionRefusal(
  from: AnomalyStatus,
  step: Transition,
  findingClaimIds: number[],
): Problem | null {
  if (!NEXT[from].includes(step.to))
    return {
      field: 'to',
      code: 'finding_step',
      message: `a finding that is ${from} cannot become ${step.to}`,
      params: { from, to: step.to },
    };
  if ((step.to === 'confirmed' || step.to === 'dismissed') && !step.note.trim())
    return {
      field: 'note',
      code: 'finding_note_required',
      message: `is required to mark a finding ${step.to}: say what was found`,
    };
  if (step.to === 'confirmed') {
    if (step.rejectClaimIds.length === 0)
      return {
        field: 'rejectClaimIds',
        code: 'claims_to_reject_required',
        message: 'name the claims found false: they are rejected',
      };
    const foreign = step.rejectClaimIds.filter((id) => !findingClaimIds.includes(id));
    if (foreign.length > 0)
      return {
        field: 'rejectClaimIds',
        code: 'claims_not_in_finding',
        message: `claims ${foreign.join(', ')} are not part of this finding`,
        params: { claims: foreign.join(', ') },
      };
  } else if (step.rejectClaimIds.length > 0) {
    return {
      field: 'rejectClaimIds',
      code: 'reject_only_when_confirmed',
      message: 'claims are rejected only when a finding is confirmed',
    };
  }
  return null;
}

// ——— Quality sampling ———

/** The dates of campaign week `week` (week 0 starts on the launch date). */
export function campaignWeek(startOn: string, week: number): { from: string; to: string } {
  const from = addDays(startOn, week * 7);
  return { from, to: addDays(from, 6) };
}

/** The last whole campaign week before `today` (0 while the first week runs), within the campaign. */
export function lastWholeWeek(startOn: string, deadlineOn: string, today: string): number {
  const lastDay = today <= deadlineOn ? addDays(today, -1) : deadlineOn;
  const whole = Math.floor((daysBetween(startOn, lastDay) + 1) / 7) - 1;
  return Math.max(0, whole);
}

/**
 * Draws `size` of the candidates, reproducibly from the seed: the same seed and candidates always
 * give the same sample, and without the seed (drawn at random when the sample is made) no one can
 * tell in advance which clearances will be re-checked. Returns the chosen ids in ascending order.
 */
export function drawSample(seed: string, candidateIds: number[], size: number): number[] {
  const pool = [...new Set(candidateIds)].sort((a, b) => a - b);
  const next = seededWords(seed);
  const take = Math.min(size, pool.length);
  // A partial Fisher–Yates shuffle: the first `take` places hold a uniform random sample.
  for (let i = 0; i < take; i += 1) {
    const j = i + uniformBelow(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/**
 * 32-bit words from SHA-256 of the whole seed and a counter, so every bit of the seed counts (a
 * generator seeded with a 32-bit number would give only 2³² possible samples).
 */
function seededWords(seed: string): () => number {
  let block = 0;
  let words: number[] = [];
  return () => {
    if (words.length === 0) {
      const digest = createHash('sha256').update(`${block++}:${seed}`).digest();
      words = Array.from({ length: 8 }, (_, k) => digest.readUInt32BE(k * 4));
    }
    return words.pop()!;
  };
}

/** A uniform integer in [0, n) by rejection, without modulo bias. */
function uniformBelow(next: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const w = next();
    if (w < limit) return w % n;
  }
}
