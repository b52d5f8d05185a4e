import type { Actor, Scope } from '../areas/accounts/rules.ts';
import type { Executor } from '../db/connection.ts';
import { ForbiddenError } from './errors.ts';

/** What every use case runs with: where to read and write, who acts, what they may see, and when. */
export interface Context {
  db: Executor;
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
  if (!ctx.user) throw new ForbiddenError('this needs a signed-in user');
  return ctx.user;
}

/** Runs `work` in one transaction (joining the caller's if there is one). */
export async function inTransaction<T>(ctx: Context, work: (trx: Context) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
