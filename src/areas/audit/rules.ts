import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { localDate } from '../../shared/dates.ts';

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

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
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

// ——— Signed anchors ———

/** A signed statement that event `seq` of the chain had hash `head` at time `at`. */
export interface Anchor {
  seq: number;
  head: string;
  at: string;
  /** Which key signed it: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 signature of `anchorStatement`, base64. */
  signature: string;
}

/** The exact bytes an anchor's signature covers. */
export function anchorStatement(a: Pick<Anchor, 'seq' | 'head' | 'at'>): Buffer {
  return Buffer.from(
    canonicalJson({ statement: 'qingwang audit anchor', seq: a.seq, head: a.head, at: a.at }),
  );
}

export function keyId(publicKey: KeyObject): string {
  return sha256(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

export function signAnchor(privateKey: KeyObject, content: Pick<Anchor, 'seq' | 'head' | 'at'>): Anchor {
  const signature = sign(null, anchorStatement(content), privateKey).toString('base64');
  return { ...content, keyId: keyId(createPublicKey(privateKey)), signature };
}

/** Why an anchor does not hold against the chain as it is now, or null when it holds. */
export function anchorProblem(
  anchor: Anchor,
  publicKey: KeyObject | undefined,
  /** The chain's hash at the anchor's event, or undefined when the chain is shorter. */
  hashNow: string | undefined,
): string | null {
  if (publicKey) {
    if (anchor.keyId !== keyId(publicKey)) return `signed by another key (${anchor.keyId})`;
    const signed = verify(null, anchorStatement(anchor), publicKey, Buffer.from(anchor.signature, 'base64'));
    if (!signed) return 'the signature does not match the anchor (the anchor was altered or forged)';
  }
  if (hashNow === undefined) return `the chain no longer reaches event ${anchor.seq} (events were removed)`;
  if (hashNow !== anchor.head)
    return `event ${anchor.seq} now hashes to ${hashNow.slice(0, 16)}…, the anchor says ${anchor.head.slice(0, 16)}… (history before it was rewritten)`;
  return null;
}

/**
 * Whether the day's anchor is still to be signed: none yet, or the latest is from an earlier day of
 * the bureau's calendar (an anchor with a bulletin counts for its day).
 */
export function dailyAnchorDue(latestAt: string | undefined, now: Date): boolean {
  return latestAt === undefined || localDate(new Date(latestAt)) < localDate(now);
}

/**
 * Reads an Ed25519 key given as PEM or as one line of base64 DER (PKCS#8 for a private key,
 * SPKI for a public one), the forms that fit an environment variable.
 */
export function parseKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith('-----'))
      key = kind === 'private' ? createPrivateKey(trimmed) : createPublicKey(trimmed);
    else {
      const der = Buffer.from(trimmed, 'base64');
      key =
        kind === 'private'
          ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
          : createPublicKey({ key: der, format: 'der', type: 'spki' });
    }
  } catch (error) {
    throw new Error(`the ${kind} key cannot be read (PEM or base64 DER expected)`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the ${kind} key is not an Ed25519 key`);
  return key;
}
