import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { PublicityActivitiesTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';
import { notWithdrawn } from '../registry/repo.ts';

// ——— Publicity activities ———

export async function insertActivity(
  db: Executor,
  row: Insertable<PublicityActivitiesTable>,
): Promise<number> {
  const { id } = await db
    .insertInto('publicity_activities')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function activitySelect(db: Executor) {
  return db
    .selectFrom('publicity_activities as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.kind',
      'a.held_on',
      'a.place',
      'a.quantity',
      'a.description',
      'a.created_by',
      'a.created_at',
      'u.code as unit_code',
      'u.name as unit_name',
    ]);
}
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof activitySelect>['execute']>>[number];

export function activityById(db: Executor, id: number): Promise<ActivityRow | undefined> {
  return activitySelect(db).where('a.id', '=', id).executeTakeFirst();
}

/** Activities held in [from, to], newest first. */
export function activitiesBetween(db: Executor, from: string, to: string): Promise<ActivityRow[]> {
  return activitySelect(db)
    .where('a.held_on', '>=', from)
    .where('a.held_on', '<=', to)
    .orderBy('a.held_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/** Dates of verified surrenders in [from, to]. */
export async function surrenderDates(db: Executor, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('clearances')
    .select('occurred_on')
    .where('kind', '=', 'surrender')
    .where('status', '=', 'verified')
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
  return rows.map((r) => r.occurred_on);
}

// ——— The surrender notice ———

export function notices(db: Executor) {
  return db.selectFrom('notices').selectAll().orderBy('version', 'desc').execute();
}
export type NoticeRow = Awaited<ReturnType<typeof notices>>[number];

export function noticeById(db: Executor, id: number): Promise<NoticeRow | undefined> {
  return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The notice the public sees: the one published version. */
export function publishedNotice(db: Executor): Promise<NoticeRow | undefined> {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export async function insertNotice(
  db: Executor,
  row: {
    title_zh: string;
    body_zh: string;
    title_en: string;
    body_en: string;
    drafted_by: string;
    drafted_at: string;
  },
): Promise<number> {
  const { v } = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('notices')
    .values({ ...row, version: Number(v ?? 0) + 1, status: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function decideNotice(
  db: Executor,
  id: number,
  status: 'published' | 'rejected',
  by: string,
  at: string,
): Promise<void> {
  if (status === 'published')
    await db.updateTable('notices').set({ status: 'superseded' }).where('status', '=', 'published').execute();
  await db
    .updateTable('notices')
    .set({ status, decided_by: by, decided_at: at, published_at: status === 'published' ? at : null })
    .where('id', '=', id)
    .execute();
}

// ——— The published wanted list ———

/**
 * The public wanted list: marked published and not cleared. A person leaves it when a claim is
 * verified, never on a mere claim: otherwise any officer could take anyone off the poster. A listing
 * withdrawn as entered by mistake leaves it too.
 */
function publicListQuery(db: Executor) {
  return db
    .selectFrom('fugitives as f')
    .where('f.published', '=', 1)
    .where('f.exit_on', 'is', null)
    .where(notWithdrawn)
    .select([
      'f.id',
      'f.listing_no',
      'f.name',
      'f.sex',
      'f.birth_date',
      'f.id_number',
      'f.crime_category',
      'f.offence',
      'f.listed_on',
      'f.reward',
      'f.photo_sha256',
      'f.listing_unit_id',
    ]);
}
export type PublicFugitiveRow = Awaited<ReturnType<ReturnType<typeof publicListQuery>['execute']>>[number];

/** One page of the public list: the highest rewards first, then the most recent listings. */
export function publicFugitives(db: Executor, limit: number, offset = 0): Promise<PublicFugitiveRow[]> {
  return publicListQuery(db)
    .orderBy('f.reward', 'desc')
    .orderBy('f.listed_on', 'desc')
    .orderBy('f.listing_no')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPublicFugitives(db: Executor): Promise<number> {
  const { n } = await publicListQuery(db)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function publicFugitive(db: Executor, listingNo: string): Promise<PublicFugitiveRow | undefined> {
  return publicListQuery(db).where('f.listing_no', '=', listingNo).executeTakeFirst();
}

/** A photo, only when it belongs to someone on the public list. */
export function publicPhoto(db: Executor, sha256: string) {
  return db
    .selectFrom('documents as d')
    .select(['d.content', 'd.media_type'])
    .where('d.sha256', '=', sha256)
    .where((eb) =>
      eb.exists(publicListQuery(db).clearSelect().select('f.id').where('f.photo_sha256', '=', sha256)),
    )
    .executeTakeFirst();
}

export async function setPublication(
  db: Executor,
  fugitiveId: number,
  values: { published: number; reward: number | null },
): Promise<void> {
  await db.updateTable('fugitives').set(values).where('id', '=', fugitiveId).execute();
}

export async function setPhoto(db: Executor, fugitiveId: number, sha256: string | null): Promise<void> {
  await db.updateTable('fugitives').set({ photo_sha256: sha256 }).where('id', '=', fugitiveId).execute();
}

// ——— Tips ———

/** The command centre: the root of the unit tree. */
export async function commandCentreId(db: Executor): Promise<number> {
  const root = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return root.id;
}

export async function insertTip(
  db: Executor,
  row: {
    receipt_hash: string;
    fugitive_id: number | null;
    assigned_unit_id: number;
    seen_text: string;
    seen_where: string | null;
    seen_when: string | null;
    language: string;
    contact_sealed: string | null;
    received_at: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('tips')
    .values({ ...row, status: 'new', updated_at: row.received_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function tipSelect(db: Executor) {
  return db
    .selectFrom('tips as t')
    .innerJoin('units as u', 'u.id', 't.assigned_unit_id')
    .leftJoin('fugitives as f', 'f.id', 't.fugitive_id')
    .select([
      't.id',
      't.fugitive_id',
      't.assigned_unit_id',
      't.seen_text',
      't.seen_where',
      't.seen_when',
      't.language',
      't.contact_sealed',
      't.status',
      't.triage',
      't.outcome',
      't.reward_claimed_at',
      't.received_at',
      't.updated_at',
      't.channel',
      't.entered_by',
      'u.code as unit_code',
      'u.name as unit_name',
      'f.listing_no',
      'f.name as fugitive_name',
      'f.reward',
      'f.exit_on',
      'f.exit_kind',
    ]);
}
export type TipRow = Awaited<ReturnType<ReturnType<typeof tipSelect>['execute']>>[number];

export function tipById(db: Executor, id: number): Promise<TipRow | undefined> {
  return tipSelect(db).where('t.id', '=', id).executeTakeFirst();
}

export function tipByReceiptHash(db: Executor, hash: string): Promise<TipRow | undefined> {
  return tipSelect(db).where('t.receipt_hash', '=', hash).executeTakeFirst();
}

export function tipsInScope(db: Executor, scope: UnitFilter, status?: string): Promise<TipRow[]> {
  let q = tipSelect(db);
  if (!scope.all) q = q.where('t.assigned_unit_id', 'in', [...scope.unitIds, -1]);
  if (status) q = q.where('t.status', '=', status);
  return q.orderBy('t.received_at', 'desc').orderBy('t.id', 'desc').limit(500).execute();
}

/** A tip belongs to the unit it is assigned to. */
export async function ownerUnitsOfTip(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const tip = await db
    .selectFrom('tips')
    .select('assigned_unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return tip && { units: [tip.assigned_unit_id] };
}

export async function updateTip(
  db: Executor,
  id: number,
  values: Partial<{
    fugitive_id: number | null;
    assigned_unit_id: number;
    status: string;
    triage: string | null;
    outcome: string | null;
    reward_claimed_at: string | null;
    updated_at: string;
  }>,
): Promise<void> {
  await db.updateTable('tips').set(values).where('id', '=', id).execute();
}

export async function insertMessage(
  db: Executor,
  row: {
    tip_id: number;
    author: 'officer' | 'tipster';
    officer: string | null;
    body: string;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('tip_messages').values(row).execute();
}

export function messagesOf(db: Executor, tipId: number) {
  return db
    .selectFrom('tip_messages')
    .select(['author', 'officer', 'body', 'created_at'])
    .where('tip_id', '=', tipId)
    .orderBy('id')
    .execute();
}

/** Whether another tip about the same person has already claimed the reward. */
export async function rewardClaimedByOtherTip(
  db: Executor,
  tipId: number,
  fugitiveId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('tips')
    .select('id')
    .where('fugitive_id', '=', fugitiveId)
    .where('id', '!=', tipId)
    .where('reward_claimed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Tip counts in the caller's units: received, open, and closed as leading to a verified clearance. */
export async function tipCounts(db: Executor, scope: UnitFilter) {
  let q = db.selectFrom('tips as t').leftJoin('fugitives as f', 'f.id', 't.fugitive_id');
  if (!scope.all) q = q.where('t.assigned_unit_id', 'in', [...scope.unitIds, -1]);
  const row = await q
    .select((eb) => [
      eb.fn.countAll<number>().as('received'),
      eb.fn.sum<number>(eb.case().when('t.status', '!=', 'closed').then(1).else(0).end()).as('open'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([eb('t.outcome', '=', 'led_to_clearance'), eb('f.exit_clearance_id', 'is not', null)]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('led_to_clearance'),
    ])
    .executeTakeFirstOrThrow();
  return {
    received: Number(row.received),
    open: Number(row.open ?? 0),
    ledToClearance: Number(row.led_to_clearance ?? 0),
  };
}
