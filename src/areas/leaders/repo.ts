import type { Executor } from '../../db/connection.ts';
import { notWithdrawn } from '../registry/repo.ts';

/** A leader's page belongs to the leader's unit. */
export async function ownerUnitsOfLeader(db: Executor, username: string) {
  const user = await db
    .selectFrom('users')
    .select('unit_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return user && { units: [user.unit_id] };
}

function userSelect(db: Executor) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.disabled',
      'u.unit_id',
      'un.code as unit_code',
      'un.name as unit_name',
    ]);
}
export type UserWithUnit = Awaited<ReturnType<ReturnType<typeof userSelect>['execute']>>[number];

export function userWithUnit(db: Executor, username: string): Promise<UserWithUnit | undefined> {
  return userSelect(db).where('u.username', '=', username).executeTakeFirst();
}

/** Users whose roles mention "leader": the caller still checks the parsed roles. */
export function leaderCandidates(db: Executor): Promise<UserWithUnit[]> {
  return userSelect(db).where('u.roles', 'like', '%leader%').orderBy('u.username').execute();
}

/** Owned cases per leader: how many are still on the list, how many are cleared (withdrawn ones: neither). */
export async function ownedCaseCounts(db: Executor) {
  const rows = await db
    .selectFrom('case_owners as co')
    .innerJoin('fugitives as f', 'f.id', 'co.fugitive_id')
    .where(notWithdrawn)
    .select((eb) => [
      'co.user_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('f.exit_on').as('cleared'),
    ])
    .groupBy('co.user_id')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    active: Number(r.total) - Number(r.cleared),
    cleared: Number(r.cleared),
  }));
}

/** The liaison units of some users, by unit code. */
export function liaisonUnitsOf(db: Executor, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('liaison_units as l')
    .innerJoin('units as un', 'un.id', 'l.unit_id')
    .select(['l.user_id', 'un.id', 'un.code', 'un.name', 'un.kind'])
    .where('l.user_id', 'in', userIds)
    .orderBy('un.code')
    .execute();
}

export async function replaceLiaisons(db: Executor, userId: number, unitIds: number[]): Promise<void> {
  await db.deleteFrom('liaison_units').where('user_id', '=', userId).execute();
  if (unitIds.length === 0) return;
  await db
    .insertInto('liaison_units')
    .values(unitIds.map((unitId) => ({ user_id: userId, unit_id: unitId })))
    .execute();
}

/** Who owns a case now, if anyone. */
export function caseOwner(db: Executor, fugitiveId: number) {
  return db
    .selectFrom('case_owners as co')
    .innerJoin('users as u', 'u.id', 'co.user_id')
    .select(['u.username', 'co.assigned_by', 'co.assigned_at'])
    .where('co.fugitive_id', '=', fugitiveId)
    .executeTakeFirst();
}

/** Makes a leader the owner of a case, replacing any earlier owner (the audit chain keeps them). */
export async function setCaseOwner(
  db: Executor,
  row: { fugitive_id: number; user_id: number; assigned_by: string; assigned_at: string },
): Promise<void> {
  await db
    .insertInto('case_owners')
    .values(row)
    .onConflict((oc) =>
      oc.column('fugitive_id').doUpdateSet({
        user_id: row.user_id,
        assigned_by: row.assigned_by,
        assigned_at: row.assigned_at,
      }),
    )
    .execute();
}

/** The cases a leader owns, with where each person stands on the list; a withdrawn listing is no case. */
export function ownedCases(db: Executor, userId: number) {
  return db
    .selectFrom('case_owners as co')
    .innerJoin('fugitives as f', 'f.id', 'co.fugitive_id')
    .leftJoin('units as lu', 'lu.id', 'f.listing_unit_id')
    .leftJoin('units as xu', 'xu.id', 'f.exit_unit_id')
    .select([
      'f.id',
      'f.listing_no',
      'f.name',
      'f.crime_category',
      'f.listing_agency',
      'f.listed_on',
      'f.exit_on',
      'f.exit_kind',
      'lu.code as listing_code',
      'lu.name as listing_name',
      'xu.code as exit_code',
      'xu.name as exit_name',
      'co.assigned_by',
      'co.assigned_at',
    ])
    .where('co.user_id', '=', userId)
    .where(notWithdrawn)
    .execute();
}
export type OwnedCaseRow = Awaited<ReturnType<typeof ownedCases>>[number];

/** Every claim on some people (a leader follows how their cases move). */
export function claimsOn(db: Executor, fugitiveIds: number[]) {
  if (fugitiveIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('clearances')
    .select(['id', 'fugitive_id', 'kind', 'status', 'occurred_on'])
    .where('fugitive_id', 'in', fugitiveIds)
    .execute();
}
