// Issue 12, item 6: with READ_DATABASE_URL, lag-tolerant reads go to a streaming replica, every
// write to the primary, and a caller's read right after its own write is not stale. The replica is
// real: made on loopback from the test's PostgreSQL server with `pg_basebackup -R` and started with
// the server binaries of the same major version (Debian's /usr/lib/postgresql/N/bin). Its replay is
// paused while a write is made, so that what each read sees tells which server answered it.
// Skipped, saying why, where that cannot be done (no such binaries, as for the embedded server,
// or no replication rights); CI runs it against Debian's PostgreSQL 15 (.ci/run).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newListingInput } from '../src/areas/registry/schema.ts';
import { type Store, openStore, primaryLsn, replayedUpTo } from '../src/db/connection.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/load-demo.ts';
import { buildServer } from '../src/http/server.ts';
import { WRITTEN_COOKIE } from '../src/http/read-replica.ts';
import { NOW, TODAY } from './support/http.ts';
import { CookieClient } from './support/server-process.ts';
import { type TestStore, contextFor, freshStore } from './support/stores.ts';

const run = promisify(execFile);
const primaryUrl = inject('postgresUrl');

interface Setting {
  bin: string;
  /** Set when running as root: the server must run as the postgres user. */
  owner?: { uid: number; gid: number };
  settings: Record<string, string>;
}

/** What making a replica of the test server needs, or why it cannot be made here. */
async function replicaSetting(): Promise<Setting | string> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; replication: boolean; wal_level: string }>(
      `select current_setting('server_version_num') as version, current_setting('wal_level') as wal_level,
         (select rolreplication from pg_roles where rolname = current_user) as replication`,
    );
    const { version, replication, wal_level } = rows[0]!;
    const major = Math.floor(Number(version) / 10_000);
    const bin = `/usr/lib/postgresql/${major}/bin`;
    if (!existsSync(join(bin, 'pg_basebackup')) || !existsSync(join(bin, 'postgres')))
      return `no PostgreSQL ${major} server binaries in ${bin} (the test server is ${major}; e.g. the embedded one)`;
    if (!replication) return 'the test server’s user may not replicate (no REPLICATION attribute)';
    if (wal_level === 'minimal') return 'the test server has wal_level = minimal (no replicas)';
    // A hot standby needs at least the primary's values of these.
    const settings: Record<string, string> = {};
    for (const name of [
      'max_connections',
      'max_worker_processes',
      'max_wal_senders',
      'max_prepared_transactions',
      'max_locks_per_transaction',
    ])
      settings[name] = (
        await client.query<{ v: string }>(`select current_setting($1) as v`, [name])
      ).rows[0]!.v;
    if (process.getuid?.() !== 0) return { bin, settings };
    const ids = await run('id', ['-u', 'postgres']).then(
      async (u) => ({ uid: Number(u.stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) }),
      () => undefined,
    );
    if (!ids) return 'running as root, and there is no postgres user to run the replica as';
    return { bin, settings, owner: ids };
  } finally {
    await client.end();
  }
}

const setting = await replicaSetting();
const skipped = typeof setting === 'string' ? setting : undefined;
if (skipped) console.warn(`replica.test.ts skipped: ${skipped}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe.skipIf(skipped)(
  `a streaming replica for lag-tolerant reads${skipped ? ` (skipped: ${skipped})` : ''}`,
  () => {
    const { bin, owner, settings } = setting as Setting;
    const slot = `qingwang_test_${randomBytes(4).toString('hex')}`;
    let root: string;
    let data: string;
    let primary: TestStore;
    let store: Store; // the primary and the replica, as the server opens them with READ_DATABASE_URL
    let server: FastifyInstance;
    let base: string;
    let replicaAdmin: pg.Client;
    const asOwner = owner ?? {};

    /** Waits until the replica has replayed everything the primary has written so far. */
    async function caughtUp(): Promise<void> {
      const lsn = await primaryLsn(store.db);
      for (let waited = 0; waited < 30_000; waited += 100) {
        if (await replayedUpTo(store.replica!, lsn)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 30 s`);
    }

    beforeAll(async () => {
      primary = await freshStore('postgres');
      await loadDemo(contextFor(primary, NOW, 'demo'), { seed: 7, anchor: TODAY, fugitives: 300 });
      root = mkdtempSync(join(tmpdir(), 'qingwang-replica-'));
      data = join(root, 'data');
      // The replica of the whole server, with a slot so that the primary keeps the log it still needs.
      await run(join(bin, 'pg_basebackup'), [
        '-d',
        primaryUrl,
        '-D',
        data,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '-C',
        '-S',
        slot,
      ]);
      const port = await freePort();
      const conf = {
        ...settings,
        port: String(port),
        listen_addresses: "'127.0.0.1'",
        unix_socket_directories: `'${root}'`,
        hot_standby: 'on',
        ssl: 'off',
      };
      writeFileSync(
        join(data, 'postgresql.conf'),
        Object.entries(conf)
          .map(([k, v]) => `${k} = ${v}\n`)
          .join(''),
      );
      writeFileSync(join(data, 'pg_hba.conf'), 'host all all 127.0.0.1/32 md5\n');
      writeFileSync(join(data, 'pg_ident.conf'), '');
      mkdirSync(join(root, 'log'));
      if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, root]);
      else chownSync(root, process.getuid!(), process.getgid!());
      await run('chmod', ['-R', 'go-rwx', data]);
      await run(
        join(bin, 'pg_ctl'),
        ['-D', data, '-l', join(root, 'log', 'replica.log'), '-w', '-t', '60', 'start'],
        {
          ...asOwner,
          cwd: root,
        },
      );
      const replicaUrl = new URL(primary.url);
      replicaUrl.port = String(port);
      replicaAdmin = new pg.Client({ connectionString: replicaUrl.toString() });
      store = openStore(primary.url, replicaUrl.toString());
      // The test database exists on the replica once the replica has replayed its creation.
      for (let waited = 0; ; waited += 200) {
        try {
          await replicaAdmin.connect();
          break;
        } catch (error) {
          if (waited > 30_000) throw error;
          replicaAdmin = new pg.Client({ connectionString: replicaUrl.toString() });
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      server = await buildServer({ store, now: () => NOW });
      base = await server.listen({ host: '127.0.0.1', port: 0 });
    }, 180_000);

    afterAll(async () => {
      await server?.close();
      await store?.close();
      await replicaAdmin?.end().catch(() => undefined);
      if (data && existsSync(data))
        await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
          ...asOwner,
          cwd: root,
        }).catch(() => undefined);
      const admin = new pg.Client({ connectionString: primaryUrl });
      await admin.connect();
      await admin
        .query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1', [
          slot,
        ])
        .finally(() => admin.end());
      await primary?.dispose();
      if (root) rmSync(root, { recursive: true, force: true });
    }, 60_000);

    it('serves lag-tolerant reads from the replica, writes on the primary, and a caller its own writes at once', async () => {
      const officer = new CookieClient();
      const commander = new CookieClient();
      expect((await officer.signIn(base, 'officer', DEMO_PASSWORD)).status).toBe(200);
      expect((await commander.signIn(base, 'commander', DEMO_PASSWORD)).status).toBe(200);
      await caughtUp();
      expect(await replayedUpTo(store.replica!, commander.cookie(WRITTEN_COOKIE)!)).toBe(true);

      // The replica stops replaying: from now on it lags behind everything the primary takes.
      await replicaAdmin.query('select pg_wal_replay_pause()');
      const meta = newListingInput.meta() as { example: { listingNo: string; name: string } };
      const listing = { ...meta.example, name: '复本测试' };
      const entered = await officer.request(base, 'POST', '/api/fugitives', listing);
      expect(entered.status, await entered.clone().text()).toBe(201);

      // The write is on the primary (a replica refuses writes) and not yet on the replica.
      const on = async (db: Store['db']) =>
        (await db.selectFrom('fugitives').select('id').where('listing_no', '=', listing.listingNo).execute())
          .length;
      expect(await on(store.db)).toBe(1);
      expect(await on(store.replica!)).toBe(0);

      const search = `/api/fugitives?q=${encodeURIComponent(listing.listingNo)}`;
      const total = async (client: CookieClient) => {
        const res = await client.request(base, 'GET', search);
        expect(res.status).toBe(200);
        return ((await res.json()) as { total: number }).total;
      };
      // Someone else's search is answered by the replica: it does not show the new listing yet…
      expect(await total(commander)).toBe(0);
      // …while a read that is not lag-tolerant (one listing's page) is the primary's.
      expect((await commander.request(base, 'GET', `/api/fugitives/${listing.listingNo}`)).status).toBe(200);
      // The writer's own search right after its write shows it: the primary answers it.
      expect(officer.cookie(WRITTEN_COOKIE)).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect(await total(officer)).toBe(1);
      // The same session without the write's mark is the replica's again (the mark is what decides).
      const officerElsewhere = new CookieClient();
      await officerElsewhere.signIn(base, 'officer', DEMO_PASSWORD);
      const unmarked = await fetch(`${base}${search}`, {
        headers: { cookie: `qw_session=${officerElsewhere.cookie('qw_session')}` },
      });
      expect(((await unmarked.json()) as { total: number }).total).toBe(0);

      // Replay resumes: the replica catches up, and everyone's search shows the listing.
      await replicaAdmin.query('select pg_wal_replay_resume()');
      await caughtUp();
      expect(await total(commander)).toBe(1);
      expect(await total(officer)).toBe(1);
    }, 120_000);
  },
);
