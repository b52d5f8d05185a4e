import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { DOSSIER_ITEMS } from '../src/areas/four-ones/rules.ts';
import { NOW, type Client, type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

interface FourOnes {
  version: number;
  required: boolean;
  planApproved: boolean;
  planApprovedBy: string | null;
  responsibleLeader: { username: string; displayName: string } | null;
  team: string[];
  missing: string[];
  missingDossierItems: string[];
  complete: boolean;
}
interface UnitCompliance {
  code: string;
  depth: number;
  fugitives: number;
  complete: number;
  completeShare: number | null;
  missing: { dossier: number; plan: number; leader: number; team: number };
}
interface Compliance {
  campaign: string;
  categories: string[];
  units: UnitCompliance[];
  nonCompliant: { total: number; items: { listingNo: string; missing: string[] }[] };
}

const everyItem = Object.fromEntries(DOSSIER_ITEMS.map((item) => [item, true]));
const PLAN = '布控火车站、长途汽车站；由分局领导带队赴外省抓捕；网上追逃同步进行。';
const TEAM = ['张海军', '马明亮', '赵文华'];

describe.each(DIALECTS)('the four ones over HTTP on %s', (dialect) => {
  let app: TestApp;
  let officer: Client;
  let officer2: Client;
  let leader: Client;
  let commander: Client;
  /** An active homicide fugitive of station 630102-01, and another active listing of the station. */
  let listingNo: string;
  let other: string;
  const url = (n: string) => `/api/fugitives/${encodeURIComponent(n)}/four-ones`;

  async function activeHomicides(unit: string): Promise<string[]> {
    const res = await officer.get(`/api/fugitives?unit=${unit}&category=homicide&status=active&pageSize=200`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: { listingNo: string }[] }>().items.map((f) => f.listingNo);
  }
  async function complianceOf(client: Client): Promise<Compliance> {
    const res = await client.get('/api/four-ones/compliance');
    expect(res.statusCode).toBe(200);
    return res.json<Compliance>();
  }
  const unitOf = (c: Compliance, code: string) => c.units.find((u) => u.code === code)!;

  beforeAll(async () => {
    app = await startApp(dialect, 3000); // a city large enough for a homicide case in station 630102-01
    officer = await app.as('officer');
    officer2 = await app.as('officer2');
    leader = await app.as('leader');
    commander = await app.as('commander');
    const homicides = await activeHomicides('630102-01');
    expect(homicides.length).toBeGreaterThan(0);
    listingNo = homicides[0]!;
    const res = await officer.get('/api/fugitives?unit=630102-01&status=active&pageSize=200');
    const listings = res.json<{ items: { listingNo: string; crimeCategory: string }[] }>().items;
    other = listings.find((f) => f.crimeCategory !== 'homicide')!.listingNo;
  });
  afterAll(() => app.close());

  it('shows an untouched homicide case as needing all four, at version 0', async () => {
    const res = await officer.get(url(listingNo));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      listingNo,
      crimeCategory: 'homicide',
      status: 'active',
      required: true,
      version: 0,
      planText: null,
      responsibleLeader: null,
      team: [],
      missing: ['dossier', 'plan', 'leader', 'team'],
      missingDossierItems: [...DOSSIER_ITEMS],
      complete: false,
    });
  });

  it('follows a case from nothing to complete in the compliance figures of every level', async () => {
    const before = await complianceOf(officer);
    // An officer of a station sees the station only; its figures count every active homicide.
    expect(before.units.map((u) => u.code)).toEqual(['630102-01']);
    expect(before.categories).toEqual(['homicide']);
    const station = unitOf(before, '630102-01');
    expect(station.fugitives).toBe((await activeHomicides('630102-01')).length);
    expect(before.nonCompliant.items.find((i) => i.listingNo === listingNo)?.missing).toEqual([
      'dossier',
      'plan',
      'leader',
      'team',
    ]);
    const subBureauBefore = unitOf(await complianceOf(leader), '630102');

    // The officer fills the record: dossier and team are in place, the plan waits for a leader.
    const saved = await officer.put(url(listingNo), {
      version: 0,
      dossier: everyItem,
      planText: PLAN,
      team: TEAM,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      updatedBy: 'officer',
      planApproved: false,
      team: TEAM,
      missing: ['plan', 'leader'],
      missingDossierItems: [],
    });
    const filled = unitOf(await complianceOf(officer), '630102-01');
    expect(filled).toMatchObject({
      fugitives: station.fugitives,
      complete: station.complete,
      missing: {
        dossier: station.missing.dossier - 1,
        plan: station.missing.plan,
        leader: station.missing.leader,
        team: station.missing.team - 1,
      },
    });

    // A leader approves the plan; the case gets its owner (the leaders area will assign it).
    const approval = await leader.post(`${url(listingNo)}/approve-plan`, { version: 1 });
    expect(approval.statusCode).toBe(200);
    expect(approval.json()).toMatchObject({
      version: 2,
      planApproved: true,
      planApprovedBy: 'leader',
      missing: ['leader'],
    });
    await ownCase(listingNo, 'leader');
    const done = await officer.get(url(listingNo));
    expect(done.json()).toMatchObject({
      complete: true,
      missing: [],
      responsibleLeader: { username: 'leader', displayName: '城东分局局长 李志强' },
    });

    const after = await complianceOf(officer);
    expect(unitOf(after, '630102-01')).toEqual({
      ...station,
      complete: station.complete + 1,
      completeShare: (station.complete + 1) / station.fugitives,
      missing: {
        dossier: station.missing.dossier - 1,
        plan: station.missing.plan - 1,
        leader: station.missing.leader - 1,
        team: station.missing.team - 1,
      },
    });
    expect(after.nonCompliant.total).toBe(before.nonCompliant.total - 1);
    expect(after.nonCompliant.items.map((i) => i.listingNo)).not.toContain(listingNo);
    // The sub-bureau and the city count the station's case too.
    const subBureau = unitOf(await complianceOf(leader), '630102');
    expect(subBureau.complete).toBe(subBureauBefore.complete + 1);
    const city = await complianceOf(commander);
    expect(city.units[0]).toMatchObject({ code: '630100', depth: 0 });
    expect(unitOf(city, '630102')).toEqual(subBureau);
  });

  it("gives one unit's compliance, counting only its subtree's cases, as a dashboard asks for it", async () => {
    const wanted = unitOf(await complianceOf(commander), '630102');
    const res = await commander.get('/api/four-ones/compliance?unit=630102');
    expect(res.statusCode).toBe(200);
    const one = res.json<Compliance>();
    expect(one.units).toEqual([wanted]);
    expect(one.nonCompliant.total).toBe(wanted.fugitives - wanted.complete);
    const outside = await officer.get('/api/four-ones/compliance?unit=630100');
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'unit_out_of_scope', params: { unit: '630100' } });
    const unknown = await commander.get('/api/four-ones/compliance?unit=nowhere');
    expect(unknown.json()).toMatchObject({ code: 'unknown_unit', field: 'unit' });
  });

  it('withdraws the approval when the plan text is edited after it', async () => {
    const current = (await officer.get(url(listingNo))).json<FourOnes>();
    expect(current.complete).toBe(true);
    const complete = unitOf(await complianceOf(officer), '630102-01').complete;
    // The team changes, the plan stays: the approval stands.
    const teamOnly = await officer.put(url(listingNo), {
      version: current.version,
      dossier: everyItem,
      planText: PLAN,
      team: [...TEAM, '周玉兰'],
    });
    expect(teamOnly.json()).toMatchObject({ planApproved: true, complete: true });
    const edited = await officer.put(url(listingNo), {
      version: teamOnly.json<FourOnes>().version,
      dossier: everyItem,
      planText: `${PLAN}另派两人蹲守其亲属住处附近。`,
      team: TEAM,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      planApproved: false,
      planApprovedBy: null,
      missing: ['plan'],
      complete: false,
    });
    expect(unitOf(await complianceOf(officer), '630102-01').complete).toBe(complete - 1);
    const again = await leader.request('POST', `${url(listingNo)}/approve-plan`); // no body at all
    expect(again.json()).toMatchObject({ planApproved: true, complete: true });
  });

  it('refuses a save based on a version someone else has changed since (409)', async () => {
    const { version } = (await officer.get(url(listingNo))).json<FourOnes>();
    const mine = { version, dossier: everyItem, planText: PLAN, team: TEAM };
    expect((await officer.put(url(listingNo), mine)).statusCode).toBe(200);
    const stale = await leader.put(url(listingNo), { ...mine, team: ['马明亮'] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale', field: 'version' });
    expect((await officer.get(url(listingNo))).json<FourOnes>()).toMatchObject({
      version: version + 1,
      team: TEAM,
    });
    // A first save is stale too when the record already exists.
    const fromNothing = await officer.put(url(listingNo), { ...mine, version: 0 });
    expect(fromNothing.statusCode).toBe(409);
  });

  it('lets only one of two simultaneous saves of the same version through', async () => {
    const body = (team: string[]) => ({ version: 0, dossier: {}, planText: null, team });
    const results = await Promise.all([
      officer.put(url(other), body(['张海军', '马明亮'])),
      leader.put(url(other), body(['李志强', '赵文华'])),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json<FourOnes>();
    expect((await officer.get(url(other))).json()).toMatchObject({ version: 1, team: winner.team });
  });

  it('lets only a leader approve a plan, and only a plan that exists and is not yet approved', async () => {
    const { version } = (await officer.get(url(listingNo))).json<FourOnes>();
    const revised = { version, dossier: everyItem, planText: `${PLAN}（修订）`, team: TEAM };
    expect((await officer.put(url(listingNo), revised)).json()).toMatchObject({ planApproved: false });
    const denied = await officer.post(`${url(listingNo)}/approve-plan`);
    expect(denied.statusCode).toBe(403);
    expect((await leader.post(`${url(listingNo)}/approve-plan`)).statusCode).toBe(200);
    const twice = await leader.post(`${url(listingNo)}/approve-plan`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_approved' });
    const noPlan = await leader.post(`${url(other)}/approve-plan`);
    expect(noPlan.statusCode).toBe(409);
    expect(noPlan.json()).toMatchObject({ code: 'no_plan' });
    const staleRead = await leader.post(`${url(other)}/approve-plan`, { version: 0 });
    expect(staleRead.statusCode).toBe(409);
    expect(staleRead.json()).toMatchObject({ code: 'stale' });
  });

  it('keeps the case from units outside the listing unit, and from roles that do not keep it', async () => {
    expect((await officer2.get(url(listingNo))).statusCode).toBe(403);
    const put = await officer2.put(url(listingNo), { version: 0, dossier: {}, planText: null, team: [] });
    expect(put.statusCode).toBe(403);
    expect(put.json()).toMatchObject({ code: 'out_of_scope' });
    const inspector = await app.as('inspector');
    expect((await inspector.get(url(listingNo))).statusCode).toBe(200);
    const byInspector = await inspector.put(url(listingNo), {
      version: 0,
      dossier: {},
      planText: null,
      team: [],
    });
    expect(byInspector.statusCode).toBe(403);
    expect((await officer.get(url('NO-SUCH-LISTING'))).statusCode).toBe(404);
    // officer2's own figures know nothing of 630102's cases.
    const theirs = await complianceOf(officer2);
    expect(theirs.units.map((u) => u.code)).toEqual(['630103-01']);
    expect(theirs.nonCompliant.items.map((i) => i.listingNo)).not.toContain(other);
  });

  it('leaves the four ones of a remote listing to the agency that listed it', async () => {
    const res = await officer.get('/api/fugitives?origin=remote&status=active');
    const remote = res.json<{ items: { listingNo: string }[] }>().items[0]!.listingNo;
    expect((await officer.get(url(remote))).json()).toMatchObject({ required: false });
    const put = await officer.put(url(remote), { version: 0, dossier: {}, planText: null, team: [] });
    expect(put.statusCode).toBe(403);
    expect(put.json()).toMatchObject({ code: 'remote_listing' });
  });

  it('refuses materials not on the checklist and malformed versions', async () => {
    const unknown = await officer.put(url(other), {
      version: 1,
      dossier: { horoscope: true },
      planText: null,
      team: [],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_field' });
    const negative = await officer.put(url(other), { version: -1, dossier: {}, planText: null, team: [] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json()).toMatchObject({ field: 'version' });
  });

  it('puts every change on the case timeline and keeps the audit chain whole', async () => {
    const detail = await officer.get(`/api/fugitives/${encodeURIComponent(listingNo)}`);
    const actions = detail.json<{ timeline: { action: string; actor: string }[] }>().timeline;
    expect(actions).toContainEqual(expect.objectContaining({ action: 'four_ones.update', actor: 'officer' }));
    expect(actions).toContainEqual(
      expect.objectContaining({ action: 'four_ones.approve_plan', actor: 'leader' }),
    );
    const events = await app.store.db
      .selectFrom('audit_events')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_type', '=', 'fugitive')
      .where('entity_id', '=', listingNo)
      .orderBy('seq')
      .execute();
    expect(events[0]).toMatchObject({ action: 'four_ones.update', before_json: 'null' });
    expect(JSON.parse(events[0]!.after_json!)).toMatchObject({ version: 1, team: TEAM });
    expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
  });

  it('names the four-ones routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.anonymous.get('/api/docs/json')).json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/fugitives/{listingNo}/four-ones',
        '/api/fugitives/{listingNo}/four-ones/approve-plan',
        '/api/four-ones/compliance',
      ]),
    );
  });

  /** Makes a leader the case's owner, as the leaders area will through its own route. */
  async function ownCase(listing: string, username: string): Promise<void> {
    const { db } = app.store;
    const fugitive = await db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', '=', listing)
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_owners')
      .values({
        fugitive_id: fugitive.id,
        user_id: user.id,
        assigned_by: 'test',
        assigned_at: NOW.toISOString(),
      })
      .execute();
  }
});
