import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadDemo } from '../src/demo/load-demo.ts';
import { buildServer } from '../src/http/server.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const now = new Date('2026-11-28T04:00:00Z');

describe.each(DIALECTS)('HTTP API on %s', (dialect) => {
  let store: TestStore;
  let server: FastifyInstance;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await loadDemo(contextFor(store, now, 'demo'), { seed: 7, anchor: '2026-11-28', fugitives: 600 });
    server = await buildServer({ store, now: () => now });
  });
  afterAll(async () => {
    await server.close();
    await store.dispose();
  });

  it('reports health with the database in use', async () => {
    const res = await server.inject('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('serves the standings of the latest campaign as of today by default', async () => {
    const res = await server.inject('/api/standings');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ asOf: string; elapsedShare: number; units: { depth: number; rank: number }[] }>();
    expect(body.asOf).toBe('2026-11-28');
    expect(body.elapsedShare).toBe(40 / 64);
    expect(body.units.filter((u) => u.depth === 0)).toHaveLength(1);
  });

  it('answers bad input with a JSON error naming the field', async () => {
    const res = await server.inject('/api/standings?asOf=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_input', field: 'asOf' });
    const missing = await server.inject('/api/standings?campaign=nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });
});
