import type { UnitFilter } from '../accounts/rules.ts';
import type { Executor } from '../../db/connection.ts';
import type { FourOnesTable } from '../../db/tables.ts';
import { notWithdrawn, withdrawn } from '../registry/repo.ts';

/** The fugitive a record is about, with what decides whether the four ones are needed. */
export function fugitiveByListingNo(db: Executor, listingNo: string) {
  return db
    .selectFrom('fugitives as f')
    .select([
      'f.id',
      'f.listing_no',
      'f.name',
      'f.crime_category',
      'f.listing_agency',
      'f.listing_unit_id',
      'f.exit_on',
      (eb) => withdrawn(eb).as('withdrawn'),
    ])
    .where('f.listing_no', '=', listingNo)
    .executeTakeFirst();
}
export type CaseFugitive = NonNullable<Awaited<ReturnType<typeof fugitiveByListingNo>>>;

export function recordOf(db: Executor, fugitiveId: number): Promise<FourOnesTable | undefined> {
  return db.selectFrom('four_ones').selectAll().where('fugitive_id', '=', fugitiveId).executeTakeFirst();
}

/** The case's owner (包案), who is its responsible leader. */
export function ownerOf(db: Executor, fugitiveId: number) {
  return db
    .selectFrom('case_owners as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['u.username', 'u.display_name'])
    .where('o.fugitive_id', '=', fugitiveId)
    .executeTakeFirst();
}

export async function insertRecord(db: Executor, row: FourOnesTable): Promise<void> {
  await db.insertInto('four_ones').values(row).execute();
}

/** Replaces the record only if it is still at `expectedVersion`; says whether it was. */
export async function replaceRecord(
  db: Executor,
  expectedVersion: number,
  row: FourOnesTable,
): Promise<boolean> {
  const { fugitive_id, ...changes } = row;
  const result = await db
    .updateTable('four_ones')
    .set(changes)
    .where('fugitive_id', '=', fugitive_id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The compliance's data version: moves (by triggers) in every transaction that can change it. */
export async function complianceVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('figures_version').select('compliance').executeTakeFirstOrThrow();
  return Number(row.compliance);
}

/**
 * Every active local fugitive of the categories in the scope (a withdrawn listing needs none), with its record (if any) and whether
 * it has an owner: what the compliance figures are computed from.
 */
export function complianceFacts(db: Executor, categories: readonly string[], scope: UnitFilter) {
  let q = db
    .selectFrom('fugitives as f')
    .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
    .leftJoin('four_ones as r', 'r.fugitive_id', 'f.id')
    .leftJoin('case_owners as o', 'o.fugitive_id', 'f.id')
    .select([
      'f.listing_no',
      'f.name',
      'f.crime_category',
      'f.listing_unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'r.dossier_json',
      'r.plan_text',
      'r.plan_approved_by',
      'r.plan_approved_at',
      'r.team_json',
      'o.user_id as owner_id',
    ])
    .where('f.exit_on', 'is', null)
    .where(notWithdrawn)
    .where('f.crime_category', 'in', [...categories, ''])
    .orderBy('u.code')
    .orderBy('f.listing_no');
  if (!scope.all) q = q.where('f.listing_unit_id', 'in', [...scope.unitIds, -1]);
  return q.execute();
}
export type ComplianceFact = Awaited<ReturnType<typeof complianceFacts>>[number];
