// The deep check (issue 13, defect 2): are the tables the figures and rewards are computed from
// what the audit events say they are? A seal fingerprints every row of them and writes the digest
// into the chain; later, every row that differs from the seal is named unless an audited event
// since the seal is about it. Together with the chain check (the events are intact) and the
// replay of each clearance's own events (history.ts), a direct UPDATE shows up. The withdrawals of
// listings are replayed from their own events too (withdrawals-check.ts), seal or no seal.
import type { Executor } from '../../db/connection.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import type { KeyObject } from 'node:crypto';
import { type Anchor, dailyAnchorDue } from '../audit/rules.ts';
import { anchorChain, recordEvent } from '../audit/service.ts';
import { eventsInOrder, latestAnchor } from '../audit/repo.ts';
import * as repo from './seal-repo.ts';
import { keptFiguresDrift } from '../campaigns/service.ts';
import type { FactDifference } from '../campaigns/rules.ts';
import { type WithdrawalsCheck, compareWithdrawals } from './withdrawals-check.ts';
import {
  type RowDifference,
  SEALED_TABLES,
  type SealedRow,
  type SealedTableName,
  rowHash,
  sealDigest,
  unexplainedChanges,
} from './seal-rules.ts';

export const SEAL_ACTION = 'facts.seal';

export interface SealSummary {
  seq: number;
  tables: Record<string, { rows: number; digest: string }>;
}

/** The current fingerprint of every sealed table. */
async function fingerprints(db: Executor): Promise<Map<SealedTableName, Map<string, SealedRow>>> {
  const out = new Map<SealedTableName, Map<string, SealedRow>>();
  for (const t of SEALED_TABLES) {
    const rows = new Map<string, SealedRow>();
    for (const row of await repo.allRows(db, t.table)) {
      const key = t.key(row);
      rows.set(key, { key, hash: rowHash(row), excuses: t.excuses(row) });
    }
    out.set(t.table, rows);
  }
  return out;
}

/**
 * Seals the tables as they are now: their rows' fingerprints replace the previous seal's, and the
 * digest of each table goes into the audit chain. Taken with every anchor and issued bulletin, and
 * by `qingwang audit seal`.
 */
export async function sealFacts(ctx: Context): Promise<SealSummary> {
  return inTransaction(ctx, async (tx) => {
    const current = await fingerprints(tx.db);
    const tables: SealSummary['tables'] = {};
    for (const [table, rows] of current)
      tables[table] = { rows: rows.size, digest: sealDigest([...rows.values()]) };
    await recordEvent(tx, { action: SEAL_ACTION, entityType: 'audit', entityId: 'facts', after: { tables } });
    const seq = (await repo.latestEventSeq(tx.db, SEAL_ACTION))!;
    await repo.replaceSeal(tx.db, seq, current);
    return { seq, tables };
  });
}

/** Seals the tables, then signs the chain head: the anchor's signature covers the seal's digest. */
export async function sealAndAnchor(ctx: Context, key: KeyObject): Promise<Anchor> {
  return inTransaction(ctx, async (tx) => {
    await sealFacts(tx);
    return anchorChain(tx, key);
  });
}

/** The server's daily anchor: seals and signs when no anchor was made yet today; undefined when one was. */
export async function anchorIfDue(ctx: Context, key: KeyObject): Promise<Anchor | undefined> {
  if (!dailyAnchorDue((await latestAnchor(ctx.db))?.anchored_at, ctx.now)) return undefined;
  return sealAndAnchor(ctx, key);
}

export interface DeepCheck {
  /** The seal compared against; absent when nothing was ever sealed. */
  seal?: { seq: number; at: string };
  /** Tables whose stored seal no longer adds up to the digest in the chain (the seal was edited). */
  brokenSeals: string[];
  /** Rows compared with the seal. */
  compared: number;
  /** Rows that changed since the seal with an audited event to explain it. */
  explained: number;
  /** Rows that changed since the seal with no audited event about them. */
  differences: RowDifference[];
  /** Campaigns whose kept counts (what the figures read) differ from what the persons give. */
  keptFigures: { campaign: string; differences: FactDifference[] }[];
  /** Every withdrawal of a listing against what its audit events say. */
  withdrawals: WithdrawalsCheck;
  ok: boolean;
}

export async function deepCheck(db: Executor): Promise<DeepCheck> {
  const keptFigures = await keptFiguresDrift(db);
  const withdrawals = await compareWithdrawals(db);
  const event = await repo.latestEvent(db, SEAL_ACTION);
  if (!event)
    return {
      brokenSeals: [],
      compared: 0,
      explained: 0,
      differences: [],
      keptFigures,
      withdrawals,
      ok: withdrawals.drifted.length === 0 && keptFigures.length === 0,
    };
  const recorded = (JSON.parse(event.after_json ?? '{}') as { tables?: SealSummary['tables'] }).tables ?? {};
  const sealed = await repo.sealRows(db, event.seq);
  const brokenSeals = SEALED_TABLES.map((t) => t.table).filter(
    (table) => recorded[table]?.digest !== sealDigest([...(sealed.get(table)?.values() ?? [])]),
  );
  const touched = await touchedSince(db, event.seq);
  const current = await fingerprints(db);
  const differences: RowDifference[] = [];
  let compared = 0;
  let explained = 0;
  for (const [table, rows] of current) {
    const result = unexplainedChanges(table, sealed.get(table) ?? new Map(), rows, touched);
    differences.push(...result.differences);
    explained += result.explained;
    compared += rows.size;
  }
  return {
    seal: { seq: event.seq, at: event.at },
    brokenSeals,
    compared,
    explained,
    differences,
    keptFigures,
    withdrawals,
    ok:
      brokenSeals.length === 0 &&
      differences.length === 0 &&
      withdrawals.drifted.length === 0 &&
      keptFigures.length === 0,
  };
}

/**
 * The entities audited events after `seq` are about; a clearance's event also touches its listing
 * and person, and an event about a listing (named by its number) touches its row and person.
 */
async function touchedSince(db: Executor, seq: number): Promise<Set<string>> {
  const touched = new Set<string>();
  const clearanceIds: number[] = [];
  const listingNos: string[] = [];
  for await (const e of eventsInOrder(db, undefined, 5000, seq)) {
    touched.add(`${e.entity_type}:${e.entity_id}`);
    if (e.entity_type === 'clearance' && /^\d+$/.test(e.entity_id)) clearanceIds.push(Number(e.entity_id));
    if (e.entity_type === 'fugitive' && e.entity_id !== '*') listingNos.push(e.entity_id);
  }
  const listings = [
    ...(await repo.listingsOfClearances(db, clearanceIds)),
    ...(await repo.listingsByNumber(db, listingNos)),
  ];
  for (const { fugitiveId, personId } of listings) {
    touched.add(`fugitive:${fugitiveId}`);
    if (personId !== null) touched.add(`person:${personId}`);
  }
  return touched;
}
