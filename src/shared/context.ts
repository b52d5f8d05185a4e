import type { Executor } from '../db/connection.ts';

/** What every use case runs with: where to read and write, who acts, and the current time. */
export interface Context {
  db: Executor;
  actor: string;
  now: Date;
}

/** Runs `work` in one transaction (joining the caller's if there is one). */
export async function inTransaction<T>(ctx: Context, work: (trx: Context) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
