import type { Command } from 'commander';
import { isoDateArg } from '../args.ts';
import { withStore } from '../store.ts';

export function registerPublicity(program: Command): void {
  program
    .command('publicity')
    .description(
      'publicity per week against surrenders, and tips received, open and leading to verified clearances',
    )
    .option('--from <date>', 'first day (default: the campaign launch)', isoDateArg)
    .option('--to <date>', 'last day (default: today)', isoDateArg)
    .option('--json', 'print JSON instead of a table')
    .action(async (o: { from?: string; to?: string; json?: boolean }) => {
      const { publicityOverview } = await import('../../areas/publicity/service.ts');
      const result = await withStore((ctx) => publicityOverview(ctx, { from: o.from, to: o.to }));
      if (o.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      console.log(`week of      activities  posters  surrenders`);
      for (const w of result.weeks)
        console.log(
          `${w.week}  ${String(w.activities).padStart(10)}  ${String(w.posters).padStart(7)}  ${String(w.surrenders).padStart(10)}`,
        );
      const { received, open, ledToClearance } = result.tips;
      console.log(`tips: ${received} received, ${open} open, ${ledToClearance} led to a verified clearance`);
    });
}
