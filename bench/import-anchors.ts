// The listing import through the CLI beside its anchors (issue 12, item 3), in one run: a fugitives
// CSV of N synthetic listings loaded by the database's own bulk loader into a keyed table
// (`sqlite3 .import`, `psql \copy`), then by `qingwang import units` + `import fugitives` as child
// processes on a fresh database, with the import's wall time, its ratio to the anchor and the CLI's
// peak RSS. Run the compiled CLI (`npx tsc -p tsconfig.build.json` first: bin/qingwang.js uses
// build/ only when it is newer than src/, otherwise it compiles the sources at start).
//
//   node --import tsx bench/import-anchors.ts --rows 500000 [--db sqlite|postgres|both] [--again]
//        [--before DIR] [--dir /tmp/import-anchors] [--pg postgres://postgres:postgres@127.0.0.1:5432]
//
// --again imports the same file a second time (every listing already registered, all unchanged).
// --before DIR also runs the CLI of another checkout (e.g. a worktree of an older commit, compiled),
// on a database of its own, before this one's: before and after in the same run.
// PostgreSQL: creates the scratch databases bench_copy_anchor and bench_copy_cli_*, drops them after.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { FUGITIVES_HEADER, seededRandom, syntheticListings, writeCsv } from './fugitives-csv.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    db: { type: 'string', default: 'both' },
    dir: { type: 'string', default: '/tmp/import-anchors' },
    pg: { type: 'string', default: 'postgres://postgres:postgres@127.0.0.1:5432' },
    again: { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});
const rows = Number(values.rows);
const dir = values.dir;
const STATIONS = 50;
const root = join(import.meta.dirname, '..');

/** The anchor's table: the file's columns, keyed by listing number as the registry is. */
const ANCHOR_TABLE = `create table anchor (listing_no text primary key, name text not null, sex text,
  birth_date text, id_number text, crime_category text not null, offence text not null, case_no text,
  listing_agency text not null, listed_on text not null, published text not null, reward text)`;

function seconds(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** Runs the CLI of `checkout` with DATABASE_URL; its wall time and peak RSS (MiB, from /usr/bin/time). */
function cli(
  checkout: string,
  databaseUrl: string,
  ...args: string[]
): { s: number; rssMb: number; out: string } {
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb %M', 'node', join(checkout, 'bin/qingwang.js'), ...args],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    },
  );
  const s = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`qingwang ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
  const rss = /peak-rss-kb (\d+)/.exec(run.stderr);
  return { s, rssMb: rss ? Number(rss[1]) / 1024 : NaN, out: run.stdout.trim() };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${url}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function report(
  db: string,
  anchor: number,
  runs: { label: string; s: number; rssMb: number; out: string }[],
) {
  console.log(
    `\n${db}, ${rows} rows (load average ${execFileSync('uptime').toString().split('average:')[1]!.trim()})`,
  );
  console.log(`  anchor (the database's bulk loader into a keyed table)  ${anchor.toFixed(2)} s`);
  for (const r of runs)
    console.log(
      `  ${r.label.padEnd(55)} ${r.s.toFixed(2)} s  ${(r.s / anchor).toFixed(1)}× anchor  peak RSS ${r.rssMb.toFixed(0)} MiB\n    ${r.out}`,
    );
}

async function main() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const units = await writeCsv(
    join(dir, 'units.csv'),
    'code,name,kind,parent_code',
    (function* () {
      yield 'B,Bureau,bureau,';
      yield 'S1,Sub-bureau 1,sub_bureau,B';
      for (let p = 1; p <= STATIONS; p += 1) yield `P${p},Station ${p},station,S1`;
    })(),
  );
  const random = seededRandom(12);
  const listings = syntheticListings(rows, random, () => `P${1 + Math.floor(random() * STATIONS)}`, 'L');
  const file = await writeCsv(
    join(dir, 'fugitives.csv'),
    FUGITIVES_HEADER,
    (function* () {
      for (const l of listings) yield l.row;
    })(),
  );

  const checkouts = [
    ...(values.before ? [{ name: 'before', dir: values.before }] : []),
    { name: 'this', dir: root },
  ];
  /** Each checkout's imports, on the fresh database `urlOf` gives it. */
  const imports = (urlOf: (checkout: string) => string) =>
    checkouts.flatMap(({ name, dir }) => {
      const url = urlOf(name);
      cli(dir, url, 'import', 'units', units);
      const runs = [
        { label: `${name}: import fugitives (new database)`, ...cli(dir, url, 'import', 'fugitives', file) },
      ];
      if (values.again)
        runs.push({
          label: `${name}: the same file again (all unchanged)`,
          ...cli(dir, url, 'import', 'fugitives', file),
        });
      return runs;
    });

  if (values.db === 'sqlite' || values.db === 'both') {
    const anchorDb = join(dir, 'anchor.db');
    execFileSync('sqlite3', [anchorDb, ANCHOR_TABLE]);
    const anchor = seconds(() =>
      execFileSync('sqlite3', [anchorDb, `.import --csv --skip 1 ${file} anchor`]),
    );
    report(
      'SQLite',
      anchor,
      imports((name) => join(dir, `cli-${name}.db`)),
    );
  }

  if (values.db === 'postgres' || values.db === 'both') {
    const dbs = ['bench_copy_anchor', ...checkouts.map((c) => `bench_copy_cli_${c.name}`)];
    for (const name of dbs) {
      await onServer(values.pg, `drop database if exists ${name}`);
      await onServer(values.pg, `create database ${name}`);
    }
    try {
      const anchorUrl = `${values.pg}/bench_copy_anchor`;
      execFileSync('psql', [anchorUrl, '-qc', ANCHOR_TABLE]);
      const anchor = seconds(() =>
        execFileSync('psql', [anchorUrl, '-qc', `\\copy anchor from '${file}' csv header`]),
      );
      report(
        'PostgreSQL',
        anchor,
        imports((name) => `${values.pg}/bench_copy_cli_${name}`),
      );
    } finally {
      for (const name of dbs) await onServer(values.pg, `drop database if exists ${name}`);
    }
  }
}

await main();
