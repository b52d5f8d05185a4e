import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, CITY_LEVEL_ROLES, type Scope, hasAnyRole, scopeOf } from '../areas/accounts/rules.ts';
import { sessionUser, toActor } from '../areas/accounts/service.ts';
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
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
}

/**
 * Reads the session cookie into `request.session`, and requires the session's CSRF token in the
 * X-CSRF-Token header of every request that changes something.
 */
export function sessions(fastify: FastifyInstance, db: Executor, now: () => Date): void {
  fastify.decorateRequest('session', null);
  fastify.addHook('onRequest', async (request) => {
    // The public site knows nobody: a staff member's cookie is neither read nor needed there.
    if (request.url === '/public' || request.url.startsWith('/public/') || request.url.startsWith('/public?'))
      return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await sessionUser(db, token, now());
    if (!found) return;
    const user = toActor(found.user);
    const subtree = hasAnyRole(user, CITY_LEVEL_ROLES) ? [] : await subtreeIdsOf(db, user.unitId);
    request.session = {
      user,
      scope: scopeOf(user, () => subtree),
      csrfToken: found.csrfToken,
      token,
    };
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== found.csrfToken) {
      throw new ForbiddenError('missing or wrong X-CSRF-Token header', 'csrf');
    }
  });
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
