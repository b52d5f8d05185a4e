import type { Command } from 'commander';
import { integerArg } from '../args.ts';
import { withStore } from '../store.ts';

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description("draw a week's quality sample of verified clearances; the seed goes into the audit log")
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option(
      '--week <n>',
      'week of the campaign, 1 = the week of the launch date (default: the last whole week)',
      integerArg,
    )
    .action(async (o: { campaign?: string; week?: number }) => {
      const { drawWeeklySample } = await import('../../areas/integrity/service.ts');
      const sample = await withStore((ctx) => drawWeeklySample(ctx, o));
      console.log(
        `week ${sample.week} (${sample.from} to ${sample.to}) of ${sample.campaign}: ${sample.checks.length} of ${sample.candidates} verified clearances, seed ${sample.seed}`,
      );
      for (const c of sample.checks)
        console.log(
          `${c.clearanceId}\t${c.listingNo}\t${c.kind}\t${c.occurredOn}\t${c.unit ?? '—'}\t${c.evidenceRef ?? '—'}`,
        );
    });
}
