// The daily jobs run once a day however many schedulers try: two schedulers on two connections to
// one PostgreSQL database run at the same moment, and each job runs in exactly one of them; a job
// that fails is given back and runs at the next attempt; a run left unfinished by a dead process is
// taken over once its lease is over (both dialects); a long run that its runner keeps renewing is
// not, until the renewals stop; `qingwang jobs run-due` runs them from cron.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jobRuns from '../src/areas/jobs/repo.ts';
import { JOB_LEASE_MS } from '../src/areas/jobs/rules.ts';
import { type JobResult, runDueJobs } from '../src/areas/jobs/service.ts';
import type { Mailer } from '../src/areas/reminders/mail.ts';
import { type Store, openStore } from '../src/db/connection.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { addDays } from '../src/shared/dates.ts';
import { qingwang } from './support/cli.ts';
import { NOW, TODAY } from './support/http.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

// A Monday, the demo campaign under way: every job is due, the weekly review round too.
const MONDAY = new Date(NOW.getTime() + 2 * 86_400_000);
const anchorKey = generateKeyPairSync('ed25519').privateKey;

function recordingMailer(sent: string[]): Mailer {
  return {
    send(message) {
      sent.push(message.to);
      return Promise.resolve();
    },
  };
}

describe('the daily jobs on postgres, with two schedulers', () => {
  let first: TestStore;
  let second: Store;
  beforeAll(async () => {
    first = await freshStore('postgres');
    await loadDemo(contextFor(first, NOW, 'demo'), { seed: 7, anchor: TODAY, fugitives: 300 });
    for (const username of ['leader', 'commander', 'inspector'])
      await first.db
        .updateTable('users')
        .set({ email: `${username}@qingwang.test`, digest: 1 })
        .where('username', '=', username)
        .execute();
    second = openStore(first.url);
  });
  afterAll(async () => {
    await second?.close();
    await first?.dispose();
  });

  it('runs each job once a day: one scheduler runs it, the other skips it', async () => {
    const sent: string[][] = [[], []];
    const [a, b] = await Promise.all(
      [first, second].map((store, i) =>
        runDueJobs(contextFor(store, MONDAY, 'system:jobs'), {
          anchorKey,
          mailer: recordingMailer(sent[i]!),
          runner: `server-${i}`,
        }),
      ),
    );
    const ran = (results: JobResult[]) => results.filter((r) => r.status === 'ran').map((r) => r.job);
    expect([...ran(a!), ...ran(b!)].sort()).toEqual(['anchor', 'digests', 'freeze', 'reviews']);
    expect([...a!, ...b!].filter((r) => r.status === 'failed')).toEqual([]);
    const runs = await first.db
      .selectFrom('job_runs')
      .selectAll()
      .where('day', '=', addDays(TODAY, 2))
      .execute();
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.finished_at !== null)).toBe(true);
    // Its effects happened once: one review round, one anchor today, each digest mailed once.
    const rounds = await first.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'reviews.round')
      .execute();
    expect(rounds).toHaveLength(1);
    const anchors = await first.db
      .selectFrom('audit_anchors')
      .select('anchored_at')
      .where('anchored_at', '>=', MONDAY.toISOString())
      .execute();
    expect(anchors).toHaveLength(1);
    const mailed = [...sent[0]!, ...sent[1]!].sort();
    expect(new Set(mailed).size).toBe(mailed.length);
    expect(mailed).toContain('leader@qingwang.test');

    // Again the same day: nothing runs.
    const again = await runDueJobs(contextFor(second, MONDAY, 'system:jobs'), { anchorKey });
    expect(again.every((r) => r.status === 'skipped')).toBe(true);
  });

  it('gives a failed job back: the next attempt runs it', async () => {
    const tuesday = new Date(MONDAY.getTime() + 86_400_000);
    const failing: Mailer = { send: () => Promise.reject(new Error('SMTP server down')) };
    const first_ = await runDueJobs(contextFor(first, tuesday, 'system:jobs'), { mailer: failing });
    expect(first_.find((r) => r.job === 'digests')).toMatchObject({
      status: 'failed',
      error: 'SMTP server down',
    });
    const sent: string[] = [];
    const next = await runDueJobs(contextFor(second, tuesday, 'system:jobs'), {
      mailer: recordingMailer(sent),
    });
    expect(next.map((r) => `${r.job} ${r.status}`)).toEqual([
      'freeze skipped',
      'anchor skipped',
      'digests ran',
    ]);
    expect(sent).toContain('leader@qingwang.test');
  });
});

describe.each(DIALECTS)('a run left unfinished by a dead process, on %s', (dialect) => {
  let store: TestStore;
  let other: Store;
  const day = TODAY;
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
  const leaseMinutes = JOB_LEASE_MS / 60_000;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qingwang-lease-')), 'jobs.db');
    store = await freshStore(dialect, file);
    other = openStore(store.url); // a second connection, as a second server process has
  });
  afterAll(async () => {
    await other?.close();
    await store?.dispose();
  });

  const stale = (job: string, minutesAgo: number, runner = 'dead-server') =>
    store.db
      .insertInto('job_runs')
      .values({ job, day, runner, started_at: at(minutesAgo), finished_at: null, outcome: null })
      .execute();
  const runOf = (job: string) => jobRuns.runOf(store.db, job, day);

  it('takes over a run older than the lease and runs the job; leaves a younger one to its runner', async () => {
    await stale('digests', leaseMinutes + 1);
    await stale('freeze', leaseMinutes - 1, 'busy-server');
    const results = await runDueJobs(contextFor(store, NOW, 'system:jobs'), { runner: 'server-b' });
    expect(results.find((r) => r.job === 'digests')).toMatchObject({
      status: 'ran',
      tookOverFrom: 'dead-server',
    });
    expect(results.find((r) => r.job === 'freeze')).toEqual({ job: 'freeze', status: 'skipped' });
    expect(results.find((r) => r.job === 'anchor')?.tookOverFrom).toBeUndefined();
    expect(await runOf('digests')).toMatchObject({ runner: 'server-b', started_at: NOW.toISOString() });
    expect((await runOf('digests'))!.finished_at).not.toBeNull();
    expect(await runOf('freeze')).toMatchObject({ runner: 'busy-server', finished_at: null });

    // The dead runner, should it come back, can neither finish nor give back the row it lost.
    const lost = { job: 'digests', day, runner: 'dead-server', at: at(leaseMinutes + 1) };
    await jobRuns.finishRun(store.db, lost, NOW.toISOString(), '"late"');
    await jobRuns.releaseRun(store.db, lost);
    expect(await runOf('digests')).toMatchObject({ runner: 'server-b' });
    expect((await runOf('digests'))!.outcome).not.toBe('"late"');

    // A finished run is never taken over, however old.
    const later = new Date(NOW.getTime() + 2 * JOB_LEASE_MS);
    const again = await runDueJobs(contextFor(store, later, 'system:jobs'), { runner: 'server-c' });
    expect(again.find((r) => r.job === 'digests')).toEqual({ job: 'digests', status: 'skipped' });
  });

  it('lets only one of two processes take over the same stale run', async () => {
    await store.db.deleteFrom('job_runs').execute();
    await stale('digests', leaseMinutes + 5);
    const [a, b] = await Promise.all(
      [store, other].map((s, i) => runDueJobs(contextFor(s, NOW, 'system:jobs'), { runner: `server-${i}` })),
    );
    const digests = [a!, b!].map((results) => results.find((r) => r.job === 'digests')!);
    expect(digests.map((r) => r.status).sort()).toEqual(['ran', 'skipped']);
    expect(digests.find((r) => r.status === 'ran')?.tookOverFrom).toBe('dead-server');
    const winner = digests.findIndex((r) => r.status === 'ran');
    expect(await runOf('digests')).toMatchObject({ runner: `server-${winner}` });
  });
});

describe('qingwang jobs run-due', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore('sqlite', join(mkdtempSync(join(tmpdir(), 'qingwang-jobs-')), 'jobs.db'));
  });
  afterAll(() => store.dispose());

  it("runs today's jobs once: a second run skips them", async () => {
    const run = await qingwang(store.url, 'jobs', 'run-due');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^freeze: ran/m);
    expect(run.stdout).toMatch(/^digests: ran/m);
    const again = await qingwang(store.url, 'jobs', 'run-due');
    expect(again.stdout).toMatch(/^freeze: skipped/m);
    expect(again.stdout).toMatch(/^digests: skipped/m);
  }, 120_000);
});

describe.each(DIALECTS)('a long run renewed by its runner, on %s', (dialect) => {
  let store: TestStore;
  let other: Store;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qingwang-heartbeat-')), 'jobs.db');
    store = await freshStore(dialect, file);
    await loadDemo(contextFor(store, NOW, 'demo'), { seed: 7, anchor: TODAY, fugitives: 300 });
    await store.db
      .updateTable('users')
      .set({ email: 'leader@qingwang.test', digest: 1 })
      .where('username', '=', 'leader')
      .execute();
    other = openStore(store.url); // the second server process's connection
  });
  afterAll(async () => {
    await other?.close();
    await store?.dispose();
  });

  async function until(what: string, check: () => Promise<boolean>) {
    for (let i = 0; i < 500; i += 1) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting until ${what}`);
  }
  const later = (leases: number, minutes = 0) =>
    new Date(NOW.getTime() + leases * JOB_LEASE_MS + minutes * 60_000);

  it('is not taken over while renewed, however long ago it started; is once the renewals stop', async () => {
    // Server A's digest job hangs on a slow SMTP server; its renewals carry A's clock.
    let mailing!: () => void;
    const started = new Promise<void>((r) => (mailing = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const slow: Mailer = {
      send() {
        mailing();
        return released;
      },
    };
    let clockA = NOW;
    let frozen = false;
    const a = runDueJobs(contextFor(store, NOW, 'system:jobs'), {
      runner: 'server-a',
      mailer: slow,
      heartbeatMs: 10,
      clock: () => {
        if (frozen) throw new Error('server A is frozen');
        return clockA;
      },
    });
    await started;
    const digestsRun = () => jobRuns.runOf(store.db, 'digests', TODAY);

    // Three leases on, A still renews: B finds the run alive and leaves it.
    clockA = later(3);
    await until('A renews', async () => (await digestsRun())?.renewed_at === clockA.toISOString());
    const sent: string[] = [];
    const b = await runDueJobs(contextFor(other, later(3, 1), 'system:jobs'), {
      runner: 'server-b',
      mailer: recordingMailer(sent),
    });
    expect(b.find((r) => r.job === 'digests')).toEqual({ job: 'digests', status: 'skipped' });
    expect(await digestsRun()).toMatchObject({ runner: 'server-a', started_at: NOW.toISOString() });

    // A stops renewing (frozen): a lease after its last renewal, B takes the run over and runs it.
    frozen = true;
    const lastRenewal = (await digestsRun())!.renewed_at!;
    await new Promise((r) => setTimeout(r, 50)); // beats that would have renewed, had A been alive
    expect((await digestsRun())!.renewed_at).toBe(lastRenewal);
    const c = await runDueJobs(contextFor(other, later(4, 1), 'system:jobs'), {
      runner: 'server-b',
      mailer: recordingMailer(sent),
    });
    expect(c.find((r) => r.job === 'digests')).toMatchObject({ status: 'ran', tookOverFrom: 'server-a' });
    expect(sent).toContain('leader@qingwang.test');
    expect(await digestsRun()).toMatchObject({ runner: 'server-b' });
    expect((await digestsRun())!.finished_at).not.toBeNull();

    // A comes back to life: its next renewal finds the run taken; it records nothing and says so.
    frozen = false;
    release();
    const resultsA = await a;
    expect(resultsA.find((r) => r.job === 'digests')).toMatchObject({ status: 'ran', lost: true });
    expect(await digestsRun()).toMatchObject({ runner: 'server-b' });
  });
});
