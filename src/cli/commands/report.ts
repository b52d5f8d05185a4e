import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Lang } from '../../reports/labels.ts';
import { DomainError } from '../../shared/errors.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';
import { RETURN_FILE_FORMATS, type ReturnFileFormat } from '../../areas/returns/rules.ts';

/** The return's format from the name of the file it goes to: .docx or .pdf, else .xlsx. */
const returnFormatOf = (file: string): ReturnFileFormat =>
  RETURN_FILE_FORMATS.find((f) => file.toLowerCase().endsWith(`.${f}`)) ?? 'xlsx';

const PERIODS = { daily: '日报: the day', weekly: '周报: the seven days ending on the date' } as const;

export function registerReport(program: Command): void {
  const report = program
    .command('report')
    .description(
      "a unit's daily or weekly return (日报/周报) to the unit above, as .xlsx or the official document (GB/T 9704) as .docx or PDF",
    );
  for (const [period, what] of Object.entries(PERIODS) as [keyof typeof PERIODS, string][])
    report
      .command(period)
      .description(`the ${period} return (${what})`)
      .requiredOption('--unit <code>', 'the reporting unit (a sub-bureau, or the city)')
      .option('--campaign <name>', 'campaign name (default: the latest)')
      .option('--date <date>', 'the return date (default: today)', isoDateArg)
      .option('--format <format>', 'xlsx, docx or pdf (default: from the file name, else xlsx)')
      .option('--lang <lang>', 'zh-CN (default) or en; the .docx is always Chinese', langArg, 'zh-CN' as Lang)
      .requiredOption('-o, --output <file>', 'where to write it')
      .action(
        async (o: {
          unit: string;
          campaign?: string;
          date?: string;
          format?: string;
          lang: Lang;
          output: string;
        }) => {
          const format = o.format ?? returnFormatOf(o.output);
          if (!(RETURN_FILE_FORMATS as readonly string[]).includes(format))
            throw new DomainError('usage', '--format: expected xlsx, docx or pdf');
          const { returnFile } = await import('../../areas/returns/service.ts');
          const file = await withStore((ctx) =>
            returnFile(
              ctx,
              { campaign: o.campaign, unit: o.unit, period, on: o.date },
              format as ReturnFileFormat,
              o.lang,
            ),
          );
          await writeFile(o.output, file.bytes);
          console.log(`${period} return of ${o.unit} written to ${o.output} (${file.bytes.length} bytes)`);
        },
      );
}
