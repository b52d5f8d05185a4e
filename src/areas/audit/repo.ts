import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AuditAnchorRow, AuditEventRow } from '../../db/tables.ts';

const CHAIN_LOCK_KEY = 0x7177; // "qw": serialises appends to the chain across PostgreSQL sessions

/** Takes the chain's lock until the transaction ends (SQLite transactions are already serial). */
export async function lockChain(trx: Executor): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
  }
}

export async function chainHead(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertEvent(db: Executor, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/**
 * All events in order (or those about one type of entity), a page at a time, so a long chain never
 * sits in memory whole.
 */
export async function* eventsInOrder(
  db: Executor,
  entityType?: string,
  pageSize = 5000,
  afterSeq = 0,
): AsyncGenerator<AuditEventRow> {
  let after = afterSeq;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().where('seq', '>', after);
    if (entityType) query = query.where('entity_type', '=', entityType);
    const page = await query.orderBy('seq').limit(pageSize).execute();
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.seq;
  }
}

/** The events about some entities, oldest first: the raw material of a case's timeline. */
export function eventsAbout(
  db: Executor,
  entities: { type: string; id: string }[],
): Promise<AuditEventRow[]> {
  if (entities.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) =>
      eb.or(entities.map((e) => eb.and([eb('entity_type', '=', e.type), eb('entity_id', '=', e.id)]))),
    )
    .orderBy('seq')
    .execute();
}

export function latestAnchor(db: Executor): Promise<AuditAnchorRow | undefined> {
  return db.selectFrom('audit_anchors').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export function allAnchors(db: Executor): Promise<AuditAnchorRow[]> {
  return db.selectFrom('audit_anchors').selectAll().orderBy('seq').execute();
}

export async function insertAnchor(db: Executor, row: AuditAnchorRow): Promise<void> {
  await db.insertInto('audit_anchors').values(row).execute();
}
