import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorProblem, dailyAnchorDue, keyId, parseKey, signAnchor } from './rules.ts';

describe('signed anchors', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const head = 'ab'.repeat(32);
  const anchor = signAnchor(privateKey, { seq: 42, head, at: '2011-12-20T10:00:00.000Z' });

  it('hold when the chain still has the anchored hash at that event', () => {
    expect(anchor.keyId).toBe(keyId(publicKey));
    expect(anchorProblem(anchor, publicKey, head)).toBeNull();
  });

  it('catch a rewritten or shortened chain', () => {
    expect(anchorProblem(anchor, publicKey, 'cd'.repeat(32))).toContain('history before it was rewritten');
    expect(anchorProblem(anchor, publicKey, undefined)).toContain('events were removed');
  });

  it('catch an altered anchor or one signed by another key', () => {
    expect(anchorProblem({ ...anchor, head: 'cd'.repeat(32) }, publicKey, 'cd'.repeat(32))).toContain(
      'signature',
    );
    expect(anchorProblem({ ...anchor, seq: 41 }, publicKey, head)).toContain('signature');
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(anchorProblem(anchor, other, head)).toContain('signed by another key');
  });

  it('read keys as PEM or one line of base64, and refuse other kinds of key', () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(keyId(parseKey(der, 'public'))).toBe(keyId(publicKey));
    expect(parseKey(pem, 'private').asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(() => parseKey(rsa.toString(), 'public')).toThrow('not an Ed25519 key');
    expect(() => parseKey('not a key', 'private')).toThrow('cannot be read');
  });
});

describe('the daily anchor', () => {
  it('is due with no anchor yet, and once a day of the bureau’s calendar (UTC+8)', () => {
    const now = new Date('2011-12-20T03:00:00.000Z'); // 11:00 in the bureau
    expect(dailyAnchorDue(undefined, now)).toBe(true);
    expect(dailyAnchorDue('2011-12-19T15:59:59.999Z', now)).toBe(true); // 23:59 the day before
    expect(dailyAnchorDue('2011-12-19T16:00:00.000Z', now)).toBe(false); // 00:00 the same day
    expect(dailyAnchorDue('2011-12-20T02:00:00.000Z', now)).toBe(false);
  });
});
