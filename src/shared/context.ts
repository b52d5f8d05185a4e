import type { Actor, Scope } from '../areas/accounts/rules.ts';
import { type Executor, isBusy } from '../db/connection.ts';
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

/**
 * Runs `work` in one transaction (joining the caller's if there is one). When another process
 * holds the database's write lock (SQLite), the transaction is tried again with growing pauses
 * that do not block the server, for up to BUSY_RETRY_MS; then it is refused as busy (HTTP 503).
 */
export async function inTransaction<T>(ctx: Context, work: (trx: Context) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  const giveUpAt = Date.now() + BUSY_RETRY_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    try {
      return await ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + pause > giveUpAt) throw new BusyError();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
