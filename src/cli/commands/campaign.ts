import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { DocumentSettingsInput } from '../../areas/bulletins/service.ts';
import type { OfficialFormat } from '../../reports/formats.ts';
import { fractionArg, integerArg, isoDateArg, officialFormatArg, officialFormatOf } from '../args.ts';
import { withStore } from '../store.ts';

export function registerCampaign(program: Command): void {
  const campaign = program.command('campaign').description('campaigns');
  campaign
    .command('create')
    .description('set up a campaign')
    .requiredOption('--name <name>', 'campaign name')
    .requiredOption(
      '--baseline <date>',
      'baseline date: people listed by then form the campaign baseline',
      isoDateArg,
    )
    .requiredOption('--start <date>', 'launch date', isoDateArg)
    .requiredOption('--deadline <date>', 'deadline', isoDateArg)
    .option('--year-end <date>', 'year-end assessment date (default 31 December)', isoDateArg)
    .option('--target <fraction>', 'target decline rate', fractionArg, 0.5)
    .option('--count-cancellations', 'let withdrawn warrants count toward the decline rate')
    .action(
      async (o: {
        name: string;
        baseline: string;
        start: string;
        deadline: string;
        yearEnd?: string;
        target: number;
        countCancellations?: boolean;
      }) => {
        const { createCampaign } = await import('../../areas/campaigns/service.ts');
        const created = await withStore((ctx) =>
          createCampaign(ctx, {
            name: o.name,
            baselineOn: o.baseline,
            startOn: o.start,
            deadlineOn: o.deadline,
            yearEndOn: o.yearEnd,
            target: o.target,
            countedKinds: [
              'arrest',
              'surrender',
              'death',
              ...(o.countCancellations ? (['cancellation'] as const) : []),
            ],
          }),
        );
        console.log(
          `campaign ${created.name}: ${created.start_on} → ${created.deadline_on}, target ${created.target}`,
        );
      },
    );

  campaign
    .command('freeze')
    .description("freeze a launched campaign's baseline snapshot now (it also freezes by itself at launch)")
    .requiredOption('--campaign <name>', 'campaign name')
    .action(async (o: { campaign: string }) => {
      const { freezeCampaign } = await import('../../areas/campaigns/service.ts');
      const frozen = await withStore((ctx) => freezeCampaign(ctx, o.campaign));
      console.log(
        `campaign ${frozen.name}: baseline frozen at ${frozen.frozen_at}, digest ${frozen.baseline_digest}`,
      );
    });

  campaign
    .command('documents')
    .description(
      'what official documents (.docx and PDF) print: issuing authority, number prefix, issuer, recipients, copies to, printer',
    )
    .requiredOption('--campaign <name>', 'campaign name')
    .option('--authority <text>', '发文机关 (default: the city bureau)')
    .option('--prefix <text>', '机关代字, as in 西公清网〔2011〕12号 (default: first character + 公清网)')
    .option('--issuer <text>', '签发人 (default: who issues)')
    .option('--recipients <text>', '主送机关')
    .option('--copies-to <text>', '抄送机关')
    .option('--printed-by <text>', "印发机关 (default: the authority's office)")
    .option('--notice-issuers <text>', '联合发布通告的机关, separated by 、 (default: the authority)')
    .action(async (o: { campaign: string } & DocumentSettingsInput) => {
      const { setDocumentSettings } = await import('../../areas/bulletins/service.ts');
      const { campaign: name, ...input } = o;
      const settings = await withStore((ctx) => setDocumentSettings(ctx, name, input));
      console.log(JSON.stringify(settings));
    });

  campaign
    .command('letter')
    .description("a unit's signed responsibility letter (责任书) as an official .docx or PDF")
    .requiredOption('--campaign <name>', 'campaign name')
    .requiredOption('--unit <code>', 'the unit that signed')
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--format <format>', 'docx or pdf (default: from the file name, else docx)', officialFormatArg)
    .action(async (o: { campaign: string; unit: string; output: string; format?: OfficialFormat }) => {
      const { letterFile } = await import('../../areas/bulletins/service.ts');
      const file = await withStore((ctx) =>
        letterFile(ctx, o.campaign, o.unit, o.format ?? officialFormatOf(o.output)),
      );
      await writeFile(o.output, file.bytes);
      console.log(`letter written to ${o.output} (${file.bytes.length} bytes)`);
    });

  campaign
    .command('notice')
    .description(
      'a version of the surrender notice (敦促投案自首通告) as an official .docx or PDF, signed by the issuing bodies',
    )
    .requiredOption('--campaign <name>', 'campaign name (its document settings name the issuers)')
    .requiredOption('--id <n>', "the notice version's id (GET /api/notices lists them)", integerArg)
    .requiredOption('-o, --output <file>', 'where to write it')
    .option('--format <format>', 'docx or pdf (default: from the file name, else docx)', officialFormatArg)
    .action(async (o: { campaign: string; id: number; output: string; format?: OfficialFormat }) => {
      const { noticeFile } = await import('../../areas/publicity/service.ts');
      const file = await withStore((ctx) =>
        noticeFile(ctx, o.campaign, o.id, o.format ?? officialFormatOf(o.output)),
      );
      await writeFile(o.output, file.bytes);
      console.log(`notice written to ${o.output} (${file.bytes.length} bytes)`);
    });

  campaign
    .command('continue')
    .description(
      "after the year end: next year's follow-on campaign whose baseline is the unfinished units' still-active baseline persons",
    )
    .requiredOption('--from <name>', 'the campaign whose unfinished task is carried over')
    .requiredOption('--name <name>', 'name of the follow-on campaign')
    .requiredOption('--start <date>', 'launch date', isoDateArg)
    .requiredOption('--deadline <date>', 'deadline', isoDateArg)
    .action(async (o: { from: string; name: string; start: string; deadline: string }) => {
      const { continueCampaign } = await import('../../areas/sanctions/service.ts');
      const r = await withStore((ctx) =>
        continueCampaign(ctx, { from: o.from, name: o.name, startOn: o.start, deadlineOn: o.deadline }),
      );
      console.log(
        `campaign ${r.campaign} continues ${r.from}: ${r.persons} persons of ${r.units.length} unfinished units carried over, baseline digest ${r.baselineDigest}`,
      );
    });

  campaign
    .command('correct-baseline')
    .description('take a listing proven entered in error out of the frozen baseline (audited)')
    .requiredOption('--campaign <name>', 'campaign name')
    .requiredOption('--listing <listing_no>', 'the listing entered in error')
    .requiredOption('--reason <text>', 'why the listing was in error')
    .action(async (o: { campaign: string; listing: string; reason: string }) => {
      const { correctBaseline } = await import('../../areas/campaigns/service.ts');
      const c = await withStore((ctx) =>
        correctBaseline(ctx, o.campaign, { listingNo: o.listing, reason: o.reason }),
      );
      console.log(
        `campaign ${c.campaign}: ${c.listingNos.join(', ')} (${c.unit.code}) taken out of the baseline`,
      );
    });
}
