import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';
import { CLEARANCE_HEADER, workbook } from './support/xlsx.ts';

const HEADER =
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward';

describe.each(DIALECTS)('imports from the browser on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  });
  afterAll(() => app.close());

  it('imports a good CSV file and reports what it did', async () => {
    const csv = Buffer.from(
      `${HEADER}\nW1,新甲,,,,theft,盗窃,,630102-01,2020-01-01,no,\nW2,新乙,,,,fraud,诈骗,,630102-02,2020-02-01,no,\n`,
    );
    const admin = await app.as('admin');
    const res = await admin.upload('/api/imports/fugitives', csv, 'fugitives.csv', 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: 2, inserted: 2, unchanged: 0 });
    const again = await admin.upload('/api/imports/fugitives', csv, 'fugitives.csv', 'text/csv');
    expect(again.json()).toEqual({ rows: 2, inserted: 0, unchanged: 2 });
  });

  it('refuses a bad file whole, with every bad row named (422)', async () => {
    const csv = Buffer.from(
      `${HEADER}\nW3,好,,,,theft,盗窃,,630102-01,2020-01-01,,\nW4,坏,,,,piracy,海盗,,630102-01,2020-13-01,,\n`,
    );
    const res = await (
      await app.as('commander')
    ).upload('/api/imports/fugitives', csv, 'bad.csv', 'text/csv');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'import_rejected',
      rows: [
        'row 3, field crime_category: must be one of 故意杀人, 杀人, 抢劫, 强奸, 绑架, 放火, 毒品, 诈骗, 盗窃, 故意伤害, 伤害, 其他, homicide, robbery, rape, kidnapping, arson, drugs, fraud, theft, assault, other',
        'row 3, field listed_on: must be a real date such as 2011-10-17, 2011/10/17 or 2011年10月17日',
      ],
    });
    const w3 = await app.store.db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', '=', 'W3')
      .execute();
    expect(w3).toEqual([]);
  });

  it('takes the valid rows on request, hands the refused ones back as written, and audits both counts', async () => {
    const csv = Buffer.from(
      [
        '在逃人员编号,姓名,身份证号,案件类别,简要案情,上网单位,上网日期',
        'V1,好甲,,盗窃,盗窃,630102-01,2020-01-01',
        'V2,坏乙,110105194912310021,盗窃,盗窃,630102-01,2020-01-01',
        'V3,好丙,,诈骗,诈骗,630102-02,2020/02/01',
        'V4,坏丁,,海盗,劫船,630102-01,2020-02-30',
      ].join('\n'),
    );
    const commander = await app.as('commander');
    const res = await commander.upload('/api/imports/fugitives?acceptValid=true', csv, 'zh.csv', 'text/csv');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ refusedRows: { header: string[]; rows: { row: number; cells: string[] }[] } }>();
    expect(body).toMatchObject({ rows: 4, inserted: 2, unchanged: 0, refused: 2 });
    expect(body.refusedRows.header).toEqual([
      '在逃人员编号',
      '姓名',
      '身份证号',
      '案件类别',
      '简要案情',
      '上网单位',
      '上网日期',
    ]);
    expect(body.refusedRows.rows).toMatchObject([
      {
        row: 3,
        cells: ['V2', '坏乙', '110105194912310021', '盗窃', '盗窃', '630102-01', '2020-01-01'],
        errors: [{ row: 3, header: '身份证号', code: 'id_check_digit' }],
      },
      {
        row: 5,
        cells: ['V4', '坏丁', '', '海盗', '劫船', '630102-01', '2020-02-30'],
        errors: [
          { header: '案件类别', code: 'not_one_of' },
          { header: '上网日期', code: 'not_a_date' },
        ],
      },
    ]);
    const stored = await app.store.db
      .selectFrom('fugitives')
      .select('listing_no')
      .where('listing_no', 'like', 'V%')
      .orderBy('listing_no')
      .execute();
    expect(stored.map((f) => f.listing_no)).toEqual(['V1', 'V3']);
    const event = await app.store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'fugitives.import')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ rows: 4, inserted: 2, refused: 2 });

    // The whole file again, all or nothing by default: the refused rows still refuse it.
    const whole = await commander.upload('/api/imports/fugitives', csv, 'zh.csv', 'text/csv');
    expect(whole.statusCode).toBe(422);
    // Units come whole: the tree cannot lose a unit that others hang under.
    const units = await commander.upload(
      '/api/imports/units?acceptValid=true',
      Buffer.from('code,name,kind,parent_code\n'),
      'units.csv',
      'text/csv',
    );
    expect(units.statusCode).toBe(400);
    expect(units.json()).toMatchObject({ code: 'units_whole_file' });
  });

  it('keys each bad row: its code, parameters and the file’s own column header', async () => {
    const csv = Buffer.from(
      '在逃人员编号,姓名,身份证号,案件类别,简要案情,上网单位,上网日期\nW5,张三,110105194912310021,盗窃,盗窃,630102-01,2020-01-01\n',
    );
    const res = await (await app.as('commander')).upload('/api/imports/fugitives', csv, 'zh.csv', 'text/csv');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'import_rejected',
      params: { count: 1, listed: 1 },
      errors: [
        {
          row: 2,
          field: 'id_number',
          header: '身份证号',
          code: 'id_check_digit',
          params: { found: '1', expected: 'X' },
          message: 'check digit is 1, expected X',
        },
      ],
    });
  });

  it('imports clearances from XLSX as pending claims, never as verified results', async () => {
    const xlsx = await workbook(CLEARANCE_HEADER, [
      ['W1', 'arrest', '2021-05-01', '630102-01', '', '西宁', 'J-1'],
    ]);
    const res = await (
      await app.as('admin')
    ).upload(
      '/api/imports/clearances',
      xlsx,
      'history.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      { verified: 'true' },
    );
    expect(res.json()).toEqual({ rows: 1, inserted: 1, unchanged: 0 });
    const status = await app.store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select('c.status')
      .where('f.listing_no', '=', 'W1')
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('pending'); // verified history comes only through the server's CLI
  });

  it('takes an unknown value that looks like a unit code for a typo, not an outside agency', async () => {
    const csv = Buffer.from(
      `${HEADER}\nW9,错码,,,,theft,盗窃,,630102-99,2020-01-01,no,\nW8,外地,,,,theft,盗窃,,兰州市公安局,2020-01-01,no,\n`,
    );
    const res = await (await app.as('admin')).upload('/api/imports/fugitives', csv, 'typo.csv', 'text/csv');
    expect(res.statusCode).toBe(422);
    expect(res.json<{ rows: string[] }>().rows).toEqual([
      'row 2, field listing_agency: unknown unit 630102-99 (write an outside agency by its name)',
    ]);
  });

  it('lets only admins and commanders import, and names a wrong file type', async () => {
    const csv = Buffer.from(`${HEADER}\n`);
    expect(
      (await (await app.as('officer')).upload('/api/imports/units', csv, 'u.csv', 'text/csv')).statusCode,
    ).toBe(403);
    const pdf = await (await app.as('admin')).upload('/api/imports/units', csv, 'u.pdf', 'application/pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json()).toMatchObject({ code: 'unsupported_file', field: 'file' });
  });

  it('hands admins and commanders an import template in the language asked for', async () => {
    const admin = await app.as('admin');
    const res = await admin.get('/api/imports/clearances/template?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1, 4)).toEqual([
      'listing_no',
      'kind',
      'occurred_on',
    ]);
    const zh = await admin.get('/api/imports/clearances/template');
    await book.xlsx.load(zh.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as string[]).slice(1, 4)).toEqual([
      '在逃人员编号',
      '到案方式',
      '到案日期',
    ]);
    expect((await (await app.as('officer')).get('/api/imports/units/template')).statusCode).toBe(403);
  });
});
