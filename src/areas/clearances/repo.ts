import type { UnitFilter } from '../accounts/rules.ts';
import { STANDING_STATUSES, unitsOfClaim } from './rules.ts';
import type { Executor } from '../../db/connection.ts';
import { insertMany } from '../../db/insert-many.ts';
import type { NewClearance } from '../../db/tables.ts';
import { personsOfListings, refreshPersons } from '../persons/repo.ts';

/** The fields that identify one claimed clearance, so a re-imported file adds nothing twice. */
export type ClearanceKey = Pick<
  NewClearance,
  'fugitive_id' | 'kind' | 'occurred_on' | 'capturing_unit_id' | 'capturing_agency'
>;

export function clearanceKey(c: ClearanceKey): string {
  return [c.fugitive_id, c.kind, c.occurred_on, c.capturing_unit_id ?? '', c.capturing_agency ?? ''].join(
    '|',
  );
}

/** The clearances registered on any listing of these persons, with the person each is about. */
export function clearancesOfPersons(
  db: Executor,
  personIds: number[],
): Promise<(ClearanceKey & { status: string; person_id: number | null })[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select([
      'c.fugitive_id',
      'c.kind',
      'c.occurred_on',
      'c.capturing_unit_id',
      'c.capturing_agency',
      'c.status',
      'f.person_id',
    ])
    .where('f.person_id', 'in', personIds)
    .execute();
}

/** The live claims (standing or held as conflicts) on any listing of these persons. */
export async function liveClaimsOfPersons(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select(['c.id', 'c.status', 'c.approved_by', 'c.fugitive_id', 'f.person_id'])
    .where('f.person_id', 'in', [...personIds])
    .where('c.status', 'in', [...STANDING_STATUSES, 'conflict'])
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id!,
    fugitiveId: r.fugitive_id,
    status: r.status,
    approvedBy: r.approved_by,
  }));
}

const INSERTED_COLUMNS = [
  'fugitive_id',
  'kind',
  'occurred_on',
  'capturing_unit_id',
  'capturing_agency',
  'persuading_unit_id',
  'place',
  'evidence_ref',
  'status',
  'provenance',
  'claimed_by',
  'entered_at',
  'decided_by',
  'decided_at',
  'decision_reason',
  'claim_unit_id',
  'reason_code',
  'reason_text',
  'approved_by',
  'approved_at',
  'supersedes_id',
] as const satisfies readonly (keyof NewClearance)[];

export async function insertClearances(db: Executor, rows: NewClearance[]): Promise<void> {
  await insertMany(db, 'clearances', INSERTED_COLUMNS, rows);
}

/**
 * Keeps each person's exit (the earliest verified clearance on any of their listings, by date and
 * then entry order) in step with their clearances, on the person and on every one of their
 * listings. The one place that decides which clearance took a person off the list.
 */
export async function refreshExits(db: Executor, fugitiveIds: number[]): Promise<void> {
  if (fugitiveIds.length === 0) return;
  await refreshPersons(db, await personsOfListings(db, fugitiveIds));
}

/** A claim with the names a reader needs: the person, and the units involved. */
function claimSelect(db: Executor) {
  return (
    db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .leftJoin('units as cu', 'cu.id', 'c.capturing_unit_id')
      .leftJoin('units as pu', 'pu.id', 'c.persuading_unit_id')
      .leftJoin('units as ku', 'ku.id', 'c.claim_unit_id')
      .leftJoin('units as lu', 'lu.id', 'f.listing_unit_id')
      .selectAll('c')
      // The people by their names, where the login is an account (imports name no account): each
      // a lookup of its own, not a join, for three more joins made PostgreSQL weigh the orders of
      // nine tables at every read of a claim (5–25 ms of planning under the mixed load, more than
      // the read itself).
      .select((eb) => {
        const nameOf = (login: 'c.claimed_by' | 'c.approved_by' | 'c.decided_by') =>
          eb.selectFrom('users as u').select('u.display_name').whereRef('u.username', '=', login);
        return [
          nameOf('c.claimed_by').as('claimed_by_name'),
          nameOf('c.approved_by').as('approved_by_name'),
          nameOf('c.decided_by').as('decided_by_name'),
        ];
      })
      .select([
        'f.listing_no',
        'f.name as fugitive_name',
        'f.listing_unit_id',
        'f.listed_on',
        'cu.code as capturing_code',
        'cu.name as capturing_name',
        'pu.code as persuading_code',
        'pu.name as persuading_name',
        'ku.code as claim_unit_code',
        'ku.name as claim_unit_name',
        'lu.code as listing_unit_code',
        'lu.name as listing_unit_name',
      ])
  );
}
export type ClaimRow = NonNullable<Awaited<ReturnType<ReturnType<typeof claimSelect>['executeTakeFirst']>>>;

export function claimById(db: Executor, id: number): Promise<ClaimRow | undefined> {
  return claimSelect(db).where('c.id', '=', id).executeTakeFirst();
}

export function claimsByIds(db: Executor, ids: number[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return claimSelect(db).where('c.id', 'in', ids).orderBy('c.id').execute();
}

/**
 * The officers some claims name, each with their account's login, current name and unit where they
 * have one; by claim, role and order.
 */
export async function officersOfClaims(db: Executor, ids: readonly number[]) {
  const select = (chunk: readonly number[]) =>
    db
      .selectFrom('claim_officers as o')
      .leftJoin('users as u', 'u.id', 'o.user_id')
      .select([
        'o.clearance_id',
        'o.role',
        'o.position',
        'o.user_id',
        'o.name',
        'u.username',
        'u.display_name',
        'u.unit_id as user_unit_id',
      ])
      .where('o.clearance_id', 'in', [...chunk])
      .orderBy('o.clearance_id')
      .orderBy('o.role')
      .orderBy('o.position')
      .execute();
  const out: Awaited<ReturnType<typeof select>> = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await select(ids.slice(i, i + 500))));
  return out;
}
export type ClaimOfficerRow = Awaited<ReturnType<typeof officersOfClaims>>[number];

/** Replaces the officers a claim names (in order within each role). */
export async function replaceClaimOfficers(
  db: Executor,
  clearanceId: number,
  officers: readonly { role: 'capture' | 'persuasion'; user_id: number | null; name: string }[],
): Promise<void> {
  await db.deleteFrom('claim_officers').where('clearance_id', '=', clearanceId).execute();
  const position = { capture: 0, persuasion: 0 };
  const rows = officers.map((o) => ({ clearance_id: clearanceId, ...o, position: position[o.role]++ }));
  if (rows.length > 0) await db.insertInto('claim_officers').values(rows).execute();
}

export function clearancesOfFugitive(db: Executor, fugitiveId: number): Promise<ClaimRow[]> {
  return claimSelect(db).where('c.fugitive_id', '=', fugitiveId).orderBy('c.id').execute();
}

/**
 * The claim that currently holds the person of this listing, on any of their listings, if any:
 * a second claim on the same person (another listing, another unit) is a conflict, never a capture.
 */
export function standingClaim(db: Executor, fugitiveId: number, except?: number) {
  let q = db
    .selectFrom('clearances')
    .select(['id', 'status'])
    .where('fugitive_id', 'in', (eb) =>
      eb
        .selectFrom('fugitives as f')
        .innerJoin('fugitives as listing', 'listing.person_id', 'f.person_id')
        .select('f.id')
        .where('listing.id', '=', fugitiveId),
    )
    .where('status', 'in', [...STANDING_STATUSES]);
  if (except !== undefined) q = q.where('id', '!=', except);
  return q.executeTakeFirst();
}

export async function insertClaim(db: Executor, row: NewClearance): Promise<number> {
  const { id } = await db.insertInto('clearances').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Changes a claim only if it is still in the status the caller read; false when someone else
 * decided it in between (the caller refuses the request as stale).
 */
export async function updateClaimIf(
  db: Executor,
  id: number,
  expectedStatus: string,
  changes: Partial<NewClearance>,
): Promise<boolean> {
  const result = await db
    .updateTable('clearances')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The person a claim is about, read before taking the person's lock. */
export async function fugitiveOfClaim(db: Executor, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('clearances').select('fugitive_id').where('id', '=', id).executeTakeFirst();
  return row?.fugitive_id;
}

export interface ClaimSearch {
  scope: UnitFilter;
  status?: string;
  listingNo?: string;
  /** Decided (verified, rejected) within [from, to), instants in ISO form. */
  decided?: { from: string; to: string };
  limit: number;
  offset: number;
}

/** Claims the caller may see (their units claimed, caught, or listed the person), newest first. */
export async function searchClaims(db: Executor, s: ClaimSearch) {
  const filtered = () => {
    let q = claimSelect(db);
    if (!s.scope.all) {
      const ids = [...s.scope.unitIds, -1];
      q = q.where((eb) =>
        eb.or([
          eb('c.claim_unit_id', 'in', ids),
          eb('c.capturing_unit_id', 'in', ids),
          eb('f.listing_unit_id', 'in', ids),
        ]),
      );
    }
    if (s.status) q = q.where('c.status', '=', s.status);
    if (s.listingNo) q = q.where('f.listing_no', '=', s.listingNo);
    if (s.decided) q = q.where('c.decided_at', '>=', s.decided.from).where('c.decided_at', '<', s.decided.to);
    return q;
  };
  const items = await filtered().orderBy('c.id', 'desc').limit(s.limit).offset(s.offset).execute();
  const { n } = await filtered()
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Number(n), items };
}

/** A claim concerns the unit that filed it, the unit that caught the person, and the listing unit. */
export async function ownerUnitsOfClearance(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const c = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select(['c.claim_unit_id', 'c.capturing_unit_id', 'c.persuading_unit_id', 'f.listing_unit_id'])
    .where('c.id', '=', Number(id))
    .executeTakeFirst();
  return c && { units: unitsOfClaim(c) };
}
