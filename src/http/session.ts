import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, CITY_LEVEL_ROLES, type Scope, hasAnyRole, scopeOf } from '../areas/accounts/rules.ts';
import { AuthError, recordTokenRequest, sessionUser, toActor, tokenUser } from '../areas/accounts/service.ts';
import type { UserRow } from '../db/tables.ts';
import { subtreeIdsOf } from '../areas/units/repo.ts';
import type { Executor } from '../db/connection.ts';
import { ForbiddenError } from '../shared/errors.ts';

export const SESSION_COOKIE = 'qw_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestSession {
  user: Actor;
  scope: Scope;
  csrfToken: string;
  token: string;
  /** Set when the caller is a service account with a bearer token (no cookie, no CSRF token). */
  tokenId?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
}

/**
 * Reads the session cookie — or a service account's bearer token — into `request.session`. A
 * cookie session needs its CSRF token in the X-CSRF-Token header of every request that changes
 * something; a token needs none (no browser sends it by itself) but, unless issued for writing,
 * may only read. Every request made with a token is audited under the account's name.
 */
export function sessions(fastify: FastifyInstance, db: Executor, now: () => Date): void {
  fastify.decorateRequest('session', null);
  fastify.addHook('onRequest', async (request) => {
    // The public site knows nobody: a staff member's cookie is neither read nor needed there.
    if (request.url === '/public' || request.url.startsWith('/public/') || request.url.startsWith('/public?'))
      return;
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const found = await tokenUser(db, bearer, now());
      if (!found) throw new AuthError('token_invalid', 'the token is unknown, expired or revoked');
      request.session = {
        ...(await sessionOf(db, found.user)),
        csrfToken: '',
        token: '',
        tokenId: found.tokenId,
      };
      if (found.readOnly && !SAFE_METHODS.has(request.method))
        throw new ForbiddenError('token_read_only', 'this token may only read');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await sessionUser(db, token, now());
    if (!found) return;
    request.session = { ...(await sessionOf(db, found.user)), csrfToken: found.csrfToken, token };
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== found.csrfToken) {
      throw new ForbiddenError('csrf', 'missing or wrong X-CSRF-Token header');
    }
  });
  // Written before the answer leaves, so a caller never sees an answer its audit line is missing from.
  fastify.addHook('onSend', async (request, reply, payload) => {
    const session = request.session;
    if (session?.tokenId === undefined) return payload;
    const ctx = { db, now: now(), actor: session.user.username, user: session.user, scope: session.scope };
    await recordTokenRequest(ctx, session.tokenId, {
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0]!,
      status: reply.statusCode,
    });
    return payload;
  });
}

async function sessionOf(db: Executor, row: UserRow): Promise<{ user: Actor; scope: Scope }> {
  const user = toActor(row);
  const subtree = hasAnyRole(user, CITY_LEVEL_ROLES) ? [] : await subtreeIdsOf(db, user.unitId);
  return { user, scope: scopeOf(user, () => subtree) };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
