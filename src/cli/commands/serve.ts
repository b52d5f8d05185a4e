import type { Command } from 'commander';
import { EVERYTHING } from '../../areas/accounts/rules.ts';
import { localDate } from '../../shared/dates.ts';
import { config } from '../store.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web server (HOST, PORT)')
    .option('--demo-if-empty', 'load the demo city first when the database holds no units')
    .option(
      '--no-scheduler',
      'do not run the daily jobs here (run `qingwang jobs run-due` from cron instead)',
    )
    .action(async (o: { demoIfEmpty?: boolean; scheduler: boolean }) => {
      const { TIP_KEY_VARIABLE, loadTipKey, usingDemoKey } = await import('../../areas/publicity/sealing.ts');
      // Before anything else: refuses to start in production without the tip key, warns loudly without it elsewhere.
      loadTipKey();
      const { openStore } = await import('../../db/connection.ts');
      const { migrateToLatest } = await import('../../db/migrate.ts');
      const { holdsUnits } = await import('../../areas/units/service.ts');
      const { DEMO_PASSWORD, DEMO_USERS, demoAccountsPresent, loadDemo } =
        await import('../../demo/load-demo.ts');
      const { ANCHOR_KEY_FILE, anchorKeyIfSet, anchorPublicKey, ensureAnchorKeys } =
        await import('../anchor-keys.ts');
      const { buildServer } = await import('../../http/server.ts');
      const { computeFiguresOffThread } = await import('../../areas/campaigns/figures-pool.ts');
      // With READ_DATABASE_URL, lag-tolerant reads go to that streaming replica (http/read-replica.ts).
      const store = openStore(config.databaseUrl, config.readDatabaseUrl);
      await migrateToLatest(store.db);
      // Figures take long at a large city's size: they must not stop the server's other requests.
      computeFiguresOffThread(store.db, config.databaseUrl);
      if (store.replica && config.readDatabaseUrl)
        computeFiguresOffThread(store.replica, config.readDatabaseUrl);
      const ctx = { db: store.db, actor: 'demo', now: new Date(), scope: EVERYTHING };
      if (o.demoIfEmpty && !(await holdsUnits(store.db))) {
        console.log('empty database: loading the demo city…');
        const summary = await loadDemo(ctx, { seed: 2011, anchor: localDate(ctx.now) });
        console.log(
          `demo loaded: ${summary.units} units, ${summary.fugitives} fugitives; campaign ${summary.campaign}`,
        );
      }
      const madeIn = ensureAnchorKeys();
      if (madeIn)
        console.log(
          `made the audit anchors' key pair in ${madeIn}; move ${ANCHOR_KEY_FILE} off this server (docs/integrity.md)`,
        );
      const anchorKey = anchorKeyIfSet();
      if (!anchorKey)
        console.warn(
          `no anchor key (QINGWANG_ANCHOR_KEY or ${ANCHOR_KEY_FILE} in ${config.dataDir}): this server checks anchors but does not sign them`,
        );
      const server = await buildServer({
        store,
        logLevel: config.logLevel,
        trustProxy: config.trustProxy,
        anchorKey,
        anchorPublicKey: anchorPublicKey(),
      });
      const address = await server.listen({ host: config.host, port: config.port });
      const { startScheduler } = await import('../../areas/jobs/scheduler.ts');
      const { mailerIfSet } = await import('../mailer.ts');
      // The daily jobs (the day's anchor among them): at start, then every few minutes. Every server
      // process may run them: each still runs once a day (the job_runs table).
      const scheduler =
        o.scheduler && config.scheduler
          ? startScheduler(store, { anchorKey, mailer: mailerIfSet(), log: (m) => console.log(m) })
          : undefined;
      console.log(
        `Qingwang is running at ${address} (database: ${store.dialect}${store.replica ? ', lag-tolerant reads on the replica' : ''})`,
      );
      console.log(`API documentation: ${address}/api/docs`);
      console.log(`Public site (notice, wanted list, tips): ${address}/public`);
      if (usingDemoKey())
        console.warn(
          `WARNING: tips are sealed with the PUBLIC DEMO KEY; set ${TIP_KEY_VARIABLE} for real use.`,
        );
      if (await demoAccountsPresent(store.db)) {
        console.log(
          `Demo accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`,
        );
        console.log(
          `  e.g. curl -c jar -H 'content-type: application/json' -d '{"username":"commander","password":"${DEMO_PASSWORD}"}' ${address}/api/session`,
        );
      }
      const stop = () => {
        scheduler?.stop();
        void server.close().then(() => store.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
