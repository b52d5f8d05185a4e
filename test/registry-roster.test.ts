// The roster (在逃人员名单, issue 14): the registry's filter exported as .xlsx or CSV in the import
// template's columns; an exported roster imports again as the same listings (into the same
// database: all unchanged; into a fresh one: identical records), on SQLite and PostgreSQL.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../src/areas/accounts/rules.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { type RosterRow, importFugitives, roster } from '../src/areas/registry/service.ts';
import { allUnits } from '../src/areas/units/repo.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Lang } from '../src/reports/labels.ts';
import { rosterCsv, rosterXlsx } from '../src/reports/roster.ts';
import type { Context } from '../src/shared/context.ts';
import { qingwang } from './support/cli.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-roster-'));
const csv = csvFileWriter('qingwang-roster-csv-');
const id = (first17: string) => first17 + idCheckCharacter(first17);

const UNITS = csv([
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,南门派出所,station,S1',
  'P3,城东派出所,station,B',
  // Two units of one name: the roster names them by code, which the import reads back.
  'P4,新华派出所,station,B',
  'P5,新华派出所,station,B',
]);
const FUGITIVES = csv([
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  `F1,张三,M,1980-01-01,${id('63010219800101001')},homicide,故意杀人,A-1,P1,2005-03-01,1,50000`,
  'F2,李四,F,1975-05-05,,theft,"盗窃, 多次",,P2,2006-01-01,0,',
  `F3,王五,,,${id('63010219700707002')},fraud,合同诈骗,A-3,P3,2010-07-01,0,`,
  'F4,赵六,M,,,drugs,贩毒,,P4,2011-01-01,0,2000',
  'F5,钱七,,,,robbery,抢劫,,P5,2011-02-01,1,',
  'R1,孙八,M,1990-12-31,,assault,故意伤害,,兰州市公安局,2009-09-09,0,',
  'F6,周九,,,,other,其他,,P1,2011-06-30,0,',
]);
const CLEARANCES = csv([
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref,entered_at,reason',
  'F2,arrest,2011-10-20,P2,,,拘字001,,',
]);
const NOW = new Date('2011-11-10T04:00:00Z');

/** What an import writes of a listing: the roster row without its status and exit. */
const written = (rows: RosterRow[]) => rows.map(({ status: _s, exit: _e, ...r }) => r);

describe.each(DIALECTS)('the roster on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;

  beforeAll(async () => {
    store = await freshStore(dialect, dialect === 'sqlite' ? join(dir, 'roster.db') : undefined);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    await importClearances(ctx, parseFile('clearances', CLEARANCES), { verified: true });
  });
  afterAll(() => store.dispose());

  it("follows the registry's filter: unit subtree, status, category, listed between, and the caller's scope", async () => {
    const nos = async (q: Parameters<typeof roster>[1], c = ctx) =>
      (await roster(c, q)).map((r) => r.listingNo);
    expect(await nos({})).toEqual(['F1', 'F2', 'R1', 'F3', 'F4', 'F5', 'F6']);
    expect(await nos({ unit: 'S1' })).toEqual(['F1', 'F2', 'F6']);
    expect(await nos({ unit: 'S1', status: 'active' })).toEqual(['F1', 'F6']);
    expect(await nos({ status: 'cleared' })).toEqual(['F2']);
    expect(await nos({ category: 'homicide' })).toEqual(['F1']);
    expect(await nos({ listedFrom: '2010-01-01', listedTo: '2011-01-31' })).toEqual(['F3', 'F4']);
    expect(await nos({ origin: 'remote' })).toEqual(['R1']);
    const p2 = (await allUnits(store.db)).find((u) => u.code === 'P2')!;
    const scope: Scope = { all: false, unitIds: new Set([p2.id]) };
    // A station sees its own listings and the remote ones (anyone may catch them).
    expect(await nos({}, { ...ctx, scope })).toEqual(['F2', 'R1']);
    await expect(roster(ctx, { unit: 'P9' })).rejects.toMatchObject({ code: 'unknown_unit' });
  });

  it('names a unit by its name unless another unit bears it, and says who is cleared and how', async () => {
    const rows = await roster(ctx, {});
    const by = (no: string) => rows.find((r) => r.listingNo === no)!;
    expect(by('F1')).toMatchObject({ listingAgency: '城中派出所', published: true, reward: 50000 });
    expect([by('F4').listingAgency, by('F5').listingAgency]).toEqual(['P4', 'P5']);
    expect(by('R1').listingAgency).toBe('兰州市公安局');
    expect(by('F2')).toMatchObject({ status: 'cleared', exit: { on: '2011-10-20', kind: 'arrest' } });
  });

  it('writes real date and number cells in the template headers, and words the values by language', async () => {
    const rows = await roster(ctx, { unit: 'S1' });
    const sheetOf = async (lang: Lang) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await rosterXlsx(rows, lang)) as unknown as ArrayBuffer);
      return book.worksheets[0]!;
    };
    const zh = await sheetOf('zh-CN');
    const header = (zh.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '在逃人员编号',
      '姓名',
      '案件类别',
      '简要案情',
      '立案单位',
      '上网日期',
      '性别',
      '出生日期',
      '身份证号',
      '案件编号',
      '是否公开',
      '悬赏金额',
      '状态',
      '到案日期',
      '到案方式',
    ]);
    const f1 = (zh.getRow(2).values as unknown[]).slice(1);
    expect(f1.slice(0, 7)).toEqual([
      'F1',
      '张三',
      '故意杀人',
      '故意杀人',
      '城中派出所',
      expect.any(Date),
      '男',
    ]);
    expect((f1[5] as Date).toISOString()).toBe('2005-03-01T00:00:00.000Z');
    expect(f1.slice(10, 13)).toEqual(['是', 50000, '在逃']);
    const f2 = (zh.getRow(3).values as unknown[]).slice(1);
    expect([f2[12], (f2[13] as Date).toISOString().slice(0, 10), f2[14]]).toEqual([
      '已到案',
      '2011-10-20',
      '抓获',
    ]);
    const en = await sheetOf('en');
    expect((en.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['listing_no', 'name', 'crime_category']);
    expect((en.getRow(3).values as unknown[]).slice(1)).toEqual([
      'F2',
      '李四',
      'theft',
      '盗窃, 多次',
      '南门派出所',
      expect.any(Date),
      'F',
      expect.any(Date),
      undefined,
      undefined,
      'no',
      undefined,
      'cleared',
      expect.any(Date),
      'arrest',
    ]);
    const text = rosterCsv(rows, 'zh-CN').toString('utf8');
    expect(text.startsWith('\uFEFF在逃人员编号,姓名,案件类别')).toBe(true);
    expect(text).toContain(
      'F2,李四,盗窃,"盗窃, 多次",南门派出所,2006-01-01,女,1975-05-05,,,否,,已到案,2011-10-20,抓获',
    );
  });

  it('imports again as it was: each roster unchanged here, and identical records in a fresh database', async () => {
    const rows = await roster(ctx, {});
    const files = [];
    for (const [format, lang] of [
      ['xlsx', 'zh-CN'],
      ['xlsx', 'en'],
      ['csv', 'zh-CN'],
      ['csv', 'en'],
    ] as const) {
      const path = join(dir, `roster-${dialect}-${lang}.${format}`);
      writeFileSync(path, format === 'csv' ? rosterCsv(rows, lang) : await rosterXlsx(rows, lang));
      files.push(path);
      expect(await importFugitives(ctx, parseFile('fugitives', path))).toMatchObject({
        rows: rows.length,
        inserted: 0,
        unchanged: rows.length,
      });
    }
    const fresh = await freshStore(dialect);
    try {
      const freshCtx = contextFor(fresh, NOW, 'clerk');
      await importUnits(freshCtx, parseFile('units', UNITS));
      const [first, ...others] = files;
      expect(await importFugitives(freshCtx, parseFile('fugitives', first!))).toMatchObject({
        inserted: rows.length,
      });
      expect(written(await roster(freshCtx, {}))).toEqual(written(rows));
      // The other formats and languages carry the very same records.
      for (const path of others)
        expect(await importFugitives(freshCtx, parseFile('fugitives', path))).toMatchObject({
          inserted: 0,
          unchanged: rows.length,
        });
    } finally {
      await fresh.dispose();
    }
  }, 60_000);

  it('exports from the command line, as the filter says', async () => {
    const out = join(dir, `cli-${dialect}.xlsx`);
    const res = await qingwang(store.url, 'export', 'fugitives', '--unit', 'S1', '--active', '-o', out);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('2 listings');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('在逃人员名单');
    expect([sheet.getCell('A2').value, sheet.getCell('A3').value, sheet.rowCount]).toEqual(['F1', 'F6', 3]);
    const csvOut = join(dir, `cli-${dialect}.csv`);
    const en = await qingwang(store.url, 'export', 'fugitives', '--cleared', '--lang', 'en', '-o', csvOut);
    expect(en.code, en.stderr).toBe(0);
    expect(readFileSync(csvOut, 'utf8').split('\r\n')[1]).toMatch(/^F2,李四,theft,/);
  }, 60_000);
});

describe.each(DIALECTS)('the roster over HTTP on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  });
  afterAll(() => app.close());

  it("hands an officer their units' roster, which an administrator imports again unchanged", async () => {
    const officer = await app.as('officer2');
    const res = await officer.get('/api/roster?status=active&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => l.includes(',在逃'))).toBe(true);
    const xlsx = await officer.get('/api/roster?lang=en');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const admin = await app.as('admin');
    const again = await admin.upload(
      '/api/imports/fugitives',
      xlsx.rawPayload,
      'roster.xlsx',
      'application/octet-stream',
    );
    expect(again.statusCode, again.body).toBe(200);
    const rows = again.json<{ rows: number; inserted: number; unchanged: number }>();
    expect(rows.rows).toBeGreaterThan(lines.length - 1);
    expect(rows).toMatchObject({ inserted: 0, unchanged: rows.rows });
    const unknown = await officer.get('/api/roster?unit=nope');
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([400, 'unknown_unit']);
  });
});
