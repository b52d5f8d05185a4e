// Issue 12, item 6: on PostgreSQL the server runs as several stateless processes behind a load
// balancer. Two real `qingwang serve` processes on one database: a session made on one works on the
// other, sign-in failures count on both, two claims of one listing racing through different
// processes leave exactly one standing, and each daily job runs once however many schedulers start.
// PostgreSQL only: a SQLite database is one machine's file, served by one process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsDue } from '../src/areas/jobs/rules.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/load-demo.ts';
import { localDate } from '../src/shared/dates.ts';
import { CookieClient, type ServerProcess, startServerProcess } from './support/server-process.ts';
import { type TestStore, contextFor, freshStore } from './support/stores.ts';

describe('two server processes on one PostgreSQL database', () => {
  let store: TestStore;
  let a: ServerProcess;
  let b: ServerProcess;
  const dirs: string[] = [];
  const today = localDate(new Date());

  beforeAll(async () => {
    store = await freshStore('postgres');
    await loadDemo(contextFor(store, new Date(), 'demo'), { seed: 7, anchor: today, fugitives: 300 });
    const env = () => {
      const dir = mkdtempSync(join(tmpdir(), 'qingwang-process-'));
      dirs.push(dir);
      return { DATABASE_URL: store.url, QINGWANG_DATA_DIR: dir };
    };
    // Started together, so that both schedulers look for the day's jobs at the same moment.
    [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a session made on one process on the other, writes included', async () => {
    const officer = new CookieClient();
    expect((await officer.signIn(a.address, 'officer', DEMO_PASSWORD)).status).toBe(200);
    const me = await officer.request(b.address, 'GET', '/api/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'officer' } });
    // A write on B with the CSRF token A gave; then signing out on B ends the session on A too.
    const token = officer.cookie('qw_session')!;
    const signOut = await officer.request(b.address, 'DELETE', '/api/session');
    expect(signOut.status).toBe(204);
    const old = await fetch(`${a.address}/api/session`, { headers: { cookie: `qw_session=${token}` } });
    expect(old.status).toBe(401);
  });

  it('leaves exactly one standing claim when two claims of one listing race through different processes', async () => {
    const officer = new CookieClient();
    const officer2 = new CookieClient();
    await officer.signIn(a.address, 'officer', DEMO_PASSWORD);
    await officer2.signIn(b.address, 'officer2', DEMO_PASSWORD);
    const listings = await store.db
      .selectFrom('fugitives as f')
      .select(['f.id', 'f.listing_no'])
      .where('f.listing_unit_id', 'is', null) // remote listings: open to every unit
      .where('f.exit_on', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('clearances as c').select('c.id').whereRef('c.fugitive_id', '=', 'f.id')),
        ),
      )
      .orderBy('f.listing_no')
      .limit(3)
      .execute();
    expect(listings).toHaveLength(3);
    for (const listing of listings) {
      const arrest = {
        listingNo: listing.listing_no,
        kind: 'arrest',
        occurredOn: today,
        evidenceRef: '西公拘字〔2026〕0301号',
      };
      const answers = await Promise.all([
        officer.request(a.address, 'POST', '/api/clearances', arrest),
        officer2.request(b.address, 'POST', '/api/clearances', arrest),
      ]);
      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      const statuses = await Promise.all(
        answers.map(async (r) => ((await r.json()) as { status: string }).status),
      );
      expect(statuses.sort()).toEqual(['conflict', 'pending']);
      const standing = await store.db
        .selectFrom('clearances')
        .select('status')
        .where('fugitive_id', '=', listing.id)
        .where('status', '!=', 'conflict')
        .execute();
      expect(standing).toEqual([{ status: 'pending' }]);
    }
  });

  it('counts failed sign-ins on every process: guessing through both is slowed as through one', async () => {
    const guesser = new CookieClient();
    // Five free failures, then a delay: six failures spread over both processes…
    for (let i = 0; i < 6; i += 1) {
      const res = await guesser.signIn(i % 2 === 0 ? a.address : b.address, 'leader', 'wrong password');
      expect(res.status).toBe(401);
    }
    // …hold the next attempt back on either, the right password included.
    for (const server of [a, b]) {
      const held = await guesser.signIn(server.address, 'leader', DEMO_PASSWORD);
      expect(held.status).toBe(429);
      expect(await held.json()).toMatchObject({ code: 'sign_in_delayed' });
    }
  });

  it('runs each daily job once although both processes start their scheduler at once', async () => {
    const due = jobsDue(today);
    const ran = (job: string) =>
      [a, b].map(
        (p) =>
          p
            .output()
            .split('\n')
            .filter((l) => l.startsWith(`daily job ${job} ran`)).length,
      );
    // Both schedulers looked at start; wait until every job's run is finished and reported.
    for (let waited = 0; waited < 60_000; waited += 250) {
      const finished = await store.db
        .selectFrom('job_runs')
        .select('job')
        .where('day', '=', today)
        .where('finished_at', 'is not', null)
        .execute();
      const reported = due.every((job) => ran(job).reduce((x, y) => x + y, 0) > 0);
      if (finished.length === due.length && reported) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const runs = await store.db.selectFrom('job_runs').selectAll().where('day', '=', today).execute();
    expect(runs.map((r) => r.job).sort()).toEqual([...due].sort());
    for (const job of due) {
      const counts = ran(job);
      expect(
        counts.reduce((x, y) => x + y, 0),
        `${job}: ${counts.join(' + ')}`,
      ).toBe(1);
    }
    expect(runs.every((r) => r.finished_at !== null)).toBe(true);
  }, 90_000);
});
