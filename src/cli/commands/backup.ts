import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { DomainError } from '../../shared/errors.ts';
import { config, withStore } from '../store.ts';

/** `backup` and `restore`, which print the same standings digest to compare. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup')
    .description(
      'back up the whole database: SQLite online (safe while the server runs), PostgreSQL with pg_dump; prints the standings digest to compare after a restore',
    )
    .action(async (file: string) => {
      const { sealFacts } = await import('../../areas/integrity/deep-check.ts');
      const { backupDatabase } = await import('../../db/backup.ts');
      // Sealed first, so that the deep check after a restore compares every row with this moment.
      const digest = await withStore(async (ctx) => {
        await sealFacts(ctx);
        return standingsDigest(ctx);
      });
      await backupDatabase(config.databaseUrl, file);
      console.log(`backed up to ${file}`);
      console.log(digest);
    });

  program
    .command('restore')
    .argument('<file>', 'a file `qingwang backup` wrote')
    .option('--force', 'replace a database that already holds data')
    .description(
      'restore a backup into the database (stop the server first), then run the deep audit check and print the standings digest',
    )
    .action(async (file: string, o: { force?: boolean }) => {
      const { openStore } = await import('../../db/connection.ts');
      const { holdsData, restoreDatabase } = await import('../../db/backup.ts');
      const { verifyHistory } = await import('../../areas/integrity/history.ts');
      const { formatHistoryCheck } = await import('../history-check.ts');
      const { anchorPublicKey } = await import('../anchor-keys.ts');
      const store = openStore(config.databaseUrl);
      const occupied = await holdsData(store).finally(() => store.close());
      if (occupied && !o.force)
        throw new DomainError(
          'database_not_empty',
          'the database already holds data: restoring would replace it; add --force if that is meant',
        );
      await restoreDatabase(config.databaseUrl, file);
      const { check, digest } = await withStore(async (ctx) => ({
        check: await verifyHistory(ctx.db, { publicKey: anchorPublicKey(), deep: true }),
        digest: await standingsDigest(ctx),
      }));
      const print = check.ok ? console.log : console.error;
      print(`restored from ${file}`);
      for (const line of formatHistoryCheck(check)) print(line);
      console.log(digest);
      if (!check.ok) process.exitCode = 1;
    });
}

/** A digest of today's standings JSON of the latest campaign: the same before a backup and after its restore. */
async function standingsDigest(ctx: Context): Promise<string> {
  const { standings } = await import('../../areas/campaigns/service.ts');
  const asOf = localDate(ctx.now);
  let json: string;
  try {
    json = JSON.stringify(await standings(ctx, { asOf }));
  } catch (e) {
    if (e instanceof DomainError && e.code === 'no_campaign') return 'standings digest: no campaign yet';
    throw e;
  }
  return `standings digest (latest campaign, as of ${asOf}): ${createHash('sha256').update(json).digest('hex')}`;
}
