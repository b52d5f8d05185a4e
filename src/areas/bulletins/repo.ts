import type { Executor } from '../../db/connection.ts';

export async function nextNumber(db: Executor, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max<number>('number').as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertBulletin(
  db: Executor,
  row: {
    campaign_id: number;
    number: number;
    as_of: string;
    data_json: string;
    data_sha256: string;
    chain_head: string;
    issued_by: string;
    issued_at: string;
  },
): Promise<number> {
  const { id } = await db.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function bulletinsOf(db: Executor, campaignId: number) {
  return db
    .selectFrom('bulletins')
    .select(['id', 'number', 'as_of', 'data_sha256', 'chain_head', 'issued_by', 'issued_at'])
    .where('campaign_id', '=', campaignId)
    .orderBy('number', 'desc')
    .execute();
}

export function bulletinById(db: Executor, id: number) {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The campaign's latest issued bulletin (by number). */
export function latestBulletin(db: Executor, campaignId: number) {
  return db
    .selectFrom('bulletins')
    .select(['number', 'as_of', 'issued_at'])
    .where('campaign_id', '=', campaignId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}
