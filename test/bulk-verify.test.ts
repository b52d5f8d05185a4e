import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/areas/accounts/service.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { type Client, NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

type Result = {
  id: number;
  claim?: { status: string; decisionReason: string | null };
  error?: { code: string };
};

describe.each(DIALECTS)('bulk verification on %s', (dialect) => {
  let app: TestApp;
  let officer: Client;
  let inspector: Client;

  /** A new pending arrest on each of n unclaimed active listings of the officer's station. */
  async function pendingArrests(n: number): Promise<number[]> {
    const taken = app.store.db
      .selectFrom('clearances')
      .select('fugitive_id')
      .where('status', 'in', ['pending', 'approved', 'verified']);
    const rows = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is', null)
      .where('f.listed_on', '<=', '2026-10-18')
      .where('f.id', 'not in', taken)
      .orderBy('f.listing_no')
      .limit(n)
      .execute();
    expect(rows).toHaveLength(n);
    const ids: number[] = [];
    for (const { listing_no } of rows) {
      const res = await officer.post('/api/clearances', {
        listingNo: listing_no,
        kind: 'arrest',
        occurredOn: '2026-11-27',
        evidenceRef: '西公拘字〔2026〕0002号',
        place: '西宁市城东区',
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ id: number }>().id);
    }
    return ids;
  }
  const BASIS = '逐案核对抓获通知书与拘留证，均属实';
  const verifyEvents = (id: number) =>
    app.store.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'clearance.verify')
      .where('entity_type', '=', 'clearance')
      .where('entity_id', '=', String(id))
      .execute();

  beforeAll(async () => {
    app = await startApp(dialect, 1500);
    officer = await app.as('officer');
    inspector = await app.as('inspector');
  });
  afterAll(() => app.close());

  it('verifies each claim on its own: the others stand when one is refused, each audited once', async () => {
    const [a, b, c] = await pendingArrests(3);
    expect((await inspector.post(`/api/clearances/${b}/verify`, {})).statusCode).toBe(200);
    const cleared = async () =>
      (await inspector.get('/api/standings'))
        .json<{ units: { code: string; cleared: number }[] }>()
        .units.find((u) => u.code === '630102-01')!.cleared;
    const before = await cleared();

    // The act's basis is written: without it nothing is verified.
    const bare = await inspector.post('/api/clearances/verify', { ids: [a, c] });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<{ field: string }>().field).toBe('reason');
    const blank = await inspector.post('/api/clearances/verify', { ids: [a, c], reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(await verifyEvents(a!)).toEqual([]);

    const res = await inspector.post('/api/clearances/verify', {
      ids: [a, b, c, 99_999_999, a],
      reason: BASIS,
    });
    expect(res.statusCode).toBe(200);
    const results = res.json<{ results: Result[] }>().results;
    expect(results.map((r) => r.id)).toEqual([a, b, c, 99_999_999]); // asked twice, decided once
    expect(results[0]!.claim?.status).toBe('verified');
    expect(results[1]!.error?.code).toBe('claim_decided');
    expect(results[2]!.claim?.status).toBe('verified');
    expect(results[3]!.error?.code).toBe('not_found');
    expect(await cleared()).toBe(before + 2);
    for (const id of [a!, b!, c!]) expect(await verifyEvents(id)).toEqual([{ actor: 'inspector' }]);
    // The basis is each verified claim's decision reason, in the claim and in its audit event.
    for (const id of [a!, c!]) {
      const event = await app.store.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'clearance.verify')
        .where('entity_id', '=', String(id))
        .executeTakeFirstOrThrow();
      expect((JSON.parse(event.after_json!) as { decisionReason: string }).decisionReason).toBe(BASIS);
    }
    expect(results[0]!.claim).toMatchObject({ decisionReason: BASIS });
  });

  it('checks scope and independence per claim, and the role for the whole request', async () => {
    const [mine, another] = await pendingArrests(2);
    // An inspector of another sub-bureau sees neither claim; one of the claiming sub-bureau is not independent.
    for (const [username, unitCode, code] of [
      ['far-inspector', '630103', 'out_of_scope'],
      ['near-inspector', '630102', 'not_independent'],
    ] as const) {
      await addUser(contextFor(app.store, NOW, 'admin'), {
        username,
        displayName: username,
        unitCode,
        roles: ['inspector'],
        password: DEMO_PASSWORD,
      });
      const res = await (
        await app.as(username)
      ).post('/api/clearances/verify', { ids: [mine], reason: BASIS });
      expect(res.json<{ results: Result[] }>().results[0]!.error?.code).toBe(code);
      expect(await verifyEvents(mine!)).toEqual([]);
    }
    expect((await officer.post('/api/clearances/verify', { ids: [another], reason: BASIS })).statusCode).toBe(
      403,
    );
    expect((await inspector.post('/api/clearances/verify', { ids: [], reason: BASIS })).statusCode).toBe(400);
    expect(
      (
        await inspector.post('/api/clearances/verify', {
          ids: Array.from({ length: 51 }, (_, i) => i + 1),
          reason: BASIS,
        })
      ).statusCode,
    ).toBe(400);
  });
});
