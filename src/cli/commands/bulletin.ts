import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FORMATS, type Format } from '../../reports/formats.ts';
import type { Lang } from '../../reports/labels.ts';
import { DomainError } from '../../shared/errors.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';

export function registerBulletin(program: Command): void {
  program
    .command('bulletin')
    .description(
      'the daily bulletin (通报) of a campaign as HTML, PDF (A4), XLSX or the official document (GB/T 9704) as .docx or as PDF (official-pdf)',
    )
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--date <date>', 'figures as of this date (default: today)', isoDateArg)
    .option('--format <format>', FORMATS.join(', '), 'pdf')
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--lang <lang>', 'zh-CN (default) or en', langArg, 'zh-CN' as Lang)
    .option('--issue', 'issue it: number it and keep its data, as a commander does in the web app')
    .action(
      async (o: {
        campaign?: string;
        date?: string;
        format: string;
        output: string;
        lang: Lang;
        issue?: boolean;
      }) => {
        if (!(FORMATS as readonly string[]).includes(o.format))
          throw new DomainError('usage', `--format: expected ${FORMATS.join(', ')}`);
        const { bulletinData, bulletinFile, issueBulletin } =
          await import('../../areas/bulletins/service.ts');
        const { findCampaign } = await import('../../areas/campaigns/service.ts');
        const { renderBulletin } = await import('../../reports/render.ts');
        const { anchorKeyIfSet } = await import('../anchor-keys.ts');
        const bytes = await withStore(async (ctx) => {
          if (!o.issue) {
            const draft = await bulletinData(ctx, { campaign: o.campaign, asOf: o.date });
            return renderBulletin(draft, o.format as Format, o.lang);
          }
          // Issued: written from the frozen data, exactly what every later download shows.
          const key = anchorKeyIfSet();
          const campaign = (await findCampaign(ctx.db, o.campaign)).name;
          const issued = await issueBulletin(ctx, campaign, o.date, key);
          return (await bulletinFile(ctx, issued.id, o.format as Format, o.lang)).bytes;
        });
        await writeFile(o.output, bytes);
        console.log(`bulletin written to ${o.output} (${bytes.length} bytes)`);
      },
    );
}
