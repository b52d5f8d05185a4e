// Machine accounts: a token acts exactly as a user of its unit and roles would, needs no CSRF
// token, reads only unless issued for writing, stops working when revoked or expired, and every
// request made with it is in the audit log under the account's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/areas/accounts/service.ts';
import { type Client, NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

describe.each(DIALECTS)('service account tokens on %s', (dialect) => {
  let app: TestApp;
  let admin: Client;

  const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.server.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  async function tokenFor(account: { username: string; unitCode: string; roles: string[] }, readOnly = true) {
    const created = await admin.post('/api/service-accounts', {
      displayName: `系统 ${account.username}`,
      ...account,
    });
    expect(created.statusCode).toBe(201);
    const issued = await admin.post(`/api/service-accounts/${account.username}/tokens`, {
      label: 'exchange',
      readOnly,
    });
    expect(issued.statusCode).toBe(201);
    return issued.json<{ id: number; token: string }>();
  }

  const tokenRequests = (account: string) =>
    app.store.db
      .selectFrom('audit_events')
      .select(['actor', 'after_json'])
      .where('action', '=', 'token.request')
      .where('actor', '=', account)
      .execute();

  beforeAll(async () => {
    app = await startApp(dialect);
    admin = await app.as('admin');
  });
  afterAll(() => app.close());

  it("reads exactly a station's subtree with a station's token, with no cookie or CSRF header", async () => {
    const { token } = await tokenFor({ username: 'station.feed', unitCode: '630102-01', roles: ['officer'] });
    const own = await withToken(token, 'GET', '/api/fugitives?origin=local&pageSize=200');
    expect(own.statusCode).toBe(200);
    const units = new Set(
      own.json<{ items: { listingUnit: { code: string } }[] }>().items.map((f) => f.listingUnit.code),
    );
    expect([...units]).toEqual(['630102-01']);

    const elsewhere = await withToken(token, 'GET', '/api/dashboard?unit=630103');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'unit_out_of_scope' });
  });

  it('refuses every change with a read-only token, and allows what the roles allow with a writing one', async () => {
    const readOnly = await tokenFor({ username: 'reader.feed', unitCode: '630102-01', roles: ['officer'] });
    const listing = (
      await withToken(readOnly.token, 'GET', '/api/fugitives?origin=local&status=active&pageSize=1')
    ).json<{ items: { listingNo: string }[] }>().items[0]!.listingNo;
    const claim = {
      listingNo: listing,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0999号',
      place: '西宁市城东区',
    };
    const refused = await withToken(readOnly.token, 'POST', '/api/clearances', claim);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'token_read_only' });

    const writer = await tokenFor(
      { username: 'writer.feed', unitCode: '630102-01', roles: ['officer'] },
      false,
    );
    const filed = await withToken(writer.token, 'POST', '/api/clearances', claim);
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ claimedBy: 'writer.feed', status: 'pending' });
    // Its roles still bound it: an officer's token cannot verify.
    const verify = await withToken(
      writer.token,
      'POST',
      `/api/clearances/${filed.json<{ id: number }>().id}/verify`,
      {},
    );
    expect(verify.statusCode).toBe(403);
  });

  it('refuses a revoked token, an expired one and one that never existed', async () => {
    const { id, token } = await tokenFor({
      username: 'revoked.feed',
      unitCode: '630100',
      roles: ['commander'],
    });
    expect((await withToken(token, 'GET', '/api/standings')).statusCode).toBe(200);
    expect((await admin.post(`/api/tokens/${id}/revoke`)).json()).toMatchObject({ status: 'revoked' });
    const revoked = await withToken(token, 'GET', '/api/standings');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'token_invalid' });

    // Issued two days before "now" for one day: expired by the server's clock.
    const twoDaysAgo = new Date(NOW.getTime() - 2 * 86_400_000);
    const old = await issueToken(contextFor(app.store, twoDaysAgo, 'admin'), 'revoked.feed', {
      label: 'old',
      days: 1,
    });
    expect((await withToken(old.token, 'GET', '/api/standings')).statusCode).toBe(401);
    expect((await withToken(`${token}x`, 'GET', '/api/standings')).statusCode).toBe(401);
  });

  it('writes every request made with a token into the audit log under the account, refusals too', async () => {
    const { token } = await tokenFor({ username: 'audited.feed', unitCode: '630102', roles: ['leader'] });
    await withToken(token, 'GET', '/api/standings');
    await withToken(token, 'GET', '/api/dashboard?unit=630103'); // out of scope: 403
    await withToken(token, 'POST', '/api/clearances', {}); // read-only: 403
    const logged = (await tokenRequests('audited.feed')).map(
      (e) => JSON.parse(e.after_json ?? 'null') as object,
    );
    expect(logged).toEqual([
      { method: 'GET', route: '/api/standings', status: 200 },
      { method: 'GET', route: '/api/dashboard', status: 403 },
      { method: 'POST', route: '/api/clearances', status: 403 },
    ]);
  });

  it('lists tokens without their secrets, and a service account cannot sign in with a password', async () => {
    const list = await admin.get('/api/service-accounts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('qwt_');
    expect(list.json<{ items: { username: string }[] }>().items.map((a) => a.username)).toContain(
      'station.feed',
    );
    const signIn = await app.anonymous.post('/api/session', { username: 'station.feed', password: '' });
    expect(signIn.statusCode).toBe(400);
    const guessed = await app.anonymous.post('/api/session', {
      username: 'station.feed',
      password: 'anything at all',
    });
    expect(guessed.statusCode).toBe(401);
  });

  it("lets a poller skip unchanged data with ETags, and page through the day's verified results", async () => {
    const { token } = await tokenFor({ username: 'poller.feed', unitCode: '630100', roles: ['commander'] });
    const first = await withToken(token, 'GET', '/api/standings');
    const tag = first.headers.etag as string;
    expect(tag).toBeTruthy();
    const again = await app.server.inject({
      method: 'GET',
      url: '/api/standings',
      headers: { authorization: `Bearer ${token}`, 'if-none-match': tag },
    });
    expect(again.statusCode).toBe(304);

    const inspector = await app.as('inspector');
    const pending = (await inspector.get('/api/clearances?status=pending&pageSize=200')).json<{
      items: { id: number; claimUnit: { code: string } | null }[];
    }>();
    const verified = pending.items.find((c) => c.claimUnit && !c.claimUnit.code.startsWith('630100'));
    expect(verified).toBeDefined();
    expect((await inspector.post(`/api/clearances/${verified!.id}/verify`, {})).statusCode).toBe(200);
    const today = await withToken(
      token,
      'GET',
      '/api/clearances?status=verified&decidedOn=2026-11-28&pageSize=200',
    );
    const ids = today.json<{ items: { id: number }[] }>().items.map((c) => c.id);
    expect(ids).toContain(verified!.id);
    const yesterday = await withToken(
      token,
      'GET',
      '/api/clearances?status=verified&decidedOn=2026-11-27&pageSize=200',
    );
    expect(yesterday.json<{ items: { id: number }[] }>().items.map((c) => c.id)).not.toContain(verified!.id);
  });
});
