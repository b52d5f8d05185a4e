import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { GuidanceVisitsTable } from '../../db/tables.ts';

export async function insertVisit(db: Executor, row: Insertable<GuidanceVisitsTable>): Promise<number> {
  const { id } = await db.insertInto('guidance_visits').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

function visitSelect(db: Executor) {
  return db
    .selectFrom('guidance_visits as v')
    .innerJoin('users as l', 'l.id', 'v.leader_id')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .selectAll('v')
    .select([
      'l.username',
      'l.display_name',
      'l.unit_id as leader_unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
    ]);
}
export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitSelect>['execute']>>[number];

export function visitById(db: Executor, id: number): Promise<VisitRow | undefined> {
  return visitSelect(db).where('v.id', '=', id).executeTakeFirst();
}

/** A campaign's visits, newest first. */
export function visitsOf(db: Executor, campaignId: number): Promise<VisitRow[]> {
  return visitSelect(db)
    .where('v.campaign_id', '=', campaignId)
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
}

/** Every leader's liaison units, with the leader's name. */
export function allLiaisons(db: Executor) {
  return db
    .selectFrom('liaison_units as li')
    .innerJoin('users as l', 'l.id', 'li.user_id')
    .innerJoin('units as u', 'u.id', 'li.unit_id')
    .select([
      'l.id as leader_id',
      'l.unit_id as leader_unit_id',
      'l.username',
      'l.display_name',
      'u.id as unit_id',
      'u.code',
      'u.name',
    ])
    .where('l.disabled', '=', 0)
    .orderBy('l.username')
    .orderBy('u.code')
    .execute();
}

export async function setVisitInterval(db: Executor, campaignId: number, days: number): Promise<void> {
  await db.updateTable('campaigns').set({ visit_interval_days: days }).where('id', '=', campaignId).execute();
}
