import type { UnitFilter } from '../accounts/rules.ts';
import type { Executor } from '../../db/connection.ts';
import type { AnomaliesTable, AnomalyRow, NewAnomaly, QualityChecksTable } from '../../db/tables.ts';
import { insertMany } from '../../db/insert-many.ts';
import { sql, type Updateable } from 'kysely';
import type { ClaimFact, ListingFact } from './types.ts';
import { answeringUnit } from '../clearances/rules.ts';
import { notWithdrawn } from '../registry/repo.ts';
import { type IdentityRow, wholeFugitives } from './rules.ts';

/** Claims about one person or credited to one unit: what a claim-time run of the rules needs. */
export interface Around {
  fugitiveId: number;
  unitId: number | null;
}

/** Claims with the units and people the rules look at, and whether the person is in the campaign's frozen baseline. */
function claimFactSelect(db: Executor, campaignId: number) {
  return db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('baseline_persons as b', (join) =>
      join
        .onRef('b.person_id', '=', 'f.person_id')
        .on('b.campaign_id', '=', campaignId)
        .on('b.corrected_at', 'is', null),
    )
    .leftJoin('units as ku', 'ku.id', 'c.claim_unit_id')
    .leftJoin('units as cu', 'cu.id', 'c.capturing_unit_id')
    .leftJoin('units as lu', 'lu.id', 'f.listing_unit_id')
    .leftJoin('users as d', 'd.username', 'c.decided_by')
    .leftJoin('units as du', 'du.id', 'd.unit_id')
    .select([
      'c.id',
      'c.fugitive_id',
      'f.listing_no',
      'c.kind',
      'c.occurred_on',
      'c.entered_at',
      'c.supersedes_id',
      'c.status',
      'c.provenance',
      'c.evidence_ref',
      'c.claimed_by',
      'c.decided_by',
      'ku.code as claim_unit_code',
      'cu.code as capturing_unit_code',
      'lu.code as listing_unit_code',
      'du.code as decider_unit_code',
      'b.person_id as baseline_person',
    ]);
}

type ClaimFactRow = Awaited<ReturnType<ReturnType<typeof claimFactSelect>['executeTakeFirstOrThrow']>>;

function toClaimFact(r: ClaimFactRow): ClaimFact {
  return {
    id: r.id,
    fugitiveId: r.fugitive_id,
    listingNo: r.listing_no,
    kind: r.kind as ClaimFact['kind'],
    occurredOn: r.occurred_on,
    enteredAt: r.entered_at,
    supersedesId: r.supersedes_id,
    status: r.status as ClaimFact['status'],
    provenance: r.provenance as ClaimFact['provenance'],
    evidenceRef: r.evidence_ref,
    claimedBy: r.claimed_by,
    unitCode: answeringUnit(r.kind, {
      claim: r.claim_unit_code,
      capturing: r.capturing_unit_code,
      listing: r.listing_unit_code,
    }),
    claimUnitCode: r.claim_unit_code,
    capturingUnitCode: r.capturing_unit_code,
    decidedBy: r.decided_by,
    deciderUnitCode: r.decider_unit_code,
    inBaseline: r.baseline_person !== null,
  };
}

/** Every claim of the campaign's registry (or only those around one claim), in the order of their ids. */
export async function claimFacts(db: Executor, campaignId: number, around?: Around): Promise<ClaimFact[]> {
  if (!around) return (await claimFactSelect(db, campaignId).orderBy('c.id').execute()).map(toClaimFact);
  // The ids first, by index lookups joined, then their facts: one OR over every claim, or the
  // lookups as a subquery of the facts' joins, and the planners read all the claims.
  const onFugitive = db.selectFrom('clearances').where('fugitive_id', '=', around.fugitiveId).select('id');
  const { unitId } = around;
  const related =
    unitId === null
      ? onFugitive
      : onFugitive
          .union(
            db
              .selectFrom('clearances')
              .where((eb) => eb(eb.fn.coalesce('claim_unit_id', 'capturing_unit_id'), '=', unitId))
              .select('id'),
          )
          // A unit's cancellations are those of its listings, however they arrived.
          .union(
            db
              .selectFrom('clearances as k')
              .innerJoin('fugitives as l', 'l.id', 'k.fugitive_id')
              .where('k.kind', '=', 'cancellation')
              .where('l.listing_unit_id', '=', unitId)
              .select('k.id'),
          );
  const ids = (await related.execute()).map((r) => r.id).sort((a, b) => a - b);
  const found: ClaimFact[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await claimFactSelect(db, campaignId)
      .where('c.id', 'in', ids.slice(i, i + 1000))
      .orderBy('c.id')
      .execute();
    found.push(...rows.map(toClaimFact));
  }
  return found;
}

/**
 * Every claim, a part at a time: the claims of a run of fugitives, about `size` of them (a fugitive
 * with more is a part of its own), in the order of fugitive and claim. Keyset paging on fugitive id.
 */
export async function* claimFactsByFugitive(
  db: Executor,
  campaignId: number,
  size: number,
): AsyncGenerator<ClaimFact[]> {
  const ordered = () => claimFactSelect(db, campaignId).orderBy('c.fugitive_id').orderBy('c.id');
  for (let after = 0; ;) {
    const page = (await ordered().where('c.fugitive_id', '>', after).limit(size).execute()).map(toClaimFact);
    const full = page.length === size;
    let part = wholeFugitives(page, full);
    if (full && part.length === 0) {
      const only = page[0]!.fugitiveId;
      part = (await ordered().where('c.fugitive_id', '=', only).execute()).map(toClaimFact);
    }
    if (part.length > 0) yield part;
    if (!full) return;
    after = part.at(-1)!.fugitiveId;
  }
}

/**
 * Counts of the claims the unit rules read, per unit: cancellations by the unit that listed the
 * person, verified captures by the unit credited (see `answeringUnit`).
 */
export async function unitRuleClaimCounts(db: Executor): Promise<{ unitId: number; n: number }[]> {
  const cancellations = await db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .where('c.kind', '=', 'cancellation')
    .where('f.listing_unit_id', 'is not', null)
    .select(['f.listing_unit_id as unit', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('f.listing_unit_id')
    .execute();
  const credited = sql<number | null>`coalesce(c.claim_unit_id, c.capturing_unit_id)`;
  const captures = await db
    .selectFrom('clearances as c')
    .where('c.status', '=', 'verified')
    .where('c.kind', 'in', CAPTURES)
    .where(credited, 'is not', null)
    .select([credited.as('unit'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(credited)
    .execute();
  return [...cancellations, ...captures].map((r) => ({ unitId: Number(r.unit), n: Number(r.n) }));
}

const CAPTURES = ['arrest', 'surrender'];

/** The claims the unit rules read for the units with ids from `from` to `to`, in the order of their ids. */
export async function unitRuleClaimFacts(
  db: Executor,
  campaignId: number,
  range: { from: number; to: number },
): Promise<ClaimFact[]> {
  const rows = await claimFactSelect(db, campaignId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('c.kind', '=', 'cancellation'),
          eb('f.listing_unit_id', '>=', range.from),
          eb('f.listing_unit_id', '<=', range.to),
        ]),
        eb.and([
          eb('c.status', '=', 'verified'),
          eb('c.kind', 'in', CAPTURES),
          eb(eb.fn.coalesce('c.claim_unit_id', 'c.capturing_unit_id'), '>=', range.from),
          eb(eb.fn.coalesce('c.claim_unit_id', 'c.capturing_unit_id'), '<=', range.to),
        ]),
      ]),
    )
    .orderBy('c.id')
    .execute();
  return rows.map(toClaimFact);
}

function listingFactSelect(db: Executor) {
  return db
    .selectFrom('fugitives as f')
    .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
    .where(notWithdrawn)
    .select(['f.id', 'f.listing_no', 'f.name', 'f.birth_date', 'f.id_number', 'f.listed_on', 'u.code']);
}

function toListingFact(r: ListingFactRow): ListingFact {
  return {
    fugitiveId: r.id,
    listingNo: r.listing_no,
    name: r.name,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    listedOn: r.listed_on,
    listingUnitCode: r.code,
  };
}

type ListingFactRow = Awaited<ReturnType<ReturnType<typeof listingFactSelect>['executeTakeFirstOrThrow']>>;

/**
 * Every listing (or the listings of one person), for finding a person listed again after a
 * clearance; not a withdrawn one: entered by mistake, it listed nobody again.
 */
export async function listingFacts(db: Executor, fugitiveId?: number): Promise<ListingFact[]> {
  let query = listingFactSelect(db);
  if (fugitiveId !== undefined) {
    // Three index lookups joined, not one OR over the registry: the planners scan all of it for that.
    const sameIdNumber = db
      .selectFrom('fugitives as g')
      .innerJoin('fugitives as p', 'p.id_number', 'g.id_number')
      .where('p.id', '=', fugitiveId)
      .select('g.id');
    const sameNameAndBirth = db
      .selectFrom('fugitives as g')
      .innerJoin('fugitives as p', (join) =>
        join.onRef('p.name', '=', 'g.name').onRef('p.birth_date', '=', 'g.birth_date'),
      )
      .where('p.id', '=', fugitiveId)
      .select('g.id');
    const related = db
      .selectFrom('fugitives')
      .where('id', '=', fugitiveId)
      .select('id')
      .union(sameIdNumber)
      .union(sameNameAndBirth);
    query = query.where('f.id', 'in', related);
  }
  return (await query.orderBy('f.id').execute()).map(toListingFact);
}

/** The listings with these ids (not withdrawn), in the order of their ids. */
export async function listingFactsByIds(db: Executor, ids: number[]): Promise<ListingFact[]> {
  const found: ListingFact[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await listingFactSelect(db)
      .where('f.id', 'in', ids.slice(i, i + 1000))
      .orderBy('f.id')
      .execute();
    found.push(...rows.map(toListingFact));
  }
  return found.sort((a, b) => a.fugitiveId - b.fugitiveId);
}

/**
 * What the relisting rule matches people by, for every listing (not withdrawn) or only the cleared
 * ones (with a verified claim), a page of `size` at a time in the order of their ids.
 */
export async function* listingIdentities(
  db: Executor,
  only: 'cleared' | 'all',
  size: number,
): AsyncGenerator<IdentityRow[]> {
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('fugitives as f')
      .where(notWithdrawn)
      .where('f.id', '>', after)
      .$if(only === 'cleared', (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('clearances as c')
              .select('c.id')
              .whereRef('c.fugitive_id', '=', 'f.id')
              .where('c.status', '=', 'verified'),
          ),
        ),
      )
      .select(['f.id', 'f.name', 'f.birth_date', 'f.id_number'])
      .orderBy('f.id')
      .limit(size)
      .execute();
    if (rows.length > 0)
      yield rows.map((r) => ({ id: r.id, name: r.name, birthDate: r.birth_date, idNumber: r.id_number }));
    if (rows.length < size) return;
    after = rows.at(-1)!.id;
  }
}

// ——— The anomaly queue ———

/** The ids of the units with these codes (a claim-time run names one or two; a city has thousands). */
export async function unitIdsByCode(db: Executor, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((u) => [u.code, u.id]));
}

/** The campaign's findings with these keys (asked for a thousand keys at a time: SQL has a limit). */
export async function anomaliesByKey(
  db: Executor,
  campaignId: number,
  keys: string[],
): Promise<AnomalyRow[]> {
  const rows: AnomalyRow[] = [];
  for (let start = 0; start < keys.length; start += 1000) {
    const chunk = keys.slice(start, start + 1000);
    rows.push(
      ...(await db
        .selectFrom('anomalies')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('finding_key', 'in', chunk)
        .execute()),
    );
  }
  return rows;
}

export async function insertAnomalies(db: Executor, rows: NewAnomaly[]): Promise<void> {
  await insertMany(db, 'anomalies', ANOMALY_COLUMNS, rows);
}

const ANOMALY_COLUMNS = [
  'campaign_id',
  'rule',
  'finding_key',
  'unit_id',
  'listing_no',
  'reason',
  'facts',
  'claim_ids',
  'status',
  'found_at',
  'last_seen_at',
] as const;

/** Changes a finding only if it is still in the status the caller read; false when someone was first. */
export async function updateAnomalyIf(
  db: Executor,
  id: number,
  status: string,
  changes: Updateable<AnomaliesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('anomalies')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function anomalySelect(db: Executor) {
  return db
    .selectFrom('anomalies as a')
    .innerJoin('campaigns as k', 'k.id', 'a.campaign_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .selectAll('a')
    .select(['k.name as campaign_name', 'u.code as unit_code', 'u.name as unit_name']);
}
export type AnomalyListRow = Awaited<ReturnType<ReturnType<typeof anomalySelect>['executeTakeFirstOrThrow']>>;

/** The listing numbers of claims, for linking a finding's claims to their case pages. */
export async function listingNosOfClaims(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select(['c.id', 'f.listing_no'])
      .where('c.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.id, r.listing_no);
  }
  return found;
}

export function anomalyById(db: Executor, id: number): Promise<AnomalyListRow | undefined> {
  return anomalySelect(db).where('a.id', '=', id).executeTakeFirst();
}

export interface AnomalySearch {
  campaignId: number;
  scope: UnitFilter;
  status?: string;
  rule?: string;
  limit: number;
  offset: number;
}

export async function searchAnomalies(db: Executor, s: AnomalySearch) {
  // Findings without a unit (cancellation spikes of outside agencies, say) only city-level roles see.
  const unitIds = s.scope.all ? [] : [...s.scope.unitIds, -1];
  const filtered = db
    .selectFrom('anomalies as a')
    .where('a.campaign_id', '=', s.campaignId)
    .$if(!s.scope.all, (q) => q.where('a.unit_id', 'in', unitIds));
  const matching = filtered
    .$if(!!s.status, (q) => q.where('a.status', '=', s.status!))
    .$if(!!s.rule, (q) => q.where('a.rule', '=', s.rule!));
  const page = await matching
    .select('a.id')
    .orderBy('a.id', 'desc')
    .limit(s.limit)
    .offset(s.offset)
    .execute();
  const items =
    page.length === 0
      ? []
      : await anomalySelect(db)
          .where(
            'a.id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('a.id', 'desc')
          .execute();
  const total = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const byStatus = await filtered
    .select(['a.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.status')
    .execute();
  return {
    total: Number(total.n),
    items,
    byStatus: byStatus.map((r) => ({ status: r.status, n: Number(r.n) })),
  };
}

export async function ownerUnitsOfAnomaly(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const row = await db
    .selectFrom('anomalies')
    .select('unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.unit_id !== null) return { units: [row.unit_id] };
  // A finding about no unit of ours (an outside agency's capture, say) belongs to the bureau.
  const root = await db.selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirst();
  return { units: [root?.id ?? null] };
}

// ——— Quality samples ———

/** Verified clearances dated from `from` to `to` that no sample of the campaign has drawn yet. */
export async function unsampledVerified(
  db: Executor,
  campaignId: number,
  from: string,
  to: string,
): Promise<number[]> {
  const sampled = db
    .selectFrom('quality_checks as q')
    .innerJoin('quality_samples as s', 's.id', 'q.sample_id')
    .select('q.clearance_id')
    .where('s.campaign_id', '=', campaignId);
  const rows = await db
    .selectFrom('clearances')
    .select('id')
    .where('status', '=', 'verified')
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .where('id', 'not in', sampled)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export function sampleOfWeek(db: Executor, campaignId: number, week: number) {
  return db
    .selectFrom('quality_samples')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('week', '=', week)
    .executeTakeFirst();
}

export async function insertSample(
  db: Executor,
  sample: {
    campaign_id: number;
    week: number;
    seed: string;
    candidates: number;
    drawn_at: string;
    drawn_by: string;
  },
  clearanceIds: number[],
): Promise<number> {
  const { id } = await db
    .insertInto('quality_samples')
    .values(sample)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (clearanceIds.length > 0)
    await db
      .insertInto('quality_checks')
      .values(clearanceIds.map((clearance_id) => ({ sample_id: id, clearance_id })))
      .execute();
  return id;
}

export function samplesOfCampaign(db: Executor, campaignId: number) {
  return db
    .selectFrom('quality_samples as s')
    .innerJoin('campaigns as k', 'k.id', 's.campaign_id')
    .selectAll('s')
    .select('k.name as campaign_name')
    .where('s.campaign_id', '=', campaignId)
    .orderBy('s.week', 'desc')
    .execute();
}

/** The checks of some samples, with what an inspector needs to re-check each clearance. */
export function checksOf(db: Executor, sampleIds: number[]) {
  if (sampleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('quality_checks as q')
    .innerJoin('clearances as c', 'c.id', 'q.clearance_id')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('units as u', (join) =>
      join.on((eb) => eb('u.id', '=', eb.fn.coalesce('c.claim_unit_id', 'c.capturing_unit_id'))),
    )
    .select([
      'q.sample_id',
      'q.clearance_id',
      'q.result',
      'q.note',
      'q.checked_by',
      'q.checked_at',
      'f.listing_no',
      'c.kind',
      'c.occurred_on',
      'c.evidence_ref',
      'u.code as unit_code',
    ])
    .where('q.sample_id', 'in', sampleIds)
    .orderBy('q.clearance_id')
    .execute();
}

export async function recordCheck(
  db: Executor,
  sampleId: number,
  clearanceId: number,
  changes: Updateable<QualityChecksTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('quality_checks')
    .set(changes)
    .where('sample_id', '=', sampleId)
    .where('clearance_id', '=', clearanceId)
    .where('result', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function checkExists(db: Executor, sampleId: number, clearanceId: number): Promise<boolean> {
  const row = await db
    .selectFrom('quality_checks')
    .select('id')
    .where('sample_id', '=', sampleId)
    .where('clearance_id', '=', clearanceId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setIntegritySettings(db: Executor, campaignId: number, json: string): Promise<void> {
  await db.updateTable('campaigns').set({ integrity_settings: json }).where('id', '=', campaignId).execute();
}
