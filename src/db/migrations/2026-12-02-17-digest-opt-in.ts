// Why: the daily digest went to every account with an e-mail address; a user now sets the address
// and chooses (opts in) to get the digest themselves. Accounts that already had an address keep
// getting it, as before. Frozen in time: takes Kysely<unknown> and imports no application code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update users set digest = 1 where email is not null`.execute(db);
}
