// The synthetic city the scale benchmarks load: a bureau, sub-bureaus and stations, listings with
// valid GB 11643 ID numbers (5% listed by outside agencies) and ~45% of them cleared (verified),
// most by the listing station, imported through the same code as `qingwang import`.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { importClearances } from '../src/areas/clearances/service.ts';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { addDays } from '../src/shared/dates.ts';

const CATEGORIES = ['homicide', 'robbery', 'theft', 'fraud', 'drugs', 'assault', 'other'];

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

/**
 * Writes the city's CSV files into `dir`, imports them and creates the campaign. Deterministic:
 * every run with the same sizes loads the same data.
 */
export async function loadCity(ctx: Context, dir: string, size: { fugitives: number; units: number }) {
  let state = 20111017;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const subs = Math.max(1, Math.round(size.units / 150));
  const stations = Math.max(1, size.units - subs - 1);

  async function writeCsv(name: string, header: string, rows: Iterable<string>): Promise<string> {
    const path = join(dir, name);
    const out = createWriteStream(path);
    out.write(`${header}\n`);
    for (const row of rows) if (!out.write(`${row}\n`)) await once(out, 'drain');
    await new Promise<void>((r) => out.end(() => r()));
    return path;
  }

  function* unitRows(): Generator<string> {
    yield 'B,Bureau,bureau,';
    for (let s = 1; s <= subs; s += 1) yield `S${s},Sub-bureau ${s},sub_bureau,B`;
    for (let p = 1; p <= stations; p += 1) yield `P${p},Station ${p},station,S${((p - 1) % subs) + 1}`;
  }

  function idNumber(birth: string, n: number): string {
    const first17 = `630102${birth.replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
    return first17 + idCheckCharacter(first17);
  }

  const listings: { no: string; listedOn: string; agency: string }[] = [];
  function* fugitiveRows(): Generator<string> {
    for (let i = 1; i <= size.fugitives; i += 1) {
      const listedOn = addDays('1995-01-01', Math.floor(random() * 6100));
      const birth = addDays('1950-01-01', Math.floor(random() * 15000));
      const no = `T${String(i).padStart(9, '0')}`;
      const agency = random() < 0.05 ? 'Outside PSB' : `P${1 + Math.floor(random() * stations)}`;
      listings.push({ no, listedOn, agency });
      yield `${no},Person ${i},,${birth},${idNumber(birth, i)},${pick(CATEGORIES)},offence,,${agency},${listedOn},no,`;
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

  const unitsCsv = await writeCsv('units.csv', 'code,name,kind,parent_code', unitRows());
  const fugitivesCsv = await writeCsv(
    'fugitives.csv',
    'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
    fugitiveRows(),
  );
  const clearancesCsv = await writeCsv(
    'clearances.csv',
    'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
    clearanceRows(),
  );

  await timed(`import ${size.units} units`, () => importUnits(ctx, parseFile('units', unitsCsv)));
  const fugitives = await timed(`import ${size.fugitives} fugitives`, () =>
    importFugitives(ctx, parseFile('fugitives', fugitivesCsv)),
  );
  const clearances = await timed('import clearances (verified)', () =>
    importClearances(ctx, parseFile('clearances', clearancesCsv), { verified: true }),
  );
  await createCampaign(ctx, BENCH_CAMPAIGN);
  return { fugitives, clearances };
}
