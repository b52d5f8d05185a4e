import type { Command } from 'commander';
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
}
