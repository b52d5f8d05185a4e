// The four ones' compliance is kept per compliance version (issue 12): an answer computed once is
// handed out until a write that can change it moves the version. After each kind of such write the
// answer over HTTP (asked twice, so the second is the kept one) must have changed and must equal the
// compliance computed afresh inside a transaction (which never reads what is kept), on SQLite and
// on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { DOSSIER_ITEMS } from '../src/areas/four-ones/rules.ts';
import { compliance } from '../src/areas/four-ones/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { inTransaction } from '../src/shared/context.ts';
import { NOW, type Client, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

interface Compliance {
  units: { code: string; fugitives: number; complete: number; missing: Record<string, number> }[];
  nonCompliant: { total: number; items: { listingNo: string; name: string; missing: string[] }[] };
}

const everyItem = Object.fromEntries(DOSSIER_ITEMS.map((item) => [item, true]));

describe.each(DIALECTS)('the kept compliance with the four ones on %s', (dialect) => {
  let app: TestApp;
  let leader: Client;
  let commander: Client;
  /** Active listings of sub-bureau 630102: homicide cases, and others. */
  let homicides: string[];
  let others: string[];
  const ctx = () => contextFor(app.store, NOW);

  async function listings(category: string): Promise<string[]> {
    const res = await leader.get(
      `/api/fugitives?unit=630102&category=${category}&status=active&pageSize=200`,
    );
    expect(res.statusCode).toBe(200);
    return res.json<{ items: { listingNo: string }[] }>().items.map((f) => f.listingNo);
  }

  /**
   * The city's and one sub-bureau's compliance as the commander gets them, the second time being
   * the kept answer, after checking that both equal the compliance computed afresh.
   */
  async function keptEqualsFresh(): Promise<Compliance[]> {
    const out: Compliance[] = [];
    for (const query of [{}, { unit: '630102' }]) {
      const path = `/api/four-ones/compliance${'unit' in query ? `?unit=${query.unit}` : ''}`;
      await commander.get(path);
      const res = await commander.get(path);
      expect(res.statusCode).toBe(200);
      const fresh = await inTransaction(ctx(), (tx) => compliance(tx, query));
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(fresh)));
      out.push(res.json<Compliance>());
    }
    return out;
  }

  /** Makes a write and checks that the next answers show it: changed, and as computed afresh. */
  async function showsAtOnce(write: () => Promise<unknown>): Promise<Compliance[]> {
    const before = await keptEqualsFresh();
    await write();
    const after = await keptEqualsFresh();
    expect(after).not.toEqual(before);
    return after;
  }

  beforeAll(async () => {
    app = await startApp(dialect, 3000);
    leader = await app.as('leader');
    commander = await app.as('commander');
    homicides = await listings('homicide');
    others = (await listings('theft')).concat(await listings('fraud'));
    expect(homicides.length).toBeGreaterThan(3);
    expect(others.length).toBeGreaterThan(1);
  });
  afterAll(() => app.close());

  it('shows a change to a four-ones record, a case owner or a listing in the next answer', async () => {
    const [save, own, rename, recategorise, withdraw] = homicides;
    const expectOk = async (res: Promise<{ statusCode: number; body: string }>, status = 200) =>
      expect((await res).statusCode, (await res).body).toBe(status);

    await showsAtOnce(() =>
      expectOk(
        leader.put(`/api/fugitives/${save}/four-ones`, {
          version: 0,
          dossier: everyItem,
          planText: '布控火车站',
          team: ['张海军', '马明亮'],
        }),
      ),
    );
    await showsAtOnce(() => expectOk(leader.post(`/api/fugitives/${save}/four-ones/approve-plan`, {})));
    await showsAtOnce(() => expectOk(leader.put(`/api/fugitives/${own}/owner`, { username: 'leader' })));
    // A listing renamed: the list of cases lacking the four ones names it anew.
    const [, sub] = await showsAtOnce(() =>
      expectOk(
        leader.post(`/api/fugitives/${rename}/corrections`, {
          changes: { name: '改名测试' },
          reason: '户籍核对：姓名录入错误',
        }),
        201,
      ),
    );
    expect(sub!.nonCompliant.items.find((i) => i.listingNo === rename)?.name).toBe('改名测试');
    // A listing's category changed, both ways: it leaves the cases that need the four ones, or joins them.
    await showsAtOnce(() =>
      expectOk(
        leader.post(`/api/fugitives/${recategorise}/corrections`, {
          changes: { crimeCategory: 'theft' },
          reason: '案件定性录入错误',
        }),
        201,
      ),
    );
    await showsAtOnce(() =>
      expectOk(
        leader.post(`/api/fugitives/${others[0]}/corrections`, {
          changes: { crimeCategory: 'homicide' },
          reason: '案件定性录入错误',
        }),
        201,
      ),
    );
    // A listing withdrawn as entered by mistake.
    await expectOk(leader.post(`/api/fugitives/${withdraw}/withdrawal`, { reason: '重复录入' }), 201);
    await showsAtOnce(() =>
      expectOk(commander.post(`/api/fugitives/${withdraw}/withdrawal/decision`, { approve: true })),
    );
  });

  it('shows a clearance and a new unit in the next answer', async () => {
    const cleared = homicides.at(-1)!;
    await showsAtOnce(() =>
      importClearances(
        ctx(),
        parseRows(
          clearanceRow,
          asRows([
            {
              listing_no: cleared,
              kind: 'arrest',
              occurred_on: '2026-11-20',
              capturing_unit: '630102',
              persuading_unit: '',
              place: '',
              evidence_ref: `E-${cleared}`,
              reason: '',
            },
          ]),
        ),
        { verified: true },
      ),
    );
    const [city] = await showsAtOnce(() =>
      importUnits(
        ctx(),
        parseRows(
          unitRow,
          asRows([{ code: '630102-99', name: '新设派出所', kind: 'station', parent_code: '630102' }]),
        ),
      ),
    );
    expect(city!.units.map((u) => u.code)).toContain('630102-99');
  });
});
