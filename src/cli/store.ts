// The configuration and the database of a command. The database code is imported only when a
// command opens it, so that `--help` and commands without a database load none of it.
import { EVERYTHING } from '../areas/accounts/rules.ts';
import { loadConfig } from '../config.ts';
import type { Store } from '../db/connection.ts';
import type { Context } from '../shared/context.ts';

export const config = loadConfig();

/** Opens the configured database, migrated, runs `work` with a context, and closes it. */
export async function withStore<T>(work: (ctx: Context, store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../db/connection.ts');
  const { migrateToLatest } = await import('../db/migrate.ts');
  const { freezeDueCampaigns } = await import('../areas/campaigns/service.ts');
  const store = openStore(config.databaseUrl);
  try {
    await migrateToLatest(store.db);
    const ctx: Context = { db: store.db, actor: config.cliActor, now: new Date(), scope: EVERYTHING };
    // The first command on or after a campaign's launch day freezes its baseline.
    await freezeDueCampaigns(ctx);
    return await work(ctx, store);
  } finally {
    await store.close();
  }
}
