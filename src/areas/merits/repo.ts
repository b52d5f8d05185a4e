import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { MeritDecisionsTable } from '../../db/tables.ts';

/** Verified captures and surrenders dated in [from, to], with the officers they name and the case's team. */
export function verifiedResults(db: Executor, from: string, to: string) {
  return db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('four_ones as fo', 'fo.fugitive_id', 'f.id')
    .select([
      'c.id',
      'c.capturing_unit_id',
      'c.persuading_unit_id',
      'f.crime_category',
      'f.listing_unit_id',
      'fo.team_json',
    ])
    .where('c.status', '=', 'verified')
    .where('c.kind', 'in', ['arrest', 'surrender'])
    .where('c.occurred_on', '>=', from)
    .where('c.occurred_on', '<=', to)
    .orderBy('c.id')
    .execute();
}

export function decisionsOf(db: Executor, campaignId: number) {
  return db
    .selectFrom('merit_decisions as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('users as a', 'a.id', 'd.user_id')
    .selectAll('d')
    .select(['u.code as unit_code', 'u.name as unit_name', 'a.username', 'a.display_name'])
    .where('d.campaign_id', '=', campaignId)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}
export type DecisionRow = Awaited<ReturnType<typeof decisionsOf>>[number];

export async function insertDecision(db: Executor, row: Insertable<MeritDecisionsTable>): Promise<number> {
  const { id } = await db.insertInto('merit_decisions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function claimOfficers(db: Executor, clearanceId: number) {
  return db
    .selectFrom('clearances')
    .select(['id', 'kind', 'status', 'claim_unit_id', 'capturing_unit_id'])
    .where('id', '=', clearanceId)
    .executeTakeFirst();
}
