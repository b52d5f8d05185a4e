import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { TipRewardsTable, TipsTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';

export async function insertStaffTip(db: Executor, row: Insertable<TipsTable>): Promise<number> {
  const { id } = await db.insertInto('tips').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function rewardOf(db: Executor, tipId: number) {
  return db.selectFrom('tip_rewards').selectAll().where('tip_id', '=', tipId).executeTakeFirst();
}
export type RewardRow = NonNullable<Awaited<ReturnType<typeof rewardOf>>>;

export async function insertReward(db: Executor, row: Insertable<TipRewardsTable>): Promise<void> {
  await db.insertInto('tip_rewards').values(row).execute();
}

export async function updateReward(
  db: Executor,
  tipId: number,
  values: Updateable<TipRewardsTable>,
): Promise<void> {
  await db.updateTable('tip_rewards').set(values).where('tip_id', '=', tipId).execute();
}

/** Rewards of tips assigned to one unit (only its own officers may see them). */
export function rewardsOfUnit(db: Executor, unitId: number) {
  return db
    .selectFrom('tip_rewards as r')
    .innerJoin('tips as t', 't.id', 'r.tip_id')
    .innerJoin('units as u', 'u.id', 't.assigned_unit_id')
    .leftJoin('fugitives as f', 'f.id', 't.fugitive_id')
    .selectAll('r')
    .select(['t.channel', 'u.code as unit_code', 'u.name as unit_name', 'f.listing_no'])
    .where('t.assigned_unit_id', '=', unitId)
    .orderBy('r.marked_at', 'desc')
    .execute();
}

/**
 * Tips entered by staff (every channel but the web form) received in [fromInstant, toInstant), of
 * some units, oldest first, with the name of whoever entered them. Never the contact details.
 */
export function enteredTipsBetween(
  db: Executor,
  scope: UnitFilter,
  range: { fromInstant: string; toInstant: string },
) {
  let q = db
    .selectFrom('tips as t')
    .innerJoin('units as u', 'u.id', 't.assigned_unit_id')
    .leftJoin('fugitives as f', 'f.id', 't.fugitive_id')
    .leftJoin('users as e', 'e.username', 't.entered_by')
    .select([
      't.id',
      't.channel',
      't.received_at',
      't.entered_by',
      'e.display_name as entered_by_name',
      't.seen_text',
      't.seen_where',
      't.seen_when',
      't.status',
      't.triage',
      't.outcome',
      't.contact_sealed',
      'u.code as unit_code',
      'u.name as unit_name',
      'f.listing_no',
      'f.name as fugitive_name',
      'f.exit_on',
    ])
    .where('t.channel', '!=', 'web')
    .where('t.received_at', '>=', range.fromInstant)
    .where('t.received_at', '<', range.toInstant);
  if (!scope.all) q = q.where('t.assigned_unit_id', 'in', [...scope.unitIds, -1]);
  return q.orderBy('t.received_at').orderBy('t.id').execute();
}
export type EnteredTipRow = Awaited<ReturnType<typeof enteredTipsBetween>>[number];
