// `npm run bench`: every speed and memory figure of issue 12 beside its anchor, measured in one run
// for each database and registry size, the way users meet them: the CLI as child processes, the
// HTTP routes against a `qingwang serve` child, the figures in-process beside a plain GROUP BY.
//
//   npm run bench                                        # SQLite, 50,000 listings, 3,000 units
//   npm run bench -- --sizes 50000,500000,2000000 --postgres postgres://user:pw@host/postgres
//   npm run bench -- --databases postgres --postgres … --sizes 500000 --seconds 10 --json out.json
//   (--keep leaves each run's files and database in place, to look into a figure)
//
// With --postgres (an account that may create databases) each run creates its own database and
// drops it afterwards. Targets are those of the issue; "anchor" is the same work done by the
// engine's own tool or by the server's cheapest route, in the same run.
import { randomBytes } from 'node:crypto';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { standings } from '../src/areas/campaigns/service.ts';
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { openStore } from '../src/db/connection.ts';
import { type Context, inTransaction } from '../src/shared/context.ts';
import { BENCH_CAMPAIGN, BENCH_NOW, writeCityFiles } from './city.ts';
import { FUGITIVES_HEADER } from './fugitives-csv.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50000' },
    units: { type: 'string', default: '3000' },
    databases: { type: 'string' },
    postgres: { type: 'string', default: process.env.BENCH_POSTGRES_URL },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'mixed-connections': { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const AS_OF = '2011-12-01';
const ROOT = join(import.meta.dirname, '..');
const QINGWANG = join(ROOT, 'bin/qingwang.js');
const PASSWORD = 'bench-Password-2026';
const databases = (args.databases ?? (args.postgres ? 'sqlite,postgres' : 'sqlite')).split(',');
if (databases.includes('postgres') && !args.postgres)
  throw new Error('--postgres URL (or BENCH_POSTGRES_URL) is needed for the postgres runs');

/** One line of the results: a figure, its anchor in the same run, and the target. */
interface Figure {
  database: string;
  listings: number;
  figure: string;
  value: string;
  anchor: string;
  ratio: string;
  target: string;
}
const results: Figure[] = [];

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;
const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface ChildRun {
  ms: number;
  /** Peak resident set of the child, KiB (GNU time). */
  rssKiB: number;
  stdout: string;
}

/** Runs a command to its end; its wall time and peak RSS. Fails the bench if it fails. */
function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}, input?: string): ChildRun {
  const rssFile = join(tmpdir(), `qingwang-bench-rss-${process.pid}`);
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...commandArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    input,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  const rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
  rmSync(rssFile, { force: true });
  return { ms: elapsed, rssKiB, stdout: child.stdout };
}

const qingwang = (databaseUrl: string, ...commandArgs: string[]) =>
  run(process.execPath, [QINGWANG, ...commandArgs], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' });

/** An account of the unit and role, with the bench's password (`qingwang user add`). */
function addUser(databaseUrl: string, username: string, unit: string, role: string): ChildRun {
  const account = ['user', 'add', username, '--name', username, '--unit', unit, '--roles', role];
  return run(
    process.execPath,
    [QINGWANG, ...account, '--password-stdin'],
    { DATABASE_URL: databaseUrl },
    `${PASSWORD}\n`,
  );
}

/** A database for one run: a file for SQLite, a new database on the server for PostgreSQL. */
async function freshDatabase(kind: string, dir: string, tag: string) {
  if (kind === 'sqlite') return { url: join(dir, 'bench.db'), drop: async () => {} };
  const admin = new URL(args.postgres!);
  const name = `qingwang_bench_${process.pid}_${tag}`;
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.href });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The engine's own bulk load of the same listings file into a table keyed on the listing number. */
function anchorImport(kind: string, databaseUrl: string, dir: string, file: string): ChildRun {
  const columns = FUGITIVES_HEADER.split(',')
    .map((c) => (c === 'listing_no' ? `${c} text primary key` : `${c} text`))
    .join(', ');
  if (kind === 'sqlite')
    return run(
      'sqlite3',
      [join(dir, 'anchor.db')],
      {},
      `create table anchor(${columns});\n.import --csv --skip 1 ${file} anchor\n`,
    );
  run('psql', ['-q', databaseUrl, '-c', `create table anchor (${columns})`]);
  const copied = run('psql', [
    '-q',
    databaseUrl,
    '-c',
    `\\copy anchor from '${file}' with (format csv, header true)`,
  ]);
  run('psql', ['-q', databaseUrl, '-c', 'drop table anchor']);
  return copied;
}

/** A free TCP port on the loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [QINGWANG, 'serve', '--no-scheduler'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'error',
      QINGWANG_TIP_KEY: randomBytes(32).toString('hex'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** Signs in and returns the session cookie. */
async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Http {
  perSecond: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  /** The server's CPU time (every thread) per answer, when its process was given. */
  serverCpuMs?: number;
}

/** A process's CPU time so far, every thread, user and system (ms), from /proc. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * autocannon against one path for `seconds`, taking gzip as browsers do; failed counts non-2xx
 * answers, errors and timeouts.
 */
async function hammer(
  url: string,
  cookie: string,
  connections: number,
  seconds = SECONDS,
  serverPid?: number,
): Promise<Http> {
  const cpuBefore = serverPid === undefined ? 0 : cpuMsOf(serverPid);
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie, 'accept-encoding': 'gzip' },
  });
  return {
    perSecond: r.requests.average,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    failed: r.non2xx + r.errors + r.timeouts,
    ...(serverPid === undefined
      ? {}
      : { serverCpuMs: (cpuMsOf(serverPid) - cpuBefore) / Math.max(1, r.requests.total) }),
  };
}

/**
 * The same, from a process of its own: a client that shares its event loop with fifty busy
 * connections reads its answers late, and its latency would be the client's, not the server's.
 */
async function hammerApart(
  url: string,
  cookie: string,
  connections: number,
  seconds = SECONDS,
): Promise<Http> {
  const cli = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
  const args = ['-c', String(connections), '-d', String(seconds), '-j', '-H', `cookie=${cookie}`, url];
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const r = JSON.parse(out) as autocannon.Result;
  return {
    perSecond: r.requests.average,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

/** Makes the figures change (a person's homicide flag set to what it is), so nothing kept holds. */
async function touchFigures(ctx: Context): Promise<void> {
  await inTransaction(ctx, (trx) =>
    sql`update persons set homicide = homicide where id = (select min(id) from persons)`.execute(trx.db),
  );
}

async function benchOne(kind: string, listings: number): Promise<void> {
  const add = (figure: string, value: string, anchor = '', ratio = '', target = '') => {
    results.push({ database: kind, listings, figure, value, anchor, ratio, target });
    console.log(
      `  ${figure.padEnd(44)} ${value.padStart(16)}  ${anchor.padStart(26)}  ${ratio.padStart(7)}  ${target}`,
    );
  };
  const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log(
    `\n## ${kind}, ${listings.toLocaleString('en')} listings, ${args.units} units (load average ${load()})`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'qingwang-bench-'));
  const database = await freshDatabase(kind, dir, String(listings));
  try {
    const files = await writeCityFiles(dir, { fugitives: listings, units: Number(args.units) });
    qingwang(database.url, 'migrate');
    qingwang(database.url, 'import', 'units', files.units);

    // Imports, end to end through the CLI, beside the engine's bulk load of the same file.
    const anchor = anchorImport(kind, database.url, dir, files.fugitives);
    const imported = qingwang(database.url, 'import', 'fugitives', files.fugitives);
    add(
      'qingwang import fugitives',
      ms(imported.ms),
      `${kind === 'sqlite' ? 'sqlite3 .import' : 'psql \\copy'} ${ms(anchor.ms)}`,
      times(imported.ms, anchor.ms),
      '≤ 2×',
    );
    add('  peak RSS of the import', mib(imported.rssKiB));
    const cleared = qingwang(database.url, 'import', 'clearances', '--verified', files.clearances);
    add('qingwang import clearances --verified', ms(cleared.ms));
    qingwang(
      database.url,
      ...['campaign', 'create', '--name', BENCH_CAMPAIGN.name, '--baseline', BENCH_CAMPAIGN.baselineOn],
      ...['--start', BENCH_CAMPAIGN.startOn, '--deadline', BENCH_CAMPAIGN.deadlineOn],
    );

    // The figures in-process: computed after a change, beside one plain GROUP BY over the persons.
    const store = openStore(database.url);
    const ctx: Context = { db: store.db, actor: 'bench', now: BENCH_NOW, scope: EVERYTHING };
    const groupBy: number[] = [];
    const computed: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      let started = performance.now();
      await sql`select home_unit_id, count(*) as n,
          sum(case when exit_on is null then 1 else 0 end) as active,
          sum(case when exit_on >= '2011-10-17' then 1 else 0 end) as cleared
        from persons group by home_unit_id`.execute(store.db);
      groupBy.push(performance.now() - started);
      await touchFigures(ctx);
      started = performance.now();
      await standings(ctx, { asOf: AS_OF });
      computed.push(performance.now() - started);
    }
    add(
      'standings computed after a change',
      ms(median(computed)),
      `GROUP BY ${ms(median(groupBy))}`,
      times(median(computed), median(groupBy)),
    );

    // The CLI, end to end.
    const bare = median(Array.from({ length: RUNS }, () => run(process.execPath, ['-e', '0']).ms));
    const help = Array.from({ length: RUNS }, () => qingwang(database.url, '--help'));
    add(
      'qingwang --help',
      ms(median(help.map((h) => h.ms))),
      `node -e 0 ${ms(bare)}`,
      times(median(help.map((h) => h.ms)), bare),
      '≤ 300 ms',
    );
    const cliStandings = Array.from({ length: 3 }, () =>
      qingwang(database.url, 'standings', '--as-of', AS_OF, '--json'),
    );
    add('qingwang standings --json', ms(median(cliStandings.map((s) => s.ms))), '', '', '≤ 1 s');

    // Over HTTP, against a server on this database.
    addUser(database.url, 'bench-commander', 'B', 'commander');
    addUser(database.url, 'bench-officer', 'P1', 'officer');
    const server = await startServer(database.url);
    try {
      const cookie = await signIn(server.base, 'bench-commander');
      const standingsUrl = `${server.base}/api/standings?asOf=${AS_OF}`;
      await hammer(`${server.base}/api/health`, cookie, 4, 1); // warm-up
      await fetch(standingsUrl, { headers: { cookie } });
      const health = await hammer(
        `${server.base}/api/health`,
        cookie,
        CONNECTIONS,
        SECONDS,
        server.child.pid,
      );
      const standingsRun = await hammer(standingsUrl, cookie, CONNECTIONS, SECONDS, server.child.pid);
      add(
        `GET /api/standings, ${CONNECTIONS} connections`,
        `${standingsRun.perSecond.toFixed(0)} req/s`,
        `/api/health ${health.perSecond.toFixed(0)} req/s`,
        `${((100 * standingsRun.perSecond) / health.perSecond).toFixed(0)}%`,
        '≥ 50%',
      );
      add('  its p99', ms(standingsRun.p99), `/api/health p99 ${ms(health.p99)}`, '', '≤ 100 ms');
      // autocannon shares the machine with the server: the server's own CPU time per answer says
      // what each route costs whatever the client could take (the Node process's, every thread;
      // on PostgreSQL the database's backends are not in it).
      add(
        '  server CPU per answer',
        ms(standingsRun.serverCpuMs!),
        `/api/health ${ms(health.serverCpuMs!)}`,
        `${((100 * health.serverCpuMs!) / standingsRun.serverCpuMs!).toFixed(0)}%`,
      );
      const [, beside] = await Promise.all([
        hammer(standingsUrl, cookie, CONNECTIONS),
        hammerApart(`${server.base}/api/health`, cookie, 1),
      ]);
      add(
        '/api/health beside the standings, p99',
        ms(beside.p99),
        `max ${ms(beside.max)}, ${beside.requests} answered, ${beside.failed} failed`,
        '',
        '≤ 50 ms',
      );

      // The dashboard page's calls together, as the browser makes them (at once), kept and after a change.
      const dashboard = async () => {
        const started = performance.now();
        await Promise.all(
          [`/api/dashboard?unit=B&asOf=${AS_OF}`, '/api/four-ones/compliance?unit=B'].map(async (path) => {
            const res = await fetch(`${server.base}${path}`, { headers: { cookie } });
            if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
            await res.arrayBuffer();
          }),
        );
        return performance.now() - started;
      };
      await dashboard();
      const kept = median(await sequence(RUNS, dashboard));
      const fresh = median(
        await sequence(RUNS, async () => {
          await touchFigures(ctx);
          return dashboard();
        }),
      );
      add('dashboard calls together, kept', ms(kept), '', '', '≤ 100 ms');
      add('  … right after the figures change', ms(fresh), '', '', '≤ 100 ms');

      // Mixed reads and claims (bench/load.ts), beside its own /api/health-only anchor.
      const summaryFile = join(dir, 'load.json');
      const loadRun = run(process.execPath, [
        ...['--import', 'tsx', join(import.meta.dirname, 'load.ts'), '--url', server.base],
        ...['--connections', args['mixed-connections'], '--seconds', String(SECONDS)],
        ...['--health-seconds', String(Math.max(3, SECONDS / 2)), '--user', 'bench-officer'],
        ...['--password', PASSWORD, '--as-of', AS_OF, '--json', summaryFile],
      ]);
      console.log(loadRun.stdout.replace(/^/gm, '    | '));
      const mixed = JSON.parse(readFileSync(summaryFile, 'utf8')) as {
        health: { perSecond: number; p99: number };
        mixed: { perSecond: number; p99: number; errors: number; busy: number };
        lost: number;
      };
      add(
        `mixed load, ${args['mixed-connections']} connections: p99`,
        ms(mixed.mixed.p99),
        `/api/health p99 ${ms(mixed.health.p99)}`,
        '',
        '≤ 250 ms',
      );
      add(
        '  throughput, errors (503s), lost claims',
        `${mixed.mixed.perSecond.toFixed(0)} req/s`,
        `/api/health ${mixed.health.perSecond.toFixed(0)} req/s`,
        `${mixed.mixed.errors} (${mixed.mixed.busy}), ${mixed.lost}`,
        '0 errors',
      );
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1];
      add('server peak RSS', mib(Number(hwm)), '', '', '≤ 300 MB');
    } finally {
      server.child.kill('SIGINT');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }

    // The integrity rules over the whole campaign, queueing what they find (as the web app's scan).
    await store.close();
    const rules = qingwang(database.url, 'anomalies', '--enqueue', '--json');
    add('integrity run (qingwang anomalies --enqueue)', ms(rules.ms), '', '', '');
    add('  its peak RSS', mib(rules.rssKiB), '', '', '≤ 500 MB');
  } finally {
    if (args.keep) console.log(`  kept: ${dir} and the database ${database.url}`);
    else {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** `work` run `count` times one after the other. */
async function sequence<T>(count: number, work: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 1) out.push(await work());
  return out;
}

console.log(`node ${process.version}; ${databases.join(', ')}; sizes ${args.sizes}; load average ${load()}`);
console.log(
  `  ${'figure'.padEnd(44)} ${'measured'.padStart(16)}  ${'anchor, same run'.padStart(26)}  ${'ratio'.padStart(7)}  target`,
);
for (const kind of databases)
  for (const size of args.sizes.split(',').map(Number)) await benchOne(kind, size);
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
