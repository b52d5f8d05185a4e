import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { RectificationItemsTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';

export async function insertItem(db: Executor, row: Insertable<RectificationItemsTable>): Promise<number> {
  const { id } = await db
    .insertInto('rectification_items')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function itemSelect(db: Executor) {
  return db
    .selectFrom('rectification_items as r')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select(['i.inspected_on', 'i.inspector', 'u.code as unit_code', 'u.name as unit_name']);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemSelect>['execute']>>[number];

export function itemById(db: Executor, id: number): Promise<ItemRow | undefined> {
  return itemSelect(db).where('r.id', '=', id).executeTakeFirst();
}

/** Items of the units in scope, by deadline; optionally of some statuses. */
export function itemsInScope(
  db: Executor,
  scope: UnitFilter,
  statuses?: readonly string[],
): Promise<ItemRow[]> {
  let q = itemSelect(db);
  if (!scope.all) q = q.where('r.unit_id', 'in', [...scope.unitIds, -1]);
  if (statuses) q = q.where('r.status', 'in', statuses);
  return q.orderBy('r.deadline_on').orderBy('r.id').limit(1000).execute();
}

export async function updateItem(
  db: Executor,
  id: number,
  values: Updateable<RectificationItemsTable>,
): Promise<void> {
  await db.updateTable('rectification_items').set(values).where('id', '=', id).execute();
}

export function inspectionById(db: Executor, id: number) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An item belongs to the unit that must rectify. */
export async function ownerUnitsOfRectification(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const row = await db
    .selectFrom('rectification_items')
    .select('unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return row && { units: [row.unit_id] };
}
