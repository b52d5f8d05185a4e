// The standings and the dashboard are sent from a kept copy: serialised, tagged and compressed once
// per version of the figures. A client that takes gzip gets the same JSON compressed, under the
// same ETag, and a client sending the tag back is told nothing changed, compressed or not.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

describe.each(DIALECTS)('kept answers on the wire on %s', (dialect) => {
  let app: TestApp;
  let cookie: string;

  beforeAll(async () => {
    app = await startApp(dialect);
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    cookie = `qw_session=${res.cookies.find((c) => c.name === 'qw_session')!.value}`;
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'GET', url, headers: { cookie, ...headers } });

  it.each(['/api/standings', '/api/dashboard'])(
    '%s: gzip when taken, the same JSON and tag either way',
    async (url) => {
      const plain = await get(url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const zipped = await get(url, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toContain('accept-encoding');
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(plain.json());
      expect(zipped.headers.etag).toBe(plain.headers.etag);

      const refused = await get(url, { 'accept-encoding': 'gzip;q=0' });
      expect(refused.headers['content-encoding']).toBeUndefined();

      for (const encoding of ['', 'gzip']) {
        const again = await get(url, {
          'accept-encoding': encoding,
          'if-none-match': String(plain.headers.etag),
        });
        expect(again.statusCode).toBe(304);
        expect(again.rawPayload.length).toBe(0);
      }
    },
  );
});
