import { z } from 'zod';
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Executor } from '../../db/connection.ts';
import type { UserRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { DomainError, NotFoundError } from '../../shared/errors.ts';
import { recordEvent } from '../audit/service.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';
import { type Actor, SESSION_HOURS, parseRoles } from './rules.ts';
import { type NewUser, newUser, password as passwordSchema } from './schema.ts';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Verified against when the user does not exist, so a login takes as long either way. */
let dummyHash: Promise<string> | undefined;

export class AuthError extends DomainError {
  constructor(message = 'wrong username or password') {
    super('unauthenticated', message);
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

export async function addUser(ctx: Context, input: NewUser): Promise<UserRow> {
  const u = newUser.parse(input);
  const passwordHash = await hash(u.password, ARGON2);
  return inTransaction(ctx, async (tx) => {
    if (await repo.userByName(tx.db, u.username)) {
      throw new DomainError('duplicate', `user ${u.username} already exists`, 'username');
    }
    const unit = (await allUnits(tx.db)).find((x) => x.code === u.unitCode);
    if (!unit) throw new DomainError('unknown_unit', `unknown unit ${u.unitCode}`, 'unitCode');
    const at = tx.now.toISOString();
    const row = {
      username: u.username,
      display_name: u.displayName,
      unit_id: unit.id,
      roles: u.roles.join(','),
      password_hash: passwordHash,
      disabled: 0,
      created_at: at,
      password_changed_at: at,
    };
    const id = await repo.insertUser(tx.db, row);
    const { username, display_name, unit_id, roles, created_at } = row; // never the password hash
    await recordEvent(tx, {
      action: 'user.add',
      entityType: 'user',
      entityId: username,
      after: { username, display_name, unit_id, roles, created_at },
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
  const user = await repo.userByName(ctx.db, username);
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
  const session = await repo.sessionByTokenHash(db, tokenHash(token));
  if (!session || session.disabled || session.expires_at <= now.toISOString()) return undefined;
  const user = await repo.userById(db, session.user_id);
  return user && { user, csrfToken: session.csrf_token };
}
