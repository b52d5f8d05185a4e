import type { Executor } from '../../db/connection.ts';
import * as repo from './repo.ts';

/**
 * How sign-in guessing is slowed down (issue 13, defect 7). Only failed attempts count.
 *
 * - Per account: after a few free failures, each further failure makes the account wait longer
 *   (doubling, up to a ceiling) before the next attempt is heard, whichever address it comes from,
 *   so guessing from many addresses is slowed as much as from one.
 * - Per address: an address with too many failures over all accounts is refused for a while.
 * - A correct password is never held back at an address the account signed in from before that is
 *   not itself guessing: an attacker elsewhere cannot lock a commander out of their own desk.
 *
 * The counts are in the database (repo.ts), so that every server process behind a load balancer
 * counts the same failures, and a restart forgets none.
 */
export interface SignInPolicy {
  /** Failures of an account before any delay. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An account's failures are forgotten this long after its last one. */
  forgetAfterMs: number;
  /** Failures from one address (any accounts) within the window before it is refused. */
  addressCap: number;
  addressWindowMs: number;
  /** An address is "guessing" from this many failures in its window: no longer trusted. */
  guessingFailures: number;
  /** How long a successful sign-in makes its address trusted for the account. */
  trustForMs: number;
  /** Most addresses an account stays trusted at (the latest). */
  trustedPerAccount: number;
}

export const SIGN_IN_POLICY: SignInPolicy = {
  freeFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  addressCap: 50,
  addressWindowMs: 15 * 60_000,
  guessingFailures: 5,
  trustForMs: 30 * 24 * 3_600_000,
  trustedPerAccount: 20,
};

export type SignInVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'account_delayed' | 'address_capped'; retryAfterSeconds: number };

/** The delay an account must wait after its nth failure (0 while the failures are free). */
export function delayAfter(failures: number, policy: SignInPolicy = SIGN_IN_POLICY): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures - 1, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

/** What is known of an attempt: the account's and the address's live counts, the address's trust. */
export interface SignInFacts {
  account?: { failures: number; last_failure: number };
  place?: { failures: number; window_start: number };
  trustedAt?: number;
}

/** Whether an attempt may be heard now, from what is counted (the pure rule). */
export function signInVerdict(
  facts: SignInFacts,
  now: number,
  policy: SignInPolicy = SIGN_IN_POLICY,
): SignInVerdict {
  const { account, place, trustedAt } = facts;
  if (place && place.failures >= policy.addressCap)
    return {
      allowed: false,
      reason: 'address_capped',
      retryAfterSeconds: seconds(place.window_start + policy.addressWindowMs - now),
    };
  if (!account) return { allowed: true };
  const waitUntil = account.last_failure + delayAfter(account.failures, policy);
  if (waitUntil <= now) return { allowed: true };
  const guessing = (place?.failures ?? 0) >= policy.guessingFailures;
  if (!guessing && trustedAt !== undefined && now - trustedAt <= policy.trustForMs) return { allowed: true };
  return { allowed: false, reason: 'account_delayed', retryAfterSeconds: seconds(waitUntil - now) };
}

export class SignInLimiter {
  constructor(
    private readonly db: Executor,
    private readonly policy: SignInPolicy = SIGN_IN_POLICY,
  ) {}

  /** Whether an attempt may be heard now; asked before the password is checked. */
  async check(username: string, address: string, now: number): Promise<SignInVerdict> {
    const name = key(username);
    const [account, place, trustedAt] = await Promise.all([
      repo.signInAccount(this.db, name, now, this.policy.forgetAfterMs),
      repo.signInAddress(this.db, address, now, this.policy.addressWindowMs),
      repo.signInTrustedAt(this.db, name, address),
    ]);
    return signInVerdict({ account, place, trustedAt }, now, this.policy);
  }

  failed(username: string, address: string, now: number): Promise<void> {
    return repo.countSignInFailure(this.db, key(username), address, now, this.policy);
  }

  /** A correct password: the address becomes trusted for the account; nothing is counted. */
  succeeded(username: string, address: string, now: number): Promise<void> {
    return repo.trustSignInAddress(this.db, key(username), address, now, {
      trustForMs: this.policy.trustForMs,
      keep: this.policy.trustedPerAccount,
    });
  }
}

const key = (username: string) => username.trim().toLowerCase();

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
