import type { UnitFilter } from '../accounts/rules.ts';
import { type ExpressionBuilder, PostgresAdapter, type SelectQueryBuilder, sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Executor, RawConnection } from '../../db/connection.ts';
import { insertMany } from '../../db/insert-many.ts';
import { type TableWriter, tableWriter } from '../../db/table-writer.ts';
import type { Database, FugitiveRow, NewFugitive } from '../../db/tables.ts';

/** The fields an import compares to decide whether a listing is already registered as given. */
export const IMPORTED_FIELDS = [
  'listing_no',
  'name',
  'sex',
  'birth_date',
  'id_number',
  'crime_category',
  'offence',
  'case_no',
  'listing_agency',
  'listed_on',
  'published',
  'reward',
] as const satisfies readonly (keyof FugitiveRow)[];

export type ImportedFields = Pick<FugitiveRow, (typeof IMPORTED_FIELDS)[number]>;

export function fugitivesByListingNo(db: Executor, listingNos: string[]): Promise<ImportedFields[]> {
  if (listingNos.length === 0) return Promise.resolve([]);
  return db.selectFrom('fugitives').select(IMPORTED_FIELDS).where('listing_no', 'in', listingNos).execute();
}

const INSERTED_COLUMNS = [...IMPORTED_FIELDS, 'listing_unit_id', 'created_at'] as const;

/** An import's record of a listing, its fields in the order `toRecord` (and its digest) has them. */
const RECORD_FIELDS = [
  ...IMPORTED_FIELDS.slice(0, IMPORTED_FIELDS.indexOf('listing_agency') + 1),
  'listing_unit_id',
  ...IMPORTED_FIELDS.slice(IMPORTED_FIELDS.indexOf('listing_agency') + 1),
] as const;

export async function insertFugitives(db: Executor, rows: NewFugitive[]): Promise<void> {
  await insertMany(db, 'fugitives', INSERTED_COLUMNS, rows);
}

/** Listing number → id, person and listing date, for validating and linking clearances. */
export function listingsByNo(
  db: Executor,
  listingNos: string[],
): Promise<
  { id: number; listing_no: string; listed_on: string; person_id: number | null; withdrawn: unknown }[]
> {
  if (listingNos.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('fugitives as f')
    .select(['f.id', 'f.listing_no', 'f.listed_on', 'f.person_id', (eb) => withdrawn(eb).as('withdrawn')])
    .where('f.listing_no', 'in', listingNos)
    .execute();
}

const SORTS = {
  listedOn: ['f.listed_on', 'asc'],
  '-listedOn': ['f.listed_on', 'desc'],
  listingNo: ['f.listing_no', 'asc'],
  '-listingNo': ['f.listing_no', 'desc'],
  name: ['f.name', 'asc'],
  '-name': ['f.name', 'desc'],
} as const;

export interface FugitiveSearch {
  scope: UnitFilter;
  /** Only listings of these units (a unit and its subtree). */
  units?: readonly number[];
  text?: string;
  category?: string;
  /** Without a status, every listing but the withdrawn ones (entered by mistake). */
  status?: 'active' | 'cleared' | 'withdrawn';
  origin?: 'local' | 'remote';
  published?: boolean;
  listedFrom?: string;
  listedTo?: string;
  sort: keyof typeof SORTS;
  limit: number;
  offset: number;
}

/** The filters of a search, without its order and page. */
export type FugitiveFilter = Omit<FugitiveSearch, 'sort' | 'limit' | 'offset'>;

function searchQuery(db: Executor, s: FugitiveFilter) {
  const q = filterQuery(db, s);
  if (s.scope.all) return q;
  const ids = s.scope.unitIds;
  return q.where((eb) =>
    eb.or([eb('f.listing_unit_id', 'is', null), eb('f.listing_unit_id', 'in', [...ids, -1])]),
  );
}

/**
 * The search as the listings a unit may see are stored: the remote listings (every unit sees
 * them) and those of the units in scope, apart, so that each can be read in order from its index.
 */
function searchArms(db: Executor, s: FugitiveFilter) {
  if (s.scope.all) return [filterQuery(db, s)];
  return [
    filterQuery(db, s).where('f.listing_unit_id', 'is', null),
    filterQuery(db, s).where('f.listing_unit_id', 'in', [...s.scope.unitIds, -1]),
  ];
}

/** The listings a filter finds, whichever unit's they are. */
function filterQuery(db: Executor, s: Omit<FugitiveFilter, 'scope'>) {
  let q = db.selectFrom('fugitives as f');
  if (s.units) q = q.where('f.listing_unit_id', 'in', [...s.units, -1]);
  if (s.text) {
    const text = escapeLike(s.text);
    // ESCAPE is explicit: PostgreSQL assumes the backslash, SQLite needs to be told.
    const like = (column: 'f.listing_no' | 'f.id_number' | 'f.name', pattern: string) =>
      sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like('f.listing_no', `${text}%`),
        like('f.id_number', `${text.toUpperCase()}%`),
        like('f.name', `%${text}%`),
      ]),
    );
  }
  if (s.category) q = q.where('f.crime_category', '=', s.category);
  q = q.where((eb) => (s.status === 'withdrawn' ? withdrawn(eb) : notWithdrawn(eb)));
  if (s.status === 'active') q = q.where('f.exit_on', 'is', null);
  if (s.status === 'cleared') q = q.where('f.exit_on', 'is not', null);
  if (s.origin === 'local') q = q.where('f.listing_unit_id', 'is not', null);
  if (s.origin === 'remote') q = q.where('f.listing_unit_id', 'is', null);
  if (s.published !== undefined) q = q.where('f.published', '=', s.published ? 1 : 0);
  if (s.listedFrom) q = q.where('f.listed_on', '>=', s.listedFrom);
  if (s.listedTo) q = q.where('f.listed_on', '<=', s.listedTo);
  return q;
}

/**
 * Whether the listing `f` is withdrawn (entered by mistake, its withdrawal approved by a commander):
 * it stays on record, but out of every list and figure.
 */
export function withdrawn(eb: ExpressionBuilder<Database & { f: FugitiveRow }, 'f'>) {
  return eb.exists(
    eb
      .selectFrom('listing_withdrawals as w')
      .select('w.id')
      .whereRef('w.fugitive_id', '=', 'f.id')
      .where('w.status', '=', 'approved'),
  );
}

/** The listing `f` still stands (not withdrawn): what every list and count of listings keeps. */
export function notWithdrawn(eb: ExpressionBuilder<Database & { f: FugitiveRow }, 'f'>) {
  return eb.not(withdrawn(eb));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The listings a filter finds, with their unit and exit, and their case number for the roster. */
function listedQuery(db: Executor, s: FugitiveFilter) {
  return listedRows(searchQuery(db, s));
}

/** What the registry shows of each listing: its fields, its unit and whether it is withdrawn. */
function listedRows(q: SelectQueryBuilder<Database & { f: FugitiveRow }, 'f', object>) {
  return q
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .select([
      'f.id',
      'f.listing_no',
      'f.name',
      'f.sex',
      'f.birth_date',
      'f.id_number',
      'f.crime_category',
      'f.offence',
      'f.case_no',
      'f.listing_agency',
      'f.listed_on',
      'f.published',
      'f.reward',
      'f.exit_on',
      'f.exit_kind',
      'u.code as unit_code',
      'u.name as unit_name',
      (eb) => withdrawn(eb).as('withdrawn'),
    ]);
}

/**
 * One page of the registry. The page's ids are found first, by merging the remote listings and the
 * unit's own, each in order from an index, and only those rows are read: sorting every match with
 * all its fields (the 27,000 remote listings that every unit sees, at 500,000 listings) cost 55 ms
 * a page; the merge reads little more than the page. PostgreSQL does not merge a union's arms: it
 * sorted all of them (20–90 ms), so there each arm is ordered and cut at the page's end on its own,
 * its first rows read from its index (~1 ms). SQLite merges the arms as they are, and took twice as
 * long over arms cut so (0.2 → 0.4 ms at page 20).
 */
export async function searchPage(db: Executor, s: FugitiveSearch) {
  const [column, direction] = SORTS[s.sort];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const page = await searchArms(db, s)
    .map((arm) => {
      let ids = arm.select(['f.id', `${column} as sort_key`]);
      if (postgres)
        ids = ids
          .orderBy(column, direction)
          .orderBy('f.id', direction)
          .limit(s.offset + s.limit);
      return db.selectFrom(ids.as('arm')).selectAll();
    })
    .reduce((all, arm) => all.unionAll(arm))
    .orderBy('sort_key', direction)
    .orderBy('id', direction)
    .limit(s.limit)
    .offset(s.offset)
    .execute();
  const ids = page.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await listedRows(db.selectFrom('fugitives as f')).where('f.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Read by id alone: a listing changed since its id was read still shows; one gone is left out.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** How many listings a search finds: each part counted over one index range, where their OR read two and merged them. */
export async function searchCount(db: Executor, s: FugitiveFilter): Promise<number> {
  const counts = await searchArms(db, s)
    .map((arm) => arm.select((eb) => eb.fn.countAll<number>().as('n')))
    .reduce((all, arm) => all.unionAll(arm))
    .execute();
  return counts.reduce((sum, { n }) => sum + Number(n), 0);
}

/** The registry's data version: moves (by triggers) in every transaction that changes a listing or a withdrawal. */
export async function registryVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('figures_version').select('registry').executeTakeFirstOrThrow();
  return Number(row.registry);
}

/**
 * Every listing a filter finds, with what an import file writes of it, its unit and its exit: the
 * roster (在逃人员名单), ordered by listing date and number.
 */
export function rosterFugitives(db: Executor, s: FugitiveFilter) {
  return listedQuery(db, s).orderBy('f.listed_on').orderBy('f.listing_no').execute();
}

export function fugitiveByListingNo(db: Executor, listingNo: string) {
  return db
    .selectFrom('fugitives as f')
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .selectAll('f')
    .select(['u.code as unit_code', 'u.name as unit_name', (eb) => withdrawn(eb).as('withdrawn')])
    .where('f.listing_no', '=', listingNo)
    .executeTakeFirst();
}

/** Every listing of a person (their warrants, in any unit or outside agency), oldest first. */
export function listingsOfPerson(db: Executor, personId: number) {
  return db
    .selectFrom('fugitives as f')
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .selectAll('f')
    .select(['u.code as unit_code', 'u.name as unit_name', (eb) => withdrawn(eb).as('withdrawn')])
    .where('f.person_id', '=', personId)
    .orderBy('f.listed_on')
    .orderBy('f.listing_no')
    .execute();
}

/** The unit a listing belongs to; remote listings are open to every unit (anyone may catch them). */
export async function ownerUnitsOfFugitive(db: Executor, listingNo: string) {
  const f = await db
    .selectFrom('fugitives')
    .select('listing_unit_id')
    .where('listing_no', '=', listingNo)
    .executeTakeFirst();
  return f && { units: [f.listing_unit_id], everyone: f.listing_unit_id === null };
}

/**
 * Serialises changes about one person across PostgreSQL sessions (SQLite writers are serial
 * anyway): of two simultaneous claims, decisions or saves, the second waits and then sees the first.
 */
export async function lockFugitive(db: Executor, fugitiveId: number): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.selectFrom('fugitives').select('id').where('id', '=', fugitiveId).forUpdate().execute();
  }
}

/** Writes a corrected listing's fields (the correction's audit event says what they were). */
export async function updateFugitive(
  db: Executor,
  id: number,
  fields: Partial<Pick<FugitiveRow, (typeof IMPORTED_FIELDS)[number] | 'listing_unit_id'>>,
): Promise<void> {
  await db.updateTable('fugitives').set(fields).where('id', '=', id).execute();
}

/** Another listing than this one that bears an ID number, if any. */
export function otherListingWithIdNumber(db: Executor, idNumber: string, exceptId: number) {
  return db
    .selectFrom('fugitives')
    .select(['listing_no', 'person_id'])
    .where('id_number', '=', idNumber)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

/** How many listings a person carries. */
export async function listingCountOfPerson(db: Executor, personId: number): Promise<number> {
  const { n } = await db
    .selectFrom('fugitives')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * A temporary table of the listings an import will add, filled in short steps while the file is
 * read, so that the import holds the database's write lock only for the final move (see service).
 * Temporary tables belong to one connection: the caller keeps to one (see `onOneConnection`).
 */
export async function createStagedListings(db: Executor): Promise<string> {
  const name = `staged_listings_${randomBytes(6).toString('hex')}`;
  // `id` is the row's place in the file (the listing's id will be it plus the registry's last id);
  // `founder` the id of the file's first listing of its ID number (its own without one), written
  // with the row; `person_id` is filled by the persons area before the move.
  await sql`create temp table ${sql.table(name)} as
    select id, ${sql.join(INSERTED_COLUMNS.map((c) => sql.ref(c)))}, person_id, person_id as founder
    from fugitives where 1 = 0`.execute(db);
  return name;
}

/** A staged listing: its place in the file as `id`, and the place of its person's founding listing. */
export type StagedListing = NewFugitive & { id: number; founder: number };

const STAGED_COLUMNS = ['id', ...INSERTED_COLUMNS, 'founder'] as const;

/**
 * Where an import stages its listings: through the driver (on PostgreSQL one `COPY … FROM STDIN`
 * for the whole file), or by multi-row inserts inside a transaction (see `tableWriter`).
 */
export function listingStage(db: Executor, staged: string, raw?: RawConnection): TableWriter<StagedListing> {
  return tableWriter(db, raw, 'fugitives', STAGED_COLUMNS, staged);
}

/**
 * The staged listings registered already with different data, each with the first field that
 * differs (in IMPORTED_FIELDS order) and the registry's value of it. Nulls compare as values.
 */
export async function stagedRegisteredDifferently(
  db: Executor,
  staged: string,
): Promise<
  {
    id: number;
    listing_no: string;
    field: (typeof IMPORTED_FIELDS)[number];
    registered: string | number | null;
  }[]
> {
  const differs = (c: string) => sql`s.${sql.ref(c)} is distinct from f.${sql.ref(c)}`;
  const field = sql`case ${sql.join(
    IMPORTED_FIELDS.map((c) => sql`when ${differs(c)} then ${sql.lit(c)}`),
    sql` `,
  )} end`;
  const { rows } = await sql<ImportedFields & { id: number; field: (typeof IMPORTED_FIELDS)[number] | null }>`
    select s.id, ${field} as field, ${sql.join(IMPORTED_FIELDS.map((c) => sql`f.${sql.ref(c)}`))}
    from ${sql.table(staged)} s join fugitives f on f.listing_no = s.listing_no
    where ${sql.join(IMPORTED_FIELDS.map(differs), sql` or `)}
    order by s.id`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    listing_no: r.listing_no,
    field: r.field!,
    registered: r[r.field!],
  }));
}

/** Takes the staged listings that are registered already out of the stage; how many there were. */
export async function unstageRegistered(db: Executor, staged: string): Promise<number> {
  const result = await sql`delete from ${sql.table(staged)}
    where exists (select 1 from fugitives f where f.listing_no = ${sql.table(staged)}.listing_no)`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Numbers the staged listings 1, 2, … again in their order (after some were taken out), and works
 * their founders out again: the first left of each ID number. Any row may have been taken out, a
 * founder too, and a founder's number need not be registered (a listing registered with another
 * ID number is taken out under --accept-valid), so an old founder is never carried over.
 */
export async function renumberStaged(db: Executor, staged: string): Promise<void> {
  const s = sql.table(staged);
  await sql`update ${s} set id = r.n, founder = r.founder
    from (select id, n, case when id_number is null then n else min(n) over (partition by id_number) end as founder
      from (select id, id_number, row_number() over (order by id) as n from ${s}) x) r
    where ${s}.id = r.id`.execute(db);
}

/** The staged listings as an import's records (see `toRecord`), in order, `size` at a time. */
export async function* stagedRecords(
  db: Executor,
  staged: string,
  size = 10_000,
): AsyncGenerator<Record<string, unknown>[]> {
  for (let after = 0; ;) {
    const { rows } = await sql<Record<string, unknown> & { id: number }>`
      select id, ${sql.join(RECORD_FIELDS.map((c) => sql.ref(c)))} from ${sql.table(staged)}
      where id > ${after} order by id limit ${size}`.execute(db);
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.id);
    yield rows.map(({ id: _id, ...record }) => record);
  }
}

/** Staged listing numbers that someone else registered while the import was reading its file. */
export async function stagedAlreadyRegistered(db: Executor, staged: string): Promise<string[]> {
  const { rows } = await sql<{ listing_no: string }>`
    select s.listing_no from ${sql.table(staged)} s
    where exists (select 1 from fugitives f where f.listing_no = s.listing_no)
    order by s.listing_no limit 10`.execute(db);
  return rows.map((r) => r.listing_no);
}

/** The registry's last listing id (0 when empty). */
export async function lastListingId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('fugitives')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * Holds other writers of the registry until the transaction ends and returns the last listing id,
 * so that the staged listings can take the ids after it. SQLite's write transaction already holds
 * every writer; on PostgreSQL the table lock waits for listings others are adding and keeps new
 * ones out (readers go on).
 */
export async function lastListingIdForMove(db: Executor): Promise<number> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`lock table fugitives in share row exclusive mode`.execute(db);
  return lastListingId(db);
}

/**
 * Moves the staged listings into the registry with ids after `lastId`, each linked to the person
 * the persons area found (a registered person, or the new one its founding listing starts).
 */
export async function moveStagedListings(db: Executor, staged: string, lastId: number): Promise<void> {
  const columns = sql.join(INSERTED_COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into fugitives (id, ${columns}, person_id)
    select id + ${lastId}, ${columns}, coalesce(person_id, founder + ${lastId}) from ${sql.table(staged)}`.execute(
    db,
  );
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select setval(pg_get_serial_sequence('fugitives', 'id'), (select max(id) from fugitives))`.execute(
      db,
    );
}

export async function dropStagedListings(db: Executor, staged: string): Promise<void> {
  await sql`drop table if exists ${sql.table(staged)}`.execute(db);
}

/** Every withdrawal request about a listing, oldest first. */
export function withdrawalsOf(db: Executor, fugitiveId: number) {
  return db
    .selectFrom('listing_withdrawals')
    .selectAll()
    .where('fugitive_id', '=', fugitiveId)
    .orderBy('id')
    .execute();
}

export async function insertWithdrawal(
  db: Executor,
  row: { fugitive_id: number; reason: string; asked_by: string; asked_at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('listing_withdrawals')
    .values({ ...row, status: 'asked' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function decideWithdrawal(
  db: Executor,
  id: number,
  decision: {
    status: 'approved' | 'refused';
    decided_by: string;
    decided_at: string;
    decision_reason: string | null;
  },
): Promise<void> {
  await db.updateTable('listing_withdrawals').set(decision).where('id', '=', id).execute();
}

/** Every withdrawal request with its listing's number, by id: what the deep check compares. */
export function allWithdrawals(db: Executor) {
  return db
    .selectFrom('listing_withdrawals as w')
    .innerJoin('fugitives as f', 'f.id', 'w.fugitive_id')
    .selectAll('w')
    .select('f.listing_no')
    .orderBy('w.id')
    .execute();
}

/** The withdrawals waiting for a commander, oldest first, with their listing. */
export function askedWithdrawals(db: Executor) {
  return db
    .selectFrom('listing_withdrawals as w')
    .innerJoin('fugitives as f', 'f.id', 'w.fugitive_id')
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .select([
      'w.id',
      'w.reason',
      'w.asked_by',
      'w.asked_at',
      'f.listing_no',
      'f.name',
      'f.listing_agency',
      'u.code as unit_code',
      'u.name as unit_name',
    ])
    .where('w.status', '=', 'asked')
    .orderBy('w.id')
    .execute();
}
