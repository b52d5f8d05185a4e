import { BulkLoad, analyzeTables } from '../../db/bulk-load.ts';
import { type Executor, type RawConnection, onOneConnection } from '../../db/connection.ts';
import { keptByVersion } from '../../db/kept-by-version.ts';
import type { NewFugitive } from '../../db/tables.ts';
import type { ParsedRows } from '../../import/parsed-rows.ts';
import { type ImportOptions, type ImportOutcome, RowErrors, RowsDigest } from '../../import/validate-rows.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { recordEvent } from '../audit/service.ts';
import { scanLatestCampaign } from '../integrity/service.ts';
import { dropStagedLinks, linkStagedListings, prepareStagedLinks } from '../persons/service.ts';
import * as units from '../units/repo.ts';
import * as repo from './repo.ts';
import type { FugitiveInput, FugitiveSummary, FugitivesQuery } from './schema.ts';
import { type CrimeCategory, listingProblem } from './rules.ts';
import { subtreeIds, unitCodeReader } from '../units/rules.ts';
import { ConflictError, DomainError, NotFoundError } from '../../shared/errors.ts';
import { inScope, unitFilter } from '../accounts/rules.ts';
import { eventsAbout } from '../audit/repo.ts';
import { clearancesOfFugitive } from '../clearances/repo.ts';
import { presentClaims } from '../clearances/service.ts';
import { toWithdrawal } from './withdrawal.ts';

/**
 * Imports listings, streaming: every row is validated, and a file with any bad row imports nothing
 * (unless the import takes the valid rows: then the bad ones are handed back). A listing already
 * registered with identical data is skipped, so the same file can be imported twice; a listing
 * number registered with different data is an error.
 *
 * While the file is read its valid listings go into a temporary table (on PostgreSQL by one COPY,
 * the server's bulk loader), without holding any lock; then they are checked against the registry
 * at once, set against set, rather than batch by batch; then one transaction moves the new ones
 * into the registry, or none if someone registered one of them meanwhile. So the import is atomic
 * as a whole but holds the write lock (SQLite's is the whole database's) for the move only.
 */
export async function importFugitives(
  ctx: Context,
  rows: ParsedRows<FugitiveInput>,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  return onOneConnection(ctx.db, async (db, raw) => {
    const staged = await repo.createStagedListings(db);
    try {
      return await importThroughStage({ ...ctx, db }, staged, rows, options, raw);
    } finally {
      await repo.dropStagedListings(db, staged);
      await dropStagedLinks({ ...ctx, db }, staged);
    }
  });
}

async function importThroughStage(
  ctx: Context,
  staged: string,
  rows: ParsedRows<FugitiveInput>,
  options: ImportOptions,
  raw?: RawConnection,
): Promise<ImportOutcome> {
  const errors = new RowErrors(options);
  const unitRows = await units.allUnits(ctx.db);
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
  const unitCode = unitCodeReader(unitRows);
  const today = localDate(ctx.now);
  const firstRowOf = new Map<string, number>();
  // Over every valid row, as if all were new: right unless some prove registered (see below).
  const digest = new RowsDigest();
  const createdAt = ctx.now.toISOString();
  /** The file row of each staged listing, by its staged id less one. */
  const rowOf: number[] = [];
  /**
   * The staged id of the file's first listing of each ID number: its person's founder, if new
   * (renumberStaged works them out again when rows are taken out).
   */
  const founderOf = new Map<string, number>();
  let total = 0;

  const stage = repo.listingStage(ctx.db, staged, raw);
  try {
    for await (const batch of rows) {
      const valid: repo.StagedListing[] = [];
      for (const source of batch) {
        total += 1;
        const parsed = errors.valueOf(source);
        if (!parsed) continue;
        // The row's own copy (from the reader): its agency written as its unit's code, in place.
        const f = parsed;
        f.listing_agency = unitCode(f.listing_agency);
        const first = firstRowOf.get(f.listing_no);
        if (first !== undefined) {
          errors.add(
            source.row,
            'listing_no',
            'duplicate_in_file',
            `duplicate listing number ${f.listing_no} (first on row ${first})`,
            { value: f.listing_no, first },
          );
          continue;
        }
        firstRowOf.set(f.listing_no, source.row);
        const problem = listingProblem(f, today, unitId.has(f.listing_agency));
        if (problem) {
          errors.add(source.row, problem.field, problem.code, problem.message, problem.params);
          continue;
        }
        const record = toRecord(f, unitId.get(f.listing_agency) ?? null);
        rowOf.push(source.row);
        const id = rowOf.length;
        let founder = id;
        if (record.id_number !== null) {
          founder = founderOf.get(record.id_number) ?? id;
          if (founder === id) founderOf.set(record.id_number, id);
        }
        valid.push({ ...record, id, founder, created_at: createdAt });
        digest.add(record);
      }
      // Staged even once the file is refused: the check against the registry names every bad row.
      await stage.write(valid);
    }
    await stage.end();
  } catch (e) {
    await stage.abort();
    throw e;
  }
  // Autovacuum never analyzes a temporary table: without statistics the checks and the persons'
  // steps after staging would be planned for an empty one.
  await analyzeTables(ctx.db, [staged], rowOf.length);

  const differing = await repo.stagedRegisteredDifferently(ctx.db, staged);
  for (const d of differing)
    errors.add(
      rowOf[d.id - 1]!,
      d.field,
      'registered_differently',
      `listing ${d.listing_no} is already registered with a different ${d.field}`,
      { value: d.listing_no, registered: String(d.registered ?? '') },
    );
  errors.throwIfAny();
  const registered = await repo.unstageRegistered(ctx.db, staged);
  const unchanged = registered - differing.length;
  const inserted = rowOf.length - registered;
  let rowsDigest = digest.hex();
  if (registered > 0) {
    // The new listings are what is left: numbered again from 1, and digested without the others.
    await repo.renumberStaged(ctx.db, staged);
    rowsDigest = await digestOf(repo.stagedRecords(ctx.db, staged));
  }
  // The persons are worked out from the registry as it stands now; the move re-checks what came after.
  const seenUpTo = await repo.lastListingId(ctx.db);
  await prepareStagedLinks(ctx, staged);
  const outcome = await inTransaction(ctx, async (tx) => {
    const meanwhile = await repo.stagedAlreadyRegistered(tx.db, staged);
    if (meanwhile.length > 0)
      throw new ConflictError(
        'registered_meanwhile',
        `listings were registered by someone else while the file was read (${meanwhile.join(', ')}): import the file again`,
        'listing_no',
        { value: meanwhile.join(', ') },
      );
    const lastId = await repo.lastListingIdForMove(tx.db);
    const persons = await linkStagedListings(
      tx,
      { table: staged, count: inserted, seenUpTo, lastId },
      async () => {
        const bulk = new BulkLoad(tx.db, 'fugitives');
        await bulk.added(inserted);
        await repo.moveStagedListings(tx.db, staged, lastId);
        await bulk.finish();
        await analyzeTables(tx.db, ['fugitives', 'persons'], inserted);
      },
    );

    const summary = errors.summary({ rows: total, inserted, unchanged });
    await recordEvent(tx, {
      action: 'fugitives.import',
      entityType: 'fugitive',
      entityId: '*',
      after: { ...summary, ...persons, rowsDigest },
    });
    return errors.outcome(summary);
  });
  await scanLatestCampaign(ctx);
  return outcome;
}

async function digestOf(records: AsyncIterable<Record<string, unknown>[]>): Promise<string> {
  const digest = new RowsDigest();
  for await (const batch of records) for (const record of batch) digest.add(record);
  return digest.hex();
}

export function toRecord(
  f: FugitiveInput,
  listingUnitId: number | null,
): Omit<NewFugitive, 'created_at'> & repo.ImportedFields {
  return {
    listing_no: f.listing_no,
    name: f.name,
    sex: f.sex,
    birth_date: f.birth_date,
    id_number: f.id_number,
    crime_category: f.crime_category,
    offence: f.offence,
    case_no: f.case_no,
    listing_agency: f.listing_agency,
    listing_unit_id: listingUnitId,
    listed_on: f.listed_on,
    published: f.published ? 1 : 0,
    reward: f.reward,
  };
}

export function toSummary(f: {
  listing_no: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  id_number: string | null;
  crime_category: string;
  offence: string;
  listing_agency: string;
  listed_on: string;
  published: number;
  reward: number | null;
  exit_on: string | null;
  exit_kind: string | null;
  unit_code: string | null;
  unit_name: string | null;
  /** Whether the listing is withdrawn (SQLite answers 0/1, PostgreSQL a boolean). */
  withdrawn?: unknown;
}): FugitiveSummary {
  return {
    listingNo: f.listing_no,
    name: f.name,
    sex: f.sex as FugitiveSummary['sex'],
    birthDate: f.birth_date,
    idNumber: f.id_number,
    crimeCategory: f.crime_category as CrimeCategory,
    offence: f.offence,
    listingAgency: f.listing_agency,
    listingUnit: f.unit_code === null ? null : { code: f.unit_code, name: f.unit_name ?? '' },
    listedOn: f.listed_on,
    published: f.published === 1,
    reward: f.reward,
    status: f.withdrawn && f.withdrawn !== '0' ? 'withdrawn' : f.exit_on === null ? 'active' : 'cleared',
    exit: f.exit_on === null ? null : { on: f.exit_on, kind: f.exit_kind ?? '' },
  };
}

/** The registry's filters as the repository takes them: the caller's scope, a unit's subtree. */
function registryFilter(
  ctx: Context,
  unitRows: readonly { id: number; code: string; parent_id: number | null }[],
  query: Omit<FugitivesQuery, 'sort' | 'page' | 'pageSize'>,
): repo.FugitiveFilter {
  let onlyUnits: number[] | undefined;
  if (query.unit) {
    const unit = unitRows.find((u) => u.code === query.unit);
    if (!unit)
      throw new DomainError('unknown_unit', `unknown unit ${query.unit}`, 'unit', { unit: query.unit });
    onlyUnits = subtreeIds(unitRows, unit.id);
  }
  return {
    scope: unitFilter(ctx.scope),
    units: onlyUnits,
    text: query.q,
    category: query.category,
    status: query.status,
    origin: query.origin,
    published: query.published === undefined ? undefined : query.published === 'true',
    listedFrom: query.listedFrom,
    listedTo: query.listedTo,
  };
}

/** The registry as the caller may see it: searched, filtered, sorted, one page at a time. */
export async function searchRegistry(ctx: Context, query: FugitivesQuery) {
  const filter = registryFilter(ctx, await units.allUnits(ctx.db), query);
  const [total, items] = await Promise.all([
    searchTotal(ctx.db, filter),
    repo.searchPage(ctx.db, {
      ...filter,
      sort: query.sort,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
  ]);
  return { total, page: query.page, pageSize: query.pageSize, items: items.map(toSummary) };
}

/** Searches' totals, kept per store by filter and registry version (the pages of one search share it). */
const keptTotals = keptByVersion<number>(200);

async function searchTotal(db: Executor, filter: repo.FugitiveFilter): Promise<number> {
  if (db.isTransaction) return repo.searchCount(db, filter);
  const { scope, ...rest } = filter;
  const seen = scope.all ? 'all' : [...scope.unitIds].sort((a, b) => a - b).join(',');
  const version = await repo.registryVersion(db);
  return keptTotals(db, `${seen} ${JSON.stringify(rest)}`, version, () => repo.searchCount(db, filter));
}

/**
 * One listing of the roster, written as an import file row would be (codes; the report words them):
 * the registry's summary with the case number, and the unit as the listing agency instead.
 */
export type RosterRow = Omit<FugitiveSummary, 'listingUnit'> & {
  caseNo: string | null;
  /** The unit by its exact name when no other unit bears it (an import reads it back), else its code. */
  listingAgency: string;
};

/**
 * The roster (在逃人员名单) of the registry's filter as the caller may see it: every listing it
 * finds, with the fields an import file carries, so that the file it is written to imports again.
 */
export async function roster(
  ctx: Context,
  query: Omit<FugitivesQuery, 'sort' | 'page' | 'pageSize'>,
): Promise<RosterRow[]> {
  const unitRows = await units.allUnits(ctx.db);
  const named = new Map<string, number>();
  for (const u of unitRows) named.set(u.name, (named.get(u.name) ?? 0) + 1);
  const rows = await repo.rosterFugitives(ctx.db, registryFilter(ctx, unitRows, query));
  const withoutUnit = ({ listingUnit: _unit, ...summary }: FugitiveSummary) => summary;
  return rows.map((f) => ({
    ...withoutUnit(toSummary(f)),
    caseNo: f.case_no,
    listingAgency:
      f.unit_name !== null && named.get(f.unit_name) === 1 ? f.unit_name : (f.unit_code ?? f.listing_agency),
  }));
}

/** One fugitive with its claims and the full history of the case, oldest first. */
export async function fugitiveDetail(ctx: Context, listingNo: string) {
  const f = await repo.fugitiveByListingNo(ctx.db, listingNo);
  if (!f) throw new NotFoundError('fugitive', listingNo);
  // A remote listing is open to every unit, but each unit sees only its own claims on it.
  const claims = (await clearancesOfFugitive(ctx.db, f.id)).filter(
    (c) =>
      f.listing_unit_id !== null ||
      inScope(ctx.scope, c.claim_unit_id) ||
      inScope(ctx.scope, c.capturing_unit_id),
  );
  const events = await eventsAbout(ctx.db, [
    { type: 'fugitive', id: listingNo },
    ...claims.map((c) => ({ type: 'clearance', id: String(c.id) })),
  ]);
  const timeline = [
    { at: f.listed_on, actor: f.listing_agency, action: 'fugitive.listed', detail: { caseNo: f.case_no } },
    ...events.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      detail: JSON.parse(e.after_json ?? 'null') as unknown,
    })),
  ];
  // The same person's other listings (warrants) stand or fall with this one: the case shows them all.
  const personListings = f.person_id === null ? [f] : await repo.listingsOfPerson(ctx.db, f.person_id);
  return {
    ...toSummary(f),
    caseNo: f.case_no,
    personListings: personListings.map(toSummary),
    claims: await presentClaims(ctx.db, claims),
    withdrawals: (await repo.withdrawalsOf(ctx.db, f.id)).map((w) => toWithdrawal(listingNo, w)),
    timeline,
  };
}
