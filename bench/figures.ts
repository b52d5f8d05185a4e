// Figures at scale (issue 12, items 1, 2 and 7): the standings beside their anchors, in one run.
// Loads the synthetic city, then prints
// - the standings computed in-process beside one plain GROUP BY over the same persons,
// - over HTTP against a `qingwang serve` child process, N connections each for some seconds:
//   `/api/health` alone, `/api/standings` alone, `/api/health`'s latency while the standings are
//   requested, and the same while the figures change twice a second (so they must be recomputed),
// - the server's peak RSS.
// Run: node --import tsx bench/figures.ts [--fugitives 100000 --units 500 --seconds 5 --connections 50]
// On PostgreSQL: DATABASE_URL=postgres://… (an empty database).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { addServiceAccount, issueToken } from '../src/areas/accounts/service.ts';
import { standings } from '../src/areas/campaigns/service.ts';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { type Context, inTransaction } from '../src/shared/context.ts';
import { BENCH_NOW, loadCity, timed } from './city.ts';

const { values: args } = parseArgs({
  options: {
    fugitives: { type: 'string', default: '100000' },
    units: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const AS_OF = '2011-12-01';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-figures-'));
const databaseUrl = process.env.DATABASE_URL ?? join(dir, 'bench.db');
const store = openStore(databaseUrl);
await migrateToLatest(store.db);
const ctx: Context = { db: store.db, actor: 'bench', now: BENCH_NOW, scope: EVERYTHING };
console.log(`database: ${store.dialect} (${databaseUrl}); node ${process.version}`);
await loadCity(ctx, dir, { fugitives: Number(args.fugitives), units: Number(args.units) });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Makes the figures change (a person's homicide flag set to what it is), so nothing cached holds. */
async function touchFigures(): Promise<void> {
  // As every write of the product: retried while the server's own writes hold SQLite's lock.
  await inTransaction(ctx, (trx) =>
    sql`update persons set homicide = homicide where id = (select min(id) from persons)`.execute(trx.db),
  );
}

// In-process: the standings service beside one GROUP BY with a roll-up's worth of counts.
const groupBy: number[] = [];
const computed: number[] = [];
const repeated: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  groupBy.push(
    (
      await timed(`plain GROUP BY, run ${run + 1}`, () =>
        sql`select home_unit_id, count(*) as n,
              sum(case when exit_on is null then 1 else 0 end) as active,
              sum(case when exit_on >= '2011-10-17' then 1 else 0 end) as cleared
            from persons group by home_unit_id`.execute(store.db),
      )
    ).ms,
  );
  await touchFigures();
  computed.push(
    (await timed(`standings after a change, run ${run + 1}`, () => standings(ctx, { asOf: AS_OF }))).ms,
  );
  repeated.push((await timed(`standings again, run ${run + 1}`, () => standings(ctx, { asOf: AS_OF }))).ms);
}

// A read-only token for the HTTP runs (issued as of the real clock: the server runs on it).
const today: Context = { ...ctx, now: new Date() };
await addServiceAccount(today, {
  username: 'bench',
  displayName: 'bench',
  unitCode: 'B',
  roles: ['commander'],
});
const { token } = await issueToken(today, 'bench', { label: 'bench' });

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});
const server: ChildProcess = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, '../src/cli/main.ts'), 'serve'],
  {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('is running at')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS + 1 });
function get(path: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface Run {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/** `connections` loops each requesting `path` one after the other until `until`. */
async function load(path: string, connections: number, until: number): Promise<Run> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) latencies.push(await get(path));
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
  };
}

const show = (label: string, r: Run) =>
  console.log(
    `${label.padEnd(46)} ${r.perSecond.toFixed(1).padStart(8)} req/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99
      .toFixed(0)
      .padStart(5)} ms  max ${r.max.toFixed(0).padStart(5)} ms  (${r.requests})`,
  );
const phase = () => performance.now() + SECONDS * 1000;
const STANDINGS = `/api/standings?asOf=${AS_OF}`;

await load('/api/health', 4, performance.now() + 1000); // warm up
await get(STANDINGS);
const health = await load('/api/health', CONNECTIONS, phase());
show(`GET /api/health, ${CONNECTIONS} connections`, health);
const standingsRun = await load(STANDINGS, CONNECTIONS, phase());
show(`GET /api/standings, ${CONNECTIONS} connections`, standingsRun);

let until = phase();
const [, healthBeside] = await Promise.all([
  load(STANDINGS, CONNECTIONS, until),
  load('/api/health', 1, until),
]);
show('  /api/health meanwhile, 1 connection', healthBeside);

until = phase();
let changes = 0;
const writer = (async () => {
  while (performance.now() < until) {
    await touchFigures();
    changes += 1;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})();
const [underWrites, healthUnderWrites] = await Promise.all([
  load(STANDINGS, CONNECTIONS, until),
  load('/api/health', 1, until),
  writer,
]);
show(`GET /api/standings, figures changing 2×/s`, underWrites);
show('  /api/health meanwhile, 1 connection', healthUnderWrites);
const serverPeak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];

console.log('\nsummary');
console.log(
  `  in-process   GROUP BY median ${median(groupBy).toFixed(0)} ms; standings after a change median ${median(computed).toFixed(0)} ms (${(median(computed) / median(groupBy)).toFixed(1)}×), again ${median(repeated).toFixed(1)} ms`,
);
console.log(
  `  HTTP         standings ${standingsRun.perSecond.toFixed(1)} req/s vs health ${health.perSecond.toFixed(0)} req/s (${((100 * standingsRun.perSecond) / health.perSecond).toFixed(1)}%), standings p99 ${standingsRun.p99.toFixed(0)} ms`,
);
console.log(
  `  event loop   health beside standings p99 ${healthBeside.p99.toFixed(0)} ms, max ${healthBeside.max.toFixed(0)} ms; with ${changes} changes: p99 ${healthUnderWrites.p99.toFixed(0)} ms, max ${healthUnderWrites.max.toFixed(0)} ms`,
);
console.log(
  `  peak RSS     server ${Math.round(Number(serverPeak) / 1024)} MiB, bench ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
);

agent.destroy();
server.kill('SIGINT');
await new Promise((resolve) => server.once('exit', resolve));
await store.close();
rmSync(dir, { recursive: true, force: true });
