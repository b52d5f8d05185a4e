import type { Executor } from '../../db/connection.ts';
import type { Insertable } from 'kysely';
import type { TasksTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';

export async function insertTask(db: Executor, row: Insertable<TasksTable>): Promise<number> {
  const { id } = await db.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

function taskSelect(db: Executor) {
  return (
    db
      .selectFrom('tasks as t')
      .innerJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin('users as o', 'o.username', 't.owner')
      .leftJoin('users as ab', 'ab.username', 't.created_by')
      // Where the task came from: the unit that held the meeting, or the visiting leader's unit.
      .leftJoin('meetings as m', 'm.id', 't.meeting_id')
      .leftJoin('units as mu', 'mu.id', 'm.unit_id')
      .leftJoin('guidance_visits as v', 'v.id', 't.visit_id')
      .leftJoin('users as vl', 'vl.id', 'v.leader_id')
      .leftJoin('units as vu', 'vu.id', 'vl.unit_id')
      .selectAll('t')
      .select([
        'u.code as unit_code',
        'u.name as unit_name',
        'o.display_name as owner_name',
        'ab.display_name as assigned_by_name',
        'mu.code as meeting_unit_code',
        'mu.name as meeting_unit_name',
        'vu.code as visit_unit_code',
        'vu.name as visit_unit_name',
      ])
  );
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskSelect>['execute']>>[number];

export function taskById(db: Executor, id: number): Promise<TaskRow | undefined> {
  return taskSelect(db).where('t.id', '=', id).executeTakeFirst();
}

/** Tasks in scope, optionally of some units, one owner, a status, a meeting or a visit; by due date. */
export function tasksWhere(
  db: Executor,
  scope: UnitFilter,
  filter: {
    unitIds?: number[];
    owner?: string;
    status?: string;
    meetingIds?: number[];
    visitIds?: number[];
  },
): Promise<TaskRow[]> {
  let q = taskSelect(db);
  if (!scope.all) q = q.where('t.unit_id', 'in', [...scope.unitIds, -1]);
  if (filter.unitIds) q = q.where('t.unit_id', 'in', [...filter.unitIds, -1]);
  if (filter.owner) q = q.where('t.owner', '=', filter.owner);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.meetingIds) q = q.where('t.meeting_id', 'in', [...filter.meetingIds, -1]);
  if (filter.visitIds) q = q.where('t.visit_id', 'in', [...filter.visitIds, -1]);
  return q.orderBy('t.due_on').orderBy('t.id').limit(1000).execute();
}

export async function updateTask(
  db: Executor,
  id: number,
  values: { status: string; note: string | null; updated_by: string; updated_at: string },
): Promise<void> {
  await db.updateTable('tasks').set(values).where('id', '=', id).execute();
}

/** A task belongs to its unit; its owner may see it too (the policy checks units only). */
export async function ownerUnitsOfTask(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const row = await db.selectFrom('tasks').select('unit_id').where('id', '=', Number(id)).executeTakeFirst();
  return row && { units: [row.unit_id] };
}
