import type { Actor, Scope } from '../areas/accounts/rules.ts';
import { type Executor, isCollision, isTransient } from '../db/connection.ts';
import { BusyError, ForbiddenError } from './errors.ts';

/** What every use case runs with: where to read and write, who acts, what they may see, and when. */
export interface Context {
  db: Executor;
  /**
   * Set when `db` is a read replica (a lag-tolerant read): the primary, for what such a read must
   * still write (a campaign's baseline frozen at launch). Nothing else may write through it.
   */
  primary?: Executor;
  /** Who acts, as written into the audit chain (a username, or e.g. `cli:root`). */
  actor: string;
  now: Date;
  /** The signed-in user, for use cases that depend on who asks (absent for the CLI). */
  user?: Actor;
  /** The units whose data this context may see and change. */
  scope: Scope;
}

/** The signed-in user of a use case that depends on who asks. */
export function signedInUser(ctx: Context): Actor {
  if (!ctx.user) throw new ForbiddenError('forbidden', 'this needs a signed-in user');
  return ctx.user;
}

/** How long a write waits, in all, for another writer to finish before it gives up as busy. */
export const BUSY_RETRY_MS = 10_000;

/** How many times in all a transaction runs when PostgreSQL keeps refusing it as a collision. */
export const COLLISION_ATTEMPTS = 5;

export interface TransactionOptions {
  /**
   * False when `work` cannot run twice: it consumes something it cannot read again (the rows of an
   * uploaded file streamed inside the transaction) or acts outside the database. Such a transaction
   * is still tried again when it could not begin (SQLite's lock, before `work` ran), but once `work`
   * has run a collision refuses it as busy (HTTP 503), for the client to send it again.
   */
  rerunnable?: boolean;
}

/** A pause of about `ms` (between half and all of it), so that colliding writers drift apart. */
const jittered = (ms: number) => ms / 2 + Math.random() * (ms / 2);

/**
 * Runs `work` in one transaction (joining the caller's if there is one), and runs it again when it
 * met another writer, with growing, jittered pauses that do not block the server:
 * - SQLite: another process holds the database's write lock (SQLITE_BUSY, met at `BEGIN IMMEDIATE`):
 *   tried again for up to BUSY_RETRY_MS;
 * - PostgreSQL: a deadlock, a serialization failure or a lock not available (`isCollision`), which
 *   roll the transaction back: run again, up to COLLISION_ATTEMPTS times in all.
 * Then it is refused as busy (HTTP 503 with Retry-After). A `work` that cannot run twice says so
 * (`rerunnable: false`) and is never run again once it has begun.
 */
export async function inTransaction<T>(
  ctx: Context,
  work: (trx: Context) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  const rerunnable = options.rerunnable ?? true;
  const giveUpAt = Date.now() + BUSY_RETRY_MS;
  let collisions = 0;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    let began = false;
    try {
      return await ctx.db.transaction().execute((trx) => {
        began = true;
        return work({ ...ctx, db: trx });
      });
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (began && !rerunnable) throw new BusyError();
      if (isCollision(error) && ++collisions >= COLLISION_ATTEMPTS) throw new BusyError();
      if (Date.now() + pause > giveUpAt) throw new BusyError();
      await new Promise((resolve) => setTimeout(resolve, jittered(pause)));
    }
  }
}

/** `inTransaction` for a `work` that cannot run twice (see `TransactionOptions.rerunnable`). */
export function inTransactionOnce<T>(ctx: Context, work: (trx: Context) => Promise<T>): Promise<T> {
  return inTransaction(ctx, work, { rerunnable: false });
}
