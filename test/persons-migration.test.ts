// The migration to persons and frozen baselines brings existing data along: listings with one ID
// number become one person, a person's verified clearance takes all their listings off the list,
// and launched campaigns are frozen from their records with a line in the audit chain saying so.
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { recordEvent } from '../src/areas/audit/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import * as campaignCore from '../src/db/migrations/2026-11-28-01-campaign-core.ts';
import * as peopleAndWorkflows from '../src/db/migrations/2026-11-28-02-people-and-workflows.ts';
import * as integrity from '../src/db/migrations/2026-11-28-03-integrity.ts';
import * as rewardsAndBulletins from '../src/db/migrations/2026-11-28-04-rewards-and-bulletins.ts';
import * as publicityAndTips from '../src/db/migrations/2026-11-28-05-publicity-and-tips.ts';
import * as personsAndFrozenBaseline from '../src/db/migrations/2026-12-01-01-persons-and-frozen-baseline.ts';
import { openStore, type Store } from '../src/db/connection.ts';
import { DIALECTS, contextFor, freshStore } from './support/stores.ts';

const BEFORE: Record<string, Migration> = {
  '2026-11-28-01-campaign-core': campaignCore,
  '2026-11-28-02-people-and-workflows': peopleAndWorkflows,
  '2026-11-28-03-integrity': integrity,
  '2026-11-28-04-rewards-and-bulletins': rewardsAndBulletins,
  '2026-11-28-05-publicity-and-tips': publicityAndTips,
};

async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<void> {
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}

const X = '63010219800101001' + idCheckCharacter('63010219800101001');
const AT = '2011-11-01T00:00:00.000Z';

describe.each(DIALECTS)('the persons migration on %s', (dialect) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    // A fresh database of the dialect, emptied and rebuilt at the schema before this migration.
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
    await migrate(db, BEFORE);

    const ctx = contextFor(store, new Date(AT));
    await sql`insert into units (code, name, kind, parent_id, created_at) values
      ('B', '市局', 'bureau', null, ${AT})`.execute(db);
    const listing = (no: string, idNumber: string | null, listedOn: string, category = 'theft') =>
      sql`insert into fugitives (listing_no, name, id_number, crime_category, offence, listing_agency,
        listing_unit_id, listed_on, published, created_at)
        values (${no}, '某', ${idNumber}, ${category}, '盗窃', 'B', 1, ${listedOn}, 1, ${AT})`.execute(db);
    await listing('T1', X, '2005-01-01', 'homicide');
    await listing('T2', X, '2008-01-01');
    await listing('T3', null, '2006-01-01');
    await listing('T4', null, '2011-10-20'); // after the baseline date
    // T2 was arrested during the campaign (verified): T1 is the same person.
    await sql`insert into clearances (fugitive_id, kind, occurred_on, capturing_unit_id, status,
      provenance, claimed_by, entered_at) values (2, 'arrest', '2011-10-25', 1, 'verified', 'entry', 'x', ${AT})`.execute(
      db,
    );
    await sql`update fugitives set exit_clearance_id = 1, exit_on = '2011-10-25', exit_kind = 'arrest',
      exit_unit_id = 1 where id = 2`.execute(db);
    await sql`insert into campaigns (name, baseline_on, start_on, deadline_on, year_end_on, target,
      counted_kinds, created_at, four_ones_categories) values ('清网行动', '2011-10-16', '2011-10-17',
      '2011-12-20', '2011-12-31', 0.5, 'arrest,surrender,death', ${AT}, 'homicide')`.execute(db);
    // The campaign's creation is in the audit chain already, as it was before this migration.
    await store.db
      .transaction()
      .execute((trx) =>
        recordEvent({ ...ctx, db: trx }, { action: 'campaign.create', entityType: 'campaign', entityId: 1 }),
      );
    await migrate(db, { ...BEFORE, '2026-12-01-01-persons-and-frozen-baseline': personsAndFrozenBaseline });
  });
  afterAll(() => dispose());

  it('makes one person of the listings with one ID number, and clears all their listings', async () => {
    const rows = await store.db
      .selectFrom('fugitives')
      .select(['listing_no', 'person_id', 'exit_on'])
      .orderBy('listing_no')
      .execute();
    expect(rows).toEqual([
      { listing_no: 'T1', person_id: 1, exit_on: '2011-10-25' },
      { listing_no: 'T2', person_id: 1, exit_on: '2011-10-25' },
      { listing_no: 'T3', person_id: 3, exit_on: null },
      { listing_no: 'T4', person_id: 4, exit_on: null },
    ]);
    const person = await store.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      home_unit_id: 1,
      listed_on: '2005-01-01',
      homicide: 1,
      exit_kind: 'arrest',
    });
  });

  it('freezes the launched campaign from its records, with an audit line, and the chain still verifies', async () => {
    const baseline = await store.db
      .selectFrom('baseline_persons')
      .select(['person_id', 'unit_id', 'homicide'])
      .orderBy('person_id')
      .execute();
    expect(baseline).toEqual([
      { person_id: 1, unit_id: 1, homicide: 1 },
      { person_id: 3, unit_id: 1, homicide: 0 },
    ]);
    const campaign = await store.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign.baseline_digest).toMatch(/^[0-9a-f]{64}$/);
    const event = await store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'campaign.freeze')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({
      persons: 2,
      baselineDigest: campaign.baseline_digest,
    });
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, events: 2 });
  });
});
