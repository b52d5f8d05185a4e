// Issue 13, defect 3: a server that has only the anchors' public key (the private key kept off the
// server, as the docs advise) checks their signatures, and finds a forged anchor.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorChain } from '../src/areas/audit/service.ts';
import { NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

describe.each(DIALECTS)('anchors checked with the public key only, on %s', (dialect) => {
  const keys = generateKeyPairSync('ed25519');
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp(dialect, 100, { anchorPublicKey: keys.publicKey });
    await anchorChain(contextFor(app.store, NOW, 'inspectorate'), keys.privateKey);
  });
  afterAll(() => app.close());

  it('checks signatures, and refuses an anchor whose head was forged', async () => {
    const inspector = await app.as('inspector');
    const intact = (await inspector.get('/api/audit/history')).json<object>();
    expect(intact).toMatchObject({ ok: true, signaturesChecked: true });

    const anchor = await app.store.db.selectFrom('audit_anchors').selectAll().executeTakeFirstOrThrow();
    const other = await app.store.db
      .selectFrom('audit_events')
      .select('hash')
      .where('seq', '=', anchor.seq - 1)
      .executeTakeFirstOrThrow();
    await app.store.db
      .updateTable('audit_anchors')
      .set({ head_hash: other.hash })
      .where('seq', '=', anchor.seq)
      .execute();
    const forged = (await inspector.get('/api/audit/history')).json<object>();
    expect(forged).toMatchObject({ ok: false, signaturesChecked: true });
  });
});
