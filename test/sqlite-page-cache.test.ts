// SQLite's page cache is a server's largest piece of memory but speeds up only bulk imports
// (issue 12: the server within 300 MB at 500,000 listings): connections keep a small one and an
// import gets the large one while it runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { type Executor, onOneConnection, openStore } from '../src/db/connection.ts';

const store = openStore(join(mkdtempSync(join(tmpdir(), 'qingwang-cache-')), 'cache.db'));
afterAll(() => store.close());

async function cacheKiB(db: Executor): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  return -rows[0]!.cache_size; // negative: KiB
}

it('keeps a small page cache, and the large one only while bulk work runs', async () => {
  const usual = await cacheKiB(store.db);
  expect(usual).toBe(16_384);
  let during: number[] = [];
  const bulk = () => onOneConnection(store.db, async (db) => void during.push(await cacheKiB(db)));
  await bulk();
  expect(during).toEqual([131_072]);
  expect(await cacheKiB(store.db)).toBe(usual);

  // Two at once (an import over HTTP beside another): the cache shrinks when the last one ends.
  during = [];
  let release!: () => void;
  const first = onOneConnection(store.db, async (db) => {
    await new Promise<void>((resolve) => (release = resolve));
    during.push(await cacheKiB(db));
  });
  await bulk();
  release();
  await first;
  expect(during).toEqual([131_072, 131_072]);
  expect(await cacheKiB(store.db)).toBe(usual);
});
