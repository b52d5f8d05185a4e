import type { Executor } from '../../db/connection.ts';
import type { UnitFilter } from '../accounts/rules.ts';

export async function insertInspection(
  db: Executor,
  row: {
    unit_id: number;
    inspected_on: string;
    inspector: string;
    findings: string;
    follow_up: string | null;
    created_at: string;
  },
): Promise<number> {
  const { id } = await db.insertInto('inspections').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function inspectionRows(db: Executor, scope: UnitFilter) {
  let q = db
    .selectFrom('inspections as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .selectAll('i')
    .select(['u.code as unit_code', 'u.name as unit_name']);
  if (!scope.all) q = q.where('i.unit_id', 'in', [...scope.unitIds, -1]);
  return q.orderBy('i.inspected_on', 'desc').orderBy('i.id', 'desc').limit(1000).execute();
}
export type InspectionRow = Awaited<ReturnType<typeof inspectionRows>>[number];

export async function insertNotice(
  db: Executor,
  row: {
    campaign_id: number;
    unit_id: number;
    kind: string;
    text: string;
    issued_on: string;
    issued_by: string;
    created_at: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('supervision_notices')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A campaign's issued notices up to a date (all units: notices are published to every unit). */
export function noticeRows(db: Executor, campaignId: number, upTo?: string) {
  let q = db
    .selectFrom('supervision_notices as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .selectAll('n')
    .select(['u.code as unit_code', 'u.name as unit_name'])
    .where('n.campaign_id', '=', campaignId);
  if (upTo) q = q.where('n.issued_on', '<=', upTo);
  return q.orderBy('n.issued_on', 'desc').orderBy('n.id', 'desc').execute();
}
export type NoticeRow = Awaited<ReturnType<typeof noticeRows>>[number];
