import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { conflictOf, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope, unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';
import {
  type RectificationDecision,
  type RectificationStatus,
  daysOverdue,
  decisionProblem,
  reportProblem,
} from './rules.ts';
import type { ItemOut, ItemsInput } from './schema.ts';

export function presentItem(r: repo.ItemRow, today: IsoDate): ItemOut {
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    inspectedOn: r.inspected_on,
    inspector: r.inspector,
    unit: { code: r.unit_code, name: r.unit_name },
    problem: r.problem,
    deadlineOn: r.deadline_on,
    status: r.status as RectificationStatus,
    daysOverdue: daysOverdue({ status: r.status, deadlineOn: r.deadline_on }, today),
    report: r.report,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    returnReason: r.return_reason,
  };
}

/** An inspector turns an inspection's problems into items, each with its unit and deadline. Audited. */
export async function addItems(
  ctx: Context,
  inspectionId: number,
  input: ItemsInput,
): Promise<{ items: ItemOut[] }> {
  return inTransaction(ctx, async (tx) => {
    const inspection = await repo.inspectionById(tx.db, inspectionId);
    if (!inspection) throw new NotFoundError('inspection', String(inspectionId));
    const units = new Map((await allUnits(tx.db)).map((u) => [u.code, u]));
    const ids: number[] = [];
    for (const [i, item] of input.items.entries()) {
      const field = `items.${i}`;
      const unit = units.get(item.unitCode);
      if (!unit)
        throw new DomainError(
          'unknown_unit',
          `${field}.unitCode: unknown unit ${item.unitCode}`,
          `${field}.unitCode`,
          { unit: item.unitCode },
        );
      if (!inScope(tx.scope, unit.id))
        throw new ForbiddenError(
          'unit_out_of_scope',
          `${field}.unitCode: unit ${unit.code} is outside yours`,
          `${field}.unitCode`,
          {
            unit: unit.code,
          },
        );
      if (item.deadlineOn < inspection.inspected_on)
        throw new DomainError(
          'before_inspection',
          `${field}.deadlineOn: is before the inspection (${inspection.inspected_on})`,
          `${field}.deadlineOn`,
          { date: inspection.inspected_on },
        );
      const at = tx.now.toISOString();
      const id = await repo.insertItem(tx.db, {
        inspection_id: inspectionId,
        unit_id: unit.id,
        problem: item.problem,
        deadline_on: item.deadlineOn,
        status: 'open',
        created_by: tx.actor,
        created_at: at,
        updated_at: at,
      });
      await recordEvent(tx, {
        action: 'rectification.add',
        entityType: 'rectification',
        entityId: id,
        after: { inspectionId, unit: unit.code, problem: item.problem, deadlineOn: item.deadlineOn },
      });
      ids.push(id);
    }
    const today = localDate(tx.now);
    const rows = await Promise.all(ids.map((id) => repo.itemById(tx.db, id)));
    return { items: rows.map((r) => presentItem(r!, today)) };
  });
}

/** Items of the caller's units, optionally of a status or only the overdue ones. */
export async function listItems(
  ctx: Context,
  query: { status?: RectificationStatus; overdue?: boolean },
): Promise<{ items: ItemOut[] }> {
  const today = localDate(ctx.now);
  const rows = await repo.itemsInScope(
    ctx.db,
    unitFilter(ctx.scope),
    query.status ? [query.status] : undefined,
  );
  const items = rows.map((r) => presentItem(r, today));
  return { items: query.overdue ? items.filter((i) => i.daysOverdue > 0) : items };
}

/** Overdue items of every unit as of a date (the bulletin's supervision section names them). */
export async function overdueItems(ctx: Context, asOf: IsoDate): Promise<ItemOut[]> {
  const rows = await repo.itemsInScope(ctx.db, { all: true }, ['open', 'returned']);
  return rows
    .filter((r) => r.created_at.slice(0, 10) <= asOf)
    .map((r) => presentItem(r, asOf))
    .filter((i) => i.daysOverdue > 0)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);
}

async function loadItem(ctx: Context, id: number) {
  const item = await repo.itemById(ctx.db, id);
  if (!item) throw new NotFoundError('rectification_item', String(id));
  if (!inScope(ctx.scope, item.unit_id))
    throw new ForbiddenError(
      'out_of_scope',
      `rectification item ${id} belongs to a unit outside yours`,
      undefined,
      { what: 'rectification_item', key: String(id) },
    );
  return item;
}

/** The unit reports what it changed; the item waits for the inspector. Audited. */
export async function reportItem(ctx: Context, id: number, report: string): Promise<ItemOut> {
  return inTransaction(ctx, async (tx) => {
    const item = await loadItem(tx, id);
    const problem = reportProblem(item.status);
    if (problem) throw conflictOf(problem, 'report');
    const at = tx.now.toISOString();
    await repo.updateItem(tx.db, id, {
      status: 'reported',
      report,
      reported_by: tx.actor,
      reported_at: at,
      updated_at: at,
    });
    await recordEvent(tx, {
      action: 'rectification.report',
      entityType: 'rectification',
      entityId: id,
      before: { status: item.status, report: item.report },
      after: { status: 'reported', report },
    });
    return presentItem((await repo.itemById(tx.db, id))!, localDate(tx.now));
  });
}

/** The inspector accepts the unit's report, or returns the item with what is still to change. Audited. */
export async function decideItem(
  ctx: Context,
  id: number,
  input: { decision: RectificationDecision; reason?: string },
): Promise<ItemOut> {
  return inTransaction(ctx, async (tx) => {
    const item = await loadItem(tx, id);
    const problem = decisionProblem({ status: item.status, reportedBy: item.reported_by }, input, tx.actor);
    if (problem)
      throw conflictOf({ ...problem, message: `${problem.field}: ${problem.message}` }, problem.field);
    const status = input.decision === 'accept' ? 'accepted' : 'returned';
    const at = tx.now.toISOString();
    await repo.updateItem(tx.db, id, {
      status,
      decided_by: tx.actor,
      decided_at: at,
      return_reason: input.decision === 'return' ? input.reason!.trim() : null,
      updated_at: at,
    });
    await recordEvent(tx, {
      action: `rectification.${input.decision}`,
      entityType: 'rectification',
      entityId: id,
      before: { status: item.status },
      after: { status, reason: input.reason ?? null },
    });
    return presentItem((await repo.itemById(tx.db, id))!, localDate(tx.now));
  });
}
