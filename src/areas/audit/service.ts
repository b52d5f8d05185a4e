import type { Executor } from '../../db/connection.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import type { AuditAnchorRow } from '../../db/tables.ts';
import * as repo from './repo.ts';
import type { KeyObject } from 'node:crypto';
import {
  type Anchor,
  type ChainCheck,
  type ChainedEvent,
  GENESIS_HASH,
  anchorProblem,
  chainHash,
  dataDigest,
  signAnchor,
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
 * the change and its audit event land together or not at all. Returns the event's place in the chain.
 */
export async function recordEvent(ctx: Context, entry: AuditEntry): Promise<number> {
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
  return content.seq;
}

/** Re-computes the whole chain from the stored events. */
export async function verifyAuditChain(db: Executor): Promise<ChainCheck> {
  return verifyChain(chainedEvents(db));
}

/**
 * Signs the chain's head with the anchor key and keeps the anchor. The request is itself an event,
 * so the anchor covers it; asking again with nothing new in between returns the same anchor.
 */
export async function anchorChain(ctx: Context, privateKey: KeyObject): Promise<Anchor> {
  return inTransaction(ctx, async (tx) => {
    await repo.lockChain(tx.db);
    const head = await repo.chainHead(tx.db);
    const latest = await repo.latestAnchor(tx.db);
    if (head && latest?.seq === head.seq) return fromRow(latest);
    await recordEvent(tx, { action: 'audit.anchor', entityType: 'audit', entityId: 'chain' });
    const signedHead = (await repo.chainHead(tx.db))!;
    const anchor = signAnchor(privateKey, {
      seq: signedHead.seq,
      head: signedHead.hash,
      at: tx.now.toISOString(),
    });
    await repo.insertAnchor(tx.db, {
      seq: anchor.seq,
      head_hash: anchor.head,
      anchored_at: anchor.at,
      key_id: anchor.keyId,
      signature: anchor.signature,
    });
    return anchor;
  });
}

export async function listAnchors(db: Executor): Promise<Anchor[]> {
  return (await repo.allAnchors(db)).map(fromRow);
}

function fromRow(row: AuditAnchorRow): Anchor {
  return {
    seq: row.seq,
    head: row.head_hash,
    at: row.anchored_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

export interface AnchoredCheck {
  chain: ChainCheck;
  /** Anchors checked: those kept in the database and any brought from outside (the inspectorate's copy). */
  anchors: number;
  /** Anchors that do not hold, and why. */
  anchorProblems: { seq: number; problem: string }[];
  /** Whether signatures were checked (a public key was given). */
  signaturesChecked: boolean;
}

/**
 * Checks the chain, then every anchor against it: a rewrite that recomputed every hash still
 * changes the hash at an anchored event. With the public key, each anchor's signature is checked too.
 */
export async function verifyAgainstAnchors(
  db: Executor,
  options: { publicKey?: KeyObject; outsideAnchors?: Anchor[] } = {},
): Promise<AnchoredCheck> {
  const anchors = [...(await listAnchors(db)), ...(options.outsideAnchors ?? [])];
  const wanted = new Set(anchors.map((a) => a.seq));
  const hashAt = new Map<number, string>();
  async function* recording() {
    for await (const event of chainedEvents(db)) {
      if (wanted.has(event.seq)) hashAt.set(event.seq, event.hash);
      yield event;
    }
  }
  const chain = await verifyChain(recording());
  const anchorProblems = anchors.flatMap((a) => {
    const problem = anchorProblem(a, options.publicKey, hashAt.get(a.seq));
    return problem ? [{ seq: a.seq, problem }] : [];
  });
  return { chain, anchors: anchors.length, anchorProblems, signaturesChecked: !!options.publicKey };
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
