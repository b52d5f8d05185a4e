import type { ClearanceKind, ClearanceStatus } from '../clearances/rules.ts';
import type { CrimeCategory } from '../registry/rules.ts';
import type { OwnedCaseRow, UserWithUnit } from './repo.ts';
import { caseStatus } from './rules.ts';
import type { OwnedCase } from './schema.ts';

const unit = (code: string | null, name: string | null) =>
  code === null ? null : { code, name: name ?? '' };

/** What leaves the server about a leader: never the password hash or the roles string as stored. */
export function presentLeader(u: UserWithUnit) {
  return {
    username: u.username,
    displayName: u.display_name,
    unit: { code: u.unit_code, name: u.unit_name },
    disabled: u.disabled === 1,
  };
}

export function presentOwnedCase(
  c: OwnedCaseRow,
  latestClaim: { id: number; kind: string; status: string; occurred_on: string } | null,
): OwnedCase {
  return {
    listingNo: c.listing_no,
    name: c.name,
    crimeCategory: c.crime_category as CrimeCategory,
    listingUnit: unit(c.listing_code, c.listing_name),
    listingAgency: c.listing_agency,
    listedOn: c.listed_on,
    status: caseStatus(c.exit_on),
    exit:
      c.exit_on === null
        ? null
        : { on: c.exit_on, kind: c.exit_kind as ClearanceKind, unit: unit(c.exit_code, c.exit_name) },
    latestClaim: latestClaim && {
      id: latestClaim.id,
      kind: latestClaim.kind as ClearanceKind,
      status: latestClaim.status as ClearanceStatus,
      occurredOn: latestClaim.occurred_on,
    },
    assignedBy: c.assigned_by,
    assignedAt: c.assigned_at,
  };
}
