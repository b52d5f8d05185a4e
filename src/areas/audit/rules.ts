import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that precedes the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** Digest of the before/after record images (kept apart so they can be redacted by law). */
  dataDigest: string;
}

export interface ChainedEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
  before: unknown;
  after: unknown;
  /** False when the record images were lawfully removed; the digest then stands alone. */
  hasData: boolean;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Canonical JSON (RFC 8785): the same value always hashes the same on every machine. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

export function dataDigest(before: unknown, after: unknown): string {
  return sha256(canonicalJson({ before: before ?? null, after: after ?? null }));
}

/** Each event's hash covers the previous hash and the event's own content. */
export function chainHash(prevHash: string, event: AuditEventContent): string {
  return sha256(`${prevHash}\n${canonicalJson(event)}`);
}

export type ChainCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Checks events in sequence order; stops at the first broken link and says why. */
export async function verifyChain(events: AsyncIterable<ChainedEvent>): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const e of events) {
    const broken = (reason: string): ChainCheck => ({ ok: false, events: count, brokenAt: e.seq, reason });
    if (e.seq !== expectedSeq) return broken(`expected event ${expectedSeq} here, found ${e.seq}`);
    if (e.prevHash !== prev) return broken('previous-hash link does not match the event before it');
    if (e.hasData && dataDigest(e.before, e.after) !== e.dataDigest)
      return broken('record images do not match their digest (edited after the fact)');
    const { seq, at, actor, action, entityType, entityId } = e;
    const content = { seq, at, actor, action, entityType, entityId, dataDigest: e.dataDigest };
    if (chainHash(prev, content) !== e.hash) return broken('event hash does not match its content');
    prev = e.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, events: count, head: prev };
}
