import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import type { Lang } from '../../reports/labels.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';

const TIP_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
type TipExportFormat = (typeof TIP_EXPORT_FORMATS)[number];

const formatArg = (value: string): TipExportFormat => {
  if (!(TIP_EXPORT_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected ${TIP_EXPORT_FORMATS.join(' or ')}`);
  return value as TipExportFormat;
};

export function registerTips(program: Command): void {
  const tips = program.command('tips').description('tips received by telephone, letter or in person');
  tips
    .command('export')
    .description(
      'the tips staff entered (telephone, letter, in person) received between two days, as Excel or CSV: channel, time, who took it, unit, person, triage and outcome; never the contact details or rewards',
    )
    .option('--from <date>', "first day, on the bureau's clock (default: the campaign's launch)", isoDateArg)
    .option('--to <date>', 'last day (default: today)', isoDateArg)
    .option('--unit <code>', 'only the tips of this unit and the units below it')
    .option('--campaign <name>', 'campaign whose launch is the default first day (default: the latest)')
    .option('--format <format>', 'xlsx or csv (default: from the file name, else xlsx)', formatArg)
    .requiredOption('-o, --output <file>', 'the file to write')
    .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
    .action(
      async (o: {
        from?: string;
        to?: string;
        unit?: string;
        campaign?: string;
        format?: TipExportFormat;
        output: string;
        lang: Lang;
      }) => {
        const format = o.format ?? (o.output.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
        const [{ enteredTips }, { findCampaign }, { localDate }, report] = await Promise.all([
          import('../../areas/staff-tips/service.ts'),
          import('../../areas/campaigns/service.ts'),
          import('../../shared/dates.ts'),
          import('../../reports/tips-export.ts'),
        ]);
        const rows = await withStore(async (ctx) => {
          const from = o.from ?? (await findCampaign(ctx.db, o.campaign)).start_on;
          const to = o.to ?? localDate(ctx.now);
          return enteredTips(ctx, { from, to, unit: o.unit });
        });
        await writeFile(
          o.output,
          format === 'csv' ? report.enteredTipsCsv(rows, o.lang) : await report.enteredTipsXlsx(rows, o.lang),
        );
        console.log(`${rows.length} staff-entered tips written to ${o.output}`);
      },
    );
}
