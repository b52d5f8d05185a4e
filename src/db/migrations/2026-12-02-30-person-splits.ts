// Why (issue 11): a wrong merge of two persons could not be split. A merge now records which
// person it absorbed and which listings it moved (`person_merge_listings`), so an inspector can
// split it back, with a reason (`split_by`, `split_at`, `split_reason`; the match becomes `split`).
// Merges confirmed before this migration get the same record from their audit events (the
// `person.merge` event names the absorbed person and lists their listings as they were).
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('person_matches')
    .addColumn('absorbed_person_id', 'integer', (c) => c.references('persons.id'))
    .execute();
  await db.schema.alterTable('person_matches').addColumn('split_by', 'text').execute();
  await db.schema.alterTable('person_matches').addColumn('split_at', 'text').execute();
  await db.schema.alterTable('person_matches').addColumn('split_reason', 'text').execute();
  await db.schema
    .createTable('person_merge_listings')
    .addColumn('match_id', 'integer', (c) => c.notNull().references('person_matches.id'))
    .addColumn('fugitive_id', 'integer', (c) => c.notNull().references('fugitives.id'))
    .addPrimaryKeyConstraint('person_merge_listings_pk', ['match_id', 'fugitive_id'])
    .execute();
  await backfillMergeRecords(db);
}

/** Records, for every merge confirmed so far, the person it absorbed and the listings it moved. */
export async function backfillMergeRecords(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ before_json: string | null; after_json: string | null }>`
    select before_json, after_json from audit_events where action = 'person.merge' order by seq`.execute(db);
  for (const row of rows) {
    const after = JSON.parse(row.after_json ?? 'null') as { match?: number; absorbed?: number } | null;
    const before = JSON.parse(row.before_json ?? 'null') as {
      match?: { persons?: { personId: number; listings: { listingNo: string }[] }[] };
    } | null;
    if (typeof after?.match !== 'number' || typeof after.absorbed !== 'number') continue;
    const absorbed = before?.match?.persons?.find((p) => p.personId === after.absorbed);
    await sql`update person_matches set absorbed_person_id = ${after.absorbed}
      where id = ${after.match}`.execute(db);
    for (const listing of absorbed?.listings ?? [])
      await sql`insert into person_merge_listings (match_id, fugitive_id)
        select ${after.match}, f.id from fugitives f where f.listing_no = ${listing.listingNo}
          and not exists (select 1 from person_merge_listings m
            where m.match_id = ${after.match} and m.fugitive_id = f.id)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person_merge_listings').execute();
  for (const column of ['split_reason', 'split_at', 'split_by', 'absorbed_person_id'])
    await db.schema.alterTable('person_matches').dropColumn(column).execute();
}
