import type { Executor } from '../../db/connection.ts';
import type { CampaignRow } from '../../db/tables.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import type { FugitiveFacts } from './rules.ts';

export async function insertCampaign(db: Executor, row: Omit<CampaignRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function campaignByName(db: Executor, name: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The campaign launched last: what "the campaign" means when none is named. */
export function latestCampaign(db: Executor): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .orderBy('start_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listCampaigns(db: Executor): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().orderBy('start_on', 'desc').execute();
}

/** What the figures need of every fugitive: one compact row each. */
export async function fugitiveFacts(db: Executor): Promise<FugitiveFacts[]> {
  const rows = await db
    .selectFrom('fugitives')
    .select(['listing_unit_id', 'listed_on', 'exit_on', 'exit_kind', 'exit_unit_id'])
    .execute();
  return rows.map((r) => ({
    listingUnitId: r.listing_unit_id,
    listedOn: r.listed_on,
    exit:
      r.exit_on === null
        ? null
        : { on: r.exit_on, kind: r.exit_kind as ClearanceKind, capturingUnitId: r.exit_unit_id },
  }));
}
