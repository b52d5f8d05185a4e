import { EVERYTHING } from '../src/areas/accounts/rules.ts';
// Scale benchmark: a city of 3,000 units and 500,000 listings on SQLite (or DATABASE_URL).
// Prints import throughput and the time to compute standings for every unit.
// Run: npm run bench [-- --fugitives 500000 --units 3000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { standings } from '../src/areas/campaigns/service.ts';
import { searchRegistry } from '../src/areas/registry/service.ts';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Context } from '../src/shared/context.ts';
import { BENCH_NOW, loadCity, timed } from './city.ts';

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
const store = openStore(databaseUrl);
await migrateToLatest(store.db);
const ctx: Context = {
  db: store.db,
  actor: 'bench',
  now: BENCH_NOW,
  scope: EVERYTHING,
};

console.log(`database: ${store.dialect} (${databaseUrl}); node ${process.version}`);
const { fugitives: f, clearances: c } = await loadCity(ctx, dir, { fugitives: FUGITIVES, units: UNITS });

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
    { unit: 'S1', status: 'active', sort: '-listedOn', page: 1, pageSize: 50 },
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
// inspectors' queue (what a scan or an import after the campaign's creation does), each in a child
// process so that the peak RSS printed is the run's own, not the import's.
function integrityRun(what: 'rules' | 'scan') {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'integrity-run.ts'), what, databaseUrl, 'bench'],
    { encoding: 'utf8' },
  );
  const run = JSON.parse(out.trim().split('\n').at(-1)!) as {
    ms: number;
    findings: number;
    peakRssMiB: number;
  };
  console.log(
    `${`integrity ${what}`.padEnd(34)} ${run.ms.toFixed(0).padStart(7)} ms, peak RSS ${run.peakRssMiB} MiB`,
  );
  return run;
}
const rules = integrityRun('rules');
const queued = integrityRun('scan');

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
  `  integrity rules    ${rules.ms.toFixed(0)} ms (${rules.findings} findings), peak RSS ${rules.peakRssMiB} MiB; ` +
    `with queueing ${queued.ms.toFixed(0)} ms, peak RSS ${queued.peakRssMiB} MiB`,
);
for (const line of searchTimes) console.log(`  ${line}`);
console.log(
  `  peak RSS           ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (this process: the import)`,
);

await store.close();
if (args.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
