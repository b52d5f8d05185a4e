import { PostgresAdapter, type RawBuilder, type Selectable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { PersonMatchesTable } from '../../db/tables.ts';

/** Splits a long id list so that no query exceeds the databases' bound-parameter limits. */
function chunks(ids: readonly number[], size = 5000): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`));

/** Listings not yet linked to a person (the ones an import has just added). */
export async function unlinkedListings(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('fugitives').select('id').where('person_id', 'is', null).execute();
  return rows.map((r) => r.id);
}

/**
 * Links every unlinked listing to its person: a listing whose resident ID number is already
 * someone's joins that person; the others found a person each (listings of one new ID number
 * together), whose id is the founding listing's id. Returns nothing: callers refresh by listing.
 */
export async function linkListings(db: Executor, at: string): Promise<void> {
  await sql`update fugitives set person_id = (select min(f2.person_id) from fugitives f2
      where f2.id_number = fugitives.id_number and f2.person_id is not null)
    where person_id is null and id_number is not null`.execute(db);
  // Every listing of a still-unlinked ID number is new, so the lowest of them founds the person.
  const founder = sql`(select min(f2.id) from fugitives f2 where f2.id_number = f.id_number)`;
  await sql`insert into persons (id, homicide, created_at)
    select f.id, 0, ${at} from fugitives f
    where f.person_id is null and (f.id_number is null or f.id = ${founder})`.execute(db);
  await sql`update fugitives set person_id = case when id_number is null then id
      else (select min(f2.id) from fugitives f2 where f2.id_number = fugitives.id_number) end
    where person_id is null`.execute(db);
}

const stagedPersons = (staged: string) => sql.table(`${staged}_persons`);

/**
 * Works out, before an import takes the write lock, whom each staged listing is: the person of a
 * registered listing with its resident ID number, or a new person founded by the first staged
 * listing of its ID number (or by itself, without one: the stage's `founder`), whose figures are
 * computed here from the staged listings alone (a new listing has no clearance yet). Set against
 * set, each in one pass: only the listings of registered numbers are written to, and the new
 * persons are one sort of the others. See `foundStagedPersons`.
 */
export async function prepareStagedPersons(db: Executor, staged: string): Promise<void> {
  const s = sql.table(staged);
  await personsOfStagedIdNumbers(
    db,
    staged,
    sql`exists (select 1 from fugitives f where f.id_number = ${s}.id_number)`,
  );
  // The home unit and listing date are those of the earliest local listing (ties: lowest listing
  // number), or the earliest listing's date when none is local: the first in this order.
  await sql`create temp table ${stagedPersons(staged)} as
    select founder, listing_unit_id as home_unit_id, listed_on, homicide from (
      select founder, listing_unit_id, listed_on,
        max(case when crime_category = 'homicide' then 1 else 0 end) over (partition by founder) as homicide,
        row_number() over (partition by founder order by case when listing_unit_id is null then 1 else 0 end,
          listed_on, listing_no) as n
      from ${s} where person_id is null) g
    where n = 1`.execute(db);
}

/** Each staged listing (of those `which` selects) whose ID number is registered joins that number's person. */
async function personsOfStagedIdNumbers(
  db: Executor,
  staged: string,
  which: RawBuilder<unknown>,
): Promise<void> {
  const s = sql.table(staged);
  await sql`update ${s} set person_id = (select min(f.person_id) from fugitives f
      where f.id_number = ${s}.id_number)
    where ${which}`.execute(db);
}

/**
 * In the import's transaction, after `prepareStagedPersons` (which saw the registry up to listing
 * `seenUpTo`): links again the staged listings whose ID number was registered meanwhile, and those
 * that joined a registered person (whom a merge or split may have changed), then founds the new
 * persons with ids after `lastId` (a person's id is their founding listing's). Returns how many
 * were founded and the registered persons the import adds listings to, to be refreshed.
 */
export async function foundStagedPersons(
  db: Executor,
  staged: string,
  ids: { seenUpTo: number; lastId: number },
  at: string,
): Promise<{ founded: number; joined: number[] }> {
  const s = sql.table(staged);
  await personsOfStagedIdNumbers(
    db,
    staged,
    sql`person_id is not null or id_number in (select f.id_number from fugitives f
      where f.id > ${ids.seenUpTo} and f.id_number is not null)`,
  );
  const founded = await sql`insert into persons (id, home_unit_id, listed_on, homicide, created_at)
    select p.founder + ${ids.lastId}, p.home_unit_id, p.listed_on, p.homicide, cast(${at} as text)
    from ${stagedPersons(staged)} p
    where p.founder not in (select x.founder from ${s} x where x.person_id is not null and x.founder is not null)`.execute(
    db,
  );
  const { rows } = await sql<{ person_id: number }>`
    select distinct person_id from ${s} where person_id is not null`.execute(db);
  return { founded: Number(founded.numAffectedRows ?? 0), joined: rows.map((r) => r.person_id) };
}

export async function dropStagedPersons(db: Executor, staged: string): Promise<void> {
  await sql`drop table if exists ${stagedPersons(staged)}`.execute(db);
}

/** The persons of some listings. */
export async function personsOfListings(db: Executor, listingIds: readonly number[]): Promise<number[]> {
  const persons = new Set<number>();
  for (const part of chunks(listingIds)) {
    const rows = await db
      .selectFrom('fugitives')
      .select('person_id')
      .distinct()
      .where('id', 'in', part)
      .execute();
    for (const r of rows) if (r.person_id !== null) persons.add(r.person_id);
  }
  return [...persons];
}

/**
 * Recomputes what the figures read of each person from their listings and clearances: the home
 * unit (earliest local listing, ties lowest listing number), the first listing date, the homicide
 * flag and the exit (earliest verified clearance on any listing), then copies the exit onto every
 * listing of the person, so one verified clearance takes all of their listings off the list.
 */
export async function refreshPersons(db: Executor, personIds: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(personIds)])) {
    const these = sql`id in (${idList(part)})`;
    // A withdrawn listing (entered by mistake) stays on record but no longer makes the person.
    const standing = sql`f.person_id = persons.id and not exists (select 1 from listing_withdrawals w
      where w.fugitive_id = f.id and w.status = 'approved')`;
    const local = sql`from fugitives f where ${standing} and f.listing_unit_id is not null
      order by f.listed_on, f.listing_no limit 1`;
    // The person's listings first, then their clearances (SQLite's CROSS JOIN keeps that order):
    // without statistics SQLite would otherwise walk every verified clearance for each person.
    await sql`update persons set
      home_unit_id = (select f.listing_unit_id ${local}),
      listed_on = coalesce((select f.listed_on ${local}),
        (select min(f.listed_on) from fugitives f where ${standing})),
      homicide = case when exists (select 1 from fugitives f where ${standing}
        and f.crime_category = 'homicide') then 1 else 0 end,
      exit_clearance_id = (select c.id from fugitives f cross join clearances c
        where c.fugitive_id = f.id and ${standing} and c.status = 'verified'
        order by c.occurred_on, c.id limit 1)
      where ${these}`.execute(db);
    const exit = (column: string): RawBuilder<unknown> =>
      sql`(select c.${sql.ref(column)} from clearances c where c.id = persons.exit_clearance_id)`;
    await sql`update persons set exit_on = ${exit('occurred_on')}, exit_kind = ${exit('kind')},
      exit_unit_id = ${exit('capturing_unit_id')}, exit_persuading_unit_id = ${exit('persuading_unit_id')}
      where ${these}`.execute(db);
    const person = (column: string): RawBuilder<unknown> =>
      sql`(select p.${sql.ref(column)} from persons p where p.id = fugitives.person_id)`;
    await sql`update fugitives set exit_clearance_id = ${person('exit_clearance_id')},
      exit_on = ${person('exit_on')}, exit_kind = ${person('exit_kind')},
      exit_unit_id = ${person('exit_unit_id')}
      where person_id in (${idList(part)})`.execute(db);
  }
}

/** Every listing id of these persons. */
export async function listingsOfPersons(db: Executor, personIds: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(personIds)) {
    const rows = await db.selectFrom('fugitives').select('id').where('person_id', 'in', part).execute();
    for (const r of rows) out.push(r.id);
  }
  return out;
}

/**
 * Takes the lock of a listing's person until the transaction ends, so that two claims on one
 * person (on two of their listings) are decided one after the other (SQLite is already serial).
 */
export async function lockPersonOf(db: Executor, fugitiveId: number): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select p.id from persons p join fugitives f on f.person_id = p.id
    where f.id = ${fugitiveId} for update of p`.execute(db);
}

/**
 * Takes the locks of these persons and of their listings until the transaction ends, so no claim
 * is filed or decided on them while their listings move. Listings first, then persons, each in id
 * order: the order a claim takes them in (its listing, then its person), so the two never deadlock.
 */
export async function lockPersons(db: Executor, personIds: readonly number[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await sql`select id from fugitives where person_id in (${idList(ids)}) order by id for update`.execute(db);
  await sql`select id from persons where id in (${idList(ids)}) order by id for update`.execute(db);
}

const least = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) =>
  sql`case when ${a} < ${b} then ${a} else ${b} end`;
const greatest = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) =>
  sql`case when ${a} < ${b} then ${b} else ${a} end`;

/**
 * Suggests a match between the person of each of these listings and every other person with a
 * listing of the same name, sex and birth date, unless both persons carry resident ID numbers
 * (different numbers are different persons). A pair is suggested once: a rejected pair is not
 * suggested again. Returns how many suggestions were added.
 */
export async function suggestMatches(
  db: Executor,
  listingIds: readonly number[],
  at: string,
): Promise<number> {
  let added = 0;
  const [low, high] = [
    least(sql.ref('a.person_id'), sql.ref('b.person_id')),
    greatest(sql.ref('a.person_id'), sql.ref('b.person_id')),
  ];
  const hasId = (person: string) =>
    sql`exists (select 1 from fugitives x where x.person_id = ${sql.ref(person)} and x.id_number is not null)`;
  for (const part of chunks(listingIds)) {
    const result = await sql`insert into person_matches (person_id, other_person_id, status, created_at)
      select distinct ${low}, ${high}, 'suggested', cast(${at} as text)
      from fugitives a join fugitives b on b.name = a.name and b.sex = a.sex
        and b.birth_date = a.birth_date and b.person_id <> a.person_id
      where a.id in (${idList(part)}) and a.sex is not null and a.birth_date is not null
        and not (${hasId('a.person_id')} and ${hasId('b.person_id')})
        and not exists (select 1 from person_matches m
          where m.person_id = ${low} and m.other_person_id = ${high})`.execute(db);
    added += Number(result.numAffectedRows ?? 0);
  }
  return added;
}

export type MatchRow = Selectable<PersonMatchesTable>;

export function matchById(db: Executor, id: number): Promise<MatchRow | undefined> {
  return db.selectFrom('person_matches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Matches by status (all when none is given), newest first. */
export function matches(db: Executor, status?: string): Promise<MatchRow[]> {
  let q = db.selectFrom('person_matches').selectAll();
  if (status) q = q.where('status', '=', status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** The listings of some persons, with their units, for showing a match side by side. */
export async function listingDetailsOfPersons(db: Executor, personIds: readonly number[]) {
  const out = [];
  for (const part of chunks([...new Set(personIds)])) {
    out.push(
      ...(await db
        .selectFrom('fugitives as f')
        .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
        .select([
          'f.person_id',
          'f.listing_no',
          'f.name',
          'f.sex',
          'f.birth_date',
          'f.id_number',
          'f.crime_category',
          'f.listing_agency',
          'f.listing_unit_id',
          'f.listed_on',
          'f.exit_on',
          'u.code as unit_code',
          'u.name as unit_name',
        ])
        .where('f.person_id', 'in', part)
        .orderBy('f.listed_on')
        .orderBy('f.listing_no')
        .execute()),
    );
  }
  return out;
}

/**
 * Changes a match only if it is still as the caller read it (its status, and its two persons, which
 * a merge of one of them rewrites); false when someone else decided or rewrote it in between (the
 * caller refuses the request as stale).
 */
export async function updateMatchIf(
  db: Executor,
  read: MatchRow,
  changes: Updateable<PersonMatchesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('person_matches')
    .set(changes)
    .where('id', '=', read.id)
    .where('status', '=', read.status)
    .where('person_id', '=', read.person_id)
    .where('other_person_id', '=', read.other_person_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether a frozen baseline snapshot (of any campaign) names the person. */
export async function inSomeBaseline(db: Executor, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('baseline_persons')
    .select('person_id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a verified clearance stands on one of the person's listings. */
export async function hasVerifiedClearance(db: Executor, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select('c.id')
    .where('f.person_id', '=', personId)
    .where('c.status', '=', 'verified')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves the absorbed person's listings to the survivor. Suggestions still open about the absorbed
 * person now concern the survivor; one that would repeat a pair already there, or pair the survivor
 * with itself, is dropped. The absorbed person's row stays (decided matches name it), with no
 * listings: `refreshPersons` then leaves it out of every figure. Returns the dropped suggestions.
 */
export async function mergePersons(
  db: Executor,
  matchId: number,
  survivor: number,
  absorbed: number,
): Promise<number[]> {
  // What the merge moves, so that a split can move it back.
  const moved = await listingsOfPersons(db, [absorbed]);
  await db
    .updateTable('person_matches')
    .set({ absorbed_person_id: absorbed })
    .where('id', '=', matchId)
    .execute();
  for (const part of chunks(moved))
    await db
      .insertInto('person_merge_listings')
      .values(part.map((fugitive_id) => ({ match_id: matchId, fugitive_id })))
      .execute();
  await db.updateTable('fugitives').set({ person_id: survivor }).where('person_id', '=', absorbed).execute();
  const open = await db
    .selectFrom('person_matches')
    .selectAll()
    .where('status', '=', 'suggested')
    .where((eb) => eb.or([eb('person_id', '=', absorbed), eb('other_person_id', '=', absorbed)]))
    .execute();
  const dropped: number[] = [];
  for (const m of open) {
    const other = m.person_id === absorbed ? m.other_person_id : m.person_id;
    const [low, high] = survivor < other ? [survivor, other] : [other, survivor];
    const clash =
      other === survivor ||
      (await db
        .selectFrom('person_matches')
        .select('id')
        .where('person_id', '=', low)
        .where('other_person_id', '=', high)
        .executeTakeFirst()) !== undefined;
    if (clash) {
      await db.deleteFrom('person_matches').where('id', '=', m.id).execute();
      dropped.push(m.id);
    } else
      await db
        .updateTable('person_matches')
        .set({ person_id: low, other_person_id: high })
        .where('id', '=', m.id)
        .execute();
  }
  await refreshPersons(db, [survivor, absorbed]);
  return dropped;
}

/** The listings a confirmed merge moved, with the person holding each now and its ID number. */
export async function mergedListings(db: Executor, matchId: number) {
  const rows = await db
    .selectFrom('person_merge_listings as m')
    .innerJoin('fugitives as f', 'f.id', 'm.fugitive_id')
    .select(['f.id', 'f.person_id', 'f.id_number'])
    .where('m.match_id', '=', matchId)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ fugitiveId: r.id, personId: r.person_id!, idNumber: r.id_number }));
}

/** Every listing of a person, with its ID number. */
export async function listingIdsOfPerson(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('fugitives')
    .select(['id', 'id_number'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ fugitiveId: r.id, idNumber: r.id_number }));
}

/** Moves listings (back) to a person and brings both persons' figures up to date. */
export async function moveListings(
  db: Executor,
  listingIds: readonly number[],
  from: number,
  to: number,
): Promise<void> {
  for (const part of chunks(listingIds))
    await db.updateTable('fugitives').set({ person_id: to }).where('id', 'in', part).execute();
  await refreshPersons(db, [from, to]);
}

/** The units of a match's listings (both persons), for the access policy. */
export async function ownerUnitsOfMatch(db: Executor, key: string) {
  const id = Number(key);
  if (!Number.isInteger(id)) return undefined;
  const match = await matchById(db, id);
  if (!match) return undefined;
  const rows = await db
    .selectFrom('fugitives')
    .select('listing_unit_id')
    .where('person_id', 'in', [match.person_id, match.other_person_id])
    .execute();
  const units = rows.map((r) => r.listing_unit_id);
  return { units, everyone: units.every((u) => u === null) };
}
