import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { type IsoDate, addDays } from '../../shared/dates.ts';
import type { CampaignRow } from '../../db/tables.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import type { CaptureFacts, ListingFacts } from './rules.ts';

export async function insertCampaign(db: Executor, row: Omit<CampaignRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function campaignByName(db: Executor, name: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('name', '=', name).executeTakeFirst();
}

export function campaignById(db: Executor, id: number): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
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

/**
 * Compresses a date column for the figures: a date before every key date becomes the day before
 * the earliest, a date after them all the day after the latest. Each such date still falls on the
 * same side of every key date, so the figures do not change, but people who differ only in such
 * dates (most of a registry's history) fold into one row with a count.
 */
function clampedDate(db: Executor, column: string, keys: IsoDate[]): RawBuilder<IsoDate | null> {
  const sorted = [...keys].sort();
  const low = addDays(sorted[0]!, -1);
  const high = addDays(sorted.at(-1)!, 1);
  const ref = sql.ref(column);
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<IsoDate | null>`case when ${ref} is null then null else greatest(least(${ref}, cast(${high} as date)), cast(${low} as date)) end`
    : sql<IsoDate | null>`max(min(${ref}, ${high}), ${low})`; // SQLite's scalar min/max give null for null
}

/** The listing part of every local fugitive, compressed around the key dates. */
export async function listingFacts(db: Executor, keys: IsoDate[]): Promise<ListingFacts[]> {
  const rows = await db
    .selectFrom('fugitives')
    .select((eb) => [
      'listing_unit_id',
      'exit_kind',
      clampedDate(db, 'listed_on', keys).as('listed_on'),
      clampedDate(db, 'exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('listing_unit_id', 'is not', null)
    .groupBy(['listing_unit_id', 'exit_kind', sql.raw('3'), sql.raw('4')]) // the clamped dates, by position
    .execute();
  return rows.map((r) => ({
    listingUnitId: r.listing_unit_id!,
    listedOn: r.listed_on!,
    exit: r.exit_on === null ? null : { on: r.exit_on, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}

/** The capture part of every fugitive one of our units caught, compressed around the key dates. */
export async function captureFacts(db: Executor, keys: IsoDate[]): Promise<CaptureFacts[]> {
  const rows = await db
    .selectFrom('fugitives')
    .select((eb) => [
      'exit_unit_id',
      'exit_kind',
      eb('listing_unit_id', 'is', null).as('remote'),
      clampedDate(db, 'exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('exit_unit_id', 'is not', null)
    .groupBy(['exit_unit_id', 'exit_kind', sql.raw('3'), sql.raw('4')]) // remote, clamped exit date
    .execute();
  return rows.map((r) => ({
    capturingUnitId: r.exit_unit_id!,
    remote: Boolean(r.remote),
    exit: { on: r.exit_on!, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}
