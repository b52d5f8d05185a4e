import type { Command } from 'commander';
import { localDate } from '../../shared/dates.ts';
import { integerArg, isoDateArg } from '../args.ts';
import { withStore } from '../store.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load a synthetic city with a campaign under way into an empty database')
    .option('--seed <n>', 'random seed', integerArg, 2011)
    .option('--anchor <date>', '"today" in the demo (default: today)', isoDateArg)
    .action(async (o: { seed: number; anchor?: string }) => {
      const { loadDemo } = await import('../../demo/load-demo.ts');
      const summary = await withStore((ctx) =>
        loadDemo(ctx, { seed: o.seed, anchor: o.anchor ?? localDate(ctx.now) }),
      );
      console.log(
        `demo loaded: ${summary.units} units, ${summary.fugitives} fugitives, ${summary.verified} verified and ${summary.pending} pending clearances; campaign ${summary.campaign}`,
      );
    });
}
