import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';

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
    const local = sql`from fugitives f where f.person_id = persons.id and f.listing_unit_id is not null
      order by f.listed_on, f.listing_no limit 1`;
    await sql`update persons set
      home_unit_id = (select f.listing_unit_id ${local}),
      listed_on = coalesce((select f.listed_on ${local}),
        (select min(f.listed_on) from fugitives f where f.person_id = persons.id)),
      homicide = case when exists (select 1 from fugitives f where f.person_id = persons.id
        and f.crime_category = 'homicide') then 1 else 0 end,
      exit_clearance_id = (select c.id from clearances c join fugitives f on f.id = c.fugitive_id
        where f.person_id = persons.id and c.status = 'verified' order by c.occurred_on, c.id limit 1)
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

/** Every listing id of the persons of these listings (a person's listings stand or fall together). */
export async function listingsOfSamePersons(db: Executor, listingIds: readonly number[]): Promise<number[]> {
  const persons = await personsOfListings(db, listingIds);
  const out: number[] = [];
  for (const part of chunks(persons)) {
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
