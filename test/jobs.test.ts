// The daily jobs run once a day however many schedulers try: two schedulers on two connections to
// one PostgreSQL database run at the same moment, and each job runs in exactly one of them; a job
// that fails is given back and runs at the next attempt; a run left unfinished by a dead process is
// taken over once its lease is over (both dialects); `qingwang jobs run-due` runs them from cron.
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
