// Issue 13, defect 5: imports are bounded. A file over the upload size, over the row count or
// unpacking past its limit is refused with a keyed error and nothing is imported; a refused file
// lists its first 1,000 bad rows and says how many there were; a crafted workbook is refused in
// plain words, never with the reader library's own message.
import { unzipSync, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, MAX_ROW_ERRORS } from '../src/import/limits.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';
import { CLEARANCE_HEADER, workbook } from './support/xlsx.ts';

const HEADER =
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIMITS = { maxUploadBytes: 64 * 1024, maxUnpackedBytes: 2 * 1024 * 1024, maxRows: 50 };

function listings(count: number, prefix: string, good = true): Buffer {
  const rows = Array.from(
    { length: count },
    (_, i) => `${prefix}${i},甲${i},,,,${good ? 'theft' : 'piracy'},盗窃,,630102-01,2020-01-01,no,`,
  );
  return Buffer.from(`${HEADER}\n${rows.join('\n')}\n`);
}

/** A good workbook with one part replaced or added. */
async function craftedWorkbook(parts: Record<string, string>): Promise<Buffer> {
  const good = await workbook(CLEARANCE_HEADER, [
    ['W1', 'arrest', '2021-05-01', '630102-01', '', '西宁', 'J-1'],
  ]);
  const files = unzipSync(good);
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return Buffer.from(zipSync(files));
}

describe.each(DIALECTS)('bounded imports on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect, 100, { importLimits: LIMITS });
  });
  afterAll(() => app.close());

  async function importedCount(prefix: string): Promise<number> {
    const rows = await app.store.db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', 'like', `${prefix}%`)
      .execute();
    return rows.length;
  }

  it('takes a file within every limit', async () => {
    const res = await (
      await app.as('admin')
    ).upload('/api/imports/fugitives', listings(50, 'OK'), 'a.csv', 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 50, inserted: 50 });
  });

  it('refuses a file over the upload size (413) and imports nothing', async () => {
    const file = listings(2000, 'BIG');
    expect(file.length).toBeGreaterThan(LIMITS.maxUploadBytes);
    const res = await (await app.as('admin')).upload('/api/imports/fugitives', file, 'big.csv', 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'too_large', field: 'file' });
    expect(await importedCount('BIG')).toBe(0);
  });

  it('refuses a file with more rows than the limit, naming the limit', async () => {
    const res = await (
      await app.as('admin')
    ).upload('/api/imports/fugitives', listings(51, 'MANY'), 'many.csv', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'too_many_rows', field: 'file' });
    expect(res.json<{ message: string }>().message).toContain('more than 50 rows');
    expect(await importedCount('MANY')).toBe(0);
  });

  it('refuses a workbook that unpacks past the limit (a zip bomb) before reading it', async () => {
    // 8 MiB of one repeated string compresses to a few KiB.
    const bomb = await craftedWorkbook({
      'xl/sharedStrings.xml': `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'A'.repeat(8 * 1024 * 1024)}</t></si></sst>`,
    });
    expect(bomb.length).toBeLessThan(LIMITS.maxUploadBytes);
    const res = await (await app.as('admin')).upload('/api/imports/clearances', bomb, 'bomb.xlsx', XLSX_TYPE);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unpacked_too_large', field: 'file' });
  });

  it('refuses crafted workbooks in plain words, not with the reader library’s message', async () => {
    const noWorkbookPart = unzipSync(
      await workbook(CLEARANCE_HEADER, [['W1', 'arrest', '2021-05-01', '630102-01', '', '西宁', 'J-1']]),
    );
    delete noWorkbookPart['xl/workbook.xml'];
    const crafted = [
      Buffer.from(zipSync(noWorkbookPart)),
      await craftedWorkbook({
        'xl/worksheets/sheet1.xml':
          '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>',
      }),
      Buffer.from('PK\u0003\u0004 not really a zip'),
    ];
    for (const file of crafted) {
      const res = await (
        await app.as('admin')
      ).upload('/api/imports/clearances', file, 'crafted.xlsx', XLSX_TYPE);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'unreadable_workbook', field: 'file' });
      expect(res.body).not.toMatch(/Cannot read|undefined|FILE_ENDED/);
    }
  });

  it('lists the first 1,000 bad rows of a refused file and counts them all', async () => {
    const server = await startApp(dialect, 100, {
      importLimits: { ...DEFAULT_IMPORT_LIMITS, maxRows: 5000 },
    });
    try {
      const res = await (
        await server.as('admin')
      ).upload('/api/imports/fugitives', listings(1500, 'BAD', false), 'bad.csv', 'text/csv');
      expect(res.statusCode).toBe(422);
      const body = res.json<{ code: string; rows: string[]; total: number; message: string }>();
      expect(body.code).toBe('import_rejected');
      expect(body.rows).toHaveLength(MAX_ROW_ERRORS);
      expect(body.total).toBe(1500);
      expect(body.message).toBe('1500 bad rows (the first 1000 are listed); nothing was imported');
      expect(body.rows[0]).toMatch(/^row 2, field crime_category/);
    } finally {
      await server.close();
    }
  });
});

describe('import limits from the environment', () => {
  it('reads each setting, in MiB and rows, and keeps the defaults for the rest', async () => {
    const { importLimits } = await import('../src/import/limits.ts');
    expect(importLimits({ QINGWANG_MAX_UPLOAD_MB: '10', QINGWANG_MAX_IMPORT_ROWS: '300' })).toEqual({
      maxUploadBytes: 10 * 1024 * 1024,
      maxUnpackedBytes: DEFAULT_IMPORT_LIMITS.maxUnpackedBytes,
      maxRows: 300,
    });
    expect(() => importLimits({ QINGWANG_MAX_IMPORT_ROWS: '-5' })).toThrow(
      'QINGWANG_MAX_IMPORT_ROWS must be a positive whole number, got -5',
    );
  });
});
