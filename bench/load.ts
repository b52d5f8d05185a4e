// Mixed load against a running server: N connections read the standings, the registry, case pages
// and the claims, and file claims, for a while; before that, the same connections ask only
// /api/health, the anchor that says what this machine and server manage at all in the same run.
// Prints requests/s, p50/p99/max and errors for each kind of request.
//
//   node --import tsx bench/load.ts --url http://127.0.0.1:8080 [--connections 100] [--seconds 60]
//        [--health-seconds 10] [--user officer] [--password qingwang-demo] [--claims 0.1]
//        [--during "<shell command>" [--during-after 15]] [--as-of 2011-12-01] [--json summary.json]
//
// With --during, the command (e.g. a `qingwang import` on the server's database) starts that many
// seconds into the mixed load; its output is echoed prefixed with `[during]`, and its exit code and
// wall time are printed, with the requests started while it ran tallied apart.
//
// --as-of asks the standings as of that date (default: the server's today); --json also writes the
// anchor's and the mixed load's totals to a file (for `bench/run.ts`).
//
// The user files the claims, so it should be an officer (the demo's `officer` by default); claims
// are arrests on active listings of the user's units, with the evidence reference `load-N`.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    'health-seconds': { type: 'string', default: '10' },
    user: { type: 'string', default: 'officer' },
    password: { type: 'string', default: 'qingwang-demo' },
    claims: { type: 'string', default: '0.1' },
    during: { type: 'string' },
    'during-after': { type: 'string', default: '15' },
    'as-of': { type: 'string' },
    json: { type: 'string' },
  },
});
const base = new URL(values.url);
const connections = Number(values.connections);
const agent = new Agent({ keepAlive: true, maxSockets: connections });

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      {
        method,
        agent,
        // As browsers ask: the kept standings go out gzip-compressed (55 KB instead of 1.5 MB).
        headers: {
          'accept-encoding': 'gzip',
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            // Read only where a caller needs it: the load generator shares the server's machine.
            get body() {
              const raw = Buffer.concat(chunks);
              return (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
            },
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Latencies and outcomes of one kind of request. */
class Tally {
  readonly ms: number[] = [];
  refused = 0; // 4xx: the server said no, as it should to e.g. a second claim on a person
  busy = 0; // 503 with Retry-After
  errors = 0; // 5xx other than 503, or the connection failed
  record(ms: number, status: number) {
    this.ms.push(ms);
    if (status === 503) this.busy += 1;
    else if (status >= 500 || status === 0) this.errors += 1;
    else if (status >= 400) this.refused += 1;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** Prints a table of each kind and all together; returns all together. */
function report(title: string, tallies: Map<string, Tally>, seconds: number) {
  console.log(`\n${title} (${connections} connections, ${Number(seconds.toFixed(1))} s)`);
  console.log(
    'kind'.padEnd(12),
    'requests'.padStart(9),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'max ms'.padStart(8),
    '  4xx  503  errors',
  );
  const all = new Tally();
  for (const [kind, t] of [...tallies, ['all', all] as const]) {
    if (kind !== 'all') {
      all.ms.push(...t.ms);
      all.refused += t.refused;
      all.busy += t.busy;
      all.errors += t.errors;
    }
    const sorted = [...t.ms].sort((a, b) => a - b);
    console.log(
      kind.padEnd(12),
      String(t.ms.length).padStart(9),
      (t.ms.length / seconds).toFixed(0).padStart(8),
      percentile(sorted, 50).toFixed(1).padStart(8),
      percentile(sorted, 99).toFixed(1).padStart(8),
      (sorted.at(-1) ?? NaN).toFixed(0).padStart(8),
      String(t.refused).padStart(6),
      String(t.busy).padStart(4),
      String(t.errors).padStart(7),
    );
  }
  const sorted = [...all.ms].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    refused: all.refused,
    busy: all.busy,
    errors: all.errors,
  };
}

const tallyOf = (tallies: Map<string, Tally>, kind: string) =>
  tallies.get(kind) ?? tallies.set(kind, new Tally()).get(kind)!;

/**
 * Runs `next` on every connection until the time is up. A request that starts while `aside()`
 * gives a map is tallied there too.
 */
async function drive(
  seconds: number,
  next: () => [kind: string, run: () => Promise<Answer>],
  aside: () => Map<string, Tally> | undefined = () => undefined,
) {
  const tallies = new Map<string, Tally>();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const [kind, run] = next();
        const also = aside();
        const started = performance.now();
        const status = await run().then(
          (a) => a.status,
          () => 0,
        );
        const ms = performance.now() - started;
        tallyOf(tallies, kind).record(ms, status);
        if (also) tallyOf(also, kind).record(ms, status);
      }
    }),
  );
  return tallies;
}

/** A shell command run beside the load: when it started and ended, relative to the load's start. */
interface During {
  command: string;
  startedAt: number;
  endedAt?: number;
  exitCode?: number | null;
  tallies: Map<string, Tally>;
  done: Promise<void>;
}

function startDuring(command: string, loadStarted: number): During {
  const during: During = {
    command,
    startedAt: performance.now() - loadStarted,
    tallies: new Map(),
    done: Promise.resolve(),
  };
  const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => console.log(`[during] ${line}`));
  during.done = new Promise((resolve) =>
    child.on('close', (code) => {
      during.endedAt = performance.now() - loadStarted;
      during.exitCode = code;
      resolve();
    }),
  );
  return during;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// Sign in, and learn the listings to read and claim.
const session = await call('POST', '/api/session', { username: values.user, password: values.password });
if (session.status !== 200)
  throw new Error(`sign-in as ${values.user} failed: ${session.status} ${session.body}`);
const cookie = [session.headers['set-cookie']]
  .flat()
  .map((c) => c!.split(';')[0])
  .join('; ');
const csrf = (JSON.parse(session.body) as { csrfToken: string }).csrfToken;
const auth = { cookie };
const listings: string[] = [];
for (let page = 1; page <= 5; page++) {
  const res = await call('GET', `/api/fugitives?status=active&pageSize=200&page=${page}`, undefined, auth);
  listings.push(
    ...(JSON.parse(res.body) as { items: { listingNo: string }[] }).items.map((i) => i.listingNo),
  );
}
if (listings.length === 0) throw new Error(`${values.user} sees no active listing to read or claim`);
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let claimNo = 0;
/** The claims the server said it filed (201): each must be there afterwards. */
const acknowledged: { listingNo: string; id: number }[] = [];

console.log(`load average (1, 5, 15 min) at the start: ${load()}`);
const healthSeconds = Number(values['health-seconds']);
const healthTotals = report(
  'anchor: /api/health only',
  await drive(healthSeconds, () => ['health', () => call('GET', '/api/health')]),
  healthSeconds,
);

const claimShare = Number(values.claims);
const reads: [string, () => string][] = [
  ['standings', () => (values['as-of'] ? `/api/standings?asOf=${values['as-of']}` : '/api/standings')],
  ['registry', () => `/api/fugitives?page=${1 + Math.floor(Math.random() * 20)}`],
  ['case page', () => `/api/fugitives/${encodeURIComponent(pick(listings))}`],
  ['claims', () => '/api/clearances?status=pending'],
];
const seconds = Number(values.seconds);
/** When each acknowledged claim was answered, in ms from the mixed load's start. */
const acknowledgedAt: number[] = [];
const mixedStarted = performance.now();
let during: During | undefined;
const startTimer = values.during
  ? setTimeout(
      () => (during = startDuring(values.during!, mixedStarted)),
      Number(values['during-after']) * 1000,
    )
  : undefined;
const mixed = await drive(
  seconds,
  () => {
    if (Math.random() < claimShare)
      return [
        'file claim',
        async () => {
          const listingNo = pick(listings);
          const answer = await call(
            'POST',
            '/api/clearances',
            { listingNo, kind: 'arrest', occurredOn: today, evidenceRef: `load-${++claimNo}` },
            { ...auth, 'x-csrf-token': csrf },
          );
          if (answer.status === 201) {
            acknowledged.push({ listingNo, id: (JSON.parse(answer.body) as { id: number }).id });
            acknowledgedAt.push(performance.now() - mixedStarted);
          }
          return answer;
        },
      ];
    const [kind, path] = pick(reads);
    return [kind, () => call('GET', path(), undefined, auth)];
  },
  () => (during && during.endedAt === undefined ? during.tallies : undefined),
);
clearTimeout(startTimer);
const mixedTotals = report(
  'mixed: reads of standings, registry, case pages and claims; claims filed',
  mixed,
  seconds,
);
console.log(`load average (1, 5, 15 min) at the end of the mixed load: ${load()}`);

// The longest stretch in which no claim was acknowledged, the load's start and end included.
const stamps = [0, ...acknowledgedAt.sort((a, b) => a - b), seconds * 1000];
let gap = { from: 0, ms: 0 };
for (let i = 1; i < stamps.length; i++)
  if (stamps[i]! - stamps[i - 1]! > gap.ms) gap = { from: stamps[i - 1]!, ms: stamps[i]! - stamps[i - 1]! };
console.log(
  `longest stretch without an acknowledged claim: ${(gap.ms / 1000).toFixed(1)} s, from ${(gap.from / 1000).toFixed(1)} s`,
);

if (values.during) {
  if (!during) console.log(`\nduring: the load ended before "${values.during}" was to start`);
  else {
    const outlasted = during.endedAt === undefined;
    await during.done;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `\nduring: "${during.command}" started ${s(during.startedAt)} into the mixed load, ` +
        `exit ${during.exitCode} after ${s(during.endedAt! - during.startedAt)}` +
        (outlasted ? ` (it outlasted the ${seconds} s load)` : `, ended at ${s(during.endedAt!)}`),
    );
    const window = (Math.min(during.endedAt!, seconds * 1000) - during.startedAt) / 1000;
    report(`requests started while it ran`, during.tallies, window);
  }
}

// No acknowledged write may be lost (e.g. to a busy database during an import beside the load).
let lost = 0;
for (const { listingNo, id } of acknowledged) {
  const res = await call(
    'GET',
    `/api/clearances?listingNo=${encodeURIComponent(listingNo)}`,
    undefined,
    auth,
  );
  const items = (JSON.parse(res.body) as { items?: { id: number }[] }).items ?? [];
  if (!items.some((c) => c.id === id)) lost += 1;
}
console.log(
  `\nclaims acknowledged (201): ${acknowledged.length}; found afterwards: ${acknowledged.length - lost}`,
);
agent.destroy();
if (values.json)
  writeFileSync(
    values.json,
    JSON.stringify({ health: healthTotals, mixed: mixedTotals, acknowledged: acknowledged.length, lost }),
  );
