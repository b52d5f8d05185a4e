import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { addUser } from '../src/areas/accounts/service.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { LIMITS } from '../src/shared/limits.ts';
import { type Client, NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

interface Fugitive {
  listingNo: string;
  listingUnit: { code: string } | null;
}
interface Unit {
  code: string;
  cleared: number;
  cancellations: number;
  captures: { local: number; remote: number };
}

describe.each(DIALECTS)('the claim → verify workflow over HTTP on %s', (dialect) => {
  let app: TestApp;
  let officer: Client;
  let officer2: Client;
  let inspector: Client;
  let leader: Client;

  /** Active fugitives of a unit listed before the campaign's baseline date, or remote ones when unit is null. */
  async function activeFugitives(unit: string | null): Promise<string[]> {
    const filter = unit ? `unit=${unit}&origin=local&listedTo=2026-10-18` : 'origin=remote';
    const res = await inspector.get(`/api/fugitives?status=active&pageSize=50&${filter}`);
    const listingNos = res.json<{ items: Fugitive[] }>().items.map((f) => f.listingNo);
    const claimed = await app.store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select('f.listing_no')
      .where('c.status', 'in', ['pending', 'approved', 'verified'])
      .execute();
    const taken = new Set(claimed.map((c) => c.listing_no));
    return listingNos.filter((n) => !taken.has(n)); // no claim stands on them yet
  }
  async function figures(code: string): Promise<Unit> {
    const res = await inspector.get('/api/standings');
    return res.json<{ units: Unit[] }>().units.find((u) => u.code === code)!;
  }
  const arrest = (listingNo: string, extra: object = {}) => ({
    listingNo,
    kind: 'arrest',
    occurredOn: '2026-11-27',
    evidenceRef: '西公拘字〔2026〕0001号',
    place: '西宁市城东区',
    ...extra,
  });

  beforeAll(async () => {
    app = await startApp(dialect, 3000); // enough active listings in one station for every case below
    officer = await app.as('officer');
    officer2 = await app.as('officer2');
    inspector = await app.as('inspector');
    leader = await app.as('leader');
  });
  afterAll(() => app.close());

  it('counts a claim only once an inspector of another unit verifies it', async () => {
    const [listingNo] = await activeFugitives('630102-01');
    const before = await figures('630102-01');
    const claim = await officer.post('/api/clearances', arrest(listingNo!));
    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({
      status: 'pending',
      claimedBy: 'officer',
      capturingUnit: { code: '630102-01' },
    });
    expect(await figures('630102-01')).toEqual(before);

    const verified = await inspector.post(`/api/clearances/${claim.json<{ id: number }>().id}/verify`, {});
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', decidedBy: 'inspector' });
    const after = await figures('630102-01');
    expect(after.cleared).toBe(before.cleared + 1);
    expect(after.captures.local).toBe(before.captures.local + 1);

    const again = await inspector.post(`/api/clearances/${claim.json<{ id: number }>().id}/verify`, {});
    expect(again.statusCode).toBe(409); // stale: already verified
    const timeline = (await officer.get(`/api/fugitives/${listingNo}`)).json<{
      timeline: { action: string }[];
    }>();
    expect(timeline.timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['fugitive.listed', 'clearance.claim', 'clearance.verify']),
    );
  });

  it('refuses a document number longer than its limit, keyed with the field and the limit, and stores nothing', async () => {
    const [listingNo] = await activeFugitives('630102-01');
    const long = 'X'.repeat(LIMITS.documentNumber + 1);
    const refused = await officer.post('/api/clearances', arrest(listingNo!, { evidenceRef: long }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'too_long',
      field: 'evidenceRef',
      params: { field: 'evidenceRef', limit: 64 },
    });
    const stored = await app.store.db
      .selectFrom('clearances')
      .select('id')
      .where('evidence_ref', '=', long)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses claims without evidence, in the future, or before the listing, naming the field', async () => {
    const [listingNo] = await activeFugitives('630102-01');
    const noEvidence = await officer.post('/api/clearances', arrest(listingNo!, { evidenceRef: '' }));
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json()).toMatchObject({ code: 'detention_notice_required', field: 'evidenceRef' });
    const future = await officer.post('/api/clearances', arrest(listingNo!, { occurredOn: '2026-12-01' }));
    expect(future.json()).toMatchObject({
      code: 'in_future',
      field: 'occurredOn',
      params: { value: '2026-12-01' },
    });
    const early = await officer.post('/api/clearances', arrest(listingNo!, { occurredOn: '1990-01-01' }));
    expect(early.json()).toMatchObject({ code: 'before_listing', field: 'occurredOn' });
    const badDate = await officer.post('/api/clearances', arrest(listingNo!, { occurredOn: '2026-11-31' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'not_a_date', field: 'occurredOn' });
  });

  it('refuses the wrong role, another sub-bureau, and a verifier of the claimant’s unit', async () => {
    const [listingNo] = await activeFugitives('630102-01');
    expect((await inspector.post('/api/clearances', arrest(listingNo!))).statusCode).toBe(403); // role
    const outOfScope = await officer2.post('/api/clearances', arrest(listingNo!));
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json()).toMatchObject({ code: 'out_of_scope' });
    expect((await officer2.get(`/api/fugitives/${listingNo}`)).statusCode).toBe(403);

    const claim = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    expect((await officer.post(`/api/clearances/${claim.id}/verify`, {})).statusCode).toBe(403); // role
    await addUser(contextFor(app.store, NOW, 'admin'), {
      username: 'station-inspector',
      displayName: '所督察',
      unitCode: '630102-01',
      roles: ['inspector'],
      password: DEMO_PASSWORD,
    });
    const sameUnit = await (await app.as('station-inspector')).post(`/api/clearances/${claim.id}/verify`, {});
    expect(sameUnit.statusCode).toBe(409);
    expect(sameUnit.json<{ message: string }>().message).toContain("claimant's unit");
    const rejected = await inspector.post(`/api/clearances/${claim.id}/reject`, { reason: '' });
    expect(rejected.json()).toMatchObject({ code: 'required', field: 'reason' });
    const done = await inspector.post(`/api/clearances/${claim.id}/reject`, { reason: '拘留证号与案件不符' });
    expect(done.json()).toMatchObject({ status: 'rejected', decisionReason: '拘留证号与案件不符' });
  });

  it('needs a reason and a second approver for a cancellation, and never counts it as cleared', async () => {
    const [, listingNo] = await activeFugitives('630102-01');
    const before = await figures('630102-01');
    const cancel = { listingNo, kind: 'cancellation', occurredOn: '2026-11-26' };
    const noReason = await officer.post('/api/clearances', cancel);
    expect(noReason.json()).toMatchObject({ code: 'reason_required', field: 'reasonCode' });
    const claim = (
      await officer.post('/api/clearances', { ...cancel, reasonCode: 'warrant_withdrawn' })
    ).json<{ id: number }>();
    const early = await inspector.post(`/api/clearances/${claim.id}/verify`, {});
    expect(early.statusCode).toBe(409);
    expect((await officer.post(`/api/clearances/${claim.id}/approve`, {})).statusCode).toBe(403);
    const approved = await leader.post(`/api/clearances/${claim.id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: 'leader' });
    expect((await inspector.post(`/api/clearances/${claim.id}/verify`, {})).json()).toMatchObject({
      status: 'verified',
    });
    const after = await figures('630102-01');
    expect(after.cleared).toBe(before.cleared);
    expect(after.cancellations).toBe(before.cancellations + 1);
  });

  it('lets a leader refuse a cancellation with a reason: turned down, audited, never verified', async () => {
    const [, , listingNo] = await activeFugitives('630102-01');
    const cancel = {
      listingNo,
      kind: 'cancellation',
      occurredOn: '2026-11-26',
      reasonCode: 'warrant_withdrawn',
    };
    const claim = (await officer.post('/api/clearances', cancel)).json<{ id: number }>();
    expect((await officer.post(`/api/clearances/${claim.id}/refuse`, { reason: 'x' })).statusCode).toBe(403);
    const noReason = await leader.post(`/api/clearances/${claim.id}/refuse`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const refused = await leader.post(`/api/clearances/${claim.id}/refuse`, { reason: '撤销依据不足' });
    expect(refused.json()).toMatchObject({
      status: 'rejected',
      decidedBy: 'leader',
      decisionReason: '撤销依据不足',
    });
    // The people by name, not login.
    const name = await app.store.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    expect(refused.json()).toMatchObject({ decidedByName: name.display_name });
    const again = await leader.post(`/api/clearances/${claim.id}/approve`, {});
    expect(again.json()).toMatchObject({ code: 'claim_decided', params: { status: 'rejected' } });
    expect((await inspector.post(`/api/clearances/${claim.id}/verify`, {})).statusCode).toBe(409);
    const events = await app.store.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_type', '=', 'clearance')
      .where('entity_id', '=', String(claim.id))
      .execute();
    expect(events.map((e) => e.action)).toContain('clearance.refuse');
  });

  it("needs the death record's number and a second approver for a death", async () => {
    // A remote listing (open to every unit), the last of them: the station's own listings are
    // all taken by the other tests.
    const listingNo = (await activeFugitives(null)).at(-1)!;
    const death = { listingNo, kind: 'death', occurredOn: '2026-11-26' };
    const noRecord = await officer.post('/api/clearances', death);
    expect(noRecord.json()).toMatchObject({ code: 'death_record_required', field: 'evidenceRef' });
    const claim = (
      await officer.post('/api/clearances', { ...death, evidenceRef: '死亡证明〔2026〕0031号' })
    ).json<{ id: number }>();
    const early = await inspector.post(`/api/clearances/${claim.id}/verify`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json<{ message: string }>().message).toContain('a death needs a second approver');
    const approved = await leader.post(`/api/clearances/${claim.id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: 'leader' });
    expect((await inspector.post(`/api/clearances/${claim.id}/verify`, {})).json()).toMatchObject({
      status: 'verified',
    });
  });

  it('holds a second claim on the same person as a conflict, even when both arrive at once', async () => {
    const remote = await activeFugitives(null);
    for (const listingNo of remote.slice(0, 3)) {
      const [a, b] = await Promise.all([
        officer.post('/api/clearances', arrest(listingNo)),
        officer2.post('/api/clearances', arrest(listingNo)),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      const statuses = [a, b].map((r) => r.json<{ status: string }>().status).sort();
      expect(statuses).toEqual(['conflict', 'pending']);
      const conflict = [a, b].find((r) => r.json<{ status: string }>().status === 'conflict')!;
      const standing = [a, b].find((r) => r.json<{ status: string }>().status === 'pending')!;
      const refused = await inspector.post(
        `/api/clearances/${conflict.json<{ id: number }>().id}/verify`,
        {},
      );
      expect(refused.statusCode).toBe(409);
      await inspector.post(`/api/clearances/${standing.json<{ id: number }>().id}/verify`, {});
    }
    // Exactly one counted capture per person, across both units.
    const [p1, p2] = [await figures('630102-01'), await figures('630103-01')];
    const queue = await inspector.get('/api/clearances?status=conflict&pageSize=200');
    expect(queue.json<{ total: number }>().total).toBeGreaterThanOrEqual(3);
    const capturesBefore = p1.captures.remote + p2.captures.remote;
    expect(capturesBefore).toBeGreaterThanOrEqual(3);
    const verified = await app.store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select(['f.listing_no'])
      .where('f.listing_no', 'in', remote.slice(0, 3))
      .where('c.status', '=', 'verified')
      .execute();
    expect(verified.map((v) => v.listing_no).sort()).toEqual(remote.slice(0, 3).sort());
  });

  it('corrects a claim with a new one that names it; the old one is kept, superseded', async () => {
    const [, , listingNo] = await activeFugitives('630102-01');
    const first = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    await inspector.post(`/api/clearances/${first.id}/verify`, {});
    const counted = await figures('630102-01');
    const corrected = await officer.post(
      `/api/clearances/${first.id}/correct`,
      arrest(listingNo!, { occurredOn: '2026-11-25', evidenceRef: '西公拘字〔2026〕0002号' }),
    );
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({
      status: 'pending',
      supersedesId: first.id,
      occurredOn: '2026-11-25',
    });
    const claims = (await officer.get(`/api/clearances?listingNo=${listingNo}`)).json<{
      items: { id: number; status: string }[];
    }>();
    expect(claims.items.find((c) => c.id === first.id)).toMatchObject({ status: 'superseded' });
    expect((await figures('630102-01')).cleared).toBe(counted.cleared - 1); // until the correction is verified
  });

  it('never verifies a cancellation without its second approver, even one held as a conflict', async () => {
    const [, , , listingNo] = await activeFugitives('630102-01');
    const standing = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    const cancel = (
      await officer.post('/api/clearances', {
        listingNo,
        kind: 'cancellation',
        occurredOn: '2026-11-26',
        reasonCode: 'no_prosecution',
      })
    ).json<{ id: number; status: string }>();
    expect(cancel.status).toBe('conflict');
    await inspector.post(`/api/clearances/${standing.id}/reject`, { reason: '证据不足' });
    const early = await inspector.post(`/api/clearances/${cancel.id}/verify`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json<{ message: string }>().message).toContain('second approver');
    expect((await leader.post(`/api/clearances/${cancel.id}/approve`, {})).json()).toMatchObject({
      approvedBy: 'leader',
    });
    expect((await inspector.post(`/api/clearances/${cancel.id}/verify`, {})).json()).toMatchObject({
      status: 'verified',
    });
  });

  it('refuses an inspector above or below the claiming or listing unit, short of the bureau', async () => {
    const [, , , , listingNo] = await activeFugitives('630102-01');
    const claim = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    await addUser(contextFor(app.store, NOW, 'admin'), {
      username: 'subbureau-inspector',
      displayName: '分局督察',
      unitCode: '630102',
      roles: ['inspector'],
      password: DEMO_PASSWORD,
    });
    const above = await (await app.as('subbureau-inspector')).post(`/api/clearances/${claim.id}/verify`, {});
    expect(above.statusCode).toBe(409);
    expect(above.json<{ message: string }>().message).toContain('above or below');
    expect((await inspector.post(`/api/clearances/${claim.id}/verify`, {})).statusCode).toBe(200);
  });

  it('decides a claim once when two inspectors act on it at the same moment', async () => {
    const [, , , , , listingNo, other] = await activeFugitives('630102-01');
    await addUser(contextFor(app.store, NOW, 'admin'), {
      username: 'inspector-b',
      displayName: '督察乙',
      unitCode: '630100',
      roles: ['inspector'],
      password: DEMO_PASSWORD,
    });
    const second = await app.as('inspector-b');
    const claim = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    const both = await Promise.all([
      inspector.post(`/api/clearances/${claim.id}/verify`, {}),
      second.post(`/api/clearances/${claim.id}/verify`, {}),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    // A verification and a rejection: never a 500, and the claim ends as the last decision left it.
    const filed = await officer.post('/api/clearances', arrest(other!));
    expect(filed.statusCode, `${other} ${filed.body.slice(0, 200)}`).toBe(201);
    const next = filed.json<{ id: number }>();
    const [v, r] = await Promise.all([
      inspector.post(`/api/clearances/${next.id}/verify`, {}),
      second.post(`/api/clearances/${next.id}/reject`, { reason: '同时处理' }),
    ]);
    expect(
      [v.statusCode, r.statusCode].every((s) => s === 200 || s === 409),
      `${v.statusCode} ${v.body.slice(0, 200)} / ${r.statusCode} ${r.body.slice(0, 200)}`,
    ).toBe(true);
    const final = await app.store.db
      .selectFrom('clearances')
      .select('status')
      .where('id', '=', next.id)
      .executeTakeFirstOrThrow();
    expect(final.status).toBe(r.statusCode === 200 ? 'rejected' : 'verified');
  });

  it('lets only the claiming unit correct a claim, and links the correction in the audit chain', async () => {
    const [listingNo] = await activeFugitives('630102-01');
    const claim = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    const stranger = await officer2.post(`/api/clearances/${claim.id}/correct`, arrest(listingNo!));
    expect(stranger.statusCode).toBe(403);
    const corrected = (
      await officer.post(
        `/api/clearances/${claim.id}/correct`,
        arrest(listingNo!, { occurredOn: '2026-11-26' }),
      )
    ).json<{ id: number }>();
    const event = await app.store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'clearance.claim')
      .where('entity_id', '=', String(corrected.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ supersedesId: claim.id });
  });

  it('shows each unit only its own claims on a remote listing', async () => {
    const [listingNo] = await activeFugitives(null);
    const mine = (await officer.post('/api/clearances', arrest(listingNo!))).json<{ id: number }>();
    await officer2.post('/api/clearances', arrest(listingNo!)); // held as a conflict
    const seenBy = async (client: Client) =>
      (await client.get(`/api/fugitives/${listingNo}`)).json<{ claims: { claimedBy: string }[] }>().claims;
    expect((await seenBy(officer)).map((c) => c.claimedBy)).toEqual(['officer']);
    expect((await seenBy(officer2)).map((c) => c.claimedBy)).toEqual(['officer2']);
    expect((await seenBy(inspector)).map((c) => c.claimedBy).sort()).toEqual(['officer', 'officer2']);
    expect(mine.id).toBeGreaterThan(0);
  });

  it('keeps the audit chain intact through all of it', async () => {
    expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
    const actors = await app.store.db.selectFrom('audit_events').select('actor').distinct().execute();
    expect(actors.map((a) => a.actor)).toEqual(expect.arrayContaining(['officer', 'inspector', 'leader']));
  });
});
