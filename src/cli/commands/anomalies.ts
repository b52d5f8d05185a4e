import { once } from 'node:events';
import type { Command } from 'commander';
import type { Anomaly } from '../../areas/integrity/types.ts';
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
      // Printed a part of the campaign at a time, so that memory stays flat however many there are;
      // with --enqueue, as the scan queues them (one run of the rules, not a second to print).
      let n = 0;
      const print = async (part: Anomaly[]) => {
        const lines = part.map((a) => {
          n += 1;
          if (!o.json) return `${a.rule}\t${a.unit ?? '—'}\t${a.listingNo ?? '—'}\t${a.reason}\n`;
          const row = { rule: a.rule, unit: a.unit, listing_no: a.listingNo, reason: a.reason };
          return `${n === 1 ? '[\n' : ',\n'}  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`;
        });
        // The rules never wait for I/O (SQLite answers at once), so what a pipe does not take at once
        // would pile up in memory until the end: wait until it has taken a part before the next.
        if (!process.stdout.write(lines.join(''))) await once(process.stdout, 'drain');
      };
      await withStore(async (ctx) => {
        if (o.enqueue) {
          const scan = await scanCampaign(ctx, o.campaign, { onPart: print });
          console.error(`${scan.added} new findings queued for inspectors`);
        } else for await (const part of anomaliesOfCampaign(ctx, o.campaign)) await print(part);
      });
      if (o.json) console.log(n === 0 ? '[]' : '\n]');
      else console.log(n === 0 ? 'no anomalies' : `${n} anomalies`);
    });
}
