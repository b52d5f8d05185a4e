// Daily and weekly returns up the chain (日报/周报): a sub-bureau's figures and the level below's,
// what moved in the period (checked against the standings of the days around it), confirmation by
// the unit's leader, and who has not submitted by the cut-off; on both dialects.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/shared/dates.ts';
import { type TestApp, TODAY, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

interface Unit {
  code: string;
  name: string;
  parent: string | null;
  cleared: number;
  newListings: number;
}
interface Return {
  unit: { code: string };
  recipient: string | null;
  from: string;
  to: string;
  rows: { code: string; cleared: number; clearedInPeriod: number; newListingsInPeriod: number }[];
  results: { listingNo: string; unit: string | null }[];
  submission: { by: string; state: string } | null;
}
interface Overview {
  cutoff: string;
  units: { code: string; state: string; submission: { by: string } | null }[];
}

describe.each(DIALECTS)('daily and weekly returns on %s', (dialect) => {
  let app: TestApp;
  let base: string;
  let figures: (asOf: string) => Promise<Map<string, Unit>>;
  beforeAll(async () => {
    app = await startApp(dialect, 600);
    const commander = await app.as('commander');
    const campaign = (await commander.get('/api/standings')).json<{ campaign: string }>().campaign;
    base = `/api/campaigns/${encodeURIComponent(campaign)}`;
    figures = async (asOf) =>
      new Map(
        (await commander.get(`/api/standings?asOf=${asOf}`))
          .json<{ units: Unit[] }>()
          .units.map((u) => [u.code, u]),
      );
  });
  afterAll(() => app.close());

  it("gives the sub-bureau's figures and its stations', with the day's and the week's movement", async () => {
    const leader = await app.as('leader');
    const [today, yesterday, weekBefore] = await Promise.all([
      figures(TODAY),
      figures(addDays(TODAY, -1)),
      figures(addDays(TODAY, -7)),
    ]);
    const daily = (await leader.get(`${base}/returns/630102?period=daily&on=${TODAY}`)).json<Return>();
    const stations = [...today.values()].filter((u) => u.parent === '630102').map((u) => u.code);
    expect(stations.length).toBeGreaterThan(0);
    expect(daily.rows.map((r) => r.code)).toEqual(['630102', ...stations]);
    expect(daily.recipient).toBe(today.get('630100')!.name);
    for (const row of daily.rows) {
      expect(row.cleared).toBe(today.get(row.code)!.cleared);
      expect(row.clearedInPeriod).toBe(today.get(row.code)!.cleared - yesterday.get(row.code)!.cleared);
      expect(row.newListingsInPeriod).toBe(
        today.get(row.code)!.newListings - yesterday.get(row.code)!.newListings,
      );
    }
    const weekly = (await leader.get(`${base}/returns/630102?period=weekly&on=${TODAY}`)).json<Return>();
    expect([weekly.from, weekly.to]).toEqual([addDays(TODAY, -6), TODAY]);
    expect(weekly.rows[0]!.clearedInPeriod).toBe(
      today.get('630102')!.cleared - weekBefore.get('630102')!.cleared,
    );
    // The week's results are the sub-bureau's own or its stations'.
    const names = new Set(daily.rows.map((r) => [...today.values()].find((u) => u.code === r.code)!.name));
    expect(weekly.results.length).toBeGreaterThan(0);
    expect(weekly.results.every((r) => r.unit !== null && names.has(r.unit))).toBe(true);

    // Another sub-bureau's return is outside the leader's scope; an officer reads none.
    expect((await leader.get(`${base}/returns/630103`)).statusCode).toBe(403);
    expect((await (await app.as('officer')).get(`${base}/returns/630102-01`)).statusCode).toBe(403);
    expect((await leader.get(`${base}/returns/NO-SUCH`)).statusCode).toBe(404);
  });

  it('is confirmed by its own leader only, once, audited; the city sees who has not', async () => {
    const commander = await app.as('commander');
    const leader = await app.as('leader');
    const overview = async (on: string) =>
      (await commander.get(`${base}/returns?period=daily&on=${on}`)).json<Overview>();
    // At noon the day's return is due until the cut-off (18:00); yesterday's is missing.
    expect((await overview(TODAY)).units.find((u) => u.code === '630102')!.state).toBe('due');
    expect((await overview(addDays(TODAY, -1))).units.find((u) => u.code === '630102')!.state).toBe(
      'missing',
    );

    expect((await commander.post(`${base}/returns/630102/confirm?on=${TODAY}`)).statusCode).toBe(403);
    expect(
      (await (await app.as('officer')).post(`${base}/returns/630102/confirm?on=${TODAY}`)).statusCode,
    ).toBe(403);
    const confirmed = await leader.post(`${base}/returns/630102/confirm?on=${TODAY}`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<Return>().submission).toMatchObject({ by: 'leader', state: 'submitted' });
    expect((await leader.post(`${base}/returns/630102/confirm?on=${TODAY}`)).statusCode).toBe(200);
    const events = await app.store.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'return.confirm')
      .execute();
    expect(events).toEqual([{ actor: 'leader' }]);

    const after = await overview(TODAY);
    expect(after.units.find((u) => u.code === '630102')).toMatchObject({
      state: 'submitted',
      submission: { by: 'leader' },
    });
    expect(after.units.find((u) => u.code === '630103')!.state).toBe('due');
    // The city's own return is the commander's to confirm; the leader sees only their unit.
    expect((await commander.post(`${base}/returns/630100/confirm?on=${TODAY}`)).statusCode).toBe(200);
    const leaders = (await leader.get(`${base}/returns?on=${TODAY}`)).json<Overview>();
    expect(leaders.units.map((u) => u.code)).toEqual(['630102']);
  });

  it('moves the cut-off (commanders, a real time only) and writes the return as .docx and .xlsx', async () => {
    const commander = await app.as('commander');
    const bad = await commander.put(`${base}/return-cutoff`, { cutoff: '24:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'not_a_time' });
    expect(
      (await (await app.as('leader')).put(`${base}/return-cutoff`, { cutoff: '09:00' })).statusCode,
    ).toBe(403);
    expect((await commander.put(`${base}/return-cutoff`, { cutoff: '09:00' })).statusCode).toBe(204);
    const overview = (await commander.get(`${base}/returns?on=${TODAY}`)).json<Overview>();
    expect(overview.cutoff).toBe('09:00');
    // Noon is past a 09:00 cut-off: an unconfirmed return is now missing.
    expect(overview.units.find((u) => u.code === '630103')!.state).toBe('missing');

    const docx = await commander.get(`${base}/returns/630102/file?format=docx&period=weekly&on=${TODAY}`);
    expect(docx.statusCode).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    expect(xml).toContain('周报');
    expect(xml).toContain('本期核实战果');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');

    const xlsx = await commander.get(`${base}/returns/630102/file?format=xlsx&on=${TODAY}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('figures')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('630102');
    expect(sheet.getRow(2).getCell(5).value).toBe((await figures(TODAY)).get('630102')!.cleared);
  });
});
