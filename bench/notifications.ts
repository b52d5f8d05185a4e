// The notification centre's hot path (issue 16): GET /api/notifications works each user's reminders
// out anew. Loads the demo city, then prints, per demo user, the time of one request's work
// (myNotifications: gather the facts, work out the reminders, keep them) and how many it found,
// and the time of the daily digest's refresh for everyone. Run it before and after a change.
// Run: node --import tsx bench/notifications.ts [--fugitives 5000 --runs 10 --people 5]
// (--people: accounts added per unit besides the demo's, officers at stations, leaders above).
// On PostgreSQL: DATABASE_URL=postgres://… (an empty database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EVERYTHING, scopeOf } from '../src/areas/accounts/rules.ts';
import { toActor } from '../src/areas/accounts/service.ts';
import { userByName } from '../src/areas/accounts/repo.ts';
import { myNotifications, sendDigests } from '../src/areas/reminders/service.ts';
import { allUnits } from '../src/areas/units/repo.ts';
import { subtreeIds } from '../src/areas/units/rules.ts';
import { openStore } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import type { Context } from '../src/shared/context.ts';

const { values: args } = parseArgs({
  options: {
    fugitives: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '10' },
    people: { type: 'string', default: '5' },
  },
});
const RUNS = Number(args.runs);
const TODAY = '2026-11-28';
const NOW = new Date(`${TODAY}T04:00:00Z`);
const USERS = ['officer', 'leader', 'inspector', 'commander'];

const dir = mkdtempSync(join(tmpdir(), 'qingwang-notifications-'));
const store = openStore(process.env.DATABASE_URL ?? join(dir, 'bench.db'));
try {
  await migrateToLatest(store.db);
  const system: Context = { db: store.db, actor: 'bench', now: NOW, scope: EVERYTHING };
  await loadDemo(system, { seed: 2011, anchor: TODAY, fugitives: Number(args.fugitives) });
  const units = await allUnits(store.db);
  const people = units.flatMap((u) =>
    Array.from({ length: Number(args.people) }, (_, i) => ({
      username: `p${u.id}-${i}`,
      display_name: `用户${u.id}-${i}`,
      unit_id: u.id,
      roles:
        u.parent_id === null ? 'inspector' : units.some((c) => c.parent_id === u.id) ? 'leader' : 'officer',
      password_hash: '',
      disabled: 0,
      created_at: NOW.toISOString(),
      password_changed_at: NOW.toISOString(),
      kind: 'person',
      email: null,
    })),
  );
  if (people.length > 0) await store.db.insertInto('users').values(people).execute();
  console.log(
    `${store.dialect}, demo city: ${units.length} units, ~${args.fugitives} listings, ${people.length} accounts added; ${RUNS} runs`,
  );
  console.log(
    `${'GET /api/notifications as'.padEnd(28)} ${'items'.padStart(6)} ${'median'.padStart(9)} ${'min'.padStart(9)}`,
  );
  for (const username of USERS) {
    const user = toActor((await userByName(store.db, username))!);
    const ctx: Context = {
      db: store.db,
      actor: username,
      now: NOW,
      user,
      scope: scopeOf(user, (id) => subtreeIds(units, id)),
    };
    const { items } = await myNotifications(ctx); // warm: the first request keeps the notifications
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      await myNotifications(ctx);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
    console.log(
      `${username.padEnd(28)} ${String(items.length).padStart(6)} ${ms(times[Math.floor(RUNS / 2)]!)} ${ms(times[0]!)}`,
    );
  }
  const started = performance.now();
  const digest = await sendDigests(system);
  console.log(
    `daily digest refresh, everyone: ${(performance.now() - started).toFixed(0)} ms (${digest.users} users with reminders)`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
