import type { Executor } from '../../db/connection.ts';
import type { ClaimFact, ListingFact } from './types.ts';

/** Every claim with the units and people the rules look at. */
export async function claimFacts(db: Executor): Promise<ClaimFact[]> {
  const rows = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('units as ku', 'ku.id', 'c.claim_unit_id')
    .leftJoin('units as cu', 'cu.id', 'c.capturing_unit_id')
    .leftJoin('users as d', 'd.username', 'c.decided_by')
    .leftJoin('units as du', 'du.id', 'd.unit_id')
    .select([
      'c.id',
      'c.fugitive_id',
      'f.listing_no',
      'c.kind',
      'c.occurred_on',
      'c.entered_at',
      'c.status',
      'c.provenance',
      'c.evidence_ref',
      'c.claimed_by',
      'c.decided_by',
      'ku.code as claim_unit_code',
      'cu.code as capturing_unit_code',
      'du.code as decider_unit_code',
    ])
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fugitiveId: r.fugitive_id,
    listingNo: r.listing_no,
    kind: r.kind as ClaimFact['kind'],
    occurredOn: r.occurred_on,
    enteredAt: r.entered_at,
    status: r.status as ClaimFact['status'],
    provenance: r.provenance as ClaimFact['provenance'],
    evidenceRef: r.evidence_ref,
    claimedBy: r.claimed_by,
    unitCode: r.claim_unit_code ?? r.capturing_unit_code,
    claimUnitCode: r.claim_unit_code,
    capturingUnitCode: r.capturing_unit_code,
    decidedBy: r.decided_by,
    deciderUnitCode: r.decider_unit_code,
  }));
}

/** Every listing, for finding a person listed again after a clearance. */
export async function listingFacts(db: Executor): Promise<ListingFact[]> {
  const rows = await db
    .selectFrom('fugitives as f')
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .select(['f.id', 'f.listing_no', 'f.name', 'f.birth_date', 'f.id_number', 'f.listed_on', 'u.code'])
    .execute();
  return rows.map((r) => ({
    fugitiveId: r.id,
    listingNo: r.listing_no,
    name: r.name,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    listedOn: r.listed_on,
    listingUnitCode: r.code,
  }));
}
