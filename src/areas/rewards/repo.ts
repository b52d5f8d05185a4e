import { type Insertable, PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { LedgerEntriesTable } from '../../db/tables.ts';
import type { UnitFilter } from '../accounts/rules.ts';
import type { CaptureFact, StandingEntry } from './rules.ts';

const LEDGER_LOCK_KEY = 0x716c; // "ql": one ledger update per campaign at a time

/**
 * Serialises updates of a campaign's ledger until the transaction ends: two decisions on different
 * people must not both book the same unit bonus. SQLite transactions are already serial.
 */
export async function lockLedger(trx: Executor, campaignId: number): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(${LEDGER_LOCK_KEY}, ${campaignId})`.execute(trx);
}

/** The latest rule-set version of a campaign (the active one), if it has any. */
export function activeRuleSetRow(db: Executor, campaignId: number) {
  return db
    .selectFrom('reward_rule_sets')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRuleSet(
  db: Executor,
  row: {
    campaign_id: number;
    version: number;
    rules_json: string;
    note: string | null;
    created_by: string;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('reward_rule_sets').values(row).execute();
}

/** Campaigns that have a reward rule set: their ledgers follow every decision on a clearance. */
export async function campaignsWithRules(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('reward_rule_sets').select('campaign_id').distinct().execute();
  return rows.map((r) => r.campaign_id);
}

/** Verified arrests and surrenders dated in [from, to], optionally of some people only. */
export async function verifiedCaptures(
  db: Executor,
  from: string,
  to: string,
  fugitiveIds?: readonly number[],
): Promise<CaptureFact[]> {
  let q = db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select([
      'c.id',
      'c.kind',
      'c.occurred_on',
      'c.capturing_unit_id',
      'c.persuading_unit_id',
      'f.crime_category',
      'f.listing_unit_id',
    ])
    .where('c.status', '=', 'verified')
    .where('c.kind', 'in', ['arrest', 'surrender'])
    .where('c.occurred_on', '>=', from)
    .where('c.occurred_on', '<=', to);
  if (fugitiveIds) q = q.where('c.fugitive_id', 'in', [...fugitiveIds, -1]);
  const rows = await q.orderBy('c.id').execute();
  return rows.map((r) => ({
    clearanceId: r.id,
    kind: r.kind as CaptureFact['kind'],
    category: r.crime_category,
    remote: r.listing_unit_id === null,
    occurredOn: r.occurred_on,
    capturingUnitId: r.capturing_unit_id,
    persuadingUnitId: r.persuading_unit_id,
  }));
}

/**
 * Entries of a campaign that stand: not reversals, and not reversed. With `fugitiveIds`, only the
 * entries of those people's clearances and the unit bonuses (which belong to no clearance).
 */
export async function standingEntries(
  db: Executor,
  campaignId: number,
  fugitiveIds?: readonly number[],
): Promise<StandingEntry[]> {
  let q = db
    .selectFrom('ledger_entries as e')
    .leftJoin('clearances as c', 'c.id', 'e.clearance_id')
    .select([
      'e.id',
      'e.unit_id',
      'e.clearance_id',
      'e.rule_id',
      'e.rule_set_version',
      'e.points',
      'e.money',
      'e.reason',
    ])
    .where('e.campaign_id', '=', campaignId)
    .where('e.reverses_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('ledger_entries as r').select('r.id').whereRef('r.reverses_id', '=', 'e.id')),
      ),
    );
  if (fugitiveIds)
    q = q.where((eb) =>
      eb.or([eb('e.clearance_id', 'is', null), eb('c.fugitive_id', 'in', [...fugitiveIds, -1])]),
    );
  const rows = await q.orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    clearanceId: r.clearance_id,
    ruleId: r.rule_id,
    version: r.rule_set_version,
    points: Number(r.points),
    money: Number(r.money),
    reason: r.reason,
  }));
}

export type NewEntry = Insertable<LedgerEntriesTable>;

export async function insertEntries(db: Executor, rows: NewEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('ledger_entries')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A campaign's ledger entries with what a reader needs: unit, clearance, person. Newest first. */
export function ledgerRows(db: Executor, campaignId: number, scope: UnitFilter, limit?: number) {
  let q = db
    .selectFrom('ledger_entries as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('clearances as c', 'c.id', 'e.clearance_id')
    .leftJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .select([
      'e.id',
      'e.clearance_id',
      'e.rule_set_version',
      'e.rule_id',
      'e.points',
      'e.money',
      'e.reverses_id',
      'e.reason',
      'e.booked_on',
      'u.code as unit_code',
      'u.name as unit_name',
      'c.kind as clearance_kind',
      'c.occurred_on',
      'c.status as clearance_status',
      'f.listing_no',
    ])
    .where('e.campaign_id', '=', campaignId);
  if (!scope.all) q = q.where('e.unit_id', 'in', [...scope.unitIds, -1]);
  return q
    .orderBy('e.id', 'desc')
    .$if(limit !== undefined, (x) => x.limit(limit!))
    .execute();
}
export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

/** Each unit's own balance in a campaign (entries booked to the unit itself). */
export async function balancesByUnit(db: Executor, campaignId: number) {
  const rows = await unitBalances(db, campaignId, { all: true });
  return new Map(rows.map((r) => [r.unit_id, { points: r.points, money: r.money }]));
}

const unitIdsOf = (scope: UnitFilter) => (scope.all ? [] : [...scope.unitIds, -1]);

/** Each unit's balance over all its entries (summed in SQL, whatever the number of entries). */
export async function unitBalances(db: Executor, campaignId: number, scope: UnitFilter) {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .select((eb) => [
      'e.unit_id',
      'u.code',
      'u.name',
      eb.fn.sum<number>('e.points').as('points'),
      eb.fn.sum<number>('e.money').as('money'),
      eb.fn.countAll<number>().as('entries'),
    ])
    .where('e.campaign_id', '=', campaignId)
    .$if(!scope.all, (q) => q.where('e.unit_id', 'in', unitIdsOf(scope)))
    .groupBy(['e.unit_id', 'u.code', 'u.name'])
    .execute();
  return rows.map((r) => ({
    ...r,
    points: Number(r.points),
    money: Number(r.money),
    entries: Number(r.entries),
  }));
}
