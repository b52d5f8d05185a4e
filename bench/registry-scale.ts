import { EVERYTHING } from '../src/areas/accounts/rules.ts';
// Scale benchmark: a city of 3,000 units and 500,000 listings on SQLite (or DATABASE_URL).
// Prints import throughput and the time to compute standings for every unit.
// Run: npm run bench [-- --fugitives 500000 --units 3000]
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importClearances } from '../src/areas/clearances/service.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { searchRegistry } from '../src/areas/registry/service.ts';
import { findAnomalies, scanCampaign } from '../src/areas/integrity/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { addDays } from '../src/shared/dates.ts';

const { values: args } = parseArgs({
  options: {
    fugitives: { type: 'string', default: '500000' },
    units: { type: 'string', default: '3000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const FUGITIVES = Number(args.fugitives);
const UNITS = Number(args.units);
const RUNS = Number(args.runs);
const dir = mkdtempSync(join(tmpdir(), 'qingwang-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? join(dir, 'bench.db');
const CATEGORIES = ['homicide', 'robbery', 'theft', 'fraud', 'drugs', 'assault', 'other'];

/** A tiny deterministic generator, so every run measures the same data. */
let state = 20111017;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

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
  const subs = Math.max(1, Math.round(UNITS / 150));
  for (let s = 1; s <= subs; s += 1) yield `S${s},Sub-bureau ${s},sub_bureau,B`;
  for (let p = 1; p <= UNITS - subs - 1; p += 1) yield `P${p},Station ${p},station,S${((p - 1) % subs) + 1}`;
}
const stations = Math.max(1, UNITS - Math.max(1, Math.round(UNITS / 150)) - 1);

function idNumber(birth: string, n: number): string {
  const first17 = `630102${birth.replaceAll('-', '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

const listings: { no: string; listedOn: string; agency: string }[] = [];
function* fugitiveRows(): Generator<string> {
  for (let i = 1; i <= FUGITIVES; i += 1) {
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

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms`);
  return { result, ms };
}

const store = openStore(databaseUrl);
await migrateToLatest(store.db);
const ctx: Context = {
  db: store.db,
  actor: 'bench',
  now: new Date('2011-12-20T04:00:00Z'),
  scope: EVERYTHING,
};

console.log(`database: ${store.dialect} (${databaseUrl}); node ${process.version}`);
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

await timed(`import ${UNITS} units`, () => importUnits(ctx, parseFile('units', unitsCsv)));
const f = await timed(`import ${FUGITIVES} fugitives`, () =>
  importFugitives(ctx, parseFile('fugitives', fugitivesCsv)),
);
const c = await timed('import clearances (verified)', () =>
  importClearances(ctx, parseFile('clearances', clearancesCsv), { verified: true }),
);
await createCampaign(ctx, {
  name: 'bench',
  baselineOn: '2011-10-16',
  startOn: '2011-10-17',
  deadlineOn: '2011-12-20',
});

const times: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const { ms, result } = await timed(`standings, run ${run + 1}`, () =>
    standings(ctx, { asOf: '2011-12-01' }),
  );
  if (run === 0) console.log(`  (${result.units.length} units, city baseline ${result.units[0]?.baseline})`);
  times.push(ms);
}
const first = times[0]!;
times.sort((a, b) => a - b);

const searches: [string, Parameters<typeof searchRegistry>[1]][] = [
  ['registry: newest first, page 1', { sort: '-listedOn', page: 1, pageSize: 50 }],
  ['registry: page 2,000', { sort: '-listedOn', page: 2000, pageSize: 50 }],
  [
    'registry: one sub-bureau, active',
    { unit: 'S3', status: 'active', sort: '-listedOn', page: 1, pageSize: 50 },
  ],
  ['registry: name contains', { q: 'Person 4242', sort: 'name', page: 1, pageSize: 50 }],
  ['registry: ID number prefix', { q: '630102197', sort: '-listedOn', page: 1, pageSize: 50 }],
  [
    'registry: homicide, listed 2005',
    {
      category: 'homicide',
      listedFrom: '2005-01-01',
      listedTo: '2005-12-31',
      sort: 'listingNo',
      page: 1,
      pageSize: 50,
    },
  ],
];
// The integrity rules over the whole campaign, and the same again putting every finding into the
// inspectors' queue (what a scan or an import after the campaign's creation does).
const rules = await timed('integrity rules, whole campaign', () => findAnomalies(ctx, 'bench'));
const queued = await timed('  … and queueing the findings', () => scanCampaign(ctx, 'bench'));

const searchTimes: string[] = [];
for (const [label, query] of searches) {
  await searchRegistry(ctx, query); // warm
  const { ms, result } = await timed(label, () => searchRegistry(ctx, query));
  searchTimes.push(`${label}: ${ms.toFixed(0)} ms (${result.total} matches)`);
}

console.log('\nsummary');
console.log(
  `  fugitives import   ${Math.round(f.result.inserted / (f.ms / 1000)).toLocaleString('en')} rows/s`,
);
console.log(
  `  clearances import  ${Math.round(c.result.inserted / (c.ms / 1000)).toLocaleString('en')} rows/s (${c.result.inserted} rows)`,
);
console.log(
  `  standings          median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, first run ${first.toFixed(0)} ms`,
);
console.log(
  `  integrity rules    ${rules.ms.toFixed(0)} ms (${rules.result.length} findings); with queueing ${queued.ms.toFixed(0)} ms`,
);
for (const line of searchTimes) console.log(`  ${line}`);
console.log(`  peak RSS           ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);

await store.close();
if (args.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
