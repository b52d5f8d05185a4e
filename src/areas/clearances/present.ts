import type { ClaimOfficerRow, ClaimRow } from './repo.ts';
import { answeringUnit } from './rules.ts';
import type { ClaimOut, OfficerRefOut } from './schema.ts';

const unit = (code: string | null, name: string | null) =>
  code === null ? null : { code, name: name ?? '' };

/** An officer a claim names: the account's login and current name, or the name given. */
export function presentOfficer(o: ClaimOfficerRow): OfficerRefOut {
  return { username: o.username ?? null, name: o.display_name ?? o.name };
}

/** The officers of each claim, by claim id. */
export function officersByClaim(rows: readonly ClaimOfficerRow[]): Map<number, ClaimOfficerRow[]> {
  const out = new Map<number, ClaimOfficerRow[]>();
  for (const r of rows) {
    const list = out.get(r.clearance_id);
    if (list) list.push(r);
    else out.set(r.clearance_id, [r]);
  }
  return out;
}

/**
 * A claim's officers by role, each as `show` gives it: the capturing (or receiving) officers in
 * order, and the officer who persuaded (null when none).
 */
export function officersByRole<T>(
  officers: readonly ClaimOfficerRow[],
  show: (o: ClaimOfficerRow) => T,
): { capturingOfficers: T[]; persuadingOfficer: T | null } {
  const persuader = officers.find((o) => o.role === 'persuasion');
  return {
    capturingOfficers: officers.filter((o) => o.role === 'capture').map(show),
    persuadingOfficer: persuader ? show(persuader) : null,
  };
}

/**
 * What leaves the server about a claim: a whitelist, so a new column never leaks by accident.
 * `officers`: the officers the claim names (repo.officersOfClaims).
 */
export function presentClaim(c: ClaimRow, officers: readonly ClaimOfficerRow[]): ClaimOut {
  return {
    id: c.id,
    listingNo: c.listing_no,
    fugitiveName: c.fugitive_name,
    kind: c.kind as ClaimOut['kind'],
    occurredOn: c.occurred_on,
    capturingUnit: unit(c.capturing_code, c.capturing_name),
    capturingAgency: c.capturing_agency,
    persuadingUnit: unit(c.persuading_code, c.persuading_name),
    // The claimant's unit. A claim that came with the history (an import names no claimant) shows
    // the unit it answers to by the rules (the listing unit for a cancellation, else the capturing
    // unit), and the listing unit where none of ours captured (a death, an outside agency's arrest).
    claimUnit:
      unit(c.claim_unit_code, c.claim_unit_name) ??
      answeringUnit(c.kind, {
        claim: null,
        capturing: unit(c.capturing_code, c.capturing_name),
        listing: unit(c.listing_unit_code, c.listing_unit_name),
      }) ??
      unit(c.listing_unit_code, c.listing_unit_name),
    place: c.place,
    evidenceRef: c.evidence_ref,
    status: c.status as ClaimOut['status'],
    provenance: c.provenance,
    claimedBy: c.claimed_by,
    claimedByName: c.claimed_by_name,
    enteredAt: c.entered_at,
    reasonCode: c.reason_code,
    reasonText: c.reason_text,
    approvedBy: c.approved_by,
    approvedByName: c.approved_by_name,
    approvedAt: c.approved_at,
    decidedBy: c.decided_by,
    decidedByName: c.decided_by_name,
    decidedAt: c.decided_at,
    decisionReason: c.decision_reason,
    supersedesId: c.supersedes_id,
    ...officersByRole(
      officers.filter((o) => o.clearance_id === c.id),
      presentOfficer,
    ),
  };
}
