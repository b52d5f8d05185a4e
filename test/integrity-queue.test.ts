// The inspectors' side of issue 7 over HTTP: findings queued when a claim is made, the queue's
// workflow (a confirmation rejects the false claim and corrects the figures), the campaign's
// thresholds, the weekly quality sample reproducible from its logged seed, and signed anchors.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSample } from '../src/areas/integrity/queue-rules.ts';
import { findAnomalies } from '../src/areas/integrity/service.ts';
import { addUser } from '../src/areas/accounts/service.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { type Client, type TestApp, NOW, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

interface Finding {
  id: number;
  rule: string;
  listingNo: string | null;
  status: string;
  claimIds: number[];
  claims: { id: number; listingNo: string }[];
}

describe.each(DIALECTS)('integrity queue on %s', (dialect) => {
  let app: TestApp;
  let officer: Client;
  let officer2: Client;
  let inspector: Client;
  let commander: Client;
  let listingNo: string;
  let claims: { first: number; second: number };
  /** A second remote listing nobody has claimed. */
  let spare: string;

  async function queue(query = ''): Promise<{ items: Finding[]; counts: Record<string, number> }> {
    const res = await inspector.get(`/api/anomalies?pageSize=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  async function remoteCaptures(unit: string): Promise<number> {
    const res = await inspector.get('/api/standings');
    type Unit = { code: string; captures: { remote: number } };
    return res.json<{ units: Unit[] }>().units.find((u) => u.code === unit)!.captures.remote;
  }

  beforeAll(async () => {
    app = await startApp(dialect, 600, { anchorKey: generateKeyPairSync('ed25519').privateKey });
    officer = await app.as('officer');
    officer2 = await app.as('officer2');
    inspector = await app.as('inspector');
    commander = await app.as('commander');
    const remote = await inspector.get('/api/fugitives?status=active&origin=remote&pageSize=50');
    const taken = new Set(
      (
        await app.store.db
          .selectFrom('clearances as c')
          .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
          .select('f.listing_no')
          .execute()
      ).map((r) => r.listing_no),
    );
    const free = remote
      .json<{ items: { listingNo: string }[] }>()
      .items.filter((f) => !taken.has(f.listingNo))
      .map((f) => f.listingNo);
    listingNo = free[0]!;
    spare = free[1]!;
    const ctx = contextFor(app.store, NOW, 'test');
    for (const [username, unitCode, roles] of [
      ['officer3', '630104-01', ['officer']],
      ['inspector-630103', '630103', ['inspector']],
    ] as const)
      await addUser(ctx, {
        username,
        displayName: username,
        unitCode,
        roles: [...roles],
        password: DEMO_PASSWORD,
      });
    const arrest = {
      listingNo,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0101号',
    };
    const first = await officer.post('/api/clearances', arrest);
    const second = await officer2.post('/api/clearances', {
      ...arrest,
      evidenceRef: '西公拘字〔2026〕0102号',
    });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    claims = { first: first.json<{ id: number }>().id, second: second.json<{ id: number }>().id };
  });
  afterAll(() => app.close());

  it('queues a duplicate claim as soon as the second unit claims the person', async () => {
    const { items } = await queue('&rule=duplicate-claim');
    const finding = items.find((f) => f.listingNo === listingNo);
    expect(finding).toMatchObject({
      status: 'open',
      claimIds: [claims.first, claims.second],
      // Each claim with its listing, for the web app's link to the case page.
      claims: [
        { id: claims.first, listingNo },
        { id: claims.second, listingNo },
      ],
    });
  });

  it('keeps the rules out of reach of officers and leaders', async () => {
    expect((await officer.get('/api/anomalies')).statusCode).toBe(403);
    expect((await (await app.as('leader')).post('/api/anomalies/scan', {})).statusCode).toBe(403);
  });

  it('runs through investigating to confirmed, rejecting the false claim and correcting the figures', async () => {
    expect((await inspector.post(`/api/clearances/${claims.first}/verify`, {})).statusCode).toBe(200);
    const before = await remoteCaptures('630102-01');
    const finding = (await queue('&rule=duplicate-claim')).items.find((f) => f.listingNo === listingNo)!;

    const investigating = await inspector.post(`/api/anomalies/${finding.id}/transition`, {
      to: 'investigating',
    });
    expect(investigating.json()).toMatchObject({ status: 'investigating', handledBy: 'inspector' });
    const noNote = await inspector.post(`/api/anomalies/${finding.id}/transition`, { to: 'dismissed' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ field: 'note' });
    const foreign = await inspector.post(`/api/anomalies/${finding.id}/transition`, {
      to: 'confirmed',
      note: 'x',
      rejectClaimIds: [999_999],
    });
    expect(foreign.json()).toMatchObject({ field: 'rejectClaimIds' });

    const confirmed = await inspector.post(`/api/anomalies/${finding.id}/transition`, {
      to: 'confirmed',
      note: 'the detention notice belongs to another person',
      rejectClaimIds: [claims.first],
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      decisionNote: 'the detention notice belongs to another person',
    });
    const claim = await app.store.db
      .selectFrom('clearances')
      .selectAll()
      .where('id', '=', claims.first)
      .executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ status: 'rejected', decided_by: 'inspector' });
    expect(claim.decision_reason).toContain(`anomaly #${finding.id}`);
    expect(await remoteCaptures('630102-01')).toBe(before - 1);

    const again = await inspector.post(`/api/anomalies/${finding.id}/transition`, {
      to: 'dismissed',
      note: 'n',
    });
    expect(again.statusCode).toBe(409);
    const events = await app.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'anomaly')
      .where('entity_id', '=', String(finding.id))
      .orderBy('seq')
      .execute();
    // Found in a run recorded as one event naming the findings' keys; then the verification changed
    // the finding's reason ("pending" became "verified"): a refresh.
    const found = await app.store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'anomalies.found')
      .execute();
    expect(found.some((e) => e.after_json!.includes(`duplicate-claim:fugitive-`))).toBe(true);
    expect(events.map((e) => e.action)).toEqual([
      'anomaly.refresh',
      'anomaly.investigating',
      'anomaly.confirmed',
    ]);
    expect((await queue('&status=confirmed')).counts.confirmed).toBeGreaterThanOrEqual(1);
  });

  it('lets the commander change the thresholds, checked field by field and audited', async () => {
    const campaign = (await app.store.db.selectFrom('campaigns').select('name').executeTakeFirstOrThrow())
      .name;
    const url = `/api/campaigns/${encodeURIComponent(campaign)}/integrity-settings`;
    const defaults = (await inspector.get(url)).json<Record<string, number>>();
    expect(defaults).toMatchObject({
      relistWithinDays: 90,
      jumpMinCaptures: 5,
      jumpSigmas: 3,
      sampleSize: 10,
    });
    expect((await inspector.put(url, defaults)).statusCode).toBe(403);
    const bad = await commander.put(url, { ...defaults, jumpSigmas: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('jumpSigmas');
    // The rules read the campaign's settings: a low bar finds weekly jumps, a high one none.
    const jumps = async () =>
      (await findAnomalies(contextFor(app.store, NOW, 'test'))).filter((f) => f.rule === 'results-jump');
    await commander.put(url, { ...defaults, jumpMinCaptures: 1, jumpSigmas: 0.01 });
    expect((await jumps()).length).toBeGreaterThan(0);
    const changed = await commander.put(url, { ...defaults, jumpMinCaptures: 1000, sampleSize: 3 });
    expect(changed.json()).toMatchObject({ jumpMinCaptures: 1000, sampleSize: 3 });
    expect(await jumps()).toEqual([]);
    const scan = await inspector.post('/api/anomalies/scan', {});
    expect(scan.statusCode).toBe(200);
    expect((await queue('&rule=results-jump')).items).toEqual([]);
    const audit = await app.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'integrity.settings')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('draws a weekly sample that anyone can reproduce from the seed in the audit log', async () => {
    const drawn = await inspector.post('/api/quality-samples', {});
    expect(drawn.statusCode).toBe(201);
    const sample = drawn.json<{
      id: number;
      week: number;
      from: string;
      to: string;
      seed: string;
      candidates: number;
      checks: { clearanceId: number }[];
    }>();
    expect(sample.checks).toHaveLength(Math.min(3, sample.candidates)); // the sample size set above
    expect(sample.candidates).toBeGreaterThan(3);
    expect((await inspector.post('/api/quality-samples', { week: sample.week })).statusCode).toBe(409);

    const logged = await app.store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'quality.sample')
      .executeTakeFirstOrThrow();
    const { seed, chosen } = JSON.parse(logged.after_json!) as { seed: string; chosen: number[] };
    expect(seed).toBe(sample.seed);
    // The candidates: every verified result of the campaign up to the week's end (none sampled before).
    const campaign = await app.store.db.selectFrom('campaigns').select('start_on').executeTakeFirstOrThrow();
    const candidates = await app.store.db
      .selectFrom('clearances')
      .select('id')
      .where('status', '=', 'verified')
      .where('occurred_on', '>=', campaign.start_on)
      .where('occurred_on', '<=', sample.to)
      .execute();
    expect(
      drawSample(
        seed,
        candidates.map((c) => c.id),
        3,
      ),
    ).toEqual(chosen);
    expect(sample.checks.map((c) => c.clearanceId)).toEqual(chosen);

    const target = `/api/quality-samples/${sample.id}/checks/${chosen[0]}`;
    const unexplained = await inspector.post(target, { result: 'discrepancy' });
    expect(unexplained.json()).toMatchObject({ field: 'note' });
    expect((await inspector.post(target, { result: 'consistent', note: '' })).statusCode).toBe(200);
    const listed = await commander.get('/api/quality-samples');
    expect(
      listed.json<{ items: { checks: { result: string | null }[] }[] }>().items[0]!.checks[0]!.result,
    ).toBe('consistent');
  });

  it('signs an anchor on request and reports the history intact', async () => {
    const anchored = await inspector.post('/api/audit/anchors', {});
    expect(anchored.statusCode).toBe(201);
    const history = await commander.get('/api/audit/history');
    expect(history.json()).toMatchObject({
      ok: true,
      anchors: 1,
      anchorProblems: [],
      signaturesChecked: true,
      records: { drifted: [] },
    });
  });

  it('keeps an inspector of a unit concerned from deciding, and reopens a dismissed finding when a claim is added', async () => {
    const arrest = {
      listingNo: spare,
      kind: 'arrest',
      occurredOn: '2026-11-26',
      evidenceRef: '西公拘字〔2026〕0201号',
    };
    expect((await officer.post('/api/clearances', arrest)).statusCode).toBe(201);
    expect((await officer2.post('/api/clearances', arrest)).statusCode).toBe(201);
    const finding = (await queue('&rule=duplicate-claim&status=open')).items.find(
      (f) => f.listingNo === spare,
    )!;
    // 630103 sits above the second claimant's station: it may not judge the finding.
    const above = await (
      await app.as('inspector-630103')
    ).post(`/api/anomalies/${finding.id}/transition`, {
      to: 'dismissed',
      note: 'ours is right',
    });
    expect(above.statusCode).toBe(409);
    expect(above.body).toContain('unit concerned');

    const dismissed = await inspector.post(`/api/anomalies/${finding.id}/transition`, {
      to: 'dismissed',
      note: 'a joint arrest: both stations took part',
    });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed' });
    expect((await (await app.as('officer3')).post('/api/clearances', arrest)).statusCode).toBe(201);
    const reopened = (await queue('&rule=duplicate-claim&status=open')).items.find(
      (f) => f.id === finding.id,
    );
    expect(reopened).toMatchObject({ status: 'open', handledBy: null });
    expect(reopened!.claimIds).toHaveLength(3);
    const actions = await app.store.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'anomaly')
      .where('entity_id', '=', String(finding.id))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['anomaly.dismissed', 'anomaly.reopen']);
  });

  it('lets only the bureau inspectorate sample, only finished weeks, and keeps a recorded result', async () => {
    const local = await (await app.as('inspector-630103')).post('/api/quality-samples', {});
    expect(local.statusCode).toBe(403);
    const current = await inspector.post('/api/quality-samples', { week: 6 }); // 2026-11-23 to 11-29: not over
    expect(current.statusCode).toBe(400);
    expect(current.body).toContain('is not over yet');
    const sample = (await inspector.get('/api/quality-samples')).json<{
      items: { id: number; checks: { clearanceId: number; result: string | null }[] }[];
    }>().items[0]!;
    const checked = sample.checks.find((c) => c.result !== null)!;
    const again = await inspector.post(`/api/quality-samples/${sample.id}/checks/${checked.clearanceId}`, {
      result: 'discrepancy',
      note: 'changed my mind',
    });
    expect(again.statusCode).toBe(409);
  });

  it('reverses the ledger of the rejected claim and criticises the fabrication in the next bulletin, anchored', async () => {
    const entries = await app.store.db
      .selectFrom('ledger_entries')
      .select(['points', 'reverses_id'])
      .where('clearance_id', '=', claims.first)
      .orderBy('id')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(2); // booked when verified, reversed when confirmed false
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe(0);
    expect(entries.at(-1)!.reverses_id).not.toBeNull();

    const campaign = (await app.store.db.selectFrom('campaigns').select('name').executeTakeFirstOrThrow())
      .name;
    const anchorsBefore = (await app.store.db.selectFrom('audit_anchors').select('seq').execute()).length;
    const issued = await commander.post(`/api/campaigns/${encodeURIComponent(campaign)}/bulletins`, {});
    expect(issued.statusCode).toBe(201);
    const { id, chainHead } = issued.json<{ id: number; chainHead: string }>();
    const html = (await commander.get(`/api/bulletins/${id}/file?format=html`)).body;
    expect(html).toContain(`查实虚报战果（两个单位认领同一人，${listingNo}）`);
    expect(html).toContain('the detention notice belongs to another person');
    const english = (await commander.get(`/api/bulletins/${id}/file?format=html&lang=en`)).body;
    expect(english).toContain(`fabricated results confirmed (claimed by two units, ${listingNo})`);
    const anchors = await app.store.db.selectFrom('audit_anchors').selectAll().orderBy('seq').execute();
    expect(anchors).toHaveLength(anchorsBefore + 1);
    // The anchor covers the head printed on the bulletin: three events later (the issue, the seal of
    // the tables the figures were read from, the anchor request).
    const printed = await app.store.db
      .selectFrom('audit_events')
      .select('seq')
      .where('hash', '=', chainHead)
      .executeTakeFirstOrThrow();
    expect(anchors.at(-1)!.seq).toBe(printed.seq + 3);
  });
});
