// Why: suggested matches of persons (same name, sex and birth date; not both with resident ID
// numbers) are made as listings come in; the listings registered before that get theirs here,
// once, so an existing registry's likely duplicates reach the inspectors' queue too.
// Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const hasId = (person: string) =>
    sql`exists (select 1 from fugitives x where x.person_id = ${sql.ref(person)} and x.id_number is not null)`;
  await sql`insert into person_matches (person_id, other_person_id, status, created_at)
    select distinct a.person_id, b.person_id, 'suggested', cast(${new Date().toISOString()} as text)
    from fugitives a join fugitives b on b.name = a.name and b.sex = a.sex
      and b.birth_date = a.birth_date and a.person_id < b.person_id
    where a.sex is not null and a.birth_date is not null
      and not (${hasId('a.person_id')} and ${hasId('b.person_id')})
      and not exists (select 1 from person_matches m
        where m.person_id = a.person_id and m.other_person_id = b.person_id)`.execute(db);
}

/** Nothing structural to undo; the suggestions stay (decided ones are part of the record). */
export async function down(): Promise<void> {}
