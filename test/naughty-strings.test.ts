// Issue 13: nasty strings (test/data/naughty-strings.json: SQL, HTML, templates, control characters,
// NUL, lone surrogates, bidi and zero-width characters, emoji, CJK, very long text…) sent into every
// text field of every route that takes a JSON body, as a role the route admits. No answer is a 500,
// and every refusal carries a code the web app words in Chinese and English.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, NOW, TODAY, type TestApp, startApp } from './support/http.ts';
import { unstorableText } from '../src/http/clean-text.ts';
import { DIALECTS } from './support/stores.ts';

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

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** The schema's first alternative that is not null. */
function plain(schema: Schema): Schema {
  const options = schema.anyOf ?? schema.oneOf;
  return options ? plain(options.find((o) => o.type !== 'null') ?? options[0]!) : schema;
}

const typeOf = (s: Schema) => [s.type].flat().find((t) => t !== 'null');

describe.each(DIALECTS)('nasty strings in every text field, on %s', (dialect) => {
  let app: TestApp;
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
  }, 180_000);
  afterAll(() => app?.close());

  it('never answers 500, and keys every refusal', async () => {
    const doc = (await app.anonymous.get('/api/docs/json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    // PostgreSQL takes every fifth string and those it stores differently from SQLite (NUL, lone
    // surrogates, the longest): the whole list there takes over ten minutes on a small machine.
    const strings =
      dialect === 'sqlite'
        ? NAUGHTY
        : NAUGHTY.filter((s, i) => i % 5 === 0 || s.length > 1_000 || unstorableText(s) !== undefined);
    const failures: string[] = [];
    let requests = 0;
    let fields = 0;
    /** The fields where some nasty string was taken and stored: the sweep reached the handlers. */
    const accepted = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (!schema?.properties) continue;
        const table = /^\/api\/([\w-]+)\/\{id\}/
          .exec(path)?.[1]
          ?.replace('-', '_')
          .replace(/^rectification$/, 'rectification_items');
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent((name === 'id' && table && firstIds[table]) || known[name] || '1'),
        );
        const base = sample(schema) as Record<string, unknown>;
        const send = (client: Client, body: unknown) => client.request(method.toUpperCase(), url, body);
        // The first role the route admits (else the commander, whose 403 is checked all the same).
        let caller = await app.as('commander');
        for (const role of ROLES) {
          const client = await app.as(role);
          if ((await send(client, base)).statusCode !== 403) {
            caller = client;
            break;
          }
        }
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
            const where = `${method.toUpperCase()} ${path} ${field} = naughty[${i}]`;
            if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400) {
              const code = res.json<{ code?: string }>().code;
              if (!code || !CATALOGUE[code])
                failures.push(`${where}: ${res.statusCode} unkeyed ${res.body.slice(0, 200)}`);
            }
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
});
