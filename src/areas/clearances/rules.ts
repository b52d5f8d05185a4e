import type { Problem, Refusal } from '../../shared/errors.ts';

export const CLEARANCE_KINDS = ['arrest', 'surrender', 'death', 'cancellation'] as const;
export type ClearanceKind = (typeof CLEARANCE_KINDS)[number];

/** 到案方式 as bureaus write them; the first label of each kind is the one templates offer. */
export const CLEARANCE_KIND_LABELS: Readonly<Record<string, ClearanceKind>> = {
  抓获: 'arrest',
  投案自首: 'surrender',
  投案: 'surrender',
  自首: 'surrender',
  死亡: 'death',
  撤销: 'cancellation',
};

export const CLEARANCE_STATUSES = [
  'pending',
  'approved',
  'verified',
  'rejected',
  'conflict',
  'superseded',
] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

/**
 * A standing claim holds the person: at most one stands at a time (the database enforces it).
 * Any further claim on the same person is held as a conflict for an inspector, never counted.
 */
export const STANDING_STATUSES = [
  'pending',
  'approved',
  'verified',
] as const satisfies readonly ClearanceStatus[];

/** The most claims verified with one confirmation: a page of the verification queue. */
export const BULK_VERIFY_MAX = 50;

export function isStanding(status: string): boolean {
  return (STANDING_STATUSES as readonly string[]).includes(status);
}

/** Arrests and surrenders are captures: someone of ours (or outside) actually took the person. */
export function isCapture(kind: string): boolean {
  return kind === 'arrest' || kind === 'surrender';
}

/**
 * Kinds a second person (a leader, not the claimant) must approve before an inspector verifies
 * them: a withdrawn warrant and a death both take a person off the list without anyone catching them.
 */
export function needsSecondApprover(kind: string): boolean {
  return kind === 'cancellation' || kind === 'death';
}

/**
 * The unit a claim belongs to in every rule about a unit's claims. A cancellation belongs to the
 * unit that listed the person, whatever route it arrived by (entered, or imported with no capturing
 * unit); any other claim to the claimant's unit, else (imported history) the capturing unit.
 */
export function answeringUnit<T>(
  kind: string,
  units: { claim: T | null; capturing: T | null; listing: T | null },
): T | null {
  return kind === 'cancellation' ? units.listing : (units.claim ?? units.capturing);
}

/** Why a warrant may be withdrawn. A cancellation is never a capture. */
export const CANCELLATION_REASONS = [
  'warrant_withdrawn',
  'no_prosecution',
  'duplicate_listing',
  'limitation_expired',
  'listing_error',
  'other',
] as const;

/**
 * An imported cancellation's reason, as the claim form records it: a reason code as written
 * (`warrant_withdrawn`), or any other text as the explanation of the reason "other".
 */
export function importedReason(text: string | null): {
  reasonCode: string | null;
  reasonText: string | null;
} {
  if (!text) return { reasonCode: null, reasonText: null };
  return (CANCELLATION_REASONS as readonly string[]).includes(text)
    ? { reasonCode: text, reasonText: null }
    : { reasonCode: 'other', reasonText: text };
}

export interface ClaimDraft {
  kind: ClearanceKind;
  occurredOn: string;
  evidenceRef: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  persuadingUnitId: number | null;
  capturingUnitId: number | null;
  capturingAgency: string | null;
}

export type FieldProblem = Problem;

/** What is wrong with a new claim, field by field (empty when it may be filed). */
export function claimProblems(claim: ClaimDraft, listedOn: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (claim.occurredOn > today)
    problems.push({
      field: 'occurredOn',
      code: 'in_future',
      message: `is in the future (${claim.occurredOn})`,
      params: { value: claim.occurredOn },
    });
  if (claim.occurredOn < listedOn)
    problems.push({
      field: 'occurredOn',
      code: 'before_listing',
      message: `is before the listing date ${listedOn}`,
      params: { date: listedOn },
    });
  if (isCapture(claim.kind)) {
    if (!claim.evidenceRef)
      problems.push({
        field: 'evidenceRef',
        code: 'detention_notice_required',
        message: `is required for ${claim.kind}: the detention notice number`,
      });
    if (claim.capturingUnitId === null && !claim.capturingAgency)
      problems.push({
        field: 'capturingUnit',
        code: 'capturing_unit_required',
        message: `is required for ${claim.kind}`,
      });
  }
  if (claim.kind === 'death' && !claim.evidenceRef)
    problems.push({
      field: 'evidenceRef',
      code: 'death_record_required',
      message: "is required for a death: the death record's number",
    });
  if (claim.kind === 'cancellation' && !claim.reasonCode)
    problems.push({
      field: 'reasonCode',
      code: 'reason_required',
      message: 'is required for a cancellation',
    });
  if (claim.reasonCode === 'other' && !claim.reasonText)
    problems.push({
      field: 'reasonText',
      code: 'reason_text_required',
      message: 'is required when the reason is "other"',
    });
  if (claim.persuadingUnitId !== null && claim.kind !== 'surrender')
    problems.push({
      field: 'persuadingUnit',
      code: 'only_for_surrenders',
      message: 'is only for surrenders',
    });
  return problems;
}

export interface ClaimState {
  kind: string;
  status: string;
  claimedBy: string;
  claimUnitId: number | null;
  approvedBy: string | null;
}

export interface Decider {
  username: string;
  unitId: number;
}

/**
 * Why this inspector may not decide (verify or reject) this claim at all, or null when they are
 * independent of it. Applies to every claim, entered or imported.
 */
export function independenceRefusal(
  claim: ClaimState,
  inspector: Decider,
  /** The inspector's unit is a unit the claim credits or concerns, or above or below one of them. */
  inspectorInvolved: boolean,
): Refusal | null {
  if (claim.claimedBy === inspector.username)
    return { code: 'own_claim', message: 'the claimant cannot decide their own claim' };
  if (claim.claimUnitId === inspector.unitId || inspectorInvolved)
    return {
      code: 'not_independent',
      message:
        "an inspector of the claimant's unit, of a unit the claim credits, of the listing unit, or above or below them cannot decide it",
    };
  return null;
}

/** The units a claim credits or concerns: whoever claimed, captured, persuaded, or listed the person. */
export function unitsOfClaim(claim: {
  claim_unit_id: number | null;
  capturing_unit_id: number | null;
  persuading_unit_id: number | null;
  listing_unit_id: number | null;
}): (number | null)[] {
  return [claim.claim_unit_id, claim.capturing_unit_id, claim.persuading_unit_id, claim.listing_unit_id];
}

/** Why an independent inspector may not verify this claim now, or null when they may. */
export function verificationRefusal(
  claim: ClaimState,
  inspector: Decider,
  anotherStands: boolean,
): Refusal | null {
  if (needsSecondApprover(claim.kind) && claim.approvedBy === null)
    return {
      code: 'needs_second_approver',
      message: `a ${claim.kind} needs a second approver (a leader) before it is verified`,
      params: { kind: claim.kind },
    };
  if (claim.approvedBy === inspector.username)
    return { code: 'approver_cannot_verify', message: 'the second approver cannot also verify the claim' };
  if (claim.status === 'conflict' && anotherStands)
    return {
      code: 'another_claim_stands',
      message: 'another claim on this person stands: reject it before verifying this one',
    };
  if (!['pending', 'approved', 'conflict'].includes(claim.status)) return alreadyDecided(claim.status);
  return null;
}

/** Why this leader may not approve this cancellation or death now, or null when they may. */
export function approvalRefusal(claim: ClaimState, leader: Decider): Refusal | null {
  if (!needsSecondApprover(claim.kind))
    return { code: 'no_second_approver', message: 'only cancellations and deaths need a second approver' };
  if (claim.claimedBy === leader.username)
    return { code: 'own_claim_approval', message: 'the claimant cannot be the second approver' };
  if (claim.status !== 'pending' && claim.status !== 'conflict') return alreadyDecided(claim.status);
  if (claim.approvedBy !== null)
    return {
      code: 'already_approved_claim',
      message: `the ${claim.kind} is already approved`,
      params: { kind: claim.kind },
    };
  return null;
}

/** A claim past the decision asked for: verified, rejected or superseded already. */
export function alreadyDecided(status: string): Refusal {
  return { code: 'claim_decided', message: `the claim is already ${status}`, params: { status } };
}

/** Claims that can still be replaced by a corrected one. */
export function canCorrect(status: string): boolean {
  return ['pending', 'approved', 'verified', 'conflict'].includes(status);
}

/** Claims an inspector can still turn down (verified ones too, when found false). */
export function canReject(status: string): boolean {
  return ['pending', 'approved', 'conflict', 'verified'].includes(status);
}

/** A live claim on a person (standing or held as a conflict), as regrouping reads it. */
export interface LiveClaim {
  id: number;
  personId: number;
  status: string;
  approvedBy: string | null;
}

const STANDING_ORDER: Record<string, number> = { verified: 0, approved: 1, pending: 2 };

/**
 * The status changes that restore "one standing claim per person, any other held as a conflict"
 * after listings change persons (a merge or a split). Of several standing claims on one person,
 * the verified one stands (else the approved, else the pending one, earliest filed first) and the
 * others are held as conflicts; a person with conflicts but no standing claim gets the earliest
 * back as standing (pending, or approved when a second approver already approved it).
 */
export function claimsRegrouped(claims: readonly LiveClaim[]): { id: number; from: string; to: string }[] {
  const byPerson = new Map<number, LiveClaim[]>();
  for (const c of claims) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  const changes: { id: number; from: string; to: string }[] = [];
  for (const own of byPerson.values()) {
    const standing = own
      .filter((c) => isStanding(c.status))
      .sort((a, b) => STANDING_ORDER[a.status]! - STANDING_ORDER[b.status]! || a.id - b.id);
    // A verified claim is taken back only by an inspector's rejection (a merge of two persons each
    // with one is refused), so it is never held as a conflict here.
    for (const c of standing.slice(1))
      if (c.status !== 'verified') changes.push({ id: c.id, from: c.status, to: 'conflict' });
    if (standing.length > 0) continue;
    const first = own.filter((c) => c.status === 'conflict').sort((a, b) => a.id - b.id)[0];
    if (first)
      changes.push({
        id: first.id,
        from: 'conflict',
        to: first.approvedBy === null ? 'pending' : 'approved',
      });
  }
  return changes;
}
