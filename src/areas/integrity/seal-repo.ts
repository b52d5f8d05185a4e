import type { Executor } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/tables.ts';
import { insertMany } from '../../db/insert-many.ts';
import type { Row, SealedRow, SealedTableName } from './seal-rules.ts';

/** Every row of a sealed table, every column. */
export function allRows(db: Executor, table: SealedTableName): Promise<Row[]> {
  return db.selectFrom(table).selectAll().execute();
}

export function latestEvent(db: Executor, action: string): Promise<AuditEventRow | undefined> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function latestEventSeq(db: Executor, action: string): Promise<number | undefined> {
  return (await latestEvent(db, action))?.seq;
}

/** Keeps only the new seal's rows: earlier seals live on as digests in the chain. */
export async function replaceSeal(
  db: Executor,
  seq: number,
  tables: ReadonlyMap<SealedTableName, ReadonlyMap<string, SealedRow>>,
): Promise<void> {
  await db.deleteFrom('fact_seals').execute();
  const rows = [...tables].flatMap(([table, sealed]) =>
    [...sealed.values()].map((r) => ({
      seal_seq: seq,
      table_name: table,
      row_key: r.key,
      row_hash: r.hash,
      excuses: r.excuses.join(' '),
    })),
  );
  await insertMany(db, 'fact_seals', ['seal_seq', 'table_name', 'row_key', 'row_hash', 'excuses'], rows);
}

export async function sealRows(db: Executor, seq: number): Promise<Map<string, Map<string, SealedRow>>> {
  const out = new Map<string, Map<string, SealedRow>>();
  const rows = await db.selectFrom('fact_seals').selectAll().where('seal_seq', '=', seq).execute();
  for (const r of rows) {
    let table = out.get(r.table_name);
    if (!table) out.set(r.table_name, (table = new Map<string, SealedRow>()));
    table.set(r.row_key, {
      key: r.row_key,
      hash: r.row_hash,
      excuses: r.excuses ? r.excuses.split(' ') : [],
    });
  }
  return out;
}

/** The listing and person of each clearance. */
export async function listingsOfClearances(
  db: Executor,
  ids: number[],
): Promise<{ fugitiveId: number; personId: number | null }[]> {
  const out: { fugitiveId: number; personId: number | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select(['f.id as fugitiveId', 'f.person_id as personId'])
      .where('c.id', 'in', ids.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The row and person of each listing, by listing number. */
export async function listingsByNumber(
  db: Executor,
  listingNos: string[],
): Promise<{ fugitiveId: number; personId: number | null }[]> {
  const out: { fugitiveId: number; personId: number | null }[] = [];
  const unique = [...new Set(listingNos)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('fugitives as f')
      .select(['f.id as fugitiveId', 'f.person_id as personId'])
      .where('f.listing_no', 'in', unique.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  return out;
}
