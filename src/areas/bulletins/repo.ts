import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { IsoDate } from '../../shared/dates.ts';
import { addDays } from '../../shared/dates.ts';
import { endOfDay } from './rules.ts';

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
    corrects_id: number | null;
  },
): Promise<number> {
  const { id } = await db.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Which of a campaign's bulletins a list shows: figures dated from and to, a page of them. */
export interface BulletinFilter {
  from?: IsoDate;
  to?: IsoDate;
  limit: number;
  offset: number;
}

function bulletinsWhere(db: Executor, campaignId: number, filter: Omit<BulletinFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('bulletins as b').where('b.campaign_id', '=', campaignId);
  if (filter.from) q = q.where('b.as_of', '>=', filter.from);
  if (filter.to) q = q.where('b.as_of', '<=', filter.to);
  return q;
}

/** A page of a campaign's bulletins, newest first, with the number of the one each corrects. */
export function bulletinsOf(db: Executor, campaignId: number, filter: BulletinFilter) {
  return bulletinsWhere(db, campaignId, filter)
    .leftJoin('bulletins as c', 'c.id', 'b.corrects_id')
    .select([
      'b.id',
      'b.number',
      'b.as_of',
      'b.data_sha256',
      'b.chain_head',
      'b.issued_by',
      'b.issued_at',
      'b.corrects_id',
      'c.number as corrects_number',
    ])
    .orderBy('b.number', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** How many bulletins the filter finds, and the campaign's latest number (of any date). */
export async function countBulletins(
  db: Executor,
  campaignId: number,
  filter: Omit<BulletinFilter, 'limit' | 'offset'>,
): Promise<{ total: number; latestNumber: number | null }> {
  const [counted, latest] = await Promise.all([
    bulletinsWhere(db, campaignId, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('bulletins')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst(),
  ]);
  return { total: Number(counted.n), latestNumber: latest?.n == null ? null : Number(latest.n) };
}

/** A campaign's bulletins issued for a date (the first, and any corrections). */
export function bulletinsOn(db: Executor, campaignId: number, date: IsoDate) {
  return db
    .selectFrom('bulletins')
    .select(['id', 'number'])
    .where('campaign_id', '=', campaignId)
    .where('as_of', '=', date)
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

/** The verified results of the days first..last: clearances verified on them (bureau's time zone) or dated in them; at most 500. */
export async function verifiedBetween(db: Executor, first: IsoDate, last: IsoDate) {
  // The local days [first 00:00, last 24:00) at UTC+8 as instants.
  const from = endOfDay(addDays(first, -1));
  const to = endOfDay(last);
  const rows = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('units as u', 'u.id', 'c.capturing_unit_id')
    .select([
      'f.listing_no',
      'f.name',
      'f.crime_category',
      'f.listing_unit_id',
      'c.kind',
      'u.code',
      'u.name as unit_name',
    ])
    .where('c.status', '=', 'verified')
    // Verified that day as entered by a unit, or dated that day (history imported in bulk is not
    // the day's result just because it was loaded that day).
    .where((eb) =>
      eb.or([
        eb.between('c.occurred_on', first, last),
        eb.and([
          eb('c.provenance', '=', 'entry'),
          eb('c.decided_at', '>=', from),
          eb('c.decided_at', '<', to),
        ]),
      ]),
    )
    .orderBy('c.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    listingNo: r.listing_no,
    name: r.name,
    kind: r.kind,
    category: r.crime_category,
    unit: r.code ? { code: r.code, name: r.unit_name! } : null,
    remote: r.listing_unit_id === null,
  }));
}

/** Advisory lock key of document numbering (with the campaign id as the second key). */
const DOCUMENT_NUMBER_LOCK = 9704;

/**
 * Takes the next document number of a campaign's year, in the caller's transaction. On PostgreSQL
 * an advisory lock holds other issuers of the campaign until this transaction ends (SQLite's write
 * transactions are serial already); the unique key stops any number being taken twice.
 */
export async function takeDocumentNumber(
  trx: Executor,
  row: { campaign_id: number; year: number; kind: string; issued_by: string; issued_at: string },
): Promise<number> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(${DOCUMENT_NUMBER_LOCK}, ${row.campaign_id})`.execute(trx);
  const last = await trx
    .selectFrom('document_numbers')
    .select((eb) => eb.fn.max<number>('seq').as('n'))
    .where('campaign_id', '=', row.campaign_id)
    .where('year', '=', row.year)
    .executeTakeFirst();
  const seq = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto('document_numbers')
    .values({ ...row, seq })
    .execute();
  return seq;
}

export async function updateDocumentSettings(db: Executor, campaignId: number, json: string): Promise<void> {
  await db.updateTable('campaigns').set({ document_settings: json }).where('id', '=', campaignId).execute();
}
