import { afterEach, describe, expect, it } from 'vitest';
import { type Store, openStore } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { SIGN_IN_POLICY, SignInLimiter, delayAfter } from './sign-in-limiter.ts';

const T0 = Date.UTC(2026, 10, 28, 4);
const MINUTE = 60_000;

let store: Store | undefined;
afterEach(() => store?.close());

/** A limiter over a fresh in-memory database (the counts live in the database). */
async function newLimiter(): Promise<SignInLimiter> {
  store = openStore(':memory:');
  await migrateToLatest(store.db);
  return new SignInLimiter(store.db);
}

describe('sign-in limiter', () => {
  it('lets the first failures through, then makes the account wait longer after each, up to a ceiling', () => {
    expect([1, 5, 6, 7, 8, 9].map((n) => delayAfter(n))).toEqual([0, 0, 2_000, 4_000, 8_000, 16_000]);
    expect(delayAfter(40)).toBe(SIGN_IN_POLICY.maxDelayMs);
  });

  it('delays an account guessed from many addresses, whichever address tries next', async () => {
    const limiter = await newLimiter();
    for (let i = 0; i < 6; i += 1) {
      expect((await limiter.check('commander', `198.51.100.${i}`, T0)).allowed).toBe(true);
      await limiter.failed('commander', `198.51.100.${i}`, T0);
    }
    expect(await limiter.check('Commander', '203.0.113.9', T0 + 1_000)).toEqual({
      allowed: false,
      reason: 'account_delayed',
      retryAfterSeconds: 1,
    });
    expect((await limiter.check('commander', '203.0.113.9', T0 + 2_000)).allowed).toBe(true);
    await limiter.failed('commander', '203.0.113.9', T0 + 2_000);
    expect(await limiter.check('commander', '203.0.113.10', T0 + 5_000)).toMatchObject({
      retryAfterSeconds: 1,
    });
    expect((await limiter.check('commander', '203.0.113.10', T0 + 6_000)).allowed).toBe(true);
    // Other accounts are not slowed by it.
    expect((await limiter.check('leader', '198.51.100.1', T0 + 1_000)).allowed).toBe(true);
  });

  it('does not count successful sign-ins', async () => {
    const limiter = await newLimiter();
    for (let i = 0; i < 100; i += 1) {
      expect((await limiter.check('officer', '192.0.2.1', T0)).allowed).toBe(true);
      await limiter.succeeded('officer', '192.0.2.1', T0);
    }
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures; i += 1) await limiter.failed('officer', '192.0.2.2', T0);
    expect((await limiter.check('officer', '192.0.2.3', T0)).allowed).toBe(true);
  });

  it('never holds back the account at an address it signed in from that is not guessing', async () => {
    const limiter = await newLimiter();
    await limiter.succeeded('commander', '10.0.0.7', T0);
    for (let i = 0; i < 30; i += 1) await limiter.failed('commander', `198.51.100.${i}`, T0 + MINUTE);
    expect(await limiter.check('commander', '10.0.0.7', T0 + MINUTE)).toEqual({ allowed: true });
    expect(await limiter.check('commander', '10.0.0.8', T0 + MINUTE)).toMatchObject({
      reason: 'account_delayed',
    });
    // A trusted address that itself starts guessing loses the exemption.
    for (let i = 0; i < SIGN_IN_POLICY.guessingFailures; i += 1)
      await limiter.failed('someone', '10.0.0.7', T0 + MINUTE);
    expect(await limiter.check('commander', '10.0.0.7', T0 + MINUTE)).toMatchObject({
      reason: 'account_delayed',
    });
  });

  it('caps the failures of one address over all accounts, for a window', async () => {
    const limiter = await newLimiter();
    for (let i = 0; i < SIGN_IN_POLICY.addressCap; i += 1) await limiter.failed(`user${i}`, '192.0.2.66', T0);
    expect(await limiter.check('fresh', '192.0.2.66', T0 + MINUTE)).toEqual({
      allowed: false,
      reason: 'address_capped',
      retryAfterSeconds: 14 * 60,
    });
    expect((await limiter.check('fresh', '192.0.2.67', T0 + MINUTE)).allowed).toBe(true);
    expect((await limiter.check('fresh', '192.0.2.66', T0 + 16 * MINUTE)).allowed).toBe(true);
  });

  it('forgets an account’s failures an hour after the last one', async () => {
    const limiter = await newLimiter();
    for (let i = 0; i < 20; i += 1) await limiter.failed('leader', `198.51.100.${i}`, T0);
    expect((await limiter.check('leader', '203.0.113.1', T0 + 10 * MINUTE)).allowed).toBe(false);
    expect((await limiter.check('leader', '203.0.113.1', T0 + 61 * MINUTE)).allowed).toBe(true);
    await limiter.failed('leader', '203.0.113.1', T0 + 61 * MINUTE);
    expect((await limiter.check('leader', '203.0.113.2', T0 + 61 * MINUTE)).allowed).toBe(true);
  });
});
