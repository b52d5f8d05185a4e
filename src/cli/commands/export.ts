import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Lang } from '../../reports/labels.ts';
import { DomainError } from '../../shared/errors.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';

const EXPORTS = [
  'standings',
  'ledger',
  'meetings',
  'visits',
  'rectification',
  'merits',
  'fugitives',
] as const;

interface ExportOptions {
  campaign?: string;
  asOf?: string;
  output: string;
  lang: Lang;
  unit?: string;
  active?: boolean;
  cleared?: boolean;
  category?: string;
  listedFrom?: string;
  listedTo?: string;
}

/**
 * The roster (在逃人员名单) of the registry's filter, as .xlsx or, for a .csv output, CSV: the import
 * template's columns, so that the file imports again.
 */
async function fugitivesRoster(o: ExportOptions): Promise<Buffer> {
  const { roster } = await import('../../areas/registry/service.ts');
  const { rosterQuery } = await import('../../areas/registry/schema.ts');
  const { rosterCsv, rosterXlsx } = await import('../../reports/roster.ts');
  if (o.active && o.cleared) throw new DomainError('usage', 'say --active or --cleared, not both');
  const format = extname(o.output).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  const query = rosterQuery.parse({
    unit: o.unit,
    category: o.category,
    status: o.active ? 'active' : o.cleared ? 'cleared' : undefined,
    listedFrom: o.listedFrom,
    listedTo: o.listedTo,
    format,
    lang: o.lang,
  });
  const rows = await withStore((ctx) => roster(ctx, query));
  console.log(`${rows.length} listings`);
  return format === 'csv' ? rosterCsv(rows, query.lang) : rosterXlsx(rows, query.lang);
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "Excel export of the standings, the ledger, meetings and their tasks, guidance visits, rectification items, officers' merits or the roster of fugitives (.xlsx or .csv, in the import template's columns), with number and date cells",
    )
    .argument('<what>', EXPORTS.join(', '))
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--as-of <date>', 'standings as of this date (default: today)', isoDateArg)
    .requiredOption('-o, --output <file>', 'the .xlsx file to write')
    .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
    .option('--unit <code>', 'fugitives: only the listings of this unit and the units below it')
    .option('--active', 'fugitives: only persons still at large')
    .option('--cleared', 'fugitives: only persons cleared')
    .option('--category <code>', 'fugitives: only this crime category (homicide, theft, …)')
    .option('--listed-from <date>', 'fugitives: listed on or after this date', isoDateArg)
    .option('--listed-to <date>', 'fugitives: listed on or before this date', isoDateArg)
    .action(async (what: string, o: ExportOptions) => {
      if (!(EXPORTS as readonly string[]).includes(what))
        throw new DomainError('usage', `cannot export ${what}: use ${EXPORTS.join(', ')}`);
      if (what === 'fugitives') {
        await writeFile(o.output, await fugitivesRoster(o));
        console.log(`roster written to ${o.output}`);
        return;
      }
      const { findCampaign, standings } = await import('../../areas/campaigns/service.ts');
      const bytes = await withStore(async (ctx) => {
        const name = (await findCampaign(ctx.db, o.campaign)).name;
        switch (what as Exclude<(typeof EXPORTS)[number], 'fugitives'>) {
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
