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
      const { findAnomalies, scanCampaign } = await import('../../areas/integrity/service.ts');
      const found = await withStore(async (ctx) => {
        if (o.enqueue) {
          const scan = await scanCampaign(ctx, o.campaign);
          console.error(`${scan.added} new findings queued for inspectors`);
        }
        return findAnomalies(ctx, o.campaign);
      });
      if (o.json) {
        const rows = found.map((a) => ({
          rule: a.rule,
          unit: a.unit,
          listing_no: a.listingNo,
          reason: a.reason,
        }));
        console.log(JSON.stringify(rows, null, 2));
      } else if (found.length === 0) {
        console.log('no anomalies');
      } else {
        for (const a of found) console.log(`${a.rule}\t${a.unit ?? '—'}\t${a.listingNo ?? '—'}\t${a.reason}`);
        console.log(`${found.length} anomalies`);
      }
    });
}
