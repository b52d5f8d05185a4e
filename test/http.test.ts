import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/stores.ts';
import { type TestApp, TODAY, startApp } from './support/http.ts';

describe.each(DIALECTS)('HTTP API basics on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  });
  afterAll(() => app.close());

  it('reports health without a session, with the database in use', async () => {
    const res = await app.anonymous.get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('asks for a session before anything else', async () => {
    const res = await app.anonymous.get('/api/standings');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'sign_in_first' });
  });

  it('signs in with an HttpOnly, SameSite cookie and refuses wrong passwords alike for unknown users', async () => {
    const ok = await app.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'officer', password: 'qingwang-demo' },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'qw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(ok.json()).toMatchObject({
      user: { username: 'officer', unit: { code: '630102-01' }, roles: ['officer'] },
    });
    for (const payload of [
      { username: 'officer', password: 'wrong password' },
      { username: 'nobody', password: 'wrong password' },
    ]) {
      const res = await app.server.inject({ method: 'POST', url: '/api/session', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        code: 'wrong_password',
        message: 'wrong username or password',
        params: {},
      });
    }
  });

  it('names people from the directory to any signed-in user, without their roles or state', async () => {
    const res = await (await app.as('officer')).get('/api/people');
    expect(res.statusCode).toBe(200);
    const people = res.json<Record<string, unknown>[]>();
    expect(people.find((p) => p.username === 'inspector')).toEqual({
      username: 'inspector',
      displayName: '督察 马明亮',
      unit: { code: '630100', name: '西宁市公安局' },
    });
    expect(people.every((p) => !('roles' in p) && !('disabled' in p))).toBe(true);
    expect((await app.anonymous.get('/api/people')).statusCode).toBe(401);
  });

  it('slows guessing of one account from many addresses, but not its owner at their usual address', async () => {
    const signIn = (username: string, password: string, remoteAddress: string) =>
      app.server.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password },
        remoteAddress,
      });
    // Successful sign-ins do not count: the publicity officer signs in often from the office.
    for (let i = 0; i < 12; i += 1)
      expect((await signIn('publicity', 'qingwang-demo', '10.1.1.5')).statusCode).toBe(200);
    // Guessing from a new address for every try: the account is slowed down all the same.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1)
      statuses.push((await signIn('publicity', 'guess', `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const held = await signIn('publicity', 'qingwang-demo', '203.0.113.4');
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('2');
    expect(held.json()).toMatchObject({ code: 'sign_in_delayed', params: { seconds: 2 } });
    // The owner, at the address they signed in from before, gets in with the right password.
    expect((await signIn('publicity', 'qingwang-demo', '10.1.1.5')).statusCode).toBe(200);
  });

  it('caps the failed sign-ins of one address over all accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 52; i += 1) {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: `nobody${i}`, password: 'guess' },
        remoteAddress: '192.0.2.99',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.slice(50)).toEqual([429, 429]);
  });

  it('refuses a change without the CSRF token of the session, and an unknown session', async () => {
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'leader', password: 'qingwang-demo' },
    });
    const token = login.cookies.find((c) => c.name === 'qw_session')!.value;
    for (const headers of [{}, { 'x-csrf-token': 'guessed' }]) {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/clearances',
        payload: {},
        cookies: { qw_session: token },
        headers,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'csrf' });
    }
    const unknown = await app.server.inject({
      method: 'POST',
      url: '/api/clearances',
      payload: {},
      cookies: { qw_session: 'x' },
    });
    expect(unknown.statusCode).toBe(401); // an unknown session is no session
  });

  it('serves the standings of the latest campaign as of today by default', async () => {
    const res = await (await app.as('officer')).get('/api/standings');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ asOf: string; elapsedShare: number; units: { depth: number }[] }>();
    expect(body.asOf).toBe(TODAY);
    expect(body.elapsedShare).toBe(40 / 64);
    expect(body.units.filter((u) => u.depth === 0)).toHaveLength(1);
  });

  it('answers bad input with a JSON error naming the field', async () => {
    const officer = await app.as('officer');
    const res = await officer.get('/api/standings?asOf=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'not_a_date',
      field: 'asOf',
      params: { field: 'asOf', value: '2026-02-30' },
    });
    const missing = await officer.get('/api/standings?campaign=nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.anonymous.get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json<{ paths: object }>().paths)).toContain('/api/clearances/{id}/verify');
  });

  it('ends a session on sign-out, and every session of a disabled user', async () => {
    const login = async (username: string) => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: 'qingwang-demo' },
      });
      return {
        cookies: { qw_session: res.cookies.find((c) => c.name === 'qw_session')!.value },
        headers: { 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken },
      };
    };
    const leader = await login('leader');
    expect((await app.server.inject({ method: 'DELETE', url: '/api/session', ...leader })).statusCode).toBe(
      204,
    );
    expect((await app.server.inject({ method: 'GET', url: '/api/session', ...leader })).statusCode).toBe(401);

    const victim = await login('officer2');
    expect((await app.server.inject({ method: 'GET', url: '/api/session', ...victim })).statusCode).toBe(200);
    const disabled = await (await app.as('admin')).post('/api/users/officer2/disable');
    expect(disabled.statusCode).toBe(204);
    expect((await app.server.inject({ method: 'GET', url: '/api/session', ...victim })).statusCode).toBe(401);
    const again = await app.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'officer2', password: 'qingwang-demo' },
    });
    expect(again.statusCode).toBe(401);
  });

  it('searches, filters, sorts and pages the registry', async () => {
    const commander = await app.as('commander');
    type Page = { total: number; items: { listingNo: string; published: boolean; listedOn: string }[] };
    const get = async (q: string) => (await commander.get(`/api/fugitives?${q}`)).json<Page>();
    const all = await get('pageSize=5&sort=listingNo');
    expect(all.items.map((f) => f.listingNo)).toEqual([...all.items.map((f) => f.listingNo)].sort());
    const page2 = await get('pageSize=5&sort=listingNo&page=2');
    expect(page2.total).toBe(all.total);
    expect(page2.items[0]!.listingNo > all.items[4]!.listingNo).toBe(true);
    const one = await get(`q=${all.items[0]!.listingNo}`);
    expect(one.items.map((f) => f.listingNo)).toContain(all.items[0]!.listingNo);
    const published = await get('published=true&pageSize=200');
    expect(published.total).toBeGreaterThan(0);
    expect(published.items.every((f) => f.published)).toBe(true);
    const newest = await get('pageSize=3');
    expect(newest.items.map((f) => f.listedOn)).toEqual(
      [...newest.items.map((f) => f.listedOn)].sort().reverse(),
    );
    // By name both ways, in the database's own order: the last name one way is the first the other.
    type Named = { total: number; items: { name: string }[] };
    const down = (await commander.get('/api/fugitives?sort=-name&pageSize=3')).json<Named>();
    const lastPage = Math.ceil(down.total / 200);
    const up = (await commander.get(`/api/fugitives?sort=name&pageSize=200&page=${lastPage}`)).json<Named>();
    expect(down.items[0]!.name).toBe(up.items.at(-1)!.name);
    const wildcard = await get('q=%25');
    expect(wildcard.total).toBe(0); // a % in the search box is a character, not a wildcard
  });
});
