import type { Command } from 'commander';
import { config } from '../store.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const { openStore } = await import('../../db/connection.ts');
      const { migrateToLatest } = await import('../../db/migrate.ts');
      const store = openStore(config.databaseUrl);
      try {
        const applied = await migrateToLatest(store.db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } finally {
        await store.close();
      }
    });
}
