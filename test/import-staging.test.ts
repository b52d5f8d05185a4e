// A listings import reads its file into a temporary table and holds the write lock only for the
// final move (issue 13, defect 4): another process can write while the file is read, and a listing
// it registers before the move makes the import refuse the whole file rather than half-import it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { letterRow } from '../src/areas/letters/schema.ts';
import { importLetters, listLetters } from '../src/areas/letters/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { fugitiveRow } from '../src/areas/registry/schema.ts';
import * as registryRepo from '../src/areas/registry/repo.ts';
import { importFugitives, toRecord } from '../src/areas/registry/service.ts';
import { dropStagedLinks, linkStagedListings, prepareStagedLinks } from '../src/areas/persons/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { type Store, onOneConnection, openStore } from '../src/db/connection.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { type ParsedRow, parseRows } from '../src/import/parsed-rows.ts';
import { RowsDigest } from '../src/import/validate-rows.ts';
import { type Context, inTransaction } from '../src/shared/context.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

// Another process's write can be put between the import's check against the registry and its move.
const hooks = vi.hoisted(() => ({ beforeLinks: undefined as (() => Promise<unknown>) | undefined }));
vi.mock('../src/areas/persons/service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/areas/persons/service.ts')>();
  return {
    ...real,
    prepareStagedLinks: async (...args: Parameters<typeof real.prepareStagedLinks>) => {
      const before = hooks.beforeLinks;
      hooks.beforeLinks = undefined; // once: the other process's own import passes here too
      await before?.();
      return real.prepareStagedLinks(...args);
    },
  };
});

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
  async function* readWithWriteBetween<S extends z.ZodType>(
    halves: [Record<string, string>[], Record<string, string>[]],
    between: () => Promise<unknown>,
    schema: S,
  ): AsyncGenerator<ParsedRow<z.output<S>>[]> {
    yield* parseRows(schema, asRows(halves[0]));
    await between();
    yield* parseRows(schema, asRows(halves[1]));
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
      readWithWriteBetween(
        [listings('A', 1, 40), listings('A', 41, 40)],
        () => importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('X1', 900)]))),
        fugitiveRow,
      ),
    );
    expect(outcome).toMatchObject({ rows: 80, inserted: 80, unchanged: 0 });
    expect(await registered(store.db, 'A')).toHaveLength(80);
    expect(await registered(store.db, 'X')).toEqual(['X1']); // the other process's write went in
  });

  it('checks the listings registered while the file was read as any others: identical ones unchanged, different ones refused', async () => {
    const outcome = await importFugitives(
      ctx,
      readWithWriteBetween(
        [listings('C', 1, 10), listings('C', 11, 10)],
        () => importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('C5', 5)]))),
        fugitiveRow,
      ),
    );
    expect(outcome).toMatchObject({ rows: 20, inserted: 19, unchanged: 1 });

    const refused = importFugitives(
      ctx,
      readWithWriteBetween(
        [listings('E', 1, 10), listings('E', 11, 10)],
        () =>
          importFugitives(
            otherCtx,
            parseRows(fugitiveRow, asRows([{ ...listing('E5', 5), name: 'Someone else' }])),
          ),
        fugitiveRow,
      ),
    );
    await expect(refused).rejects.toMatchObject({
      errors: [
        {
          row: 6,
          field: 'name',
          code: 'registered_differently',
          params: { value: 'E5', registered: 'Someone else' },
        },
      ],
    });
    expect(await registered(store.db, 'E')).toEqual(['E5']); // only the other process's listing
  });

  it('refuses the whole file when a listing it had checked was registered before the move', async () => {
    hooks.beforeLinks = () => importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('G5', 5)])));
    try {
      const refused = importFugitives(ctx, parseRows(fugitiveRow, asRows(listings('G', 1, 20))));
      await expect(refused).rejects.toMatchObject({ code: 'registered_meanwhile', params: { value: 'G5' } });
    } finally {
      hooks.beforeLinks = undefined;
    }
    expect(await registered(store.db, 'G')).toEqual(['G5']); // only the other process's listing
    // Nothing of the refused import is left behind: the same file goes in afterwards but for G5.
    const again = await importFugitives(ctx, parseRows(fugitiveRow, asRows(listings('G', 1, 20))));
    expect(again).toMatchObject({ rows: 20, inserted: 19, unchanged: 1 });
  });

  it('imports a file mixing listings registered as given, registered differently and new, digesting the new ones only', async () => {
    await importFugitives(ctx, parseRows(fugitiveRow, asRows(listings('H', 1, 4))));
    const file = [
      listing('H9', 9),
      { ...listing('H2', 2), name: 'Changed' },
      listing('H1', 1),
      listing('H10', 10),
      listing('H3', 3),
      { ...listing('H4', 4), listed_on: '2011-05-02' },
      listing('H11', 11),
    ];
    const refusals = [
      [
        {
          row: 3,
          field: 'name',
          code: 'registered_differently',
          params: { value: 'H2', registered: 'Person H2' },
        },
      ],
      [
        {
          row: 7,
          field: 'listed_on',
          code: 'registered_differently',
          params: { value: 'H4', registered: '2011-05-01' },
        },
      ],
    ];
    await expect(importFugitives(ctx, parseRows(fugitiveRow, asRows(file)))).rejects.toMatchObject({
      errors: refusals.flat(),
    });
    const outcome = await importFugitives(ctx, parseRows(fugitiveRow, asRows(file)), { acceptValid: true });
    expect(outcome).toMatchObject({ rows: 7, inserted: 3, unchanged: 2, refused: 2, refusedRows: refusals });

    const added = await store.db
      .selectFrom('fugitives')
      .select(['id', 'listing_no', 'person_id'])
      .where('listing_no', 'in', ['H9', 'H10', 'H11'])
      .orderBy('id')
      .execute();
    // The new listings take the ids after the registry's last one, in the file's order, each a person.
    const last = Math.max(
      ...(
        await store.db
          .selectFrom('fugitives')
          .select('id')
          .where('listing_no', 'not in', ['H9', 'H10', 'H11'])
          .execute()
      ).map((r) => r.id),
    );
    expect(added.map((r) => `${r.listing_no} ${r.id - last}`)).toEqual(['H9 1', 'H10 2', 'H11 3']);
    expect(added.every((r) => r.person_id !== null)).toBe(true);

    const unit = await store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'P1')
      .executeTakeFirstOrThrow();
    const expected = new RowsDigest();
    for (const no of [9, 10, 11]) expected.add(toRecord(fugitiveRow.parse(listing(`H${no}`, no)), unit.id));
    const event = await store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'fugitives.import')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({
      inserted: 3,
      unchanged: 2,
      rowsDigest: expected.hex(),
    });
  });

  it('stages its rows apart from a transaction of the same process that is open meanwhile', async () => {
    let other: Promise<unknown> | undefined;
    async function* rows() {
      // A request's transaction begins just before the first rows are staged, and is rolled back.
      other = inTransaction(ctx, async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('rolled back');
      });
      // Asserted below; handled from now on, as an import on a busy machine outlasts the 100 ms.
      other.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 10));
      yield* parseRows(fugitiveRow, asRows(listings('J', 1, 10)));
    }
    expect(await importFugitives(ctx, rows())).toMatchObject({ rows: 10, inserted: 10 });
    await expect(other).rejects.toThrow('rolled back');
    expect(await registered(store.db, 'J')).toHaveLength(10);
  });

  it('links staged listings to their persons: registered ID numbers, ID numbers new in the file, and one registered meanwhile', async () => {
    const withId = (no: string, n: number, crime: string, listedOn: string) => ({
      ...listing(no, n),
      crime_category: crime,
      listed_on: listedOn,
    });
    await importFugitives(
      otherCtx,
      parseRows(fugitiveRow, asRows([withId('K1', 500, 'theft', '2011-05-01')])),
    );
    const file: [Record<string, string>[], Record<string, string>[]] = [
      [withId('K2', 500, 'homicide', '2010-01-01'), withId('K3', 501, 'theft', '2011-03-01')],
      [withId('K4', 501, 'homicide', '2011-02-01'), withId('K5', 502, 'theft', '2011-04-01')],
    ];
    await importFugitives(
      ctx,
      readWithWriteBetween(
        file,
        () =>
          importFugitives(
            otherCtx,
            parseRows(fugitiveRow, asRows([withId('K6', 502, 'robbery', '2011-06-01')])),
          ),
        fugitiveRow,
      ),
    );
    // A listing added after the import takes the next id (PostgreSQL's sequence follows the import).
    await importFugitives(
      otherCtx,
      parseRows(fugitiveRow, asRows([withId('K7', 503, 'theft', '2011-07-01')])),
    );

    const rows = await store.db
      .selectFrom('fugitives as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select(['f.listing_no', 'f.id', 'f.person_id', 'p.listed_on', 'p.homicide'])
      .where('f.listing_no', 'like', 'K%')
      .orderBy('f.listing_no')
      .execute();
    const of = (no: string) => rows.find((r) => r.listing_no === no)!;
    expect(rows.map((r) => r.listing_no)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7']);
    // K2 joins K1's person, whose earliest listing and homicide flag now come from K2.
    expect(of('K2').person_id).toBe(of('K1').person_id);
    expect(of('K1')).toMatchObject({ person_id: of('K1').id, listed_on: '2010-01-01', homicide: 1 });
    // K3 and K4 are one new person, founded by the file's first listing of the number.
    expect(of('K4').person_id).toBe(of('K3').id);
    expect(of('K3')).toMatchObject({ person_id: of('K3').id, listed_on: '2011-02-01', homicide: 1 });
    // K5's number was registered (K6) while the file was read: K5 joins that person.
    expect(of('K5').person_id).toBe(of('K6').person_id);
    expect(of('K7').id).toBeGreaterThan(
      Math.max(...rows.filter((r) => r.listing_no !== 'K7').map((r) => r.id)),
    );
    expect(of('K7').person_id).toBe(of('K7').id);
  });

  it('founds the persons of a file that repeats registered listings: the first new listing of each ID number founds its person', async () => {
    const dated = (no: string, n: number, listedOn: string) => ({ ...listing(no, n), listed_on: listedOn });
    await importFugitives(ctx, parseRows(fugitiveRow, asRows([listing('R1', 700)])));
    // R1 is taken out of the stage as registered: the others are numbered again, founders with them.
    const file = [
      listing('R1', 700),
      dated('R2', 701, '2011-06-01'),
      dated('R3', 702, '2011-06-01'),
      dated('R4', 701, '2011-02-01'),
      { ...dated('R5', 703, '2011-03-01'), id_number: '' },
    ];
    expect(await importFugitives(ctx, parseRows(fugitiveRow, asRows(file)))).toMatchObject({
      inserted: 4,
      unchanged: 1,
    });
    const rows = await store.db
      .selectFrom('fugitives as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select(['f.listing_no', 'f.id', 'f.person_id', 'p.listed_on'])
      .where('f.listing_no', 'like', 'R%')
      .execute();
    const of = (no: string) => rows.find((r) => r.listing_no === no)!;
    expect(of('R2')).toMatchObject({ person_id: of('R2').id, listed_on: '2011-02-01' });
    expect(of('R4').person_id).toBe(of('R2').id);
    expect(of('R3').person_id).toBe(of('R3').id);
    expect(of('R5')).toMatchObject({ person_id: of('R5').id, listed_on: '2011-03-01' });
  });

  it('re-links under the lock a staged listing whose ID number was registered after its person was worked out', async () => {
    // The import's own steps, with another process's write between preparing the persons and the move.
    const parsed = fugitiveRow.parse(listing('M1', 600));
    const unit = await store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'P1')
      .executeTakeFirstOrThrow();
    await onOneConnection(store.db, async (db) => {
      const staged = await registryRepo.createStagedListings(db);
      const own = { ...ctx, db };
      try {
        const stage = registryRepo.listingStage(db, staged);
        await stage.write([
          { ...toRecord(parsed, unit.id), id: 1, founder: 1, created_at: ctx.now.toISOString() },
        ]);
        await stage.end();
        const seenUpTo = await registryRepo.lastListingId(db);
        await prepareStagedLinks(own, staged);
        await importFugitives(otherCtx, parseRows(fugitiveRow, asRows([listing('M2', 600)])));
        await inTransaction(own, async (tx) => {
          const lastId = await registryRepo.lastListingIdForMove(tx.db);
          await linkStagedListings(tx, { table: staged, count: 1, seenUpTo, lastId }, () =>
            registryRepo.moveStagedListings(tx.db, staged, lastId),
          );
        });
      } finally {
        await registryRepo.dropStagedListings(db, staged);
        await dropStagedLinks(own, staged);
      }
    });
    const persons = await store.db
      .selectFrom('fugitives')
      .select(['listing_no', 'person_id'])
      .where('listing_no', 'in', ['M1', 'M2'])
      .orderBy('listing_no')
      .execute();
    expect(persons).toHaveLength(2);
    expect(persons[0]!.person_id).toBe(persons[1]!.person_id);
  });
  it('lets another process write while a clearance file is read, and sees its claims when writing', async () => {
    await importFugitives(ctx, parseRows(fugitiveRow, asRows(listings('D', 1, 20))));
    const arrest = (no: string) => ({
      listing_no: no,
      kind: 'arrest',
      occurred_on: '2011-11-01',
      capturing_unit: 'P1',
      persuading_unit: '',
      place: '',
      evidence_ref: `J-${no}`,
    });
    const rows = Array.from({ length: 20 }, (_, i) => arrest(`D${i + 1}`));
    const outcome = await importClearances(
      ctx,
      readWithWriteBetween(
        [rows.slice(0, 10), rows.slice(10)],
        // The same arrest of D15, and another of D16 filed by hand: both before the file's rows are written.
        () =>
          importClearances(
            otherCtx,
            parseRows(clearanceRow, asRows([arrest('D15'), { ...arrest('D16'), occurred_on: '2011-10-30' }])),
            { verified: false },
          ),
        clearanceRow,
      ),
      { verified: false },
    );
    expect(outcome).toMatchObject({ rows: 20, inserted: 19, unchanged: 1 });
    const claims = await store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select(['f.listing_no', 'c.status', 'c.occurred_on'])
      .where('f.listing_no', 'in', ['D15', 'D16'])
      .orderBy('f.listing_no')
      .orderBy('c.occurred_on')
      .execute();
    // D16's claim filed meanwhile stands; the file's later one is held as a conflict.
    expect(claims.map((c) => `${c.listing_no} ${c.occurred_on} ${c.status}`)).toEqual([
      'D15 2011-11-01 pending',
      'D16 2011-10-30 pending',
      'D16 2011-11-01 conflict',
    ]);
  });

  it('lets another process write while a letters file is read, and checks the rows against the letters signed meanwhile', async () => {
    await importUnits(
      ctx,
      parseRows(
        unitRow,
        asRows(
          ['L1', 'L2', 'L3', 'L4', 'L5'].map((code) => ({
            code,
            name: code,
            kind: 'station',
            parent_code: 'B',
          })),
        ),
      ),
    );
    const campaign = 'letters';
    await createCampaign(ctx, {
      name: campaign,
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
    const letter = (unit: string, target = '60%') => ({
      unit,
      target,
      signed_by: `chief of ${unit}`,
      signed_on: '2011-10-20',
    });
    // Meanwhile another process registers L3's letter as in the file and L4's with another target.
    const meanwhile = () =>
      importLetters(otherCtx, campaign, parseRows(letterRow, asRows([letter('L3'), letter('L4', '50%')])));
    const refused = importLetters(
      ctx,
      campaign,
      readWithWriteBetween(
        [
          [letter('L1'), letter('L2')],
          [letter('L3'), letter('L4')],
        ],
        meanwhile,
        letterRow,
      ),
    );
    await expect(refused).rejects.toMatchObject({
      errors: [{ code: 'letter_already_signed', params: { unit: 'L4' } }],
    });
    const signed = async () =>
      (await listLetters(ctx, campaign)).letters.map((l) => `${l.unit.code} ${l.target}`).sort();
    expect(await signed()).toEqual(['L3 0.6', 'L4 0.5']); // only the other process's letters

    // Without L4's row the same file goes in, L3's letter counted as already there.
    const outcome = await importLetters(
      ctx,
      campaign,
      readWithWriteBetween(
        [[letter('L1'), letter('L2')], [letter('L3')]],
        () => importLetters(otherCtx, campaign, parseRows(letterRow, asRows([letter('L5')]))),
        letterRow,
      ),
    );
    expect(outcome).toMatchObject({ rows: 3, inserted: 2, unchanged: 1 });
    expect(await signed()).toEqual(['L1 0.6', 'L2 0.6', 'L3 0.6', 'L4 0.5', 'L5 0.6']);
  });
});
