// Why: the figures count persons, not listings, against a baseline frozen at launch (issue 11).
// - `persons`: one row per person; every listing names its person. Listings with the same resident
//   ID number are one person. The person row keeps what the figures read of all their listings
//   together (home unit, first listing, homicide, the earliest verified clearance on any listing).
// - `person_matches`: suggested matches (same name, sex and birth date, no ID number) that an
//   inspector confirms or rejects.
// - `baseline_persons`: each campaign's frozen baseline snapshot; `campaigns.frozen_at` and
//   `baseline_digest` say when it was frozen and what it holds (the digest is in the audit chain).
// Existing data comes along: existing listings become persons (same ID number, one person), and
// existing campaigns are frozen from what their records show now, with an audit event saying so.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const autoId = <T extends string>(table: CreateTableBuilder<T>) =>
    table.addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    );

  // A person's id is the id of the listing that first made them a person (see the persons area),
  // so listings can be grouped into persons set-based, without a round trip per person.
  await db.schema
    .createTable('persons')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('home_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('listed_on', 'date')
    .addColumn('homicide', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exit_clearance_id', 'integer')
    .addColumn('exit_on', 'date')
    .addColumn('exit_kind', 'text')
    .addColumn('exit_unit_id', 'integer')
    .addColumn('exit_persuading_unit_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('persons_home_unit')
    .on('persons')
    .columns(['home_unit_id', 'homicide', 'exit_kind', 'listed_on', 'exit_on'])
    .execute();
  await db.schema
    .createIndex('persons_captures')
    .on('persons')
    .columns(['exit_unit_id', 'exit_kind', 'exit_on'])
    .where(sql.ref('exit_unit_id'), 'is not', null)
    .execute();

  await db.schema
    .alterTable('fugitives')
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .execute();
  await db.schema.createIndex('fugitives_person').on('fugitives').column('person_id').execute();
  await db.schema
    .createIndex('fugitives_name_birth')
    .on('fugitives')
    .columns(['name', 'sex', 'birth_date'])
    .execute();

  await autoId(db.schema.createTable('person_matches'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('other_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addUniqueConstraint('person_matches_pair', ['person_id', 'other_person_id'])
    .execute();

  await db.schema
    .createTable('baseline_persons')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('homicide', 'integer', (c) => c.notNull())
    .addColumn('corrected_at', 'text')
    .addColumn('corrected_by', 'text')
    .addColumn('correction_reason', 'text')
    .addPrimaryKeyConstraint('baseline_persons_pk', ['campaign_id', 'person_id'])
    .execute();
  await db.schema.alterTable('campaigns').addColumn('frozen_at', 'text').execute();
  await db.schema.alterTable('campaigns').addColumn('baseline_digest', 'text').execute();

  const now = new Date().toISOString();
  // Each person takes the id of their lowest listing id, so the backfill is set-based.
  await sql`insert into persons (id, created_at)
    select min(id), ${now} from fugitives group by coalesce(id_number, 'listing:' || cast(id as text))`.execute(
    db,
  );
  await sql`update fugitives set person_id = case when id_number is null then id
    else (select min(f2.id) from fugitives f2 where f2.id_number = fugitives.id_number) end`.execute(db);
  await refreshAllPersons(db);

  // Existing campaigns are frozen from what their records show now.
  const { rows: campaigns } = await sql<{ id: number; name: string; baseline_on: string; start_on: string }>`
    select id, name, baseline_on, start_on from campaigns order by id`.execute(db);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // the bureau's date (UTC+8)
  for (const c of campaigns) {
    if (c.start_on > today) continue; // not launched yet: it freezes at launch
    await sql`insert into baseline_persons (campaign_id, person_id, unit_id, homicide)
      select ${c.id}, id, home_unit_id, homicide from persons
      where home_unit_id is not null and listed_on <= ${c.baseline_on}
        and (exit_on is null or exit_on >= ${c.start_on})`.execute(db);
    const { rows } = await sql<{ person_id: number; unit_id: number }>`
      select person_id, unit_id from baseline_persons where campaign_id = ${c.id} order by person_id`.execute(
      db,
    );
    const digest = sha256(rows.map((r) => `${r.person_id}:${r.unit_id}\n`).join(''));
    await sql`update campaigns set frozen_at = ${now}, baseline_digest = ${digest} where id = ${c.id}`.execute(
      db,
    );
    await appendAuditEvent(db, {
      at: now,
      action: 'campaign.freeze',
      entityId: String(c.id),
      after: {
        campaign: c.name,
        persons: rows.length,
        baselineDigest: digest,
        note: 'frozen by the migration to persons, from the records as they stood then',
      },
    });
  }
}

/** What the figures read of each person, recomputed from their listings and clearances. */
async function refreshAllPersons(db: Kysely<unknown>): Promise<void> {
  const local = sql`from fugitives f where f.person_id = persons.id and f.listing_unit_id is not null
    order by f.listed_on, f.listing_no limit 1`;
  await sql`update persons set
    home_unit_id = (select f.listing_unit_id ${local}),
    listed_on = coalesce((select f.listed_on ${local}),
      (select min(f.listed_on) from fugitives f where f.person_id = persons.id)),
    homicide = case when exists (select 1 from fugitives f where f.person_id = persons.id
      and f.crime_category = 'homicide') then 1 else 0 end,
    exit_clearance_id = (select c.id from clearances c join fugitives f on f.id = c.fugitive_id
      where f.person_id = persons.id and c.status = 'verified' order by c.occurred_on, c.id limit 1)`.execute(
    db,
  );
  const exit = (column: string) =>
    sql`(select c.${sql.ref(column)} from clearances c where c.id = persons.exit_clearance_id)`;
  await sql`update persons set exit_on = ${exit('occurred_on')}, exit_kind = ${exit('kind')},
    exit_unit_id = ${exit('capturing_unit_id')}, exit_persuading_unit_id = ${exit('persuading_unit_id')}`.execute(
    db,
  );
  // One verified clearance on any listing takes all of the person's listings off the list.
  const person = (column: string) =>
    sql`(select p.${sql.ref(column)} from persons p where p.id = fugitives.person_id)`;
  await sql`update fugitives set exit_clearance_id = ${person('exit_clearance_id')},
    exit_on = ${person('exit_on')}, exit_kind = ${person('exit_kind')},
    exit_unit_id = ${person('exit_unit_id')}`.execute(db);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const canonicalJson = (value: unknown) => canonicalize(value) ?? 'null';

/** Appends one event to the audit hash chain, as the audit area does (frozen copy of its format). */
async function appendAuditEvent(
  db: Kysely<unknown>,
  e: { at: string; action: string; entityId: string; after: unknown },
): Promise<void> {
  const {
    rows: [head],
  } = await sql<{ seq: number; hash: string }>`
    select seq, hash from audit_events order by seq desc limit 1`.execute(db);
  const prevHash = head?.hash ?? '0'.repeat(64);
  const content = {
    seq: (head?.seq ?? 0) + 1,
    at: e.at,
    actor: 'system',
    action: e.action,
    entityType: 'campaign',
    entityId: e.entityId,
    dataDigest: sha256(canonicalJson({ before: null, after: e.after })),
  };
  const hash = sha256(`${prevHash}\n${canonicalJson(content)}`);
  await sql`insert into audit_events (seq, at, actor, action, entity_type, entity_id, before_json,
      after_json, data_digest, prev_hash, hash)
    values (${content.seq}, ${content.at}, ${content.actor}, ${content.action}, ${content.entityType},
      ${content.entityId}, 'null', ${JSON.stringify(e.after)}, ${content.dataDigest}, ${prevHash}, ${hash})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('baseline_persons').execute();
  await db.schema.dropTable('person_matches').execute();
  await db.schema.alterTable('campaigns').dropColumn('baseline_digest').execute();
  await db.schema.alterTable('campaigns').dropColumn('frozen_at').execute();
  await db.schema.dropIndex('fugitives_name_birth').execute();
  await db.schema.dropIndex('fugitives_person').execute();
  await db.schema.alterTable('fugitives').dropColumn('person_id').execute();
  await db.schema.dropTable('persons').execute();
}
