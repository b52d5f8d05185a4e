import type { Command } from 'commander';
import { isoDateArg } from '../args.ts';
import { formatStandings } from '../format-standings.ts';
import { withStore } from '../store.ts';

export function registerStandings(program: Command): void {
  program
    .command('standings')
    .description("every unit's campaign figures, ranked within each level")
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--as-of <date>', 'figures as of this date (default: today)', isoDateArg)
    .option('--json', 'print JSON instead of a table')
    .action(async (o: { campaign?: string; asOf?: string; json?: boolean }) => {
      const { standings } = await import('../../areas/campaigns/service.ts');
      const result = await withStore((ctx) => standings(ctx, { campaign: o.campaign, asOf: o.asOf }));
      console.log(o.json ? JSON.stringify(result, null, 2) : formatStandings(result));
    });
}
