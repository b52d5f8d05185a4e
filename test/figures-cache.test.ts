// The figures are kept per data version (issue 12): a result computed once is handed out until a
// write that can change a figure moves the version. After every kind of such write, in a random
// order, the kept standings and dashboards must equal the figures computed afresh inside a
// transaction (which never reads what is kept), on SQLite and on PostgreSQL, computed in the
// caller's thread and (as a server does) on the worker thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFiguresOffThread } from '../src/areas/campaigns/figures-pool.ts';
import { correctBaseline, createCampaign, dashboard, standings } from '../src/areas/campaigns/service.ts';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { letterRow } from '../src/areas/letters/schema.ts';
import { importLetters } from '../src/areas/letters/service.ts';
import { fugitiveRow } from '../src/areas/registry/schema.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { type Context, inTransaction } from '../src/shared/context.ts';
import { addDays } from '../src/shared/dates.ts';
import { listingRow } from './support/listing-rows.ts';
import { type TestStore, contextFor, freshStore } from './support/stores.ts';

const CAMPAIGN = 'cache';
const AS_OF = '2011-12-01';

describe.each([
  { dialect: 'sqlite', where: 'here' },
  { dialect: 'sqlite', where: 'on the worker thread' },
  { dialect: 'postgres', where: 'on the worker thread' },
] as const)('kept figures on $dialect, computed $where', ({ dialect, where }) => {
  const dir = mkdtempSync(join(tmpdir(), 'qingwang-figures-'));
  let store: TestStore;
  let ctx: Context;
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const stations = ['P1', 'P2', 'P3', 'P4'];
  const listings: string[] = [];
  const signed = new Set<string>();

  const addUnits = (rows: Record<string, string>[]) => importUnits(ctx, parseRows(unitRow, asRows(rows)));
  const addListing = (listedOn: string) => {
    const n = listings.length + 1;
    const no = `L${String(n).padStart(4, '0')}`;
    listings.push(no);
    return listingRow({
      no,
      n,
      person: n,
      crime: pick(['homicide', 'theft', 'fraud']),
      agency: random() < 0.1 ? 'Outside PSB' : pick(stations),
      listedOn,
    });
  };
  /** A verified clearance; a row the import refuses (a date before the listing, a second one) changes nothing. */
  const clear = (listingNo: string, on: string) => {
    const kind = pick(['arrest', 'arrest', 'surrender', 'death', 'cancellation']);
    return importClearances(
      ctx,
      parseRows(
        clearanceRow,
        asRows([
          {
            listing_no: listingNo,
            kind,
            occurred_on: on,
            capturing_unit: kind === 'arrest' || kind === 'surrender' ? pick(stations) : '',
            persuading_unit: kind === 'surrender' && random() < 0.5 ? pick(stations) : '',
            place: '',
            evidence_ref: `E-${listingNo}`,
            reason: kind === 'cancellation' ? 'other' : '',
          },
        ]),
      ),
      { verified: true },
    ).catch(() => undefined);
  };

  /**
   * The kept figures (asked twice, so the second is the kept one) against fresh ones. Either page
   * comes first: after the dashboard, the standings of its date are taken from its figures.
   */
  async function expectKeptEqualFresh(): Promise<void> {
    const unit = pick(['B', ...stations]);
    if (random() < 0.5) {
      const board = await dashboard(ctx, { asOf: AS_OF, unit });
      expect((await standings(ctx, { asOf: AS_OF })).units).toContain(board.unit);
    } else {
      await standings(ctx, { asOf: AS_OF });
      await dashboard(ctx, { asOf: AS_OF, unit });
    }
    const [kept, keptDashboard] = [
      await standings(ctx, { asOf: AS_OF }),
      await dashboard(ctx, { asOf: AS_OF, unit }),
    ];
    const fresh = await inTransaction(ctx, async (tx) => ({
      standings: await standings(tx, { asOf: AS_OF }),
      dashboard: await dashboard(tx, { asOf: AS_OF, unit }),
    }));
    expect(kept).toEqual(fresh.standings);
    expect(keptDashboard).toEqual(fresh.dashboard);
  }

  beforeAll(async () => {
    // The worker thread opens the database anew: SQLite from a file.
    store = await freshStore(dialect, where === 'here' ? ':memory:' : join(dir, 'figures.db'));
    if (where !== 'here') computeFiguresOffThread(store.db, store.url);
    ctx = contextFor(store);
    await addUnits([
      { code: 'B', name: 'Bureau', kind: 'bureau', parent_code: '' },
      { code: 'S1', name: 'Sub 1', kind: 'sub_bureau', parent_code: 'B' },
      { code: 'S2', name: 'Sub 2', kind: 'sub_bureau', parent_code: 'B' },
      ...stations.map((code, i) => ({ code, name: code, kind: 'station', parent_code: `S${1 + (i % 2)}` })),
    ]);
    const early = Array.from({ length: 30 }, () =>
      addListing(addDays('2011-01-01', Math.floor(random() * 280))),
    );
    await importFugitives(ctx, parseRows(fugitiveRow, asRows(early)));
    for (const no of listings.slice(0, 6)) await clear(no, addDays('2011-10-01', Math.floor(random() * 40)));
    await createCampaign(ctx, {
      name: CAMPAIGN,
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
  });
  afterAll(async () => {
    await store?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equal the figures computed afresh after every kind of write, in a random order', async () => {
    await expectKeptEqualFresh();
    const writes: Record<string, () => Promise<unknown>> = {
      'a new listing': () =>
        importFugitives(
          ctx,
          parseRows(fugitiveRow, asRows([addListing(addDays('2011-09-01', Math.floor(random() * 90)))])),
        ),
      'a verified clearance': () => clear(pick(listings), addDays('2011-10-10', Math.floor(random() * 50))),
      'a baseline correction': () =>
        correctBaseline(ctx, CAMPAIGN, { listingNo: pick(listings), reason: 'entered in error' }).catch(
          () => undefined, // not in the baseline, or taken out already: nothing changes
        ),
      'a responsibility letter': () => {
        const unit = pick(stations.filter((code) => !signed.has(code)));
        signed.add(unit);
        return importLetters(
          ctx,
          CAMPAIGN,
          parseRows(
            letterRow,
            asRows([
              {
                unit,
                target: pick(['0.3', '0.6', '0.9']),
                signed_by: 'Chief',
                signed_on: addDays('2011-10-16', Math.floor(random() * 40)),
              },
            ]),
          ),
        );
      },
      'a new unit': () => {
        const code = `P${stations.length + 1}`;
        stations.push(code);
        return addUnits([{ code, name: code, kind: 'station', parent_code: pick(['S1', 'S2']) }]);
      },
    };
    // Four rounds, each of every kind of write in a random order.
    for (let round = 0; round < 4; round += 1) {
      const order = Object.values(writes).sort(() => random() - 0.5);
      for (const write of order) {
        await write();
        await expectKeptEqualFresh();
      }
    }
  });
});
