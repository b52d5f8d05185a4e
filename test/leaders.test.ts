import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/areas/accounts/service.ts';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { addDays } from '../src/shared/dates.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { NOW, type TestApp, TODAY, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

interface Listing {
  listingNo: string;
  listedOn: string;
  status: string;
  listingUnit: { code: string } | null;
}

interface CaseProgress {
  listingNo: string;
  status: 'active' | 'cleared';
  exit: { on: string; kind: string } | null;
  latestClaim: { id: number; status: string } | null;
  assignedBy: string;
}

interface LeaderPage {
  leader: { username: string; unit: { code: string } };
  campaign: { name: string; asOf: string } | null;
  liaisonUnits: { code: string; figures: Record<string, unknown> | null }[];
  ownedCases: { active: number; cleared: number };
  cases: CaseProgress[];
}

const START = addDays(TODAY, -40); // the demo campaign's launch
const someText = expect.any(String) as string;
const UNIT_FIELDS = ['code', 'name', 'kind', 'parent', 'depth'];

describe.each(DIALECTS)('leaders take the lead on %s', (dialect) => {
  let app: TestApp;
  let mine: Listing[]; // active cases listed by 630102's units, oldest listings first
  let cleared: Listing;

  beforeAll(async () => {
    app = await startApp(dialect);
    // A second leader in the same sub-bureau, and one in another sub-bureau.
    const ctx = contextFor(app.store, NOW, 'admin');
    const extra = { password: DEMO_PASSWORD, roles: ['leader' as const] };
    await addUser(ctx, { ...extra, username: 'deputy', displayName: '城东分局副局长', unitCode: '630102' });
    await addUser(ctx, { ...extra, username: 'leader2', displayName: '城中分局局长', unitCode: '630103' });
    const leader = await app.as('leader');
    const search = (status: string) =>
      leader
        .get(`/api/fugitives?unit=630102&origin=local&status=${status}&sort=listedOn&pageSize=20`)
        .then((r) => r.json<{ items: Listing[] }>().items);
    // Cases nobody has claimed yet, so that a claim on them stands.
    mine = [];
    for (const f of await search('active')) {
      const claims = await leader.get(`/api/clearances?listingNo=${encodeURIComponent(f.listingNo)}`);
      if (f.listedOn <= addDays(START, -10) && claims.json<{ total: number }>().total === 0) mine.push(f);
    }
    cleared = (await search('cleared'))[0]!;
    expect(mine.length).toBeGreaterThan(4);
    expect(cleared).toBeDefined();
  });
  afterAll(() => app.close());

  const owner = (listingNo: string) => `/api/fugitives/${encodeURIComponent(listingNo)}/owner`;

  it('lets a leader take a case of their units for themselves, shown on the case timeline', async () => {
    const leader = await app.as('leader');
    const res = await leader.put(owner(mine[0]!.listingNo), { username: 'leader' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      listingNo: mine[0]!.listingNo,
      owner: { username: 'leader', unit: { code: '630102' }, disabled: false },
      assignedBy: 'leader',
      assignedAt: NOW.toISOString(),
    });
    const detail = await leader.get(`/api/fugitives/${encodeURIComponent(mine[0]!.listingNo)}`);
    const timeline = detail.json<{ timeline: { action: string; actor: string; detail: unknown }[] }>()
      .timeline;
    expect(timeline.at(-1)).toMatchObject({
      action: 'case_owner.assign',
      actor: 'leader',
      detail: { owner: 'leader', assignedBy: 'leader' },
    });
    // Taking it again changes nothing and records nothing.
    const again = await leader.put(owner(mine[0]!.listingNo), { username: 'leader' });
    expect(again.statusCode).toBe(200);
    const after = await leader.get(`/api/fugitives/${encodeURIComponent(mine[0]!.listingNo)}`);
    expect(after.json<{ timeline: unknown[] }>().timeline).toHaveLength(timeline.length);
  });

  it('lets a commander assign any leader a case of that leader’s units, and no other', async () => {
    const res = await (await app.as('commander')).put(owner(mine[1]!.listingNo), { username: 'leader' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ owner: { username: 'leader' }, assignedBy: 'commander' });
    const elsewhere = await (
      await app.as('commander')
    ).put(owner(mine[2]!.listingNo), { username: 'leader2' });
    expect(elsewhere.statusCode).toBe(400); // leader2 leads 630103; the case is 630102's
    expect(elsewhere.json()).toMatchObject({ code: 'out_of_owner_scope', field: 'username' });
  });

  it('refuses a leader naming another leader, and cases for anyone but a leader', async () => {
    const byLeader = await (await app.as('leader')).put(owner(mine[2]!.listingNo), { username: 'deputy' });
    expect(byLeader.statusCode).toBe(403);
    const toOfficer = await (
      await app.as('commander')
    ).put(owner(mine[2]!.listingNo), { username: 'officer' });
    expect(toOfficer.statusCode).toBe(400);
    expect(toOfficer.json()).toMatchObject({ code: 'not_a_leader', field: 'username' });
    const nobody = await (await app.as('commander')).put(owner(mine[2]!.listingNo), { username: 'nobody' });
    expect(nobody.statusCode).toBe(404);
  });

  it('refuses officers, and everyone outside the unit that listed the case', async () => {
    for (const username of ['officer', 'officer2', 'inspector']) {
      const res = await (await app.as(username)).put(owner(mine[2]!.listingNo), { username: 'leader' });
      expect(res.statusCode, username).toBe(403);
    }
    const leader2 = await (await app.as('leader2')).put(owner(mine[2]!.listingNo), { username: 'leader2' });
    expect(leader2.statusCode).toBe(403);
    expect(leader2.json()).toMatchObject({ code: 'out_of_scope' });
    const unknown = await (await app.as('leader')).put(owner('NO-SUCH-LISTING'), { username: 'leader' });
    expect(unknown.statusCode).toBe(404);
  });

  it('leaves reassigning an owned case to a commander, and refuses owners for cleared cases', async () => {
    const deputy = await app.as('deputy');
    const taken = await deputy.put(owner(mine[0]!.listingNo), { username: 'deputy' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'owned' });
    const free = await deputy.put(owner(mine[3]!.listingNo), { username: 'deputy' });
    expect(free.statusCode).toBe(200);
    const moved = await (await app.as('commander')).put(owner(mine[3]!.listingNo), { username: 'leader' });
    expect(moved.json()).toMatchObject({ owner: { username: 'leader' }, assignedBy: 'commander' });
    const done = await (await app.as('leader')).put(owner(cleared.listingNo), { username: 'leader' });
    expect(done.statusCode).toBe(409);
    expect(done.json()).toMatchObject({ code: 'cleared' });
  });

  it('lets a commander or an administrator set the liaison units of a leader', async () => {
    const url = '/api/leaders/leader/liaisons';
    const set = await (
      await app.as('commander')
    ).put(url, { units: ['630102-02', '630102-01', '630102-01'] });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      username: 'leader',
      units: [
        { code: '630102-01', name: someText, kind: 'station' },
        { code: '630102-02', name: someText, kind: 'station' },
      ],
    });
    const admin = await (await app.as('admin')).put('/api/leaders/leader2/liaisons', { units: ['630103'] });
    expect(admin.statusCode).toBe(200);
    expect((await (await app.as('leader')).put(url, { units: [] })).statusCode).toBe(403);
    const unknown = await (await app.as('commander')).put(url, { units: ['999999'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_unit', field: 'units' });
    const notLeader = await (await app.as('commander')).put('/api/leaders/officer/liaisons', { units: [] });
    expect(notLeader.json()).toMatchObject({ code: 'not_a_leader' });
  });

  it('lists the leaders of the caller’s units with their liaison units and owned cases', async () => {
    const stationOnly = await (await app.as('officer2')).get('/api/leaders');
    expect(stationOnly.json<{ leaders: unknown[] }>().leaders).toEqual([]); // no leader sits in 630103-01
    const res = await (await app.as('commander')).get('/api/leaders');
    expect(res.statusCode).toBe(200);
    const { leaders } = res.json<{
      leaders: { username: string; liaisonUnits: { code: string }[]; ownedCases: object }[];
    }>();
    expect(leaders.map((l) => l.username)).toEqual(['deputy', 'leader', 'leader2']);
    expect(leaders[1]).toMatchObject({
      username: 'leader',
      displayName: someText,
      unit: { code: '630102' },
      liaisonUnits: [{ code: '630102-01' }, { code: '630102-02' }],
      ownedCases: { active: 3, cleared: 0 },
    });
    expect(leaders[0]!.ownedCases).toEqual({ active: 0, cleared: 0 });
  });

  it("shows a leader's page: liaison units with today's campaign figures, owned cases as they move", async () => {
    const leader = await app.as('leader');
    const page = (await leader.get('/api/leaders/leader')).json<LeaderPage>();
    const standings = (await leader.get('/api/standings')).json<{
      campaign: string;
      units: ({ code: string } & Record<string, unknown>)[];
    }>();
    expect(page.campaign).toMatchObject({ name: standings.campaign, asOf: TODAY });
    expect(page.liaisonUnits.map((u) => u.code)).toEqual(['630102-01', '630102-02']);
    for (const unit of page.liaisonUnits) {
      const standing = standings.units.find((s) => s.code === unit.code)!;
      const figures = Object.fromEntries(Object.entries(standing).filter(([k]) => !UNIT_FIELDS.includes(k)));
      expect(unit.figures).toEqual(figures);
    }
    expect(page.ownedCases).toEqual({ active: 3, cleared: 0 });
    expect(page.cases.map((c) => c.listingNo).sort()).toEqual(
      [mine[0]!.listingNo, mine[1]!.listingNo, mine[3]!.listingNo].sort(),
    );

    // The case moves: the unit claims the arrest, an inspector verifies it.
    const moving = mine[0]!;
    const claim = await leader.post('/api/clearances', {
      listingNo: moving.listingNo,
      kind: 'arrest',
      occurredOn: addDays(TODAY, -2),
      evidenceRef: '西公(东)拘字[2026]101号',
      capturingUnit: moving.listingUnit!.code,
    });
    expect(claim.statusCode).toBe(201);
    const claimId = claim.json<{ id: number; status: string }>().id;
    const pending = (await leader.get('/api/leaders/leader')).json<LeaderPage>();
    const claimed = pending.cases.find((c) => c.listingNo === moving.listingNo)!;
    expect(claimed.status).toBe('active');
    expect(claimed.latestClaim).toMatchObject({
      id: claimId,
      kind: 'arrest',
      status: 'pending',
      occurredOn: addDays(TODAY, -2),
    });

    const verified = await (await app.as('inspector')).post(`/api/clearances/${claimId}/verify`, {});
    expect(verified.statusCode).toBe(200);
    const after = (await leader.get('/api/leaders/leader')).json<LeaderPage>();
    expect(after.ownedCases).toEqual({ active: 2, cleared: 1 });
    expect(after.cases.at(-1)).toMatchObject({
      listingNo: moving.listingNo,
      status: 'cleared',
      exit: { on: addDays(TODAY, -2), kind: 'arrest', unit: { code: moving.listingUnit!.code } },
      latestClaim: { id: claimId, status: 'verified' },
    });
  });

  it("keeps a leader's page to their own units, and to leaders", async () => {
    expect((await (await app.as('commander')).get('/api/leaders/leader')).statusCode).toBe(200);
    expect((await (await app.as('deputy')).get('/api/leaders/leader')).statusCode).toBe(200);
    const leader2 = await app.as('leader2');
    expect((await leader2.get('/api/leaders/leader2')).statusCode).toBe(200);
    expect((await leader2.get('/api/leaders/leader')).statusCode).toBe(403);
    expect((await (await app.as('officer2')).get('/api/leaders/leader')).statusCode).toBe(403);
    expect((await (await app.as('commander')).get('/api/leaders/officer')).statusCode).toBe(404);
    expect((await (await app.as('commander')).get('/api/leaders/nobody')).statusCode).toBe(404);
    expect((await app.anonymous.get('/api/leaders')).statusCode).toBe(401);
  });

  it('keeps the audit chain whole', async () => {
    const check = await verifyAuditChain(app.store.db);
    expect(check.ok).toBe(true);
    const actions = await app.store.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'entity_id'])
      .where('action', 'in', ['case_owner.assign', 'leader.liaisons'])
      .orderBy('seq')
      .execute();
    expect(actions.filter((a) => a.action === 'case_owner.assign')).toHaveLength(4);
    // The demo city sets the leader's liaison units first; then this file's two changes.
    expect(actions.filter((a) => a.action === 'leader.liaisons').map((a) => a.entity_id)).toEqual([
      'leader',
      'leader',
      'leader2',
    ]);
  });
});
