// Another system's view of the API: a real listening server, called only through the client
// generated from the OpenAPI document (openapi-fetch typed by src/web/generated/api-types.ts).
// An administrator signs in with a cookie and the CSRF header and issues two service accounts'
// tokens; a station's token files a claim, an inspector's token of the city bureau verifies it, and
// the standings read before and after move by exactly one, with the audit log naming each account.
import type { AddressInfo } from 'node:net';
import createClient, { type Client } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { ok } from '../src/web/api.ts';
import type { paths } from '../src/web/generated/api-types.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

const STATION = '630102-01';
const CITY = '630100';

describe.each(DIALECTS)('the generated client against a listening server on %s', (dialect) => {
  let app: TestApp;
  let baseUrl: string;
  let admin: Client<paths>;

  /** A service account of the unit and roles, and a client carrying one writing token of it. */
  async function serviceClient(username: string, unitCode: string, role: 'officer' | 'inspector') {
    await ok(
      admin.POST('/api/service-accounts', {
        body: { username, displayName: `交换系统 ${username}`, unitCode, roles: [role] },
      }),
    );
    const { token } = await ok(
      admin.POST('/api/service-accounts/{username}/tokens', {
        params: { path: { username } },
        body: { label: 'api-client test', readOnly: false, days: 30 },
      }),
    );
    return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  }

  beforeAll(async () => {
    app = await startApp(dialect);
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;

    // A browser's way in: the session cookie, and its CSRF token on every change.
    const anonymous = createClient<paths>({ baseUrl });
    const signIn = await anonymous.POST('/api/session', {
      body: { username: 'admin', password: DEMO_PASSWORD },
    });
    expect(signIn.response.status).toBe(200);
    const cookie = signIn.response.headers.getSetCookie().find((c) => c.startsWith('qw_session='))!;
    admin = createClient<paths>({
      baseUrl,
      headers: { cookie: cookie.split(';')[0], 'x-csrf-token': signIn.data!.csrfToken },
    });
  });
  afterAll(() => app.close());

  it('files a claim with a station token, verifies it with an inspector token, and the standings move by one', async () => {
    const station = await serviceClient('station.exchange', STATION, 'officer');
    const inspection = await serviceClient('inspection.exchange', CITY, 'inspector');

    const clearedOf = (standings: { units: { code: string; cleared: number }[] }, code: string) =>
      standings.units.find((u) => u.code === code)!.cleared;
    const first = await inspection.GET('/api/standings');
    const before = first.data!;
    const etag = first.response.headers.get('etag')!;
    expect(etag).toBeTruthy();

    const { items } = await ok(
      station.GET('/api/fugitives', {
        // The oldest, so in the frozen baseline (the demo also lists people during the campaign).
        params: {
          query: { unit: STATION, origin: 'local', status: 'active', sort: 'listedOn', pageSize: 1 },
        },
      }),
    );
    const claim = await ok(
      station.POST('/api/clearances', {
        body: {
          listingNo: items[0]!.listingNo,
          kind: 'arrest',
          occurredOn: '2026-11-27',
          evidenceRef: '西公拘字〔2026〕0777号',
          place: '西宁市城东区',
        },
      }),
    );
    expect(claim).toMatchObject({ claimedBy: 'station.exchange', status: 'pending' });

    // A pending claim counts for nothing: a poller sending its ETag back is told nothing changed.
    const unchanged = await inspection.GET('/api/standings', { headers: { 'if-none-match': etag } });
    expect(unchanged.response.status).toBe(304);

    const verified = await ok(
      inspection.POST('/api/clearances/{id}/verify', { params: { path: { id: claim.id } }, body: {} }),
    );
    expect(verified).toMatchObject({ status: 'verified', decidedBy: 'inspection.exchange' });

    const moved = await inspection.GET('/api/standings', { headers: { 'if-none-match': etag } });
    expect(moved.response.status).toBe(200);
    expect(moved.response.headers.get('etag')).not.toBe(etag);
    const after = moved.data!;
    for (const code of [STATION, CITY]) expect(clearedOf(after, code)).toBe(clearedOf(before, code) + 1);

    const events = await app.store.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_type', '=', 'clearance')
      .where('entity_id', '=', String(claim.id))
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'clearance.claim', actor: 'station.exchange' },
      { action: 'clearance.verify', actor: 'inspection.exchange' },
    ]);
    const tokenRequests = await app.store.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'token.request')
      .execute();
    expect(new Set(tokenRequests.map((e) => e.actor))).toEqual(
      new Set(['station.exchange', 'inspection.exchange']),
    );
  });
});
