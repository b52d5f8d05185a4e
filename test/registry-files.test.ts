// The registry as bureaus keep it: the same rows saved by Excel/WPS in every format a unit sends
// (UTF-8, UTF-8 with BOM, GBK/GB18030 CSV, .xlsx, .xls) with Chinese values give identical records;
// text that would not decode cleanly is refused, never stored.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fugitiveDetail, importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { detectEncoding } from '../src/import/decode-text.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { importTemplate } from '../src/import/template.ts';
import { normalizeDate } from '../src/shared/dates.ts';
import { DomainError, formatRowError } from '../src/shared/errors.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';
import { workbook } from './support/xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-registry-files-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const UNITS = file(
  'units.csv',
  [
    '单位代码,单位名称,单位类型,上级单位代码',
    'B,西宁市公安局,市局,',
    'P1,城中派出所,派出所,西宁市公安局',
  ].join('\n'),
);

const HEADER = [
  '在逃人员编号',
  '姓名',
  '性别',
  '案件类别',
  '简要案情',
  '上网单位',
  '上网日期',
  '是否公开',
  '悬赏金额',
];
/** The rows as a bureau writes them: Chinese labels, its own date styles, units by name or code. */
const ROWS = [
  ['T1', '张三', '男', '盗窃', '入室盗窃', '城中派出所', '2011/10/17', '是', '5000'],
  ['T2', '李四', '女', '故意杀人', '故意杀人', 'P1', '2011年3月5日', '否', ''],
  ['T3', '王五', '', '其他', '诈骗老人钱财', '兰州市公安局', '2009-06-01', '', ''],
];
/** Spreadsheet cells: the dates as real date cells, the reward as a number. */
const CELLS = ROWS.map((r) => [
  ...r.slice(0, 6),
  new Date(`${normalizeDate(r[6]!)}T00:00:00Z`),
  r[7],
  r[8] ? Number(r[8]) : '',
]);
const CSV_TEXT = `${[HEADER, ...ROWS].map((r) => r.join(',')).join('\r\n')}\r\n`;

function xls(name: string): string {
  const sheet = XLSX.utils.aoa_to_sheet([HEADER, ...CELLS], { cellDates: true, UTC: true });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '在逃人员');
  return file(name, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
}

describe('detecting the encoding of a text file', () => {
  it('reads UTF-8 with or without a byte-order mark, and GBK/GB18030', async () => {
    expect(await detectEncoding(Buffer.from('姓名\n张三\n'))).toBe('utf-8');
    expect(await detectEncoding(Buffer.from('\uFEFFlisting_no\nA1\n'))).toBe('utf-8');
    expect(await detectEncoding(iconv.encode(CSV_TEXT, 'gbk'))).toBe('gb18030');
  });

  it('refuses Latin-1 and UTF-16 rather than guessing', async () => {
    const latin1 = iconv.encode('listing_no,name\nA1,José Müller\nA2,François Lefèvre\n', 'latin1');
    await expect(detectEncoding(latin1)).rejects.toThrow(/neither UTF-8 nor GB18030/);
    await expect(detectEncoding(iconv.encode('\uFEFF姓名', 'utf-16le'))).rejects.toThrow(/looks like UTF-16/);
  });
});

describe('errors in the words of the file', () => {
  // A blank line after the header and another between rows, as people leave them: the bad row is
  // still the one the spreadsheet numbers 5.
  const BAD = ['T4', '赵六', '男', '海盗', '劫船', 'P1', '2011-10-17', '', ''];
  const LINES = [HEADER, [], ROWS[0]!, [], BAD];

  async function rowErrors(path: string) {
    const errors = [];
    for await (const batch of parseFile('fugitives', path))
      for (const row of batch) for (const e of row.errors ?? []) errors.push({ row: row.row, ...e });
    return errors;
  }

  it('numbers rows as the spreadsheet does and names the column by the header the file used', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(LINES);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '在逃人员');
    const paths = [
      file('blank-lines.csv', LINES.map((r) => r.join(',')).join('\r\n')),
      file('blank-rows.xlsx', await workbook(HEADER, LINES.slice(1))),
      file('blank-rows.xls', XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer),
    ];
    for (const path of paths) {
      const errors = await rowErrors(path);
      expect(errors, path).toMatchObject([
        {
          row: 5,
          field: 'crime_category',
          header: '案件类别',
          code: 'not_one_of',
          params: { value: '海盗' },
        },
      ]);
      expect(formatRowError(errors[0]!)).toMatch(/^row 5, column 案件类别: must be one of 故意杀人/);
    }
  }, 60_000);
});

describe.each(DIALECTS)('registry files on %s', (dialect) => {
  let store: TestStore;
  const ctx = () => contextFor(store);

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(ctx(), parseFile('units', UNITS));
  });
  afterAll(() => store.dispose());

  it('imports the same rows from UTF-8, UTF-8 with BOM, GB18030, .xlsx and .xls as identical records', async () => {
    const first = await importFugitives(ctx(), parseFile('fugitives', file('utf8.csv', CSV_TEXT)));
    expect(first).toEqual({ rows: 3, inserted: 3, unchanged: 0 });
    const t1 = await fugitiveDetail(ctx(), 'T1');
    expect(t1).toMatchObject({
      name: '张三',
      sex: 'M',
      crimeCategory: 'theft',
      offence: '入室盗窃',
      listingAgency: 'P1',
      listingUnit: { code: 'P1', name: '城中派出所' },
      listedOn: '2011-10-17',
      published: true,
      reward: 5000,
    });
    expect(await fugitiveDetail(ctx(), 'T2')).toMatchObject({
      sex: 'F',
      crimeCategory: 'homicide',
      listedOn: '2011-03-05',
      published: false,
      reward: null,
    });
    expect(await fugitiveDetail(ctx(), 'T3')).toMatchObject({ listingUnit: null, crimeCategory: 'other' });

    const others = [
      file('bom.csv', `\uFEFF${CSV_TEXT}`),
      file('gbk.csv', iconv.encode(CSV_TEXT, 'gbk')),
      file('gb18030.csv', iconv.encode(CSV_TEXT, 'gb18030')),
      file('sheet.xlsx', await workbook(HEADER, CELLS)),
      xls('sheet.xls'),
    ];
    // A listing registered again with any field different is refused, so "unchanged" means identical.
    for (const path of others)
      expect(await importFugitives(ctx(), parseFile('fugitives', path)), path).toEqual({
        rows: 3,
        inserted: 0,
        unchanged: 3,
      });
  }, 180_000); // six imports, each reading its file on a worker thread

  it('imports a Chinese template filled in with Chinese values and date cells', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await importTemplate('fugitives', 'zh-CN')) as unknown as ArrayBuffer);
    const [data, help] = book.worksheets;
    const headers = (data!.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 6)).toEqual([
      '在逃人员编号',
      '姓名',
      '案件类别',
      '简要案情',
      '立案单位',
      '上网日期',
    ]);
    const category = headers.indexOf('案件类别') + 1;
    expect(data!.getCell(2, category).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"故意杀人,抢劫,强奸,绑架,放火,毒品,诈骗,盗窃,故意伤害,其他"'],
    });
    expect(help!.getCell(1, 1).value).toBe('列名');
    const row = data!.getRow(2);
    const put = (header: string, value: unknown) =>
      (row.getCell(headers.indexOf(header) + 1).value = value as string);
    put('在逃人员编号', 'TPL1');
    put('姓名', '钱七');
    put('案件类别', '抢劫');
    put('简要案情', '持刀抢劫');
    put('立案单位', '城中派出所');
    put('上网日期', new Date('2010-04-02T00:00:00Z'));
    put('性别', '女');
    put('是否公开', '否');
    row.commit();
    const filled = file('template-filled.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(await importFugitives(ctx(), parseFile('fugitives', filled))).toMatchObject({ inserted: 1 });
    expect(await fugitiveDetail(ctx(), 'TPL1')).toMatchObject({
      name: '钱七',
      sex: 'F',
      crimeCategory: 'robbery',
      listingUnit: { code: 'P1' },
      listedOn: '2010-04-02',
      published: false,
    });
  }, 120_000);

  it('refuses a GBK file with bytes outside GBK, naming the line, and stores nothing', async () => {
    const bytes = Buffer.concat([
      iconv.encode(`${HEADER.join(',')}\r\nT9,`, 'gbk'),
      Buffer.from([0x81, 0x7f]), // a lead byte without a valid second byte
      iconv.encode(',男,盗窃,盗窃,P1,2011-10-17,,\r\n', 'gbk'),
    ]);
    const error = await importFugitives(ctx(), parseFile('fugitives', file('bad-gbk.csv', bytes))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unknown_encoding', params: { line: 2 } });
    expect((error as Error).message).toMatch(/neither UTF-8 nor GB18030\/GBK text \(line 2 has bytes/);
    await expect(fugitiveDetail(ctx(), 'T9')).rejects.toThrow(/not found/);
  });

  it('refuses a Latin-1 file with a clear message', async () => {
    const latin1 = iconv.encode(
      `${HEADER.join(',')}\r\nT8,José Müller,男,盗窃,Sûreté,P1,2011-10-17,,\r\n`,
      'latin1',
    );
    await expect(importFugitives(ctx(), parseFile('fugitives', file('latin1.csv', latin1)))).rejects.toThrow(
      /neither UTF-8 nor GB18030\/GBK text/,
    );
  });
});
