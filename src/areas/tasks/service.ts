import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { conflictOf, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { hasAnyRole, inScope, unitFilter } from '../accounts/rules.ts';
import { userByName } from '../accounts/repo.ts';
import { recordEvent } from '../audit/service.ts';
import { allUnits, subtreeIdsOf } from '../units/repo.ts';
import * as repo from './repo.ts';
import { type TaskSource, type TaskStatus, isOverdue, taskChangeProblem } from './rules.ts';
import type { TaskInput, TaskOut } from './schema.ts';

export function presentTask(r: repo.TaskRow, today: string): TaskOut {
  const fromCode = r.meeting_unit_code ?? r.visit_unit_code;
  const fromName = r.meeting_unit_name ?? r.visit_unit_name;
  return {
    id: r.id,
    source: r.source as TaskSource,
    meetingId: r.meeting_id,
    visitId: r.visit_id,
    title: r.title,
    owner: r.owner,
    ownerName: r.owner_name ?? null,
    assignedBy: r.created_by,
    assignedByName: r.assigned_by_name ?? null,
    assignedFrom: fromCode && fromName ? { code: fromCode, name: fromName } : null,
    unit: { code: r.unit_code, name: r.unit_name },
    dueOn: r.due_on,
    status: r.status as TaskStatus,
    overdue: isOverdue({ status: r.status, dueOn: r.due_on }, today),
    note: r.note,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

/**
 * Records the decisions of a meeting or a visit as tasks, inside the caller's transaction (which
 * audits the meeting or visit with them). `field` names the list in refusals ("tasks").
 * `unitAllowed` says which units the tasks may go to (the caller's scope, or the visited unit).
 */
export async function addTasks(
  tx: Context,
  source: { meetingId?: number; visitId?: number },
  inputs: readonly TaskInput[],
  unitAllowed: (unitId: number) => boolean,
): Promise<number[]> {
  const units = new Map((await allUnits(tx.db)).map((u) => [u.code, u]));
  const ids: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const unit = units.get(input.unitCode);
    if (!unit)
      throw new DomainError(
        'unknown_unit',
        `tasks.${i}.unitCode: unknown unit ${input.unitCode}`,
        `tasks.${i}.unitCode`,
        { unit: input.unitCode },
      );
    if (!unitAllowed(unit.id))
      throw new ForbiddenError(
        'unit_out_of_scope',
        `tasks.${i}.unitCode: unit ${unit.code} is outside yours`,
        `tasks.${i}.unitCode`,
        {
          unit: unit.code,
        },
      );
    const owner = await userByName(tx.db, input.owner);
    if (!owner || owner.disabled)
      throw new DomainError(
        'unknown_user',
        `tasks.${i}.owner: no active user ${input.owner}`,
        `tasks.${i}.owner`,
        { user: input.owner },
      );
    const at = tx.now.toISOString();
    ids.push(
      await repo.insertTask(tx.db, {
        source: source.meetingId ? 'meeting' : 'visit',
        meeting_id: source.meetingId ?? null,
        visit_id: source.visitId ?? null,
        title: input.title,
        owner: input.owner,
        unit_id: unit.id,
        due_on: input.dueOn,
        status: 'open',
        note: null,
        created_by: tx.actor,
        created_at: at,
        updated_by: tx.actor,
        updated_at: at,
      }),
    );
  }
  return ids;
}

/** Tasks of some meetings or visits (for their pages), in the caller's scope. */
export async function tasksOf(ctx: Context, of: { meetingIds?: number[]; visitIds?: number[] }) {
  const today = localDate(ctx.now);
  return (await repo.tasksWhere(ctx.db, unitFilter(ctx.scope), of)).map((r) => presentTask(r, today));
}

/**
 * Tasks in the caller's scope: of a unit (its subtree), of an owner, of a status. Anyone may list
 * their own tasks, wherever their units are.
 */
export async function listTasks(
  ctx: Context,
  query: { unit?: string; owner?: string; status?: TaskStatus },
): Promise<{ tasks: TaskOut[] }> {
  const today = localDate(ctx.now);
  let unitIds: number[] | undefined;
  if (query.unit) {
    const unit = (await allUnits(ctx.db)).find((u) => u.code === query.unit);
    if (!unit) throw new NotFoundError('unit', query.unit);
    unitIds = await subtreeIdsOf(ctx.db, unit.id);
  }
  const own = query.owner !== undefined && query.owner === ctx.user?.username;
  const scope = own ? unitFilter({ all: true }) : unitFilter(ctx.scope);
  const rows = await repo.tasksWhere(ctx.db, scope, { unitIds, owner: query.owner, status: query.status });
  return { tasks: rows.map((r) => presentTask(r, today)) };
}

/** The owner, or a leader or commander over the task's unit, marks it done, cancelled or open again. */
export async function changeTask(
  ctx: Context,
  id: number,
  change: { status: TaskStatus; note?: string },
): Promise<TaskOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const task = await repo.taskById(tx.db, id);
    if (!task) throw new NotFoundError('task', String(id));
    const managesUnit = hasAnyRole(user, ['leader', 'commander']) && inScope(tx.scope, task.unit_id);
    if (task.owner !== user.username && !inScope(tx.scope, task.unit_id))
      throw new ForbiddenError('out_of_scope', `task ${id} belongs to a unit outside yours`, undefined, {
        what: 'task',
        key: String(id),
      });
    const problem = taskChangeProblem(task, change, { username: user.username, managesUnit });
    if (problem)
      throw problem.kind === 'forbidden'
        ? new ForbiddenError(problem.code, problem.message)
        : conflictOf(problem, 'status');
    const values = {
      status: change.status,
      note: change.note || task.note,
      updated_by: tx.actor,
      updated_at: tx.now.toISOString(),
    };
    await repo.updateTask(tx.db, id, values);
    await recordEvent(tx, {
      action: 'task.change',
      entityType: 'task',
      entityId: id,
      before: { status: task.status, note: task.note },
      after: { status: values.status, note: values.note },
    });
    return presentTask((await repo.taskById(tx.db, id))!, localDate(tx.now));
  });
}
