// A listings import reads its file into a temporary table and holds the write lock only for the
// final move (issue 13, defect 4): another process can write while the file is read, and a listing
// it registers meanwhile makes the import refuse the whole file rather than half-import it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { type FugitiveInput, fugitiveRow } from '../src/areas/registry/schema.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { type Store, openStore } from '../src/db/connection.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { type ParsedRow, parseRows } from '../src/import/parsed-rows.ts';
import type { Context } from '../src/shared/context.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

describe.each(DIALECTS)('a listings import on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'qingwang-staging-'));
  let store: TestStore;
  let other: Store; // as another process (the server, or a second CLI) would open the database
  let ctx: Context;
  let otherCtx: Context;

  const listing = (no: string, n: number) => {
    const first17 = `63010219800101${String(n % 1000).padStart(3, '0')}`;
    return {
      listing_no: no,
      name: `Person ${no}`,
      sex: '',
      birth_date: '1980-01-01',
      id_number: first17 + idCheckCharacter(first17),
      crime_category: 'theft',
      offence: 'theft',
      case_no: '',
      listing_agency: 'P1',
      listed_on: '2011-05-01',
      published: 'no',
      reward: '',
    };
  };
  const listings = (prefix: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => listing(`${prefix}${from + i}`, from + i));

  /** The file's rows in two halves, with `between` run while the import reads it. */
  async function* readWithWriteBetween(
    halves: [Record<string, string>[], Record<string, string>[]],
    between: () => Promise<unknown>,
  ): AsyncGenerator<ParsedRow<FugitiveInput>[]> {
    yield* parseRows(fugitiveRow, asRows(halves[0]));
    await between();
    yield* parseRows(fugitiveRow, asRows(halves[1]));
  }

  const registered = async (db: Store['db'], prefix: string) =>
    (
      await db
        .selectFrom('fugitives')
        .select('listing_no')
        .where('listing_no', 'like', `${prefix}%`)
        .orderBy('listing_no')
        .execute()
    ).map((r) => r.listing_no);

  beforeAll(async () => {
    store = await freshStore(dialect, join(dir, 'staging.db'));
    other = openStore(store.url);
    ctx = contextFor(store);
    otherCtx = contextFor(other);
    await importUnits(
      ctx,
      parseRows(
        unitRow,
        asRows([
          { code: 'B', name: 'Bureau', kind: 'bureau', parent_code: '' },
          { code: 'P1', name: 'Station 1', kind: 'station', parent_code: 'B' },
        ]),
      ),
    );
  });
  afterAll(async () => {
    await other?.close();
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets another process write while the file is read, and imports the whole file', async () => {
    const outcome = await importFugitives(
      ctx,
      readWithWriteBetween([listings('A', 1, 40), listings('A', 41, 40)], () =>
        importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('X1', 900)]))),
      ),
    );
    expect(outcome).toMatchObject({ rows: 80, inserted: 80, unchanged: 0 });
    expect(await registered(store.db, 'A')).toHaveLength(80);
    expect(await registered(store.db, 'X')).toEqual(['X1']); // the other process's write went in
  });

  it('refuses the whole file when a listing it had read was registered meanwhile', async () => {
    const refused = importFugitives(
      ctx,
      readWithWriteBetween([listings('C', 1, 10), listings('C', 11, 10)], () =>
        importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('C5', 5)]))),
      ),
    );
    await expect(refused).rejects.toMatchObject({ code: 'registered_meanwhile', params: { value: 'C5' } });
    expect(await registered(store.db, 'C')).toEqual(['C5']); // only the other process's listing
    // Nothing of the refused import is left behind: the same file goes in afterwards but for C5.
    const again = await importFugitives(
      ctx,
      parseRows(fugitiveRow, asRows([...listings('C', 1, 10), ...listings('C', 11, 10)])),
    );
    expect(again).toMatchObject({ rows: 20, inserted: 19, unchanged: 1 });
  });
});
