import type { ClaimRow } from './repo.ts';
import type { ClaimOut } from './schema.ts';

const unit = (code: string | null, name: string | null) =>
  code === null ? null : { code, name: name ?? '' };

/** What leaves the server about a claim: a whitelist, so a new column never leaks by accident. */
export function presentClaim(c: ClaimRow): ClaimOut {
  return {
    id: c.id,
    listingNo: c.listing_no,
    fugitiveName: c.fugitive_name,
    kind: c.kind as ClaimOut['kind'],
    occurredOn: c.occurred_on,
    capturingUnit: unit(c.capturing_code, c.capturing_name),
    capturingAgency: c.capturing_agency,
    persuadingUnit: unit(c.persuading_code, c.persuading_name),
    claimUnit: unit(c.claim_unit_code, c.claim_unit_name),
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
    capturingOfficers: c.capturing_officers ? (JSON.parse(c.capturing_officers) as string[]) : [],
    persuadingOfficer: c.persuading_officer,
  };
}
