// The migration to officer references brings the officers claims named by name along: a name
// becomes the account of the only user of exactly that name in the credited unit or below it, any
// other name stays a name; a merit decision on a name so linked follows the account.
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations } from '../src/db/migrate.ts';
import { type Store, openStore } from '../src/db/connection.ts';
import { DIALECTS, freshStore } from './support/stores.ts';

const AT = '2011-11-01T00:00:00.000Z';
// The migration just before this one.
const names = Object.keys(migrations);
const BEFORE = names[names.indexOf('2026-12-02-31-claim-officer-refs') - 1]!;

describe.each(DIALECTS)('the officer references migration on %s', (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshStore(dialect);
    dispose = () => fresh.dispose();
    store = fresh;
    if (dialect === 'sqlite') {
      await fresh.close();
      store = openStore(':memory:');
      dispose = () => store.close();
    } else {
      await sql`drop schema public cascade`.execute(store.db);
      await sql`create schema public`.execute(store.db);
    }
    const db = store.db as unknown as Kysely<unknown>;
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    }).migrateTo(BEFORE);
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));

    // The bureau B with stations P1 and P2.
    await sql`insert into units (code, name, kind, parent_id, created_at) values
      ('B', '市局', 'bureau', null, ${AT})`.execute(db);
    await sql`insert into units (code, name, kind, parent_id, created_at) values
      ('P1', '一所', 'station', 1, ${AT}), ('P2', '二所', 'station', 1, ${AT})`.execute(db);
    // Two 张伟, one per station; two 李明 in P1; one 王强 at the bureau.
    const user = (username: string, name: string, unitId: number) =>
      sql`insert into users (username, display_name, unit_id, roles, password_hash, disabled, created_at,
        password_changed_at) values (${username}, ${name}, ${unitId}, 'officer', 'x', 0, ${AT}, ${AT})`.execute(
        db,
      );
    await user('zw1', '张伟', 2);
    await user('zw2', '张伟', 3);
    await user('lm1', '李明', 2);
    await user('lm2', '李明', 2);
    await user('wq', '王强', 1);
    await sql`insert into fugitives (listing_no, name, crime_category, offence, listing_agency,
      listing_unit_id, listed_on, published, created_at)
      values ('T1', '某', 'theft', '盗窃', 'B', 2, '2005-01-01', 0, ${AT})`.execute(db);
    const claim = (
      capturingUnit: number | null,
      persuadingUnit: number | null,
      officers: string | null,
      persuader: string | null,
    ) =>
      sql`insert into clearances (fugitive_id, kind, occurred_on, capturing_unit_id, persuading_unit_id,
        status, provenance, claimed_by, entered_at, claim_unit_id, capturing_officers, persuading_officer)
        values (1, 'surrender', '2011-10-25', ${capturingUnit}, ${persuadingUnit}, 'superseded', 'entry', 'x',
        ${AT}, 1, ${officers}, ${persuader})`.execute(db);
    // 1: P1's capture: 张伟 is P1's only one, 李明 is one of two, 赵六 has no account.
    await claim(2, null, JSON.stringify(['张伟', '李明', '赵六']), null);
    // 2: P2's, persuaded by P1: each 张伟 is the one of the unit credited.
    await claim(3, 2, JSON.stringify(['张伟']), '张伟');
    // 3: no capturing unit (an agency's): the claimant's unit, the bureau, is looked in, with all below.
    await claim(null, null, JSON.stringify(['王强', '王强']), null);
    // 4: named nobody.
    await claim(2, null, null, null);
    await sql`insert into campaigns (name, baseline_on, start_on, deadline_on, year_end_on, target,
      counted_kinds, created_at, four_ones_categories) values ('清网行动', '2011-10-16', '2011-10-17',
      '2011-12-20', '2011-12-31', 0.5, 'arrest,surrender,death', ${AT}, 'homicide')`.execute(db);
    const decision = (officer: string, unitId: number) =>
      sql`insert into merit_decisions (campaign_id, officer, unit_id, award, points, decision, decided_by,
        decided_at) values (1, ${officer}, ${unitId}, 'commendation', 6, 'approved', 'c', ${AT})`.execute(db);
    await decision('张伟', 1); // decided at the bureau's level: two 张伟 below it, so not linked
    await decision('张伟', 2);
    await decision('李明', 2);

    await migrateToLatest(store.db);
  }, 120_000);
  afterAll(() => dispose());

  it('links each name to the only account of that name in the credited unit, else keeps the name', async () => {
    const rows = await store.db
      .selectFrom('claim_officers as o')
      .leftJoin('users as u', 'u.id', 'o.user_id')
      .select(['o.clearance_id', 'o.role', 'o.position', 'u.username', 'o.name'])
      .orderBy('o.clearance_id')
      .orderBy('o.role')
      .orderBy('o.position')
      .execute();
    expect(rows.map((r) => [Number(r.clearance_id), r.role, Number(r.position), r.username, r.name])).toEqual(
      [
        [1, 'capture', 0, 'zw1', '张伟'],
        [1, 'capture', 1, null, '李明'],
        [1, 'capture', 2, null, '赵六'],
        [2, 'capture', 0, 'zw2', '张伟'],
        [2, 'persuasion', 0, 'zw1', '张伟'],
        [3, 'capture', 0, 'wq', '王强'],
      ],
    );
  });

  it('moves a decision on a linked name to the account, and leaves the others by name', async () => {
    const rows = await store.db
      .selectFrom('merit_decisions as d')
      .leftJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.officer', 'd.unit_id', 'u.username'])
      .orderBy('d.id')
      .execute();
    expect(rows.map((r) => [r.officer, Number(r.unit_id), r.username])).toEqual([
      ['张伟', 1, null],
      ['张伟', 2, 'zw1'],
      ['李明', 2, null],
    ]);
  });

  it('drops the old columns', async () => {
    await expect(sql`select capturing_officers from clearances`.execute(store.db)).rejects.toThrow();
    await expect(sql`select persuading_officer from clearances`.execute(store.db)).rejects.toThrow();
  });
});
