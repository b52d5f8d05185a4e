// Why (issue 12, item 6): the sign-in limiter kept its counts in the server's memory, so behind a
// load balancer each of N processes gave a guesser its own free failures and its own delays. The
// counts now live in the database, shared by every process (and kept across restarts).
// Frozen in time: takes Kysely<unknown> and imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  /** An account's failed sign-ins since its failures were last forgotten (keyed by the lower-cased name). */
  await db.schema
    .createTable('sign_in_accounts')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    /** Milliseconds since the epoch. */
    .addColumn('last_failure', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_accounts_last_failure')
    .on('sign_in_accounts')
    .column('last_failure')
    .execute();
  /** An address's failed sign-ins (any accounts) in its current window. */
  await db.schema
    .createTable('sign_in_addresses')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_addresses_window_start')
    .on('sign_in_addresses')
    .column('window_start')
    .execute();
  /** When an account last signed in successfully from an address. */
  await db.schema
    .createTable('sign_in_trust')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('trusted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_trust_pk', ['username', 'address'])
    .execute();
}
