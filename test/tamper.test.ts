// Tamper evidence (issue 7): a clearance edited directly in the database is found by `audit verify`,
// and so is the cover-up that also rewrites its audit events and recomputes every hash after them —
// against the signed anchor, which cannot be re-signed without the key.
import { execFile } from 'node:child_process';
import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, dataDigest } from '../src/areas/audit/rules.ts';
import { anchorChain } from '../src/areas/audit/service.ts';
import type { Executor } from '../src/db/connection.ts';
import { type TestApp, NOW, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'qingwang-tamper-'));

function spki(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** What a careful forger does after editing events: recompute digests and hashes from `fromSeq` on. */
async function recomputeChain(db: Executor, fromSeq: number): Promise<void> {
  const events = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .execute();
  let prev = (
    await db
      .selectFrom('audit_events')
      .select('hash')
      .where('seq', '=', fromSeq - 1)
      .executeTakeFirstOrThrow()
  ).hash;
  for (const e of events) {
    const digest = dataDigest(JSON.parse(e.before_json ?? 'null'), JSON.parse(e.after_json ?? 'null'));
    const content = {
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entityType: e.entity_type,
      entityId: e.entity_id,
      dataDigest: digest,
    };
    const hash = chainHash(prev, content);
    await db
      .updateTable('audit_events')
      .set({ data_digest: digest, prev_hash: prev, hash })
      .where('seq', '=', e.seq)
      .execute();
    prev = hash;
  }
}

describe.each(DIALECTS)('tamper evidence on %s', (dialect) => {
  const keys = generateKeyPairSync('ed25519');
  let app: TestApp;
  let claimId: number;

  async function verify(...args: string[]) {
    try {
      const { stdout } = await run('node', ['bin/qingwang.js', 'audit', 'verify', ...args], {
        env: {
          ...process.env,
          DATABASE_URL: app.store.url,
          QINGWANG_ANCHOR_PUBLIC_KEY: spki(keys.publicKey),
        },
      });
      return { code: 0, out: stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  }

  beforeAll(async () => {
    app = await startApp(dialect, 300, {
      sqlitePath: join(dir, `${dialect}.db`),
      anchorKey: keys.privateKey,
    });
    const free = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('c.id', 'is', null)
      .where('f.listed_on', '<', '2026-11-01')
      .executeTakeFirstOrThrow();
    const claim = await (
      await app.as('officer')
    ).post('/api/clearances', {
      listingNo: free.listing_no,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0007号',
    });
    expect(claim.statusCode).toBe(201);
    claimId = claim.json<{ id: number }>().id;
    expect((await (await app.as('inspector')).post(`/api/clearances/${claimId}/verify`, {})).statusCode).toBe(
      200,
    );
  });
  afterAll(() => app.close());

  it('reports an intact history with a signed anchor', async () => {
    const anchor = await anchorChain(contextFor(app.store, NOW, 'inspector'), keys.privateKey);
    expect(anchor.head).toMatch(/^[0-9a-f]{64}$/);
    const result = await verify();
    expect(result.out).toContain('anchors: all 1 hold (signatures checked)');
    expect(result.out).toContain('history intact');
    expect(result.code).toBe(0);
  });

  it('finds a clearance edited directly in the database', async () => {
    await app.store.db
      .updateTable('clearances')
      .set({ occurred_on: '2026-10-20' })
      .where('id', '=', claimId)
      .execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.out).toContain('audit chain intact'); // the chain alone does not see it
    expect(result.out).toContain(`clearance ${claimId}: occurredOn`);
  });

  it('still finds it when the audit events were rewritten to match and the chain recomputed', async () => {
    const events = await app.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'clearance')
      .where('entity_id', '=', String(claimId))
      .orderBy('seq')
      .execute();
    for (const e of events) {
      const retouch = (json: string | null) =>
        json?.replace('"occurredOn":"2026-11-27"', '"occurredOn":"2026-10-20"') ?? null;
      await app.store.db
        .updateTable('audit_events')
        .set({ before_json: retouch(e.before_json), after_json: retouch(e.after_json) })
        .where('seq', '=', e.seq)
        .execute();
    }
    await recomputeChain(app.store.db, events[0]!.seq);

    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.out).toContain('audit chain intact'); // the forgery is self-consistent…
    expect(result.out).toContain('records: all'); // …records and events agree…
    expect(result.out).toMatch(
      /anchor at event \d+: event \d+ now hashes to .* \(history before it was rewritten\)/,
    ); // …but not the anchor
  });

  it('refuses an anchor changed to match the forgery, since only the key holder can sign', async () => {
    const anchor = await app.store.db.selectFrom('audit_anchors').selectAll().executeTakeFirstOrThrow();
    const forged = await app.store.db
      .selectFrom('audit_events')
      .select('hash')
      .where('seq', '=', anchor.seq)
      .executeTakeFirstOrThrow();
    await app.store.db
      .updateTable('audit_anchors')
      .set({ head_hash: forged.hash })
      .where('seq', '=', anchor.seq)
      .execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.out).toContain('the signature does not match the anchor');
    // The inspectorate's own copy of the anchors (kept outside the database) exposes it as well.
    const copy = join(dir, `${dialect}-anchors.jsonl`);
    const original = {
      seq: anchor.seq,
      head: anchor.head_hash,
      at: anchor.anchored_at,
      keyId: anchor.key_id,
      signature: anchor.signature,
    };
    writeFileSync(copy, `${JSON.stringify(original)}\n`);
    const withCopy = await verify('--anchors', copy);
    expect(withCopy.out).toContain('anchors: 2 of 2 do NOT hold');
    expect(withCopy.out).toContain('history before it was rewritten');
  });
});
