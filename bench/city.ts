// The synthetic city the scale benchmarks load: a bureau, sub-bureaus and stations, listings with
// valid GB 11643 ID numbers (5% listed by outside agencies) and ~45% of them cleared (verified),
// most by the listing station, imported through the same code as `qingwang import`.
import { join } from 'node:path';
import { importClearances } from '../src/areas/clearances/service.ts';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { addDays } from '../src/shared/dates.ts';
import { FUGITIVES_HEADER, seededRandom, syntheticListings, writeCsv } from './fugitives-csv.ts';

/** The campaign the city runs, and the moment the benchmarks take as now. */
export const BENCH_CAMPAIGN = {
  name: 'bench',
  baselineOn: '2011-10-16',
  startOn: '2011-10-17',
  deadlineOn: '2011-12-20',
} as const;
export const BENCH_NOW = new Date('2011-12-20T04:00:00Z');

export async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms`);
  return { result, ms };
}

export interface CitySize {
  fugitives: number;
  units: number;
}

/**
 * Writes the city's CSV files (units, fugitives, verified clearances) into `dir`. Deterministic:
 * every run with the same sizes writes the same data.
 */
export async function writeCityFiles(dir: string, size: CitySize) {
  const random = seededRandom(20111017);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const subs = Math.max(1, Math.round(size.units / 150));
  const stations = Math.max(1, size.units - subs - 1);

  function* unitRows(): Generator<string> {
    yield 'B,Bureau,bureau,';
    for (let s = 1; s <= subs; s += 1) yield `S${s},Sub-bureau ${s},sub_bureau,B`;
    for (let p = 1; p <= stations; p += 1) yield `P${p},Station ${p},station,S${((p - 1) % subs) + 1}`;
  }

  const listings: { no: string; listedOn: string; agency: string }[] = [];
  function* fugitiveRows(): Generator<string> {
    const agency = () => (random() < 0.05 ? 'Outside PSB' : `P${1 + Math.floor(random() * stations)}`);
    for (const listing of syntheticListings(size.fugitives, random, agency)) {
      listings.push({ no: listing.no, listedOn: listing.listedOn, agency: listing.agency });
      yield listing.row;
    }
  }

  function* clearanceRows(): Generator<string> {
    for (const l of listings) {
      if (random() > 0.45) continue;
      const on =
        l.listedOn > '2011-10-17'
          ? l.listedOn
          : addDays(l.listedOn > '2011-01-01' ? l.listedOn : '2011-01-01', Math.floor(random() * 330));
      if (on > '2011-12-19') continue;
      // Most people are caught by the station that listed them; some by another unit.
      const capturer =
        random() < 0.85 && l.agency !== 'Outside PSB' ? l.agency : `P${1 + Math.floor(random() * stations)}`;
      yield `${l.no},${pick(['arrest', 'arrest', 'surrender', 'death'])},${on},${capturer},,,E-${l.no}`;
    }
  }

  return {
    units: await writeCsv(join(dir, 'units.csv'), 'code,name,kind,parent_code', unitRows()),
    fugitives: await writeCsv(join(dir, 'fugitives.csv'), FUGITIVES_HEADER, fugitiveRows()),
    clearances: await writeCsv(
      join(dir, 'clearances.csv'),
      'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
      clearanceRows(),
    ),
  };
}

/** Writes the city's files into `dir`, imports them in this process and creates the campaign. */
export async function loadCity(ctx: Context, dir: string, size: CitySize) {
  const files = await writeCityFiles(dir, size);
  await timed(`import ${size.units} units`, () => importUnits(ctx, parseFile('units', files.units)));
  const fugitives = await timed(`import ${size.fugitives} fugitives`, () =>
    importFugitives(ctx, parseFile('fugitives', files.fugitives)),
  );
  const clearances = await timed('import clearances (verified)', () =>
    importClearances(ctx, parseFile('clearances', files.clearances), { verified: true }),
  );
  await createCampaign(ctx, BENCH_CAMPAIGN);
  return { fugitives, clearances };
}
