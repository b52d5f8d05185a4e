import type { Command } from 'commander';
import { withStore } from '../store.ts';

export function registerAnomalies(program: Command): void {
  program
    .command('anomalies')
    .description('run the integrity rules (duplicate claims, relisting, cancellation spikes, back-dating, …)')
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--json', 'print JSON: [{"rule", "unit", "listing_no", "reason"}]')
    .option('--enqueue', "also put new findings into the inspectors' queue (as the web app's scan does)")
    .action(async (o: { campaign?: string; json?: boolean; enqueue?: boolean }) => {
      const { anomaliesOfCampaign, scanCampaign } = await import('../../areas/integrity/service.ts');
      // Printed a part of the campaign at a time, so that memory stays flat however many there are.
      const count = await withStore(async (ctx) => {
        if (o.enqueue) {
          const scan = await scanCampaign(ctx, o.campaign);
          console.error(`${scan.added} new findings queued for inspectors`);
        }
        let n = 0;
        for await (const part of anomaliesOfCampaign(ctx, o.campaign))
          for (const a of part) {
            const row = { rule: a.rule, unit: a.unit, listing_no: a.listingNo, reason: a.reason };
            if (o.json)
              process.stdout.write(
                `${n === 0 ? '[\n' : ',\n'}  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`,
              );
            else process.stdout.write(`${a.rule}\t${a.unit ?? '—'}\t${a.listingNo ?? '—'}\t${a.reason}\n`);
            n += 1;
          }
        return n;
      });
      if (o.json) console.log(count === 0 ? '[]' : '\n]');
      else console.log(count === 0 ? 'no anomalies' : `${count} anomalies`);
    });
}
