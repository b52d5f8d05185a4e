import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Lang } from '../../reports/labels.ts';
import { DomainError } from '../../shared/errors.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';

const EXPORTS = ['standings', 'ledger', 'meetings', 'visits', 'rectification', 'merits'] as const;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "Excel export of the standings, the ledger, meetings and their tasks, guidance visits, rectification items or officers' merits, with number and date cells",
    )
    .argument('<what>', EXPORTS.join(', '))
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--as-of <date>', 'standings as of this date (default: today)', isoDateArg)
    .requiredOption('-o, --output <file>', 'the .xlsx file to write')
    .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
    .action(async (what: string, o: { campaign?: string; asOf?: string; output: string; lang: Lang }) => {
      if (!(EXPORTS as readonly string[]).includes(what))
        throw new DomainError('usage', `cannot export ${what}: use ${EXPORTS.join(', ')}`);
      const { findCampaign, standings } = await import('../../areas/campaigns/service.ts');
      const bytes = await withStore(async (ctx) => {
        const name = (await findCampaign(ctx.db, o.campaign)).name;
        switch (what as (typeof EXPORTS)[number]) {
          case 'standings': {
            const { standingsXlsx } = await import('../../reports/bulletin-xlsx.ts');
            return standingsXlsx(await standings(ctx, { campaign: name, asOf: o.asOf }), o.lang);
          }
          case 'ledger': {
            const { ledger } = await import('../../areas/rewards/service.ts');
            const { ledgerXlsx } = await import('../../reports/bulletin-xlsx.ts');
            return ledgerXlsx((await ledger(ctx, name, true)).entries, o.lang);
          }
          case 'meetings': {
            const { listMeetings } = await import('../../areas/meetings/service.ts');
            const { meetingsXlsx } = await import('../../reports/practices-xlsx.ts');
            return meetingsXlsx((await listMeetings(ctx, name)).meetings, o.lang);
          }
          case 'visits': {
            const { guidanceView } = await import('../../areas/guidance/service.ts');
            const { guidanceXlsx } = await import('../../reports/practices-xlsx.ts');
            return guidanceXlsx(await guidanceView(ctx, name, { asOf: o.asOf }), o.lang);
          }
          case 'rectification': {
            const { listItems } = await import('../../areas/rectification/service.ts');
            const { rectificationXlsx } = await import('../../reports/practices-xlsx.ts');
            return rectificationXlsx((await listItems(ctx, {})).items, o.lang);
          }
          case 'merits': {
            const { officerMerits } = await import('../../areas/merits/service.ts');
            const { meritsXlsx } = await import('../../reports/practices-xlsx.ts');
            return meritsXlsx(await officerMerits(ctx, name, o.asOf), o.lang);
          }
        }
      });
      await writeFile(o.output, bytes);
      console.log(`${what} written to ${o.output}`);
    });
}
