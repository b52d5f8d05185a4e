import type { Executor } from '../../db/connection.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { ReturnPeriod } from './rules.ts';

export interface ReturnKey {
  campaignId: number;
  period: ReturnPeriod;
  on: IsoDate;
}

/** The confirmations of the returns of one period and date, by unit id. */
export async function submissions(db: Executor, key: ReturnKey) {
  const rows = await db
    .selectFrom('return_submissions')
    .select(['unit_id', 'submitted_by', 'submitted_at'])
    .where('campaign_id', '=', key.campaignId)
    .where('period', '=', key.period)
    .where('return_on', '=', key.on)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { by: r.submitted_by, at: r.submitted_at }]));
}

/** Records a confirmation; a return already confirmed keeps its first confirmation. */
export async function insertSubmission(
  db: Executor,
  key: ReturnKey & { unitId: number; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('return_submissions')
    .values({
      campaign_id: key.campaignId,
      unit_id: key.unitId,
      period: key.period,
      return_on: key.on,
      submitted_by: key.by,
      submitted_at: key.at,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'period', 'return_on']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setCutoff(db: Executor, campaignId: number, cutoff: string): Promise<void> {
  await db.updateTable('campaigns').set({ return_cutoff: cutoff }).where('id', '=', campaignId).execute();
}
