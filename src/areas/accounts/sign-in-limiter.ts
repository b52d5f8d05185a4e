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
 * The state is in the server's memory: a restart forgets it (and the trusted addresses with it).
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
  /** Most accounts and addresses remembered (the oldest are forgotten first). */
  maxEntries: number;
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
  maxEntries: 100_000,
};

export type SignInVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'account_delayed' | 'address_capped'; retryAfterSeconds: number };

interface AccountState {
  failures: number;
  lastFailure: number;
  /** Address → when it last signed in to this account successfully. */
  trusted: Map<string, number>;
}

interface AddressState {
  failures: number;
  windowStart: number;
}

/** The delay an account must wait after its nth failure (0 while the failures are free). */
export function delayAfter(failures: number, policy: SignInPolicy = SIGN_IN_POLICY): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures - 1, 30);
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
}

export class SignInLimiter {
  private readonly accounts = new Map<string, AccountState>();
  private readonly addresses = new Map<string, AddressState>();

  constructor(private readonly policy: SignInPolicy = SIGN_IN_POLICY) {}

  /** Whether an attempt may be heard now; asked before the password is checked. */
  check(username: string, address: string, now: number): SignInVerdict {
    const place = this.addressState(address, now);
    if (place && place.failures >= this.policy.addressCap)
      return {
        allowed: false,
        reason: 'address_capped',
        retryAfterSeconds: seconds(place.windowStart + this.policy.addressWindowMs - now),
      };
    const account = this.accountState(username, now);
    if (!account) return { allowed: true };
    const waitUntil = account.lastFailure + delayAfter(account.failures, this.policy);
    if (waitUntil <= now) return { allowed: true };
    const guessing = (place?.failures ?? 0) >= this.policy.guessingFailures;
    const trustedAt = account.trusted.get(address);
    if (!guessing && trustedAt !== undefined && now - trustedAt <= this.policy.trustForMs)
      return { allowed: true };
    return { allowed: false, reason: 'account_delayed', retryAfterSeconds: seconds(waitUntil - now) };
  }

  failed(username: string, address: string, now: number): void {
    const account = this.accountState(username, now) ?? { failures: 0, lastFailure: now, trusted: new Map() };
    account.failures += 1;
    account.lastFailure = now;
    remember(this.accounts, key(username), account, this.policy.maxEntries);
    const place = this.addressState(address, now) ?? { failures: 0, windowStart: now };
    place.failures += 1;
    remember(this.addresses, address, place, this.policy.maxEntries);
  }

  /** A correct password: the address becomes trusted for the account; nothing is counted. */
  succeeded(username: string, address: string, now: number): void {
    const account = this.accountState(username, now) ?? {
      failures: 0,
      lastFailure: Number.NEGATIVE_INFINITY,
      trusted: new Map(),
    };
    account.trusted.delete(address);
    account.trusted.set(address, now);
    if (account.trusted.size > 20) account.trusted.delete(account.trusted.keys().next().value);
    remember(this.accounts, key(username), account, this.policy.maxEntries);
  }

  private accountState(username: string, now: number): AccountState | undefined {
    const account = this.accounts.get(key(username));
    if (account && account.failures > 0 && now - account.lastFailure > this.policy.forgetAfterMs)
      account.failures = 0;
    return account;
  }

  private addressState(address: string, now: number): AddressState | undefined {
    const place = this.addresses.get(address);
    if (place && now - place.windowStart > this.policy.addressWindowMs) {
      this.addresses.delete(address);
      return undefined;
    }
    return place;
  }
}

const key = (username: string) => username.trim().toLowerCase();

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Stores an entry as the newest, forgetting the oldest when the map is full. */
function remember<V>(map: Map<string, V>, k: string, value: V, max: number): void {
  map.delete(k);
  map.set(k, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
