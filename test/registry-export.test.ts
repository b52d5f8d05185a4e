// The registry's export is the whole search, not the page on the screen: the same filters, the same
// sort and the same scope as GET /api/fugitives, every page of it, as .xlsx and as .csv.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

interface Page {
  total: number;
  items: { listingNo: string; name: string; listedOn: string; status: string }[];
}

/** Every listing number of a search, page after page, in the search's order. */
async function everyPage(who: Client, query: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let page = 1; ; page++) {
    const res = await who.get(`/api/fugitives?${query}&pageSize=200&page=${page}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Page>();
    numbers.push(...body.items.map((f) => f.listingNo));
    if (numbers.length >= body.total || body.items.length === 0) return numbers;
  }
}

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) =>
          v instanceof Date
            ? v.toISOString().slice(0, 10)
            : v === null || v === undefined
              ? ''
              : String(v as string | number),
        ),
    ),
  );
  return rows;
}

describe.each(DIALECTS)('registry export on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  }, 120_000);
  afterAll(() => app?.close());

  it('holds every row of the filtered search, in its order, not the page shown', async () => {
    const commander = await app.as('commander');
    const query = 'status=active&sort=name';
    const expected = await everyPage(commander, query);
    expect(expected.length).toBeGreaterThan(200); // more than one page of the screen's 50 (and the API's 200)

    const xlsx = await commander.get(`/api/fugitives.xlsx?${query}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('registry-2026-11-28.xlsx');
    const rows = await sheetRows(xlsx.rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['在逃人员编号', '姓名', '性别']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    // Status in Chinese, the listing date a real date cell.
    const statusColumn = rows[0]!.indexOf('状态');
    expect(new Set(rows.slice(1).map((r) => r[statusColumn]))).toEqual(new Set(['在逃']));

    const csv = await commander.get(`/api/fugitives.csv?${query}&lang=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.body.slice(1).trim()).data;
    expect(parsed[0]!.slice(0, 2)).toEqual(['Listing no.', 'Name']);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(expected);
  });

  it('narrows by every filter of the search, and to the caller’s units', async () => {
    const commander = await app.as('commander');
    const first = (await commander.get('/api/fugitives?pageSize=1')).json<Page>().items[0]!;
    const query = `listedFrom=2010-01-01&listedTo=${first.listedOn}&category=theft&sort=-listingNo`;
    const expected = await everyPage(commander, query);
    expect(expected.length).toBeGreaterThan(0);
    const rows = await sheetRows((await commander.get(`/api/fugitives.xlsx?${query}`)).rawPayload);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
    // The filters narrow the file as they narrow the search.
    const everything = (await commander.get('/api/fugitives?pageSize=1')).json<Page>().total;
    expect(rows.length - 1).toBeLessThan(everything);

    // An officer's export holds his station's listings and the remote ones, as his search does.
    const officer = await app.as('officer');
    const own = await everyPage(officer, 'origin=local');
    const all = await everyPage(commander, 'origin=local');
    expect(own.length).toBeLessThan(all.length);
    const officerRows = await sheetRows((await officer.get('/api/fugitives.xlsx?origin=local')).rawPayload);
    expect(officerRows.slice(1).map((r) => r[0])).toEqual(own);
  });

  it('refuses a filter the search refuses, with its code', async () => {
    const commander = await app.as('commander');
    const res = await commander.get('/api/fugitives.xlsx?unit=NOPE');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('unknown_unit');
    expect((await app.anonymous.get('/api/fugitives.csv')).statusCode).toBe(401);
  });
});
