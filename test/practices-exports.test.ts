// The CLI exports of the campaign's practices on the demo city (both dialects): the staff-entered
// tips (telephone, letter, in person) as Excel and CSV without the tipsters' contacts, and the
// meetings' tasks with who assigned them (布置人).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enteredTips } from '../src/areas/staff-tips/service.ts';
import { addDays } from '../src/shared/dates.ts';
import { qingwang } from './support/cli.ts';
import { type TestApp, NOW, TODAY, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-practices-export-'));

async function readBook(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** A sheet's rows as arrays of cell values (the header first). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(DIALECTS)('the practices exports on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect, 600, { sqlitePath: join(dir, `demo-${dialect}.db`) });
  }, 120_000);
  afterAll(() => app?.close());

  const from = addDays(TODAY, -60);

  it('exports the staff-entered tips between two days as Excel: channel, who took it, no contact', async () => {
    const out = join(dir, `tips-${dialect}.xlsx`);
    const run = await qingwang(app.store.url, 'tips', 'export', '--from', from, '--to', TODAY, '-o', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The demo's officer took a telephone tip, a letter and an in-person tip; web tips are not here.
    expect(run.stdout).toContain('3 staff-entered tips');
    const ws = (await readBook(out)).worksheets[0]!;
    const [header, ...rows] = rowsOf(ws);
    expect(header).toEqual(
      expect.arrayContaining(['渠道', '登记人', '承办单位', '接收日期', '留有联系方式']),
    );
    const channel = header!.indexOf('渠道');
    const enteredBy = header!.indexOf('登记人');
    expect(rows.map((r) => r[channel]).sort()).toEqual(['来信', '来访', '电话'].sort());
    // Named, not a login.
    expect(new Set(rows.map((r) => r[enteredBy]))).toEqual(new Set(['东关派出所民警 张海军']));
    // A real date cell, on the bureau's calendar: the telephone tip came the evening before.
    const phone = rows.find((r) => r[channel] === '电话')!;
    expect(phone[header!.indexOf('接收日期')]).toEqual(new Date(`${addDays(TODAY, -1)}T00:00:00Z`));
    expect(phone[header!.indexOf('接收时间')]).toBe('21:40');
    // The tipsters' telephone numbers and names are sealed and never exported.
    const text = JSON.stringify(rows);
    expect(text).not.toContain('13909710000');
    expect(text).not.toContain('13800971234');
    expect(text).not.toContain('李先生');
  });

  it('exports them as CSV in English, limited to days and to a unit', async () => {
    const out = join(dir, `tips-${dialect}.csv`);
    const yesterday = addDays(TODAY, -1);
    const run = await qingwang(
      app.store.url,
      ...['tips', 'export', '--from', yesterday, '--to', TODAY, '--lang', 'en', '-o', out],
    );
    expect(run.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFNo.,Received on,Time,Channel,Entered by,Unit')).toBe(true);
    const lines = csv.trim().split('\r\n');
    // Only the telephone tip came in these two days.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${yesterday},21:40,Telephone,东关派出所民警 张海军`);
    expect(csv).not.toContain('13909710000');

    const other = join(dir, `tips-other-${dialect}.csv`);
    const theirs = await qingwang(
      app.store.url,
      ...[
        'tips',
        'export',
        '--from',
        from,
        '--to',
        TODAY,
        '--unit',
        '630103',
        '--format',
        'csv',
        '-o',
        other,
      ],
    );
    expect(theirs.stdout).toContain('0 staff-entered tips');
    expect(readFileSync(other, 'utf8').trim().split('\r\n')).toHaveLength(1);

    const reversed = await qingwang(
      app.store.url,
      'tips',
      'export',
      '--from',
      TODAY,
      '--to',
      from,
      '-o',
      out,
    );
    expect(reversed.code).not.toBe(0);
    expect(reversed.stderr).toContain('from: must not be after to');
  });

  it("keeps to the caller's units", async () => {
    const ctx = contextFor(app.store, NOW);
    const all = await enteredTips(ctx, { from, to: TODAY });
    expect(all.map((t) => t.channel).sort()).toEqual(['in_person', 'letter', 'telephone']);
    const unit = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', '630103')
      .executeTakeFirstOrThrow();
    const ids = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('parent_id', '=', unit.id)
      .execute();
    const theirs = await enteredTips(
      { ...ctx, scope: { all: false, unitIds: new Set([unit.id, ...ids.map((u) => u.id)]) } },
      { from, to: TODAY },
    );
    expect(theirs).toEqual([]);
    await expect(
      enteredTips(
        { ...ctx, scope: { all: false, unitIds: new Set([unit.id]) } },
        { from, to: TODAY, unit: '630102' },
      ),
    ).rejects.toMatchObject({ code: 'unit_out_of_scope' });
  });

  it('serves the same export over HTTP to the tip handlers, of their units only', async () => {
    const mine = await (
      await app.as('officer')
    ).get(`/api/tips/entered.xlsx?from=${from}&to=${TODAY}&lang=en`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    const [header, ...rows] = rowsOf(book.worksheets[0]!);
    expect(header![0]).toBe('No.');
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain('13909710000');
    // officer2's sub-bureau took none of them.
    const theirs = await (await app.as('officer2')).get(`/api/tips/entered.xlsx?from=${from}&to=${TODAY}`);
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(rowsOf(other.worksheets[0]!)).toHaveLength(1);
    const outside = await (await app.as('officer2')).get(`/api/tips/entered.xlsx?unit=630102`);
    expect(outside.statusCode).toBe(403);
    expect((await (await app.as('inspector')).get('/api/tips/entered.xlsx')).statusCode).toBe(403);
  });

  it('names who assigned each task in the meetings export (布置人)', async () => {
    const out = join(dir, `meetings-${dialect}.xlsx`);
    const run = await qingwang(app.store.url, 'export', 'meetings', '-o', out);
    expect(run.code).toBe(0);
    const tasks = (await readBook(out)).getWorksheet('任务')!;
    const [header, ...rows] = rowsOf(tasks);
    const by = header!.indexOf('布置人');
    const fromUnit = header!.indexOf('布置单位');
    expect(by).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    // The demo's meetings were recorded by the commander at the bureau.
    expect(rows.map((r) => r[by])).toContain('指挥长 王建国');
    expect(rows.every((r) => typeof r[fromUnit] === 'string' && r[fromUnit] !== '')).toBe(true);
  });
});
