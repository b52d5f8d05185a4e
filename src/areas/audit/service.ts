import type { Executor } from '../../db/connection.ts';
import type { Context } from '../../shared/context.ts';
import * as repo from './repo.ts';
import {
  type ChainCheck,
  type ChainedEvent,
  GENESIS_HASH,
  chainHash,
  dataDigest,
  verifyChain,
} from './rules.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the hash chain. Call it inside the transaction of the write it records, so
 * the change and its audit event land together or not at all.
 */
export async function recordEvent(ctx: Context, entry: AuditEntry): Promise<void> {
  if (!ctx.db.isTransaction)
    throw new Error('audit events are written inside the transaction of their change');
  await repo.lockChain(ctx.db);
  const head = await repo.chainHead(ctx.db);
  const before = entry.before ?? null;
  const after = entry.after ?? null;
  const content = {
    seq: (head?.seq ?? 0) + 1,
    at: ctx.now.toISOString(),
    actor: ctx.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    dataDigest: dataDigest(before, after),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await repo.insertEvent(ctx.db, {
    seq: content.seq,
    at: content.at,
    actor: content.actor,
    action: content.action,
    entity_type: content.entityType,
    entity_id: content.entityId,
    before_json: JSON.stringify(before),
    after_json: JSON.stringify(after),
    data_digest: content.dataDigest,
    prev_hash: prevHash,
    hash: chainHash(prevHash, content),
  });
}

/** Re-computes the whole chain from the stored events. */
export async function verifyAuditChain(db: Executor): Promise<ChainCheck> {
  return verifyChain(chainedEvents(db));
}

async function* chainedEvents(db: Executor): AsyncGenerator<ChainedEvent> {
  for await (const row of repo.eventsInOrder(db)) {
    const hasData = row.before_json !== null || row.after_json !== null;
    yield {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      dataDigest: row.data_digest,
      prevHash: row.prev_hash,
      hash: row.hash,
      before: hasData ? (JSON.parse(row.before_json ?? 'null') as unknown) : null,
      after: hasData ? (JSON.parse(row.after_json ?? 'null') as unknown) : null,
      hasData,
    };
  }
}
