// Issue 13: nasty strings (test/data/naughty-strings.json: SQL, HTML, templates, control characters,
// NUL, lone surrogates, bidi and zero-width characters, emoji, CJK, very long text…) sent into every
// text field of every route that takes a JSON body, as a role the route admits; then, each field with
// a sample of the list (the same every run), into the fields nested in bodies (objects and arrays),
// every query-string and path parameter, and the files and file names of every upload (imports,
// reconciliation, scans). No answer is a 500 or shows the server's insides, and every refusal
// carries a code the web app words in Chinese and English.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, NOW, TODAY, type TestApp, startApp } from './support/http.ts';
import { unstorableText } from '../src/http/clean-text.ts';
import { DIALECTS } from './support/stores.ts';
import { nationalColumns } from '../src/areas/registry/reconciliation.ts';
import type { Columns } from '../src/import/read-table.ts';
import { IMPORT_TABLES } from '../src/import/tables.ts';

const NAUGHTY: string[] = [
  ...(JSON.parse(readFileSync('test/data/naughty-strings.json', 'utf8')) as string[]),
  // Too long to write into the list: over every length limit, and near the body limit.
  'A'.repeat(100_000),
  '测'.repeat(20_000),
];
const CATALOGUE = JSON.parse(readFileSync('src/web/locales/en/errors.json', 'utf8')) as Record<
  string,
  string
>;
const ROLES = ['commander', 'leader', 'officer', 'inspector', 'publicity', 'admin'];

interface Schema {
  type?: string | string[];
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** The strings that PostgreSQL and SQLite store differently, or that are over every limit: always tried. */
const SPECIAL = NAUGHTY.flatMap((s, i) => (s.length > 1_000 || unstorableText(s) !== undefined ? [i] : []));

/**
 * `count` strings of the list for one field (and always the special ones), drawn with a seed taken
 * from the field's name: the same every run, different from field to field, so that the sweep
 * covers the whole list across fields without sending all of it into each.
 */
function sampleFor(key: string, count: number): [number, string][] {
  const rng = xoroshiro128plus(createHash('sha256').update(key).digest().readUInt32BE(0));
  const picked = new Set(SPECIAL);
  while (picked.size < SPECIAL.length + count) picked.add(uniformInt(rng, 0, NAUGHTY.length - 1));
  return [...picked].map((i) => [i, NAUGHTY[i]!]);
}

const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/**
 * `s` percent-encoded for a URL, as a raw client may send it: a lone surrogate (which
 * encodeURIComponent refuses) as the three bytes UTF-8 would give it, which are not UTF-8.
 */
function uriComponent(s: string): string {
  return s
    .split(LONE_SURROGATE)
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      const u = part.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** A query string of `q`, encoded with `uriComponent`. */
const queryOf = (q: Record<string, string>) =>
  Object.entries(q)
    .map(([k, v]) => `${k}=${uriComponent(v)}`)
    .join('&');

/** What an answer must never show: a stack trace, a file of the server, a database's own words. */
const INSIDES =
  /\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d+|SQLITE_|sqlite3?|syntax error|violates|duplicate key|relation "|column "|TypeError|ReferenceError|RangeError|Cannot read prop/i;

/** The schema's first alternative that is not null. */
function plain(schema: Schema): Schema {
  const options = schema.anyOf ?? schema.oneOf;
  return options ? plain(options.find((o) => o.type !== 'null') ?? options[0]!) : schema;
}

const typeOf = (s: Schema) => [s.type].flat().find((t) => t !== 'null');

describe.each(DIALECTS)('nasty strings in every text field, on %s', (dialect) => {
  let app: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>> };
  /** What went wrong, for the test that runs now. */
  let failures: string[] = [];
  /** Values the demo holds, for fields and path parameters that name something. */
  const known: Record<string, string> = {};
  /** The first id of each table, for `/api/<table>/{id}` paths. */
  const firstIds: Record<string, string> = {};

  /** A value the schema admits, preferring things that exist, so that a request gets past its other fields. */
  function sample(schema: Schema, name = ''): unknown {
    const s = plain(schema);
    if (s.enum) return s.enum[0];
    switch (typeOf(s)) {
      case 'object':
        // Only what is required: each optional field is then tried on its own.
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            .filter(([k]) => s.required?.includes(k))
            .map(([k, v]) => [k, sample(v, k)]),
        );
      case 'array':
        return s.items ? [sample(s.items, name)] : [];
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return false;
      default:
        if (s.format === 'date-time' || /At$/.test(name)) return NOW.toISOString();
        if (s.format === 'date' || /On$|^asOf$/.test(name)) return TODAY;
        return known[name] ?? 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
  }

  beforeAll(async () => {
    app = await startApp(dialect, 200);
    // Every session first: the nasty sign-ins below may trip the sign-in limiter for this address.
    for (const role of ROLES) await app.as(role);
    const db = app.store.db;
    const campaign = await db
      .selectFrom('campaigns')
      .select('name')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // A listing of the officer's own station, so that a claim on it gets past scope.
    const fugitive = await db
      .selectFrom('fugitives')
      .innerJoin('units', 'units.id', 'fugitives.listing_unit_id')
      .innerJoin('users', 'users.unit_id', 'units.id')
      .select(['listing_no', 'units.code'])
      .where('users.username', '=', 'officer')
      .orderBy('fugitives.id', 'desc')
      .executeTakeFirstOrThrow();
    const claim = await db
      .selectFrom('clearances')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const table of [
      'tips',
      'anomalies',
      'reviews',
      'sanctions',
      'tasks',
      'quality_samples',
      'rectification_items',
      'inspections',
      'meetings',
      'letters',
    ] as const) {
      const row = await db.selectFrom(table).select('id').orderBy('id').executeTakeFirst();
      if (row) firstIds[table] = String(row.id);
    }
    Object.assign(known, {
      campaign: campaign.name,
      listingNo: fugitive.listing_no,
      unitCode: fugitive.code,
      unit: fugitive.code,
      capturingUnit: fugitive.code,
      username: 'leader',
      officer: 'officer',
      id: String(claim.id),
      clearanceId: String(claim.id),
    });
    doc = (await app.anonymous.get('/api/docs/json')).json();
  }, 180_000);
  afterAll(() => app?.close());

  /** The route's path with its parameters filled in with things that exist (or `nasty` for `only`). */
  function urlOf(path: string, only?: { name: string; value: string }): string {
    const table = /^\/api\/([\w-]+)\/\{id\}/
      .exec(path)?.[1]
      ?.replace('-', '_')
      .replace(/^rectification$/, 'rectification_items');
    return path.replace(/\{(\w+)\}/g, (_, name: string) =>
      uriComponent(
        name === only?.name ? only.value : (name === 'id' && table && firstIds[table]) || known[name] || '1',
      ),
    );
  }

  /** The first role whose `attempt` is not refused as forbidden (else the commander's, checked all the same). */
  async function callerFor(attempt: (client: Client) => Promise<{ statusCode: number }>): Promise<Client> {
    for (const role of ROLES) {
      const client = await app.as(role);
      if ((await attempt(client)).statusCode !== 403) return client;
    }
    return app.as('commander');
  }

  /**
   * Notes what is wrong with an answer to `nasty`: a 500, a refusal without a known code, or a
   * message that shows the server's insides (the nasty string itself, echoed, aside).
   */
  function check(where: string, res: { statusCode: number; body: string }, nasty: string): void {
    if (res.statusCode >= 500) {
      failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return;
    }
    if (res.statusCode < 400) return;
    const body = JSON.parse(res.body) as { code?: string; message?: string };
    if (!body.code || !CATALOGUE[body.code])
      failures.push(`${where}: ${res.statusCode} unkeyed ${res.body.slice(0, 200)}`);
    if (INSIDES.test((body.message ?? '').split(nasty).join('')))
      failures.push(`${where}: ${res.statusCode} shows insides ${res.body.slice(0, 300)}`);
  }

  it('never answers 500, and keys every refusal', async () => {
    failures = [];
    // PostgreSQL takes every fifth string and those it stores differently from SQLite (NUL, lone
    // surrogates, the longest): the whole list there takes over ten minutes on a small machine.
    const strings =
      dialect === 'sqlite'
        ? NAUGHTY
        : NAUGHTY.filter((s, i) => i % 5 === 0 || s.length > 1_000 || unstorableText(s) !== undefined);
    let requests = 0;
    let fields = 0;
    /** The fields where some nasty string was taken and stored: the sweep reached the handlers. */
    const accepted = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (!schema?.properties) continue;
        const url = urlOf(path);
        const base = sample(schema) as Record<string, unknown>;
        const send = (client: Client, body: unknown) => client.request(method.toUpperCase(), url, body);
        const caller = await callerFor((client) => send(client, base));
        const texts = Object.entries(schema.properties).filter(([, s]) => {
          const p = plain(s);
          return (
            typeOf(p) === 'string' || (typeOf(p) === 'array' && typeOf(plain(p.items ?? {})) === 'string')
          );
        });
        for (const [field, fieldSchema] of texts) {
          fields += 1;
          const inArray = typeOf(plain(fieldSchema)) === 'array';
          for (const [i, nasty] of strings.entries()) {
            const res = await send(caller, { ...base, [field]: inArray ? [nasty] : nasty });
            requests += 1;
            if (res.statusCode < 300) accepted.add(`${method.toUpperCase()} ${path} ${field}`);
            check(`${method.toUpperCase()} ${path} ${field} = naughty[${i}]`, res, nasty);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The sweep reached what it should: every route's text fields (130 when written), with each
    // string, and the handlers of many of them (fields where some nasty string was taken and stored).
    expect(fields).toBeGreaterThan(120);
    expect(requests).toBe(fields * strings.length);
    expect(accepted.size).toBeGreaterThanOrEqual(25); // 31 when written
  }, 1_200_000);

  /** The text fields nested in a body: inside objects, and inside the items of arrays (index 0). */
  function nestedTexts(schema: Schema, at: (string | number)[] = []): (string | number)[][] {
    const s = plain(schema);
    switch (typeOf(s)) {
      case 'object': {
        const named = Object.entries(s.properties ?? {}).flatMap(([k, v]) => nestedTexts(v, [...at, k]));
        // A map (z.record): its values under a key of its own.
        const values =
          typeof s.additionalProperties === 'object' ? nestedTexts(s.additionalProperties, [...at, 'x']) : [];
        return [...named, ...values];
      }
      case 'array':
        return s.items ? nestedTexts(s.items, [...at, 0]) : [];
      case 'string':
        return at.length > 1 ? [at] : [];
      default:
        return [];
    }
  }

  /** A copy of `body` with `value` at `path`, the objects and arrays on the way made as the schema admits. */
  function withAt(body: unknown, schema: Schema, path: (string | number)[], value: string): unknown {
    if (path.length === 0) return value;
    const s = plain(schema);
    const [key, ...rest] = path;
    if (typeof key === 'number') {
      const items =
        Array.isArray(body) && body.length > 0 ? [...(body as unknown[])] : [sample(s.items ?? {})];
      items[0] = withAt(items[0], s.items ?? {}, rest, value);
      return items;
    }
    const inner =
      s.properties?.[key!] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : {});
    const object = { ...((body ?? {}) as Record<string, unknown>) };
    object[key!] = withAt(object[key!] ?? sample(inner, key), inner, rest, value);
    return object;
  }

  it('never answers 500 to nasty strings nested in bodies, in query strings and in paths', async () => {
    failures = [];
    let nested = 0;
    let queried = 0;
    let pathed = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (/multipart/.test(operation.summary ?? '')) continue; // the uploads, below
        const verb = method.toUpperCase();
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const base = schema ? sample(schema) : undefined;
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
        const baseQuery = Object.fromEntries(
          query.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema ?? {}, p.name))]),
        );
        const send = (client: Client, url: string, q: Record<string, string>, body: unknown) => {
          const search = queryOf(q);
          return client.request(verb, search ? `${url}?${search}` : url, body);
        };
        const caller = await callerFor((client) => send(client, urlOf(path), baseQuery, base));

        for (const field of schema ? nestedTexts(schema) : []) {
          nested += 1;
          for (const [i, nasty] of sampleFor(`${verb} ${path} ${field.join('.')}`, 12)) {
            const res = await send(caller, urlOf(path), baseQuery, withAt(base, schema!, field, nasty));
            check(`${verb} ${path} body ${field.join('.')} = naughty[${i}]`, res, nasty);
          }
        }
        for (const parameter of query) {
          queried += 1;
          for (const [i, nasty] of sampleFor(`${verb} ${path} ?${parameter.name}`, 8)) {
            const res = await send(caller, urlOf(path), { ...baseQuery, [parameter.name]: nasty }, base);
            check(`${verb} ${path} ?${parameter.name} = naughty[${i}]`, res, nasty);
          }
        }
        for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path')) {
          pathed += 1;
          for (const [i, nasty] of sampleFor(`${verb} ${path} {${parameter.name}}`, 8)) {
            const url = urlOf(path, { name: parameter.name, value: nasty });
            const res = await send(caller, url, baseQuery, base);
            check(`${verb} ${path} {${parameter.name}} = naughty[${i}]`, res, nasty);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(nested).toBeGreaterThan(0);
    expect(queried).toBeGreaterThan(80); // 95 query-string parameters when written
    expect(pathed).toBeGreaterThan(80); // 98 path parameters when written
  }, 1_200_000);

  /** A CSV file of `columns` whose every cell is a nasty string: each string once in each column. */
  function nastyCsv(columns: Columns, strings: string[]): Buffer {
    const header = [...columns.required, ...(columns.optional ?? [])];
    const rows = strings.map((_, r) => header.map((_, c) => strings[(r + c) % strings.length]!));
    return Buffer.from(Papa.unparse([header, ...rows]));
  }

  it('never answers 500 to uploads of nasty cells, nasty file names and nasty parameters', async () => {
    failures = [];
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    let uploads = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!/multipart/.test(operation.summary ?? '')) continue;
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
        const isTable = /^\/api\/(imports|reconciliation)/.test(path);
        // Each import table in turn; the reconciliation reads the national list's columns.
        const targets: { url: (only?: { name: string; value: string }) => string; columns?: Columns }[] =
          path === '/api/imports/{table}'
            ? Object.entries(IMPORT_TABLES).map(([table, { columns }]) => ({
                url: (only) => urlOf(path, only ?? { name: 'table', value: table }),
                columns,
              }))
            : [{ url: (only) => urlOf(path, only), columns: isTable ? nationalColumns : undefined }];
        for (const { url, columns } of targets) {
          const baseQuery: Record<string, string> = /\{table\}/.test(path)
            ? { campaign: known.campaign! }
            : {};
          const tiny = columns ? Buffer.from(`${columns.required.join(',')}\n`) : png;
          const [type, ext] = columns ? ['text/csv', '.csv'] : ['image/png', '.png'];
          const send = (client: Client, u: string, q: Record<string, string>, file: Buffer, name: string) => {
            const search = queryOf(q);
            return client.upload(search ? `${u}?${search}` : u, file, name, type);
          };
          const caller = await callerFor((client) => send(client, url(), baseQuery, tiny, `file${ext}`));
          const where = `${method.toUpperCase()} ${url()}`;
          if (columns) {
            const strings = sampleFor(`${where} cells`, 40);
            const file = nastyCsv(
              columns,
              strings.map(([, s]) => s),
            );
            for (const acceptValid of ['false', 'true']) {
              uploads += 1;
              const res = await send(caller, url(), { ...baseQuery, acceptValid }, file, 'nasty.csv');
              check(`${where} nasty cells (acceptValid=${acceptValid})`, res, '');
            }
          }
          for (const [i, nasty] of sampleFor(`${where} file name`, 8)) {
            for (const name of [`${nasty}${ext}`, nasty]) {
              uploads += 1;
              const res = await send(caller, url(), baseQuery, tiny, name);
              check(`${where} file name naughty[${i}]${name === nasty ? '' : ext}`, res, nasty);
            }
          }
          for (const parameter of query) {
            for (const [i, nasty] of sampleFor(`${where} ?${parameter.name}`, 6)) {
              uploads += 1;
              const res = await send(
                caller,
                url(),
                { ...baseQuery, [parameter.name]: nasty },
                tiny,
                `f${ext}`,
              );
              check(`${where} ?${parameter.name} = naughty[${i}]`, res, nasty);
            }
          }
          for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path')) {
            for (const [i, nasty] of sampleFor(`${where} {${parameter.name}}`, 6)) {
              uploads += 1;
              const u = url({ name: parameter.name, value: nasty });
              const res = await send(caller, u, baseQuery, tiny, `f${ext}`);
              check(`${where} {${parameter.name}} = naughty[${i}]`, res, nasty);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(uploads).toBeGreaterThan(100);
  }, 1_200_000);
});
