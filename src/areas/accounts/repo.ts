import type { Executor } from '../../db/connection.ts';
import { type Insertable, sql } from 'kysely';
import type { ApiTokensTable, UserRow } from '../../db/tables.ts';

export function userByName(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function userById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: Omit<UserRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(
  db: Executor,
  id: number,
  changes: Partial<Pick<UserRow, 'password_hash' | 'password_changed_at' | 'disabled' | 'email' | 'digest'>>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export function listUsers(db: Executor): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function insertSession(
  db: Executor,
  row: { token_hash: string; user_id: number; csrf_token: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A session and its user, in one statement: every signed-in request asks it. */
export function sessionByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

export async function deleteSessionsOf(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertToken(db: Executor, row: Insertable<ApiTokensTable>): Promise<number> {
  const { id } = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A token with its account, looked up by the digest of the token. */
export function tokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.read_only', 'api_tokens.expires_at', 'api_tokens.revoked_at'])
    .select(['users.id as user_id', 'users.disabled'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function tokenById(db: Executor, id: number) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function serviceAccounts(db: Executor): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('kind', '=', 'service').orderBy('username').execute();
}

export function tokensOf(db: Executor, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('api_tokens').selectAll().where('user_id', 'in', userIds).orderBy('id').execute();
}

export async function revokeToken(db: Executor, id: number, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchToken(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

// The sign-in limiter's counts (sign-in-limiter.ts), shared by every server process. Each update is
// one statement, so two processes counting failures of one account at once lose neither.

/** The account's failures (0 once forgotten: `forgetAfterMs` after the last one). */
export async function signInAccount(db: Executor, username: string, now: number, forgetAfterMs: number) {
  const row = await db
    .selectFrom('sign_in_accounts')
    .select(['failures', 'last_failure'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && now - row.last_failure <= forgetAfterMs ? row : undefined;
}

/** The address's failures in its current window (none once the window is over). */
export async function signInAddress(db: Executor, address: string, now: number, windowMs: number) {
  const row = await db
    .selectFrom('sign_in_addresses')
    .select(['failures', 'window_start'])
    .where('address', '=', address)
    .executeTakeFirst();
  return row && now - row.window_start <= windowMs ? row : undefined;
}

export async function signInTrustedAt(db: Executor, username: string, address: string) {
  const row = await db
    .selectFrom('sign_in_trust')
    .select('trusted_at')
    .where('username', '=', username)
    .where('address', '=', address)
    .executeTakeFirst();
  return row?.trusted_at;
}

/** Counts a failure of the account and of the address, starting afresh where they were forgotten. */
export async function countSignInFailure(
  db: Executor,
  username: string,
  address: string,
  now: number,
  policy: { forgetAfterMs: number; addressWindowMs: number },
): Promise<void> {
  await db
    .insertInto('sign_in_accounts')
    .values({ username, failures: 1, last_failure: now })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failures: sql<number>`case when excluded.last_failure - sign_in_accounts.last_failure > ${policy.forgetAfterMs}
          then 1 else sign_in_accounts.failures + 1 end`,
        last_failure: sql<number>`excluded.last_failure`,
      }),
    )
    .execute();
  const windowOver = sql`excluded.window_start - sign_in_addresses.window_start > ${policy.addressWindowMs}`;
  await db
    .insertInto('sign_in_addresses')
    .values({ address, failures: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('address').doUpdateSet({
        failures: sql<number>`case when ${windowOver} then 1 else sign_in_addresses.failures + 1 end`,
        window_start: sql<number>`case when ${windowOver} then excluded.window_start else sign_in_addresses.window_start end`,
      }),
    )
    .execute();
  // What is forgotten anyway is deleted, so guessing with made-up names does not grow the tables.
  await db
    .deleteFrom('sign_in_accounts')
    .where('last_failure', '<', now - policy.forgetAfterMs)
    .execute();
  await db
    .deleteFrom('sign_in_addresses')
    .where('window_start', '<', now - policy.addressWindowMs)
    .execute();
}

/** The address becomes trusted for the account; only its `keep` latest addresses within `trustForMs` stay. */
export async function trustSignInAddress(
  db: Executor,
  username: string,
  address: string,
  now: number,
  policy: { trustForMs: number; keep: number },
): Promise<void> {
  await db
    .insertInto('sign_in_trust')
    .values({ username, address, trusted_at: now })
    .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet({ trusted_at: now }))
    .execute();
  await db
    .deleteFrom('sign_in_trust')
    .where('username', '=', username)
    .where((eb) =>
      eb.or([
        eb('trusted_at', '<', now - policy.trustForMs),
        eb(
          'address',
          'not in',
          eb
            .selectFrom('sign_in_trust')
            .select('address')
            .where('username', '=', username)
            .orderBy('trusted_at', 'desc')
            .limit(policy.keep),
        ),
      ]),
    )
    .execute();
}
