import type { FourOnesTable } from '../../db/tables.ts';
import { frozen } from '../../shared/frozen.ts';
import type { CrimeCategory } from '../registry/rules.ts';
import type { ComplianceFact, CaseFugitive } from './repo.ts';
import {
  type FourOnesRecord,
  dossierOf,
  emptyRecord,
  isPlanApproved,
  missingDossierItems,
  missingOnes,
  teamMembers,
} from './rules.ts';
import type { FourOnesOut, NonCompliantOut } from './schema.ts';

function parsed(json: string | null): unknown {
  try {
    return JSON.parse(json ?? 'null');
  } catch {
    return null;
  }
}

/** The stored columns of a record; all null when a left join found none. */
interface StoredRecord {
  dossier_json: string | null;
  plan_text: string | null;
  plan_approved_by: string | null;
  plan_approved_at: string | null;
  team_json: string | null;
}

/** The record of every fugitive nobody has worked on yet: one, frozen (tens of thousands share it). */
const NO_RECORD = frozen(emptyRecord());

/** The stored record as the rules see it; a fugitive without a row has an empty record. */
export function recordFrom(row: StoredRecord | undefined): FourOnesRecord {
  if (!row || row.dossier_json === null) return NO_RECORD;
  const dossier = parsed(row.dossier_json);
  const team = parsed(row.team_json);
  return {
    dossier: dossierOf(
      typeof dossier === 'object' && dossier !== null ? (dossier as Record<string, unknown>) : {},
    ),
    planText: row.plan_text,
    planApprovedBy: row.plan_approved_by,
    planApprovedAt: row.plan_approved_at,
    team: Array.isArray(team) ? teamMembers(team.filter((m): m is string => typeof m === 'string')) : [],
  };
}

/** The columns that store a record. */
export function recordColumns(
  r: FourOnesRecord,
): Pick<FourOnesTable, 'dossier_json' | 'plan_text' | 'plan_approved_by' | 'plan_approved_at' | 'team_json'> {
  return {
    dossier_json: JSON.stringify(r.dossier),
    plan_text: r.planText,
    plan_approved_by: r.planApprovedBy,
    plan_approved_at: r.planApprovedAt,
    team_json: JSON.stringify(r.team),
  };
}

/** What the audit chain keeps of a record: the four ones as they stood, and the version. */
export function auditedRecord(r: FourOnesRecord, version: number) {
  return { ...r, version };
}

/** What leaves the server about one fugitive's four ones: a whitelist. */
export function presentFourOnes(
  f: CaseFugitive,
  row: FourOnesTable | undefined,
  owner: { username: string; display_name: string } | undefined,
  required: boolean,
): FourOnesOut {
  const r = recordFrom(row);
  const missing = missingOnes(r, owner !== undefined);
  return {
    listingNo: f.listing_no,
    fugitiveName: f.name,
    crimeCategory: f.crime_category as CrimeCategory,
    status: f.exit_on === null ? 'active' : 'cleared',
    required,
    dossier: r.dossier,
    planText: r.planText,
    planApproved: isPlanApproved(r),
    planApprovedBy: r.planApprovedBy,
    planApprovedAt: r.planApprovedAt,
    responsibleLeader: owner ? { username: owner.username, displayName: owner.display_name } : null,
    team: r.team,
    version: row?.version ?? 0,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
    missing,
    missingDossierItems: missingDossierItems(r.dossier),
    complete: missing.length === 0,
  };
}

export function presentNonCompliant(
  f: ComplianceFact,
  r: FourOnesRecord,
  missing: NonCompliantOut['missing'],
) {
  return {
    listingNo: f.listing_no,
    name: f.name,
    crimeCategory: f.crime_category as CrimeCategory,
    unit: { code: f.unit_code, name: f.unit_name },
    missing,
    missingDossierItems: missingDossierItems(r.dossier),
  } satisfies NonCompliantOut;
}
