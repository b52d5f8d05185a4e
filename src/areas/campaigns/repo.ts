import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { type IsoDate, addDays } from '../../shared/dates.ts';
import type { CampaignRow } from '../../db/tables.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import type { BaselineFacts, CaptureFacts, ListingFacts, PersuasionFacts } from './rules.ts';

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

export function allCampaigns(db: Executor): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().orderBy('id').execute();
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

/** The figures' data version: moves (by triggers) in every transaction that can change a figure. */
export async function figuresVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('figures_version').select('version').executeTakeFirstOrThrow();
  return Number(row.version);
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

/** Each person on one of our units' list, compressed around the key dates. */
export async function listingFacts(db: Executor, keys: IsoDate[]): Promise<ListingFacts[]> {
  const rows = await db
    .selectFrom('persons')
    .select((eb) => [
      'home_unit_id',
      'homicide',
      'exit_kind',
      clampedDate(db, 'listed_on', keys).as('listed_on'),
      clampedDate(db, 'exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('home_unit_id', 'is not', null)
    .groupBy(['home_unit_id', 'homicide', 'exit_kind', sql.raw('4'), sql.raw('5')]) // the clamped dates
    .execute();
  return rows.map((r) => ({
    listingUnitId: r.home_unit_id!,
    listedOn: r.listed_on!,
    homicide: Boolean(r.homicide),
    exit: r.exit_on === null ? null : { on: r.exit_on, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}

/** The persons of a campaign's frozen baseline (less corrections), compressed around the key dates. */
export async function baselineFacts(
  db: Executor,
  campaignId: number,
  keys: IsoDate[],
): Promise<BaselineFacts[]> {
  const rows = await db
    .selectFrom('baseline_persons as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .select((eb) => [
      'b.unit_id',
      'b.homicide',
      'p.exit_kind',
      clampedDate(db, 'p.exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('b.campaign_id', '=', campaignId)
    .where('b.corrected_at', 'is', null)
    .groupBy(['b.unit_id', 'b.homicide', 'p.exit_kind', sql.raw('4')]) // the clamped exit date
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    homicide: Boolean(r.homicide),
    exit: r.exit_on === null ? null : { on: r.exit_on, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}

/** The capture part of every person one of our units caught, compressed around the key dates. */
export async function captureFacts(db: Executor, keys: IsoDate[]): Promise<CaptureFacts[]> {
  const rows = await db
    .selectFrom('persons')
    .select((eb) => [
      'exit_unit_id',
      'exit_kind',
      'homicide',
      eb('home_unit_id', 'is', null).as('remote'),
      clampedDate(db, 'exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('exit_unit_id', 'is not', null)
    .groupBy(['exit_unit_id', 'exit_kind', 'homicide', sql.raw('4'), sql.raw('5')]) // remote, clamped exit date
    .execute();
  return rows.map((r) => ({
    capturingUnitId: r.exit_unit_id!,
    remote: Boolean(r.remote),
    homicide: Boolean(r.homicide),
    exit: { on: r.exit_on!, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}

/** Surrenders one of our units persuaded (劝投), compressed around the key dates. */
export async function persuasionFacts(db: Executor, keys: IsoDate[]): Promise<PersuasionFacts[]> {
  const rows = await db
    .selectFrom('persons')
    .select((eb) => [
      'exit_persuading_unit_id',
      'exit_kind',
      clampedDate(db, 'exit_on', keys).as('exit_on'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('exit_persuading_unit_id', 'is not', null)
    .groupBy(['exit_persuading_unit_id', 'exit_kind', sql.raw('3')]) // the clamped exit date
    .execute();
  return rows.map((r) => ({
    persuadingUnitId: r.exit_persuading_unit_id!,
    exit: { on: r.exit_on!, kind: r.exit_kind as ClearanceKind },
    count: Number(r.n),
  }));
}

/** The kept counts' day for "none" (no exit; no listing day for the roles that have none). */
const NO_DATE = '9999-12-31';

/** A campaign's facts as the figures read them. */
export interface CampaignFacts {
  listings: ListingFacts[];
  baseline: BaselineFacts[];
  captures: CaptureFacts[];
  persuasions: PersuasionFacts[];
}

/**
 * A campaign's facts from its kept counts (`campaign_facts`, moved by triggers with every change),
 * compressed around the key dates as the reads from the persons are. Exact for key dates inside
 * the campaign's window (see `factsWindow` in rules.ts): the counts keep every day of it.
 */
export async function keptFacts(db: Executor, campaignId: number, keys: IsoDate[]): Promise<CampaignFacts> {
  const rows = await db
    .selectFrom('campaign_facts')
    .select((eb) => [
      'role',
      'unit_id',
      'homicide',
      'remote',
      'exit_kind',
      clampedDate(db, 'listed_on', keys).as('listed_on'),
      sql<IsoDate | null>`case when exit_on = ${NO_DATE} then null else ${clampedDate(db, 'exit_on', keys)} end`.as(
        'exit_on',
      ),
      eb.fn.sum<number>('n').as('n'),
    ])
    .where('campaign_id', '=', campaignId)
    .groupBy(['role', 'unit_id', 'homicide', 'remote', 'exit_kind', sql.raw('6'), sql.raw('7')]) // clamped days
    .having((eb) => eb.fn.sum('n'), '<>', 0)
    .execute();
  const facts: CampaignFacts = { listings: [], baseline: [], captures: [], persuasions: [] };
  for (const r of rows) {
    const count = Number(r.n);
    const exit = r.exit_on === null ? null : { on: r.exit_on, kind: r.exit_kind as ClearanceKind };
    const homicide = Boolean(r.homicide);
    if (r.role === 'listing')
      facts.listings.push({ listingUnitId: r.unit_id, listedOn: r.listed_on!, homicide, exit, count });
    else if (r.role === 'baseline') facts.baseline.push({ unitId: r.unit_id, homicide, exit, count });
    else if (r.role === 'capture')
      facts.captures.push({
        capturingUnitId: r.unit_id,
        remote: Boolean(r.remote),
        homicide,
        exit: exit!,
        count,
      });
    else facts.persuasions.push({ persuadingUnitId: r.unit_id, exit: exit!, count });
  }
  return facts;
}

/** A campaign's facts read from the persons themselves (what the kept counts must equal). */
export async function factsFromPersons(
  db: Executor,
  campaignId: number,
  keys: IsoDate[],
): Promise<CampaignFacts> {
  const [listings, baseline, captures, persuasions] = await Promise.all([
    listingFacts(db, keys),
    baselineFacts(db, campaignId, keys),
    captureFacts(db, keys),
    persuasionFacts(db, keys),
  ]);
  return { listings, baseline, captures, persuasions };
}

/**
 * Freezes a campaign's baseline snapshot from the records as they stand: every person whose
 * earliest local listing is dated on or before the baseline date and who has no verified clearance
 * dated before launch, in the unit of that listing. Returns the snapshot's persons in id order.
 */
export async function insertBaselineSnapshot(
  db: Executor,
  c: { id: number; baseline_on: IsoDate; start_on: IsoDate },
): Promise<{ person_id: number; unit_id: number }[]> {
  await sql`insert into baseline_persons (campaign_id, person_id, unit_id, homicide)
    select ${c.id}, id, home_unit_id, homicide from persons
    where home_unit_id is not null and listed_on <= ${c.baseline_on}
      and (exit_on is null or exit_on >= ${c.start_on})`.execute(db);
  return db
    .selectFrom('baseline_persons')
    .select(['person_id', 'unit_id'])
    .where('campaign_id', '=', c.id)
    .orderBy('person_id')
    .execute();
}

/** The responsibility letters of a campaign, with the baseline each shows. */
export function lettersWithBaselines(db: Executor, campaignId: number) {
  return db
    .selectFrom('letters')
    .select(['id', 'unit_id', 'baseline'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
}

export async function setLetterBaseline(db: Executor, letterId: number, baseline: number): Promise<void> {
  await db.updateTable('letters').set({ baseline }).where('id', '=', letterId).execute();
}

/**
 * A follow-on campaign's baseline, given rather than read from the records: these persons, each in
 * the unit given. Returns the snapshot's persons in id order.
 */
export async function insertGivenBaseline(
  db: Executor,
  campaignId: number,
  persons: readonly { person_id: number; unit_id: number }[],
): Promise<{ person_id: number; unit_id: number }[]> {
  const unitOf = new Map(persons.map((p) => [p.person_id, p.unit_id]));
  const homicide = new Map<number, number>();
  for (let i = 0; i < persons.length; i += 500) {
    const ids = persons.slice(i, i + 500).map((p) => p.person_id);
    for (const r of await db
      .selectFrom('persons')
      .select(['id', 'homicide'])
      .where('id', 'in', ids)
      .execute())
      homicide.set(r.id, Number(r.homicide));
  }
  const rows = [...unitOf].map(([person_id, unit_id]) => ({
    campaign_id: campaignId,
    person_id,
    unit_id,
    homicide: homicide.get(person_id) ?? 0,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('baseline_persons')
      .values(rows.slice(i, i + 500))
      .execute();
  return rows
    .map(({ person_id, unit_id }) => ({ person_id, unit_id }))
    .sort((a, b) => a.person_id - b.person_id);
}

/**
 * The persons of a campaign's frozen baseline (less corrections) in some units who are still on the
 * list now, with the unit the snapshot gave them: what a follow-on campaign carries over.
 */
export function stillActiveBaselinePersons(
  db: Executor,
  campaignId: number,
  unitIds: readonly number[],
): Promise<{ person_id: number; unit_id: number }[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('baseline_persons as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .select(['b.person_id', 'b.unit_id'])
    .where('b.campaign_id', '=', campaignId)
    .where('b.corrected_at', 'is', null)
    .where('p.exit_on', 'is', null)
    .where('b.unit_id', 'in', unitIds)
    .orderBy('b.person_id')
    .execute();
}

export async function markFrozen(db: Executor, id: number, at: string, digest: string): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ frozen_at: at, baseline_digest: digest })
    .where('id', '=', id)
    .execute();
}

const FREEZE_LOCK_KEY = 0x7166; // "qf": serialises freezing across PostgreSQL sessions

/** Takes the freezing lock until the transaction ends (SQLite transactions are already serial). */
export async function lockCampaigns(trx: Executor): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(${FREEZE_LOCK_KEY})`.execute(trx);
}

/** Campaigns launched by a date whose baseline is not frozen yet. */
export function campaignsDueToFreeze(db: Executor, today: IsoDate): Promise<CampaignRow[]> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('frozen_at', 'is', null)
    .where('start_on', '<=', today)
    .orderBy('id')
    .execute();
}

/** The snapshot row of the person of one of our listings in a campaign's baseline, if there. */
export function baselineRowOfListing(db: Executor, campaignId: number, listingNo: string) {
  return db
    .selectFrom('fugitives as f')
    .innerJoin('baseline_persons as b', 'b.person_id', 'f.person_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['b.person_id', 'b.corrected_at', 'u.code as unit_code', 'u.name as unit_name'])
    .where('f.listing_no', '=', listingNo)
    .where('f.listing_unit_id', 'is not', null)
    .where('b.campaign_id', '=', campaignId)
    .executeTakeFirst();
}

export async function markCorrected(
  db: Executor,
  campaignId: number,
  personId: number,
  correction: { at: string; by: string; reason: string },
): Promise<void> {
  await db
    .updateTable('baseline_persons')
    .set({ corrected_at: correction.at, corrected_by: correction.by, correction_reason: correction.reason })
    .where('campaign_id', '=', campaignId)
    .where('person_id', '=', personId)
    .execute();
}

/** A campaign's baseline corrections, oldest first, with each person's listings and unit. */
export async function baselineCorrections(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom('baseline_persons as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('fugitives as f', 'f.person_id', 'b.person_id')
    .select([
      'b.person_id',
      'b.corrected_at',
      'b.corrected_by',
      'b.correction_reason',
      'u.code as unit_code',
      'u.name as unit_name',
      'f.listing_no',
    ])
    .where('b.campaign_id', '=', campaignId)
    .where('b.corrected_at', 'is not', null)
    .orderBy('b.corrected_at')
    .orderBy('b.person_id')
    .orderBy('f.listing_no')
    .execute();
  const byPerson = new Map<number, (typeof rows)[number] & { listingNos: string[] }>();
  for (const r of rows) {
    const known = byPerson.get(r.person_id);
    if (known) known.listingNos.push(r.listing_no);
    else byPerson.set(r.person_id, { ...r, listingNos: [r.listing_no] });
  }
  return [...byPerson.values()];
}

/** The frozen baselines a person is in (not corrected out), with the unit each gave them. */
export function frozenBaselinesOfPerson(db: Executor, personId: number) {
  return db
    .selectFrom('baseline_persons as b')
    .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['c.name as campaign', 'u.code', 'u.name'])
    .where('b.person_id', '=', personId)
    .where('b.corrected_at', 'is', null)
    .where('c.frozen_at', 'is not', null)
    .orderBy('c.id')
    .execute();
}
