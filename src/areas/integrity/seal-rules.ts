// The rules of the deep check: which tables the figures and rewards are read from, how a row is
// fingerprinted, and which audited entities may legitimately change it. Pure: no I/O.
import { createHash } from 'node:crypto';

export type Row = Record<string, unknown>;

export interface SealedTable {
  table: SealedTableName;
  /** What names a row in a report. */
  key(row: Row): string;
  /**
   * The audited entities ("type:id") whose events may change the row; "type:*" stands for an
   * event about many of them at once (an import).
   */
  excuses(row: Row): string[];
}

export const SEALED_TABLE_NAMES = [
  'fugitives',
  'persons',
  'clearances',
  'campaigns',
  'baseline_persons',
  'letters',
  'ledger_entries',
] as const;
export type SealedTableName = (typeof SEALED_TABLE_NAMES)[number];

/** A row's id or reference column as text (ids are numbers; PostgreSQL may hand big ones as strings). */
const text = (value: unknown) =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint'
    ? String(value)
    : JSON.stringify(value);
const id = (row: Row) => text(row.id);
const ref = (type: string, value: unknown): string[] =>
  value === null || value === undefined ? [] : [`${type}:${text(value)}`];

/** Every table a figure, a ranking or a reward is computed from. */
export const SEALED_TABLES: SealedTable[] = [
  {
    table: 'fugitives',
    key: id,
    // A verified clearance sets its listing's exit: clearance events touch their listing too.
    excuses: (r) => [...ref('fugitive', r.id), 'fugitive:*', 'clearance:*'],
  },
  {
    // Persons are derived from listings and verified clearances: they move with those.
    table: 'persons',
    key: id,
    excuses: (r) => [
      ...ref('person', r.id),
      ...ref('clearance', r.exit_clearance_id),
      'fugitive:*',
      'clearance:*',
    ],
  },
  {
    table: 'clearances',
    key: id,
    excuses: (r) => [...ref('clearance', r.id), 'clearance:*'],
  },
  { table: 'campaigns', key: id, excuses: (r) => ref('campaign', r.id) },
  {
    table: 'baseline_persons',
    key: (r) => `${text(r.campaign_id)}/${text(r.person_id)}`,
    excuses: (r) => ref('campaign', r.campaign_id),
  },
  {
    table: 'letters',
    key: id,
    excuses: (r) => [...ref('letter', r.id), ...ref('campaign', r.campaign_id)],
  },
  {
    table: 'ledger_entries',
    key: id,
    excuses: (r) => [...ref('campaign', r.campaign_id), ...ref('clearance', r.clearance_id)],
  },
];

/** A row's fingerprint: every column, in name order. */
export function rowHash(row: Row): string {
  const canonical = Object.keys(row)
    .sort()
    .map((k) => `${k}=${JSON.stringify(row[k] ?? null)}`)
    .join('\u001f');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export interface SealedRow {
  key: string;
  hash: string;
  excuses: string[];
}

/** The digest of one table's sealed rows, in key order: what the seal's audit event records. */
export function sealDigest(rows: readonly SealedRow[]): string {
  const hash = createHash('sha256');
  for (const r of [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
    hash.update(`${r.key}\u001f${r.hash}\u001f${r.excuses.join(' ')}\n`);
  return hash.digest('hex');
}

export type RowChange = 'changed' | 'removed' | 'added';

export interface RowDifference {
  table: SealedTableName;
  key: string;
  change: RowChange;
}

/**
 * The rows of a table that differ from the seal with no audited event since to explain it.
 * `touched` holds the entities ("type:id", "type:*") that events after the seal are about.
 */
export function unexplainedChanges(
  table: SealedTableName,
  sealed: ReadonlyMap<string, SealedRow>,
  current: ReadonlyMap<string, SealedRow>,
  touched: ReadonlySet<string>,
): { differences: RowDifference[]; explained: number } {
  const differences: RowDifference[] = [];
  let explained = 0;
  const hasEvent = (...rows: (SealedRow | undefined)[]) =>
    rows.some((r) => r?.excuses.some((e) => touched.has(e)));
  for (const [key, now] of current) {
    const then = sealed.get(key);
    if (then?.hash === now.hash) continue;
    if (hasEvent(then, now)) explained += 1;
    else differences.push({ table, key, change: then ? 'changed' : 'added' });
  }
  for (const [key, then] of sealed) {
    if (current.has(key)) continue;
    if (hasEvent(then)) explained += 1;
    else differences.push({ table, key, change: 'removed' });
  }
  return { differences, explained };
}
