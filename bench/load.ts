// Mixed load against a running server: N connections read the standings, the registry, case pages
// and the claims, and file claims, for a while; before that, the same connections ask only
// /api/health, the anchor that says what this machine and server manage at all in the same run.
// Prints requests/s, p50/p99 and errors for each kind of request.
//
//   node --import tsx bench/load.ts --url http://127.0.0.1:8080 [--connections 100] [--seconds 60]
//        [--health-seconds 10] [--user officer] [--password qingwang-demo] [--claims 0.1]
//
// The user files the claims, so it should be an officer (the demo's `officer` by default); claims
// are arrests on active listings of the user's units, with the evidence reference `load-N`.
import { Agent, request } from 'node:http';
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
        headers: {
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
            body: Buffer.concat(chunks).toString(),
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
  record(started: number, status: number) {
    this.ms.push(performance.now() - started);
    if (status === 503) this.busy += 1;
    else if (status >= 500 || status === 0) this.errors += 1;
    else if (status >= 400) this.refused += 1;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function report(title: string, tallies: Map<string, Tally>, seconds: number) {
  console.log(`\n${title} (${connections} connections, ${seconds} s)`);
  console.log(
    'kind'.padEnd(12),
    'requests'.padStart(9),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
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
      String(t.refused).padStart(6),
      String(t.busy).padStart(4),
      String(t.errors).padStart(7),
    );
  }
}

/** Runs `next` on every connection until the time is up. */
async function drive(seconds: number, next: () => [kind: string, run: () => Promise<Answer>]) {
  const tallies = new Map<string, Tally>();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const [kind, run] = next();
        const tally = tallies.get(kind) ?? tallies.set(kind, new Tally()).get(kind)!;
        const started = performance.now();
        const status = await run().then(
          (a) => a.status,
          () => 0,
        );
        tally.record(started, status);
      }
    }),
  );
  return tallies;
}

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

const healthSeconds = Number(values['health-seconds']);
report(
  'anchor: /api/health only',
  await drive(healthSeconds, () => ['health', () => call('GET', '/api/health')]),
  healthSeconds,
);

const claimShare = Number(values.claims);
const reads: [string, () => string][] = [
  ['standings', () => '/api/standings'],
  ['registry', () => `/api/fugitives?page=${1 + Math.floor(Math.random() * 20)}`],
  ['case page', () => `/api/fugitives/${encodeURIComponent(pick(listings))}`],
  ['claims', () => '/api/clearances?status=pending'],
];
const seconds = Number(values.seconds);
report(
  'mixed: reads of standings, registry, case pages and claims; claims filed',
  await drive(seconds, () => {
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
          if (answer.status === 201)
            acknowledged.push({ listingNo, id: (JSON.parse(answer.body) as { id: number }).id });
          return answer;
        },
      ];
    const [kind, path] = pick(reads);
    return [kind, () => call('GET', path(), undefined, auth)];
  }),
  seconds,
);

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
