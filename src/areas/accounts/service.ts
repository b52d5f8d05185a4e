import { z } from 'zod';
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Executor } from '../../db/connection.ts';
import type { ApiTokenRow, UserRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { ConflictError, DomainError, NotFoundError } from '../../shared/errors.ts';
import { recordEvent } from '../audit/service.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';
import { type Actor, type Role, SESSION_HOURS, TOKEN_PREFIX, parseRoles, tokenStatus } from './rules.ts';
import {
  type NewServiceAccount,
  type NewUser,
  type TokenInput,
  newServiceAccount,
  tokenInput,
  newUser,
  password as passwordSchema,
} from './schema.ts';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Verified against when the user does not exist, so a login takes as long either way. */
let dummyHash: Promise<string> | undefined;

/** Not signed in (HTTP 401): a wrong password, no session, or a token that no longer works. */
export class AuthError extends DomainError {
  constructor(
    code: 'wrong_password' | 'sign_in_first' | 'token_invalid' = 'wrong_password',
    message = 'wrong username or password',
  ) {
    super(code, message);
  }
}

export function toActor(row: UserRow): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    roles: parseRoles(row.roles),
  };
}

/** Public view of users: never the password hash. */
export async function presentUsers(db: Executor, rows: UserRow[]) {
  const unitOf = new Map((await allUnits(db)).map((u) => [u.id, u]));
  return rows.map((row) => {
    const unit = unitOf.get(row.unit_id);
    return {
      username: row.username,
      displayName: row.display_name,
      unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
      roles: parseRoles(row.roles),
      disabled: row.disabled === 1,
    };
  });
}

export async function presentUser(db: Executor, row: UserRow) {
  return (await presentUsers(db, [row]))[0]!;
}

/** Every account, as the admin page lists them. */
export async function listAccounts(db: Executor) {
  return presentUsers(db, await repo.listUsers(db));
}

/**
 * The directory: every account's name and unit, so pages name the people who acted (a record keeps
 * the login) instead of showing logins.
 */
export async function listPeople(db: Executor) {
  return (await listAccounts(db)).map(({ username, displayName, unit }) => ({ username, displayName, unit }));
}

/** True when an account (a person's or a service's) has this username. */
export async function accountExists(db: Executor, username: string): Promise<boolean> {
  return (await repo.userByName(db, username)) !== undefined;
}

/** The signed-in user as the session answer shows them. */
export async function presentUserById(db: Executor, id: number) {
  return presentUser(db, (await repo.userById(db, id))!);
}

export async function addUser(ctx: Context, input: NewUser): Promise<UserRow> {
  const u = newUser.parse(input);
  return insertAccount(ctx, u, { kind: 'person', passwordHash: await hash(u.password, ARGON2) });
}

/** A machine account: a unit and roles like a person's, but it signs in only with bearer tokens. */
export async function addServiceAccount(ctx: Context, input: NewServiceAccount): Promise<UserRow> {
  return insertAccount(ctx, newServiceAccount.parse(input), { kind: 'service', passwordHash: '' });
}

async function insertAccount(
  ctx: Context,
  u: Omit<NewServiceAccount, 'roles'> & { roles: Role[] },
  how: { kind: 'person' | 'service'; passwordHash: string },
): Promise<UserRow> {
  return inTransaction(ctx, async (tx) => {
    if (await repo.userByName(tx.db, u.username)) {
      throw new DomainError('user_exists', `user ${u.username} already exists`, 'username', {
        user: u.username,
      });
    }
    const unit = (await allUnits(tx.db)).find((x) => x.code === u.unitCode);
    if (!unit)
      throw new DomainError('unknown_unit', `unknown unit ${u.unitCode}`, 'unitCode', { unit: u.unitCode });
    const at = tx.now.toISOString();
    const row = {
      username: u.username,
      display_name: u.displayName,
      unit_id: unit.id,
      roles: u.roles.join(','),
      password_hash: how.passwordHash,
      disabled: 0,
      created_at: at,
      password_changed_at: at,
      kind: how.kind,
      email: null,
      digest: 0,
    };
    const id = await repo.insertUser(tx.db, row);
    const { username, display_name, unit_id, roles, created_at, kind } = row; // never the password hash
    await recordEvent(tx, {
      action: kind === 'service' ? 'service_account.add' : 'user.add',
      entityType: 'user',
      entityId: username,
      after: { username, display_name, unit_id, roles, created_at, kind },
    });
    return { id, ...row };
  });
}

export async function changePassword(ctx: Context, username: string, newPassword: string): Promise<void> {
  const { password } = z.object({ password: passwordSchema }).parse({ password: newPassword }); // names the field
  const passwordHash = await hash(password, ARGON2);
  await inTransaction(ctx, async (tx) => {
    const user = await repo.userByName(tx.db, username);
    if (!user) throw new NotFoundError('user', username);
    const at = tx.now.toISOString();
    await repo.updateUser(tx.db, user.id, { password_hash: passwordHash, password_changed_at: at });
    await repo.deleteSessionsOf(tx.db, user.id); // a new password ends every open session
    await recordEvent(tx, {
      action: 'user.passwd',
      entityType: 'user',
      entityId: username,
      after: { passwordChangedAt: at },
    });
  });
}

export async function setDisabled(ctx: Context, username: string, disabled: boolean): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const user = await repo.userByName(tx.db, username);
    if (!user) throw new NotFoundError('user', username);
    await repo.updateUser(tx.db, user.id, { disabled: disabled ? 1 : 0 });
    if (disabled) await repo.deleteSessionsOf(tx.db, user.id);
    await recordEvent(tx, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: username,
      before: { disabled: user.disabled === 1 },
      after: { disabled },
    });
  });
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Checks the password and opens a session; the same refusal for unknown users and wrong passwords. */
export async function login(
  ctx: Context,
  username: string,
  password: string,
): Promise<{ token: string; csrfToken: string; user: UserRow }> {
  const found = await repo.userByName(ctx.db, username);
  const user = found?.kind === 'person' ? found : undefined; // service accounts have no password
  dummyHash ??= hash('not a password of anyone', ARGON2);
  const ok = await verify(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || user.disabled) throw new AuthError();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await inTransaction({ ...ctx, actor: user.username }, async (tx) => {
    await repo.deleteExpiredSessions(tx.db, tx.now.toISOString());
    await repo.insertSession(tx.db, {
      token_hash: tokenHash(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: tx.now.toISOString(),
      expires_at: new Date(tx.now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    await recordEvent(tx, { action: 'session.login', entityType: 'user', entityId: user.username });
  });
  return { token, csrfToken, user };
}

export async function logout(ctx: Context, token: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await repo.deleteSession(tx.db, tokenHash(token));
    await recordEvent(tx, { action: 'session.logout', entityType: 'user', entityId: tx.actor });
  });
}

/** The user of a live session, with its CSRF token; undefined when expired, unknown or disabled. */
export async function sessionUser(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ user: UserRow; csrfToken: string } | undefined> {
  const found = await repo.sessionByTokenHash(db, tokenHash(token));
  if (!found) return undefined;
  const { csrf_token: csrfToken, expires_at: expiresAt, ...user } = found;
  if (user.disabled || expiresAt <= now.toISOString()) return undefined;
  return { user, csrfToken };
}

/** Issues a bearer token to a service account; the token itself is returned this once only. */
export async function issueToken(ctx: Context, username: string, input: TokenInput) {
  const t = tokenInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const account = await repo.userByName(tx.db, username);
    if (!account || account.kind !== 'service') throw new NotFoundError('service_account', username);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = {
      user_id: account.id,
      label: t.label,
      token_hash: tokenHash(token),
      read_only: t.readOnly ? 1 : 0,
      created_by: tx.actor,
      created_at: tx.now.toISOString(),
      expires_at: new Date(tx.now.getTime() + t.days * 86_400_000).toISOString(),
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    const id = await repo.insertToken(tx.db, row);
    const { label, read_only, expires_at } = row; // the digest stays out of the audit log too
    await recordEvent(tx, {
      action: 'token.issue',
      entityType: 'api_token',
      entityId: id,
      after: { account: username, label, read_only, expires_at },
    });
    return { ...presentToken({ id, ...row }, tx.now), account: username, token };
  });
}

export async function revokeToken(ctx: Context, id: number) {
  return inTransaction(ctx, async (tx) => {
    const token = await repo.tokenById(tx.db, id);
    if (!token) throw new NotFoundError('token', String(id));
    if (!(await repo.revokeToken(tx.db, id, tx.actor, tx.now.toISOString())))
      throw new ConflictError('already_revoked', `token ${id} was already revoked`);
    await recordEvent(tx, { action: 'token.revoke', entityType: 'api_token', entityId: id });
    return presentToken((await repo.tokenById(tx.db, id))!, tx.now);
  });
}

/** Every service account with its tokens (never their secrets). */
export async function listServiceAccounts(ctx: Context) {
  const accounts = await repo.serviceAccounts(ctx.db);
  const tokens = await repo.tokensOf(
    ctx.db,
    accounts.map((a) => a.id),
  );
  const people = await presentUsers(ctx.db, accounts);
  return {
    items: people.map((p, i) => ({
      ...p,
      tokens: tokens.filter((t) => t.user_id === accounts[i]!.id).map((t) => presentToken(t, ctx.now)),
    })),
  };
}

function presentToken(t: Omit<ApiTokenRow, 'user_id' | 'token_hash'>, now: Date) {
  return {
    id: t.id,
    label: t.label,
    readOnly: t.read_only === 1,
    status: tokenStatus(t, now),
    createdBy: t.created_by,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
    lastUsedAt: t.last_used_at,
  };
}

/** The account behind a bearer token; undefined when unknown, expired, revoked or disabled. */
export async function tokenUser(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ user: UserRow; tokenId: number; readOnly: boolean } | undefined> {
  const found = await repo.tokenByHash(db, tokenHash(token));
  if (!found || found.disabled || tokenStatus(found, now) !== 'active') return undefined;
  const user = await repo.userById(db, found.user_id);
  return user && { user, tokenId: found.id, readOnly: found.read_only === 1 };
}

/** Every request made with a token is in the audit log under the account's name. */
export async function recordTokenRequest(
  ctx: Context,
  tokenId: number,
  request: { method: string; route: string; status: number },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await repo.touchToken(tx.db, tokenId, tx.now.toISOString());
    await recordEvent(tx, {
      action: 'token.request',
      entityType: 'api_token',
      entityId: tokenId,
      after: request,
    });
  });
}
