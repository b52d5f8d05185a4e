import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { ReviewsTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';
import type { LeaderMap, ReviewGrounds, ReviewStatus } from './rules.ts';

/** A review belongs to the unit it reviews. */
export async function ownerUnitsOfReview(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const row = await db
    .selectFrom('reviews')
    .select('unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return row && { units: [row.unit_id] };
}

/** The enabled leaders, by liaison unit and by their own unit, each list by user name. */
export async function leaderMap(db: Executor): Promise<Omit<LeaderMap, 'parentOf'>> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'unit_id', 'roles'])
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
  const leaders = users.filter((u) => u.roles.split(',').includes('leader'));
  const nameOf = new Map(leaders.map((u) => [u.id, u.username]));
  const liaisons =
    leaders.length === 0
      ? []
      : await db
          .selectFrom('liaison_units')
          .select(['user_id', 'unit_id'])
          .where('user_id', 'in', [...nameOf.keys()])
          .execute();
  const liaison = new Map<number, string[]>();
  const members = new Map<number, string[]>();
  const add = (map: Map<number, string[]>, unit: number, name: string) =>
    map.set(unit, [...(map.get(unit) ?? []), name].sort());
  for (const l of liaisons) add(liaison, l.unit_id, nameOf.get(l.user_id)!);
  for (const u of leaders) add(members, u.unit_id, u.username);
  return { liaison, members };
}

/** Units of a campaign with a review still open: they get no second one until it is closed. */
export async function unitsWithOpenReview(db: Executor, campaignId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('reviews')
    .select('unit_id')
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'open')
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

/** Inserts the reviews not yet raised this week (one per campaign, unit and week); returns their ids. */
export async function insertReviews(db: Executor, rows: Insertable<ReviewsTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const inserted = await db
      .insertInto('reviews')
      .values(row)
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'week_of']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) ids.push(inserted.id);
  }
  return ids;
}

function reviewSelect(db: Executor) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select(['u.code as unit_code', 'u.name as unit_name']);
}
export type ReviewRow = NonNullable<Awaited<ReturnType<ReturnType<typeof reviewSelect>['executeTakeFirst']>>>;

export function reviewById(db: Executor, id: number): Promise<ReviewRow | undefined> {
  return reviewSelect(db).where('r.id', '=', id).executeTakeFirst();
}

/** A campaign's reviews in some units: open ones first, then by due date and unit. */
export function reviewRows(db: Executor, campaignId: number, scope: UnitFilter): Promise<ReviewRow[]> {
  let q = reviewSelect(db).where('r.campaign_id', '=', campaignId);
  if (!scope.all) q = q.where('r.unit_id', 'in', [...scope.unitIds, -1]);
  return q.orderBy('r.status', 'desc').orderBy('r.due_on').orderBy('u.code').orderBy('r.id').execute();
}

/** Closes the review if it is still open; false when someone closed it first. */
export async function closeReviewIf(
  db: Executor,
  id: number,
  changes: { reasons: string; catch_up_plan: string; closed_by: string; closed_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('reviews')
    .set({ ...changes, status: 'closed' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What leaves the server about a review. */
export function presentReview(r: ReviewRow) {
  return {
    id: r.id,
    unit: { code: r.unit_code, name: r.unit_name },
    weekOf: r.week_of,
    asOf: r.as_of,
    grounds: r.grounds as ReviewGrounds,
    declineRate: r.decline_rate === null ? null : Number(r.decline_rate),
    target: Number(r.target),
    owner: r.owner,
    dueOn: r.due_on,
    status: r.status as ReviewStatus,
    reasons: r.reasons,
    catchUpPlan: r.catch_up_plan,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}
