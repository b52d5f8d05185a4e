import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Lang } from '../../reports/labels.ts';
import { formatRowError } from '../../shared/errors.ts';
import { isoDateArg, langArg } from '../args.ts';
import { withStore } from '../store.ts';

/** The options that change a listing's fields: commander names each option as the API names the field. */
const FIELD_OPTIONS = [
  ['--name <text>', 'name', '姓名'],
  ['--sex <text>', 'sex', '性别: 男/女'],
  ['--birth-date <date>', 'birthDate', '出生日期'],
  ['--id-number <text>', 'idNumber', "身份证号 ('' clears it)"],
  ['--crime-category <text>', 'crimeCategory', '案件类别, e.g. 盗窃'],
  ['--offence <text>', 'offence', '简要案情'],
  ['--case-no <text>', 'caseNo', "案件编号 ('' clears it)"],
  [
    '--listing-agency <unit>',
    'listingAgency',
    "上网单位: a unit's code or name, or an outside agency's name",
  ],
  ['--listed-on <date>', 'listedOn', '上网日期'],
] as const;

/** The options given as they were written. */
function fieldsOf(o: Record<string, string | boolean | undefined>): Record<string, string> {
  return Object.fromEntries(
    FIELD_OPTIONS.map(([, field]) => [field, o[field]]).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
}

export function registerFugitive(program: Command): void {
  const fugitive = program.command('fugitive').description('upkeep of single listings');
  const add = fugitive
    .command('add')
    .description(
      'enter one new listing, checked as an import row is (name, category, offence, unit and date required)',
    )
    .requiredOption('--listing-no <text>', '在逃人员编号');
  for (const [flags, , help] of FIELD_OPTIONS) add.option(flags, help);
  add.option('--json', 'print JSON');
  add.action(async (o: Record<string, string | boolean | undefined>) => {
    const { enterFugitive } = await import('../../areas/registry/upkeep.ts');
    const out = await withStore((ctx) =>
      enterFugitive(ctx, { listingNo: String(o.listingNo), ...fieldsOf(o) }),
    );
    if (o.json) console.log(JSON.stringify(out, null, 2));
    else console.log(`listing ${out.listingNo} entered (${out.listingUnit?.code ?? out.listingAgency})`);
  });

  const correct = fugitive
    .command('correct')
    .description("correct a listing's fields, with a reason (audited; the old values stay in the history)")
    .argument('<listingNo>', 'the listing number')
    .requiredOption('--reason <text>', 'why the listing is corrected');
  for (const [flags, , help] of FIELD_OPTIONS) correct.option(flags, help);
  correct.option('--json', 'print JSON');
  correct.action(async (listingNo: string, o: Record<string, string | boolean | undefined>) => {
    const { correctFugitive } = await import('../../areas/registry/upkeep.ts');
    const out = await withStore((ctx) =>
      correctFugitive(ctx, listingNo, { changes: fieldsOf(o), reason: String(o.reason) }),
    );
    if (o.json) {
      console.log(JSON.stringify(out, null, 2));
      return;
    }
    for (const c of out.changes) console.log(`${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`);
    console.log(`listing ${out.listingNo} corrected${out.figuresChanged ? '; the figures follow it' : ''}`);
    if (out.suggestedMatches > 0)
      console.log(
        `${out.suggestedMatches} suggested person match(es) for an inspector (the corrected identity looks like another person's)`,
      );
    for (const b of out.frozenBaselines)
      console.log(
        `the frozen baseline of ${b.campaign} keeps the person in ${b.unit.code} ${b.unit.name}: only a baseline correction changes it`,
      );
  });

  registerWithdraw(fugitive);
}

/**
 * `qingwang fugitive withdraw ask|approve|refuse|list`: the withdrawal (撤回) of a listing entered
 * by mistake, as on its case page. The acting user is QINGWANG_ACTOR: who asked cannot decide.
 */
function registerWithdraw(fugitive: Command): void {
  const withdraw = fugitive
    .command('withdraw')
    .description(
      'withdraw a listing entered by mistake (撤回, not a cancellation): ask with a reason, then another person approves or refuses',
    );
  withdraw
    .command('ask')
    .description('ask for the withdrawal of a listing entered by mistake; nothing moves until it is approved')
    .argument('<listingNo>', 'the listing number')
    .requiredOption('--reason <text>', 'why the listing was entered by mistake')
    .option('--json', 'print JSON')
    .action(async (listingNo: string, o: { reason: string; json?: boolean }) => {
      const { askWithdrawal } = await import('../../areas/registry/withdrawal.ts');
      const out = await withStore((ctx) => askWithdrawal(ctx, listingNo, { reason: o.reason }));
      if (o.json) console.log(JSON.stringify(out, null, 2));
      else console.log(`withdrawal of ${out.listingNo} asked by ${out.askedBy}: it waits for a commander`);
    });
  const decide = (approve: boolean) => async (listingNo: string, o: { reason?: string; json?: boolean }) => {
    const { decideWithdrawal } = await import('../../areas/registry/withdrawal.ts');
    const out = await withStore((ctx) => decideWithdrawal(ctx, listingNo, { approve, reason: o.reason }));
    if (o.json) {
      console.log(JSON.stringify(out, null, 2));
      return;
    }
    if (!approve) {
      console.log(`withdrawal of ${out.listingNo} refused by ${out.decidedBy}: the listing stands`);
      return;
    }
    console.log(
      `listing ${out.listingNo} withdrawn (approved by ${out.decidedBy}): it leaves every list and figure`,
    );
    if (out.otherListings.length > 0)
      console.log(`the person stays listed on ${out.otherListings.join(', ')}`);
    for (const b of out.frozenBaselines)
      console.log(
        `the frozen baseline of ${b.campaign} keeps the person in ${b.unit.code} ${b.unit.name}: only a baseline correction changes it`,
      );
  };
  withdraw
    .command('approve')
    .description('approve the withdrawal waiting for a listing (not the one who asked)')
    .argument('<listingNo>', 'the listing number')
    .option('--reason <text>', 'why (optional)')
    .option('--json', 'print JSON')
    .action(decide(true));
  withdraw
    .command('refuse')
    .description('refuse the withdrawal waiting for a listing, with a reason; the listing stands')
    .argument('<listingNo>', 'the listing number')
    .requiredOption('--reason <text>', 'why the listing stands')
    .option('--json', 'print JSON')
    .action(decide(false));
  withdraw
    .command('list')
    .description('the withdrawals waiting for a decision, oldest first')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { askedWithdrawals } = await import('../../areas/registry/withdrawal.ts');
      const out = await withStore((ctx) => askedWithdrawals(ctx));
      if (o.json) console.log(JSON.stringify(out, null, 2));
      else if (out.length === 0) console.log('no withdrawal waits for a decision');
      else
        for (const w of out)
          console.log(
            `${w.listingNo} ${w.name} (${w.listingUnit?.code ?? w.listingAgency}): asked by ${w.askedBy} on ${w.askedAt}: ${w.reason}`,
          );
    });
}

/** `qingwang reconcile FILE`: where the registry and the national wanted-persons list disagree. */
export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description(
      "compare the national wanted-persons list's export of the bureau's listings (the import's columns, optional 状态 在逃/已撤销) with the registry: listed there only, here only, at large on one and cleared on the other, name/ID number/unit differing; changes nothing",
    )
    .argument('<file>', 'the national export (.csv, .xlsx or .xls)')
    .option('--as-of <date>', 'the registry as of this date (default: today)', isoDateArg)
    .option('--unit <code>', 'only this unit and the units below it')
    .option('--campaign <name>', 'the campaign whose baseline is compared (default: the latest)')
    .option('-o, --output <file>', 'also write the report as .xlsx')
    .option('--lang <lang>', 'zh-CN (default) or en, for the .xlsx', langArg, 'zh-CN' as Lang)
    .option('--json', 'print JSON')
    .action(
      async (
        file: string,
        o: { asOf?: string; unit?: string; campaign?: string; output?: string; lang: Lang; json?: boolean },
      ) => {
        const { reconcileWithNational } = await import('../../areas/registry/reconciliation.ts');
        const out = await withStore((ctx) =>
          reconcileWithNational(ctx, file, { asOf: o.asOf, unit: o.unit, campaign: o.campaign }),
        );
        if (o.output) {
          const { reconciliationXlsx } = await import('../../reports/reconciliation-xlsx.ts');
          await writeFile(o.output, await reconciliationXlsx(out, o.lang));
        }
        if (o.json) {
          console.log(JSON.stringify(out, null, 2));
          return;
        }
        const c = out.counts;
        console.log(`as of ${out.asOf}: ${c.there} listings on the national list, ${c.here} here`);
        console.log(`only on the national list: ${c.onlyThere}`);
        for (const e of out.onlyThere)
          console.log(`  ${e.listingNo} ${e.name} (${e.unit?.code ?? e.listingAgency})`);
        console.log(`only here: ${c.onlyHere}`);
        for (const e of out.onlyHere)
          console.log(`  ${e.listingNo} ${e.name} (${e.unit?.code ?? e.listingAgency})`);
        console.log(`status differs: ${c.statusDiffers}`);
        for (const d of out.statusDiffers)
          console.log(`  ${d.listingNo} ${d.name}: here ${d.here}, there ${d.there}`);
        console.log(`fields differ: ${c.fieldsDiffer}`);
        for (const d of out.fieldsDiffer)
          for (const f of d.fields)
            console.log(`  ${d.listingNo} ${f.field}: here ${f.here ?? '—'}, there ${f.there ?? '—'}`);
        console.log(`at large on the national list, withdrawn here: ${c.withdrawnHere}`);
        for (const e of out.withdrawnHere)
          console.log(`  ${e.listingNo} ${e.name} (${e.unit?.code ?? e.listingAgency})`);
        if (c.unreadable > 0) {
          console.log(`rows of the file not read: ${c.unreadable}`);
          for (const e of out.unreadable) console.log(`  ${formatRowError(e)}`);
        }
        if (out.baseline)
          console.log(
            `baseline of ${out.baseline.campaign}: ours ${out.baseline.ours}, implied by the national list ${out.baseline.national}`,
          );
        if (o.output) console.log(`report written to ${o.output}`);
      },
    );
}
