import type { Executor } from '../../db/connection.ts';
import { keptByVersion } from '../../db/kept-by-version.ts';
import type { CampaignRow, FourOnesTable, UnitRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import {
  ConflictError,
  conflictOf,
  DomainError,
  ForbiddenError,
  NotFoundError,
} from '../../shared/errors.ts';
import { frozen } from '../../shared/frozen.ts';
import { inScope, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import * as campaigns from '../campaigns/repo.ts';
import { findCampaign } from '../campaigns/service.ts';
import { unitNodes } from '../campaigns/figures.ts';
import { CRIME_CATEGORIES, type CrimeCategory, withdrawnListingRefusal } from '../registry/rules.ts';
import * as units from '../units/repo.ts';
import { subtreeIds } from '../units/rules.ts';
import { auditedRecord, presentFourOnes, presentNonCompliant, recordColumns, recordFrom } from './present.ts';
import { lockFugitive } from '../registry/repo.ts';
import * as repo from './repo.ts';
import {
  DEFAULT_FOUR_ONES_CATEGORIES,
  type FourOnesRecord,
  type UnitCompliance,
  approvalRefusal,
  approved,
  complianceByUnit,
  edited,
  missingOnes,
  needsFourOnes,
} from './rules.ts';
import type {
  ApprovePlanInput,
  ComplianceOut,
  FourOnesInput,
  FourOnesOut,
  NonCompliantOut,
} from './schema.ts';

/** How many non-compliant fugitives the compliance page lists; the total is always given. */
export const NON_COMPLIANT_LISTED = 200;

function categoriesOf(campaign: CampaignRow): CrimeCategory[] {
  const named = new Set(campaign.four_ones_categories.split(',').map((c) => c.trim()));
  return CRIME_CATEGORIES.filter((c) => named.has(c));
}

/** The categories that need the four ones: the named campaign's, else the latest's, else homicide. */
async function fourOnesCategories(db: Executor, campaign?: string): Promise<readonly string[]> {
  if (campaign) return categoriesOf(await findCampaign(db, campaign));
  const latest = await campaigns.latestCampaign(db);
  return latest ? categoriesOf(latest) : DEFAULT_FOUR_ONES_CATEGORIES;
}

async function loadFugitive(ctx: Context, listingNo: string): Promise<repo.CaseFugitive> {
  const f = await repo.fugitiveByListingNo(ctx.db, listingNo);
  if (!f) throw new NotFoundError('fugitive', listingNo);
  // Remote listings are open to every unit; a local one only to its unit's subtree.
  if (f.listing_unit_id !== null && !inScope(ctx.scope, f.listing_unit_id))
    throw new ForbiddenError(
      'out_of_scope',
      `fugitive ${listingNo} belongs to a unit outside yours`,
      undefined,
      { what: 'fugitive', key: String(listingNo) },
    );
  return f;
}

/**
 * Only the listing unit keeps a person's four ones: a remote listing's case is kept elsewhere, and
 * a withdrawn listing (entered by mistake) has no case to keep.
 */
function refuseUnlessLocal(f: repo.CaseFugitive): void {
  const withdrawn = withdrawnListingRefusal(f);
  if (withdrawn) throw conflictOf(withdrawn);
  if (f.listing_unit_id === null)
    throw new ForbiddenError(
      'remote_listing',
      `fugitive ${f.listing_no} is listed by an outside agency (${f.listing_agency}): its four ones are kept there`,
    );
}

function stale(listingNo: string, read: number, stored?: number): ConflictError {
  const now = stored === undefined ? '' : `now version ${stored}, `;
  return new ConflictError(
    'stale',
    `the four ones of ${listingNo} changed since you read them (${now}you read version ${read}): reload and make your change again`,
    'version',
  );
}

async function present(ctx: Context, f: repo.CaseFugitive, categories: readonly string[]) {
  const [row, owner] = await Promise.all([repo.recordOf(ctx.db, f.id), repo.ownerOf(ctx.db, f.id)]);
  const required = needsFourOnes(
    { crimeCategory: f.crime_category, exitOn: f.exit_on, listingUnitId: f.listing_unit_id },
    categories,
  );
  return presentFourOnes(f, row, owner, required);
}

/** One fugitive's four ones: what is in place, and what is missing. */
export async function fourOnesOf(
  ctx: Context,
  listingNo: string,
  query: { campaign?: string } = {},
): Promise<FourOnesOut> {
  const f = await loadFugitive(ctx, listingNo);
  return present(ctx, f, await fourOnesCategories(ctx.db, query.campaign));
}

/**
 * Writes the next version of a record: refused as stale unless the record is still at the version
 * the writer read, so that of two people editing at once the second never overwrites the first.
 */
async function writeRecord(
  tx: Context,
  f: repo.CaseFugitive,
  row: FourOnesTable | undefined,
  next: FourOnesRecord,
  action: string,
): Promise<void> {
  const stored = row?.version ?? 0;
  const version = stored + 1;
  const columns = {
    fugitive_id: f.id,
    ...recordColumns(next),
    version,
    updated_by: tx.actor,
    updated_at: tx.now.toISOString(),
  };
  if (!row) await repo.insertRecord(tx.db, columns);
  else if (!(await repo.replaceRecord(tx.db, stored, columns))) throw stale(f.listing_no, stored);
  await recordEvent(tx, {
    action,
    entityType: 'fugitive',
    entityId: f.listing_no,
    before: row ? auditedRecord(recordFrom(row), stored) : null,
    after: auditedRecord(next, version),
  });
}

/** An officer (or leader) saves the dossier checklist, the plan text and the team. */
export async function updateFourOnes(
  ctx: Context,
  listingNo: string,
  input: FourOnesInput,
): Promise<FourOnesOut> {
  return inTransaction(ctx, async (tx) => {
    const f = await loadFugitive(tx, listingNo);
    refuseUnlessLocal(f);
    await lockFugitive(tx.db, f.id);
    const row = await repo.recordOf(tx.db, f.id);
    const stored = row?.version ?? 0;
    if (input.version !== stored) throw stale(listingNo, input.version, stored);
    await writeRecord(tx, f, row, edited(recordFrom(row), input), 'four_ones.update');
    return present(tx, f, await fourOnesCategories(tx.db));
  });
}

/** A leader approves the arrest plan as it stands; a later edit of its text withdraws the approval. */
export async function approvePlan(
  ctx: Context,
  listingNo: string,
  input: ApprovePlanInput = {},
): Promise<FourOnesOut> {
  return inTransaction(ctx, async (tx) => {
    const f = await loadFugitive(tx, listingNo);
    refuseUnlessLocal(f);
    await lockFugitive(tx.db, f.id);
    const row = await repo.recordOf(tx.db, f.id);
    const stored = row?.version ?? 0;
    if (input.version !== undefined && input.version !== stored)
      throw stale(listingNo, input.version, stored);
    const record = recordFrom(row);
    const refusal = approvalRefusal(record);
    if (refusal) throw conflictOf(refusal);
    await writeRecord(tx, f, row, approved(record, tx.actor, tx.now.toISOString()), 'four_ones.approve_plan');
    return present(tx, f, await fourOnesCategories(tx.db));
  });
}

/** The compliance of the whole tree for some categories: what each caller's answer is cut from. */
interface CityCompliance {
  unitRows: UnitRow[];
  /** Every unit, each counting its subtree, in tree order. */
  units: UnitCompliance[];
  /** Every case that lacks any of the four ones, by unit code and listing number, with its unit. */
  lacking: { unitId: number; item: NonCompliantOut }[];
}

/** Whole-tree compliance kept per store, by categories and data version (see `cityCompliance`). */
const kept = keptByVersion<CityCompliance>(4);

/**
 * The compliance of every unit over the whole tree. Outside a transaction it is computed once per
 * compliance version, which every write to the cases, their records and owners, withdrawals and
 * units moves (database triggers).
 */
async function cityCompliance(db: Executor, categories: readonly string[]): Promise<CityCompliance> {
  if (db.isTransaction) return computeCityCompliance(db, categories);
  const version = await repo.complianceVersion(db);
  return kept(db, categories.join(','), version, () => computeCityCompliance(db, categories).then(frozen));
}

async function computeCityCompliance(db: Executor, categories: readonly string[]): Promise<CityCompliance> {
  const [unitRows, facts] = await Promise.all([
    units.allUnits(db),
    repo.complianceFacts(db, categories, { all: true }),
  ]);
  const needing = facts.map((f) => {
    const record = recordFrom(f);
    return { fact: f, record, missing: missingOnes(record, f.owner_id !== null) };
  });
  return {
    unitRows,
    units: complianceByUnit(
      unitNodes(unitRows),
      needing.map((n) => ({ listingUnitId: n.fact.listing_unit_id!, missing: n.missing })),
    ),
    lacking: needing
      .filter((n) => n.missing.length > 0)
      .map((n) => ({
        unitId: n.fact.listing_unit_id!,
        item: presentNonCompliant(n.fact, n.record, n.missing),
      })),
  };
}

/**
 * Compliance with the four ones for every unit in the caller's scope (each counting its subtree),
 * or for one unit (a dashboard's), and the fugitives in scope that lack any of them, the first few
 * hundred listed: cut from the whole tree's (a scope holds whole subtrees, so each unit in it
 * counts the same cases either way).
 */
export async function compliance(
  ctx: Context,
  query: { campaign?: string; unit?: string },
): Promise<ComplianceOut> {
  const campaign = await findCampaign(ctx.db, query.campaign);
  const categories = categoriesOf(campaign);
  const city = await cityCompliance(ctx.db, categories);
  const asked = query.unit === undefined ? undefined : city.unitRows.find((u) => u.code === query.unit);
  if (query.unit !== undefined && !asked)
    throw new DomainError('unknown_unit', `unknown unit ${query.unit}`, 'unit', { unit: query.unit });
  if (asked) requireInScope(ctx.scope, asked);
  const below = asked && new Set(subtreeIds(city.unitRows, asked.id));
  const shown = (unitId: number) => (below ? below.has(unitId) : inScope(ctx.scope, unitId));
  const visible = new Set(
    city.unitRows.filter((u) => (asked ? u.id === asked.id : inScope(ctx.scope, u.id))).map((u) => u.code),
  );
  const lacking = city.lacking.filter((n) => shown(n.unitId));
  return {
    campaign: campaign.name,
    categories,
    units: city.units.filter((u) => visible.has(u.code)),
    nonCompliant: {
      total: lacking.length,
      items: lacking.slice(0, NON_COMPLIANT_LISTED).map((n) => n.item),
    },
  };
}

/** The cases of a campaign's categories that lack some of the four ones and have an owner (包案). */
export async function ownedCaseGaps(db: Executor, campaign: CampaignRow) {
  const facts = await repo.complianceFacts(db, categoriesOf(campaign), { all: true });
  return facts.flatMap((f) => {
    const missing = f.owner_id === null ? [] : missingOnes(recordFrom(f), true);
    return missing.length === 0
      ? []
      : [{ listingNo: f.listing_no, name: f.name, ownerId: f.owner_id!, missing }];
  });
}
