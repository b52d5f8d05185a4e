// The OpenAPI document is the contract other systems and the web app's client are built from: it
// must list exactly the routes the server has, and say for each how to call it and what comes back.
import type { RouteOptions } from 'fastify';
import type { OpenAPIV3 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/http/server.ts';
import { operationIdOf } from '../src/http/openapi.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
let doc: OpenAPIV3.Document;
const routes: RouteOptions[] = [];

beforeAll(async () => {
  const store = openStore(':memory:');
  await migrateToLatest(store.db);
  const server = await buildServer({ store, onRoute: (route) => routes.push(route) });
  await server.ready();
  doc = server.swagger() as OpenAPIV3.Document;
  await server.close();
});

function operations(): { key: string; op: OpenAPIV3.OperationObject }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, op: item![m]! })),
  );
}

/** The routes a client can call: not the web app's files, the docs' own pages, HEAD twins or hidden helpers. */
function callableRoutes(): string[] {
  return routes
    .filter(
      (r) => (r.url.startsWith('/api/') || r.url.startsWith('/public')) && !r.url.startsWith('/api/docs'),
    )
    .filter((r) => !r.schema?.hide)
    .flatMap((r) =>
      [r.method]
        .flat()
        .filter((m) => m !== 'HEAD')
        .map((m) => `${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
    );
}

describe('the OpenAPI document', () => {
  it('lists every route the server has, and no route it does not have', () => {
    expect(callableRoutes().sort()).toEqual(
      operations()
        .map((o) => o.key)
        .sort(),
    );
    expect(operations().length).toBeGreaterThan(80);
  });

  it('gives every operation a unique id, a tag and a summary', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations()) {
      expect(op.tags?.length, key).toBeGreaterThan(0);
      expect(op.summary, key).toBeTruthy();
    }
  });

  it('says how to authenticate: nothing on the public site, a session with the CSRF header for changes, or a bearer token', () => {
    for (const { key, op } of operations()) {
      if (key.includes(' /public') || key === 'GET /api/health' || key === 'POST /api/session') {
        expect(op.security, key).toEqual([]);
        continue;
      }
      const changes = !key.startsWith('GET ');
      expect(op.security, key).toContainEqual({ bearer: [] });
      expect(op.security, key).toContainEqual(changes ? { session: [], csrf: [] } : { session: [] });
    }
  });

  it('documents a success body and the refusals of every operation with the error shape', () => {
    for (const { key, op } of operations()) {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, key).toBeGreaterThan(0);
      for (const [status, answer] of success) {
        if (status !== '204')
          expect((answer as OpenAPIV3.ResponseObject).content, `${key} ${status}`).toBeTruthy();
      }
      const refusals = Object.entries(op.responses).filter(([status]) => status.startsWith('4'));
      if (key === 'GET /api/health') continue;
      expect(refusals.length, key).toBeGreaterThan(0);
      for (const [, answer] of refusals) {
        const schema = (answer as OpenAPIV3.ResponseObject).content?.['application/json']
          ?.schema as OpenAPIV3.SchemaObject;
        expect(schema.required).toContain('code');
      }
    }
  });

  it('names operations after their method and path', () => {
    expect(operationIdOf('GET', '/api/campaigns/{name}/standings')).toBe('getCampaignsByNameStandings');
    expect(operationIdOf('POST', '/api/clearances/{id}/verify')).toBe('postClearancesByIdVerify');
    expect(operationIdOf('GET', '/public')).toBe('getPublic');
  });
});
