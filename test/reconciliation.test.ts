// Reconciliation with the national wanted-persons list (issue 14): a national export generated from
// the registry's own roster, with one planted difference of each kind, is reported difference by
// difference and nothing else; per unit, with the baseline it implies; CLI and HTTP; both databases.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { compareLists, impliedBaseline } from '../src/areas/registry/reconcile-rules.ts';
import { reconcileWithNational } from '../src/areas/registry/reconciliation.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { askWithdrawal, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { importFugitives, roster } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { reconciliationXlsx } from '../src/reports/reconciliation-xlsx.ts';
import { rosterCsv } from '../src/reports/roster.ts';
import type { Context } from '../src/shared/context.ts';
import { qingwang } from './support/cli.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-reconcile-'));
const csv = csvFileWriter('qingwang-reconcile-csv-');
const id = (first17: string) => first17 + idCheckCharacter(first17);

const UNITS = csv([
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,南门派出所,station,S1',
  'P3,城东派出所,station,B',
]);
const FUGITIVES = csv([
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  `F1,张三,M,1980-01-01,${id('63010219800101001')},homicide,故意杀人,A-1,P1,2005-03-01,1,50000`,
  'F2,李四,F,1975-05-05,,theft,盗窃,,P2,2006-01-01,0,',
  `F3,王五,,,${id('63010219700707002')},fraud,合同诈骗,A-3,P3,2010-07-01,0,`,
  'F4,赵六,M,,,drugs,贩毒,,P3,2011-01-01,0,',
  'F5,钱七,,,,robbery,抢劫,,P1,2011-02-01,0,',
  'F6,周九,,,,other,其他,,P2,2011-06-30,0,',
  'F7,吴十,,,,theft,盗窃,,P3,2011-03-03,0,',
  'R1,孙八,M,1990-12-31,,assault,故意伤害,,兰州市公安局,2009-09-09,0,',
]);
const CLEARANCES = csv([
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref,entered_at,reason',
  'F2,arrest,2011-10-20,P2,,,拘字001,,',
]);
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const NOW = new Date('2011-11-10T04:00:00Z');
const OTHER_ID = id('63010219700707012');

/**
 * The national export: our own roster in Chinese (its 状态 column says 在逃/已到案), with one
 * difference of each kind planted, and one row the national system wrote badly.
 */
function nationalFile(ours: string): string {
  const lines = ours
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const [header, ...rows] = lines;
  const cells = (no: string) => rows.find((r) => r.startsWith(`${no},`))!.split(',');
  const set = (no: string, i: number, v: string) => {
    const c = cells(no);
    c[i] = v;
    rows[rows.findIndex((r) => r.startsWith(`${no},`))] = c.join(',');
  };
  const col = (name: string) => header!.split(',').indexOf(name);
  rows.splice(
    rows.findIndex((r) => r.startsWith('F7,')),
    1,
  ); // only here
  rows.push('N9,郑十一,盗窃,盗窃,城中派出所,2010-05-05,男,,,,否,,在逃'); // only there
  rows.push('N10,王十二,盗窃,盗窃,城中派出所,2010-13-05,,,,,否,,在逃'); // unreadable: no 13th month
  set('F1', col('姓名'), '张叁'); // name differs
  set('F3', col('身份证号'), OTHER_ID); // ID number differs
  set('F4', col('立案单位'), '城中派出所'); // unit differs (P3 → P1)
  set('F5', col('状态'), '已撤销'); // at large here, cleared there
  set('F2', col('状态'), '在逃'); // cleared here, at large there
  const path = join(dir, `national-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, `\uFEFF${[header, ...rows].join('\r\n')}\r\n`);
  return path;
}

describe('comparing two lists', () => {
  const entry = (listingNo: string, more: Partial<Parameters<typeof compareLists>[0][number]> = {}) => ({
    listingNo,
    name: '甲',
    idNumber: null,
    listingAgency: 'P1',
    listedOn: '2010-01-01',
    status: 'active' as const,
    ...more,
  });

  it('reports each kind of difference and nothing for listings held alike', () => {
    const d = compareLists(
      [entry('A'), entry('B', { name: '乙' }), entry('C', { status: 'cleared' }), entry('T')],
      [entry('A'), entry('B'), entry('C'), entry('H')],
    );
    expect(d.onlyThere.map((e) => e.listingNo)).toEqual(['T']);
    expect(d.onlyHere.map((e) => e.listingNo)).toEqual(['H']);
    expect(d.statusDiffers.map((e) => [e.here.status, e.there.status])).toEqual([['active', 'cleared']]);
    expect(d.fieldsDiffer.map((e) => e.fields)).toEqual([[{ field: 'name', here: '甲', there: '乙' }]]);
    expect(d.withdrawnHere).toEqual([]);
  });

  it('reports a listing withdrawn here as such while the national list has it at large, else nothing', () => {
    const d = compareLists(
      [entry('W'), entry('X', { status: 'cleared' }), entry('T')],
      [entry('A')],
      new Set(['W', 'X', 'Y']),
    );
    expect(d.withdrawnHere.map((e) => e.listingNo)).toEqual(['W']);
    expect(d.onlyThere.map((e) => e.listingNo)).toEqual(['T']);
    expect(d.onlyHere.map((e) => e.listingNo)).toEqual(['A']);
  });

  it('implies a baseline of persons listed by the baseline date and on the list at launch', () => {
    const there = [
      { ...entry('A', { idNumber: 'X' }), ours: true },
      { ...entry('A2', { idNumber: 'X' }), ours: true }, // the same person
      { ...entry('B', { listedOn: '2011-11-01' }), ours: true }, // listed after the baseline date
      { ...entry('C'), ours: false }, // an outside agency's
      { ...entry('D', { status: 'cleared' }), ours: true }, // cleared there, here after launch
      { ...entry('E', { status: 'cleared' }), ours: true }, // cleared there, here before launch
      { ...entry('F', { status: 'cleared' }), ours: true }, // cleared there, not here
    ];
    const exits = new Map([
      ['D', '2011-10-20'],
      ['E', '2011-09-01'],
    ]);
    expect(impliedBaseline(there, exits, '2011-10-16', '2011-10-17')).toBe(2);
  });
});

describe.each(DIALECTS)('reconciliation with the national list on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;
  let national: string;

  beforeAll(async () => {
    store = await freshStore(dialect, dialect === 'sqlite' ? join(dir, 'reconcile.db') : undefined);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    await importClearances(ctx, parseFile('clearances', CLEARANCES), { verified: true });
    await createCampaign(contextFor(store, new Date('2011-10-01T04:00:00Z')), TERMS);
    await standings(ctx, { asOf: '2011-11-10' }); // freezes the baseline
    national = nationalFile(rosterCsv(await roster(ctx, {}), 'zh-CN').toString('utf8'));
  });
  afterAll(() => store.dispose());

  it('reports each planted difference and nothing else', async () => {
    const out = await reconcileWithNational(ctx, national, { asOf: '2011-11-10' });
    expect(out.counts).toEqual({
      there: 8, // F1–F6, R1 (an outside agency's, which we hold too) and N9
      here: 8,
      onlyThere: 1,
      onlyHere: 1,
      statusDiffers: 2,
      fieldsDiffer: 3,
      withdrawnHere: 0,
      unreadable: 1,
    });
    expect(out.onlyThere).toMatchObject([{ listingNo: 'N9', name: '郑十一', unit: { code: 'P1' }, row: 9 }]);
    expect(out.onlyHere).toMatchObject([{ listingNo: 'F7', unit: { code: 'P3' } }]);
    expect(out.statusDiffers).toEqual(
      [
        {
          listingNo: 'F2',
          name: '李四',
          unit: { code: 'P2', name: '南门派出所' },
          here: 'cleared',
          there: 'active',
        },
        {
          listingNo: 'F5',
          name: '钱七',
          unit: { code: 'P1', name: '城中派出所' },
          here: 'active',
          there: 'cleared',
        },
      ].sort((a, b) => a.listingNo.localeCompare(b.listingNo)),
    );
    expect(
      [...out.fieldsDiffer]
        .sort((a, b) => a.listingNo.localeCompare(b.listingNo))
        .map((d) => [d.listingNo, d.fields]),
    ).toEqual([
      ['F1', [{ field: 'name', here: '张三', there: '张叁' }]],
      ['F3', [{ field: 'idNumber', here: id('63010219700707002'), there: OTHER_ID }]],
      ['F4', [{ field: 'listingAgency', here: 'P3', there: 'P1' }]],
    ]);
    expect(out.unreadable).toMatchObject([{ row: 10, field: 'listed_on', header: '上网日期' }]);
    expect(out.byUnit).toEqual([
      {
        unit: { code: 'P1', name: '城中派出所' },
        onlyThere: 1,
        onlyHere: 0,
        statusDiffers: 1,
        fieldsDiffer: 1,
        withdrawnHere: 0,
      },
      {
        unit: { code: 'P2', name: '南门派出所' },
        onlyThere: 0,
        onlyHere: 0,
        statusDiffers: 1,
        fieldsDiffer: 0,
        withdrawnHere: 0,
      },
      {
        unit: { code: 'P3', name: '城东派出所' },
        onlyThere: 0,
        onlyHere: 1,
        statusDiffers: 0,
        fieldsDiffer: 2,
        withdrawnHere: 0,
      },
    ]);
    // Ours: F1–F7 listed by the baseline date, F2 cleared after launch (R1 is not ours) = 7 persons.
    // The national list's: F1, F2, F3, F4, F6 and N9 at large there; F5 cleared there but still at
    // large here (so after launch) counts; F7 is not on it = 7.
    const ours = (await standings(ctx, { asOf: '2011-11-10' })).units.find((u) => u.code === 'B')!.baseline;
    expect(out.baseline).toEqual({ campaign: TERMS.name, ours, national: 7 });
    expect(ours).toBe(7);
  });

  it('changes nothing, and reports nothing for a national list that agrees', async () => {
    const agreeing = join(dir, `agreeing-${dialect}.csv`);
    writeFileSync(agreeing, rosterCsv(await roster(ctx, { origin: 'local' }), 'en'));
    const out = await reconcileWithNational(ctx, agreeing, { asOf: '2011-11-10' });
    expect(out.counts).toMatchObject({
      onlyThere: 0,
      onlyHere: 0,
      statusDiffers: 0,
      fieldsDiffer: 0,
      unreadable: 0,
    });
    expect(out.byUnit).toEqual([]);
  });

  it('narrows to one unit and the units below it', async () => {
    const out = await reconcileWithNational(ctx, national, { asOf: '2011-11-10', unit: 'S1' });
    // F4 counts: the national list has it in P1, below S1 (ours in P3).
    expect(out.counts).toMatchObject({ onlyThere: 1, onlyHere: 0, statusDiffers: 2, fieldsDiffer: 2 });
    expect(out.byUnit.map((u) => u.unit?.code)).toEqual(['P1', 'P2']);
    await expect(reconcileWithNational(ctx, national, { unit: 'P9' })).rejects.toMatchObject({
      code: 'unknown_unit',
    });
  });

  it('writes the report as .xlsx, a sheet per kind of difference', async () => {
    const out = await reconcileWithNational(ctx, national, { asOf: '2011-11-10' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reconciliationXlsx(out, 'zh-CN')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '概况',
      '仅全国系统有',
      '仅本系统有',
      '状态不一致',
      '字段不一致',
      '本系统已撤回',
      '无法读取的行',
    ]);
    expect(book.getWorksheet('字段不一致')!.rowCount).toBe(4);
    expect(book.getWorksheet('仅全国系统有')!.getCell('B2').value).toBe('N9');
  });

  it('reconciles from the command line', async () => {
    const report = join(dir, `cli-${dialect}.xlsx`);
    const res = await qingwang(
      store.url,
      'reconcile',
      national,
      '--as-of',
      '2011-11-10',
      '-o',
      report,
      '--json',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ counts: { onlyThere: 1, onlyHere: 1, fieldsDiffer: 3 } });
    expect(readFileSync(report).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  // Last: it withdraws listings. F6 is at large on the national list, F5 cleared there already.
  it('names a listing withdrawn here that the national list still has at large, not as missing here', async () => {
    for (const listingNo of ['F6', 'F5']) {
      await askWithdrawal(ctx, listingNo, { reason: '误录' });
      await decideWithdrawal({ ...ctx, actor: 'commander' }, listingNo, { approve: true });
    }
    const out = await reconcileWithNational(ctx, national, { asOf: '2011-11-10' });
    expect(out.counts).toMatchObject({ onlyThere: 1, onlyHere: 1, statusDiffers: 1, withdrawnHere: 1 });
    expect(out.onlyThere.map((e) => e.listingNo)).toEqual(['N9']);
    expect(out.statusDiffers.map((e) => e.listingNo)).toEqual(['F2']);
    expect(out.withdrawnHere).toMatchObject([{ listingNo: 'F6', status: 'active', unit: { code: 'P2' } }]);
    expect(out.byUnit.find((u) => u.unit?.code === 'P2')).toMatchObject({ withdrawnHere: 1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reconciliationXlsx(out, 'en')) as unknown as ArrayBuffer);
    expect(book.getWorksheet('withdrawn here')!.getCell('B2').value).toBe('F6');
  });
});

describe.each(DIALECTS)('reconciliation over HTTP on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  });
  afterAll(() => app.close());

  it('takes the national file from a commander, and from no one else', async () => {
    const commander = await app.as('commander');
    const roster = await commander.get('/api/roster?origin=local&format=csv');
    const file = Buffer.from(roster.body.replace(/\r\n([^\r\n]*)\r\n$/, '\r\n'), 'utf8'); // one listing less there
    const res = await commander.upload('/api/reconciliation', file, 'national.csv', 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      counts: { onlyHere: 1, onlyThere: 0, statusDiffers: 0, fieldsDiffer: 0 },
    });
    const xlsx = await commander.upload('/api/reconciliation/xlsx?lang=en', file, 'national.csv', 'text/csv');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const officer = await app.as('officer');
    expect((await officer.upload('/api/reconciliation', file, 'national.csv', 'text/csv')).statusCode).toBe(
      403,
    );
  });
});
