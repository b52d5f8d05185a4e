// An app on a fresh database with the demo city (small) and its accounts, driven over HTTP with
// fastify's inject: sign in as any demo user and call the API with their cookie and CSRF token.
import type { KeyObject } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Dialect } from '../../src/db/connection.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/load-demo.ts';
import { buildServer } from '../../src/http/server.ts';
import type { ImportLimits } from '../../src/import/limits.ts';
import { type TestStore, contextFor, freshStore } from './stores.ts';

/** "Today" in every HTTP test: the demo campaign is 40 days old. */
export const TODAY = '2026-11-28';
export const NOW = new Date(`${TODAY}T04:00:00Z`);

export interface TestApp {
  server: FastifyInstance;
  store: TestStore;
  /** Signs in a demo user (password: the demo's). */
  as(username: string): Promise<Client>;
  /** No session at all. */
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** POSTs a file as multipart form data (field "file"), with any extra text fields. */
  upload(
    url: string,
    file: Buffer,
    filename: string,
    contentType: string,
    fields?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A multipart/form-data body with one file (field "file") and text fields. */
export function multipart(
  file: Buffer,
  filename: string,
  contentType: string,
  fields: Record<string, string> = {},
) {
  const boundary = '----qingwang-test-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function client(server: FastifyInstance, session?: { token: string; csrf: string }): Client {
  const request = (method: InjectOptions['method'], url: string, body?: unknown, contentType?: string) =>
    server.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      ...(session ? { cookies: { qw_session: session.token } } : {}),
      headers: {
        ...(session ? { 'x-csrf-token': session.csrf } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    upload: (url, file, filename, contentType, fields) => {
      const body = multipart(file, filename, contentType, fields);
      return request('POST', url, body.payload, body.contentType);
    },
  };
}

export interface StartOptions {
  /** A SQLite file instead of memory, so another process (the CLI) can open the database. */
  sqlitePath?: string;
  /** The key that signs audit anchors (none: anchoring is off). */
  anchorKey?: KeyObject;
  /** Only the key that checks anchors (QINGWANG_ANCHOR_PUBLIC_KEY). */
  anchorPublicKey?: KeyObject;
  /** Tighter bounds on imported files. */
  importLimits?: ImportLimits;
}

export async function startApp(
  dialect: Dialect,
  fugitives = 600,
  options: StartOptions = {},
): Promise<TestApp> {
  const store = await freshStore(dialect, options.sqlitePath);
  await loadDemo(contextFor(store, NOW, 'demo'), { seed: 7, anchor: TODAY, fugitives });
  const server = await buildServer({
    store,
    now: () => NOW,
    anchorKey: options.anchorKey,
    anchorPublicKey: options.anchorPublicKey,
    importLimits: options.importLimits,
  });
  const sessions = new Map<string, Client>();
  return {
    server,
    store,
    anonymous: client(server),
    async as(username) {
      const known = sessions.get(username);
      if (known) return known;
      const res = await server.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.body}`);
      const token = res.cookies.find((c) => c.name === 'qw_session')!.value;
      const signedIn = client(server, { token, csrf: res.json<{ csrfToken: string }>().csrfToken });
      sessions.set(username, signedIn);
      return signedIn;
    },
    async close() {
      await server.close();
      await store.dispose();
    },
  };
}
