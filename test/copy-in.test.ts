// COPY … FROM STDIN for imports on PostgreSQL (issue 12, item 3): the text format's encoder, and
// nasty strings written through a real COPY and read back unchanged.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onOneConnection } from '../src/db/connection.ts';
import { CopyIn, copyLine, copyValue } from '../src/db/copy-in.ts';
import { unstorableText } from '../src/http/clean-text.ts';
import { type TestStore, freshStore } from './support/stores.ts';

// PostgreSQL's text cannot hold NUL or a lone surrogate, however it is sent: those are left out.
const NAUGHTY = [
  ...(JSON.parse(readFileSync('test/data/naughty-strings.json', 'utf8')) as string[]),
  'tab\there',
  'line\nbreak',
  'carriage\rreturn\r\n',
  'back\\slash\\',
  '\\N',
  '\\.',
  '\\.\n\\.',
  'a\\tb',
  '',
  ' ',
  '\t',
  '\n',
  '\\',
  '"quoted", comma',
  '测试\u200b\u202e',
].filter((s) => !unstorableText(s));

describe('the COPY text encoder', () => {
  it('writes null as \\N and escapes the backslash, tab, newline and carriage return', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('')).toBe('');
    expect(copyValue(12)).toBe('12');
    expect(copyValue(true)).toBe('t');
    expect(copyLine(['x', null, 3])).toBe('x\t\\N\t3\n');
  });

  it('never lets a value end its row or field', () => {
    for (const s of NAUGHTY) expect(copyValue(s)).not.toMatch(/[\t\n\r]/);
  });
});

describe('COPY into PostgreSQL', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore('postgres');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('stores nasty strings, empty strings and nulls exactly as given', async () => {
    const rows = [...NAUGHTY.map((v, i) => ({ id: i + 1, v })), { id: NAUGHTY.length + 1, v: null }];
    const back = await onOneConnection(store.db, async (db, raw) => {
      const client = raw && 'postgres' in raw ? raw.postgres : undefined;
      expect(client).toBeDefined();
      await sql`create temp table copied (id integer, v text)`.execute(db);
      const copy = new CopyIn<{ id: number; v: string | null }>(client!, 'copied', ['id', 'v']);
      await copy.write(rows.slice(0, 100));
      await copy.write(rows.slice(100));
      await copy.end();
      const { rows: read } = await sql<{ id: number; v: string | null }>`
        select id, v from copied order by id`.execute(db);
      await sql`drop table copied`.execute(db);
      return read;
    });
    expect(back).toEqual(rows);
  });

  it('leaves nothing and the connection usable when a COPY is aborted or refused', async () => {
    await onOneConnection(store.db, async (db, raw) => {
      const client = raw && 'postgres' in raw ? raw.postgres : undefined;
      await sql`create temp table aborted (id integer)`.execute(db);
      const aborted = new CopyIn<{ id: number }>(client!, 'aborted', ['id']);
      await aborted.write([{ id: 1 }, { id: 2 }]);
      await aborted.abort();
      const refused = new CopyIn<{ id: unknown }>(client!, 'aborted', ['id']);
      await refused.write([{ id: 'not a number' }]);
      await expect(refused.end()).rejects.toThrow(/integer/);
      const { rows } = await sql<{ n: number }>`select count(*) as n from aborted`.execute(db);
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });
});
