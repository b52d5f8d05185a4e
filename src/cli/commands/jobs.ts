import type { Command } from 'commander';
import { withStore } from '../store.ts';

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('the daily jobs (freeze, review round, digests, anchor)');
  jobs
    .command('run-due')
    .description(
      "run today's jobs that have not run yet (from cron, e.g. every 15 minutes, when servers run with --no-scheduler); each runs once a day",
    )
    .action(async () => {
      const { runDueJobs } = await import('../../areas/jobs/service.ts');
      const { anchorKeyIfSet } = await import('../anchor-keys.ts');
      const { mailerIfSet } = await import('../mailer.ts');
      const results = await withStore((ctx) =>
        runDueJobs(ctx, { anchorKey: anchorKeyIfSet(), mailer: mailerIfSet() }),
      );
      for (const r of results)
        console.log(
          `${r.job}: ${r.status}${r.tookOverFrom ? ` (taken over from ${r.tookOverFrom})` : ''}${r.lost ? ' (lost: another process took the run over meanwhile)' : ''}${r.outcome === undefined ? '' : ` ${JSON.stringify(r.outcome)}`}${r.error ? ` (${r.error})` : ''}`,
        );
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
}
