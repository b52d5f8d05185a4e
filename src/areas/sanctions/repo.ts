import type { Executor } from '../../db/connection.ts';
import type { SanctionsTable } from '../../db/tables.ts';
import type { Insertable } from 'kysely';
import type { UnitFilter } from '../accounts/rules.ts';
import type { Grounds, Measure, SanctionStatus } from './rules.ts';

/** One leader of each unit (the first by user name): the owner of its sanctions. */
export async function leadersByUnit(db: Executor): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('users')
    .select(['unit_id', 'username', 'roles'])
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows)
    if (r.roles.split(',').includes('leader') && !out.has(r.unit_id)) out.set(r.unit_id, r.username);
  return out;
}

/** Inserts the items not yet tracked (one per campaign, checkpoint, unit and measure); returns how many. */
export async function insertSanctions(db: Executor, rows: Insertable<SanctionsTable>[]): Promise<number> {
  let created = 0;
  for (const row of rows) {
    const inserted = await db
      .insertInto('sanctions')
      .values(row)
      .onConflict((oc) => oc.columns(['campaign_id', 'checkpoint', 'unit_id', 'measure']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) created += 1;
  }
  return created;
}

function sanctionSelect(db: Executor) {
  return db
    .selectFrom('sanctions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .selectAll('s')
    .select(['u.code as unit_code', 'u.name as unit_name']);
}
export type SanctionRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof sanctionSelect>['executeTakeFirst']>>
>;

export function sanctionById(db: Executor, id: number): Promise<SanctionRow | undefined> {
  return sanctionSelect(db).where('s.id', '=', id).executeTakeFirst();
}

export function sanctionRows(db: Executor, campaignId: number, scope: UnitFilter): Promise<SanctionRow[]> {
  let q = sanctionSelect(db).where('s.campaign_id', '=', campaignId);
  if (!scope.all) q = q.where('s.unit_id', 'in', [...scope.unitIds, -1]);
  return q.orderBy('s.checkpoint').orderBy('u.code').orderBy('s.id').execute();
}

export async function updateSanctionIf(
  db: Executor,
  id: number,
  status: string,
  changes: Partial<Insertable<SanctionsTable>>,
): Promise<boolean> {
  const result = await db
    .updateTable('sanctions')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What leaves the server about a sanction. */
export function presentSanction(s: SanctionRow) {
  return {
    id: s.id,
    checkpoint: s.checkpoint as 'deadline' | 'year_end',
    unit: { code: s.unit_code, name: s.unit_name },
    measure: s.measure as Measure,
    grounds: s.grounds as Grounds,
    deduction: Number(s.deduction),
    carriedOver: s.carried_over,
    owner: s.owner,
    dueOn: s.due_on,
    status: s.status as SanctionStatus,
    record: s.record,
    document: s.document_sha256 === null ? null : { sha256: s.document_sha256, name: s.document_name ?? '' },
    waiveReason: s.waive_reason,
    updatedBy: s.updated_by,
    updatedAt: s.updated_at,
  };
}
export type SanctionOut = ReturnType<typeof presentSanction>;

/** The bytes of a sanction's attached scan, with what they are. */
export function documentOfSanction(db: Executor, id: number) {
  return db
    .selectFrom('sanctions as s')
    .innerJoin('documents as d', 'd.sha256', 's.document_sha256')
    .select(['d.content', 'd.media_type', 's.document_name', 's.unit_id'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function setSanctionDocument(
  db: Executor,
  id: number,
  d: { sha256: string; name: string; by: string; at: string },
): Promise<void> {
  await db
    .updateTable('sanctions')
    .set({ document_sha256: d.sha256, document_name: d.name, updated_by: d.by, updated_at: d.at })
    .where('id', '=', id)
    .execute();
}
