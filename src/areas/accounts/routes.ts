import { z } from 'zod';
import { clearSessionCookie, setSessionCookie } from '../../http/session.ts';
import { type AreaRoutes, noContent } from '../../http/routes.ts';
import { SESSION_HOURS } from './rules.ts';
import {
  issuedTokenOut,
  loginInput,
  newServiceAccount,
  newUser,
  personOut,
  serviceAccountsOut,
  sessionOut,
  tokenInput,
  tokenOut,
  userOut,
} from './schema.ts';
import { TooManyAttemptsError } from '../../shared/errors.ts';
import { SignInLimiter, type SignInVerdict } from './sign-in-limiter.ts';
import {
  AuthError,
  addServiceAccount,
  addUser,
  issueToken,
  listServiceAccounts,
  login,
  logout,
  presentUser,
  presentUserById,
  listAccounts,
  listPeople,
  revokeToken,
  setDisabled,
} from './service.ts';

const tags = ['accounts'];

/** Refuses an attempt the limiter holds back, before the password is looked at. */
function refuseWhileLimited(verdict: SignInVerdict): void {
  if (verdict.allowed) return;
  const wait = verdict.retryAfterSeconds;
  throw verdict.reason === 'address_capped'
    ? new TooManyAttemptsError(
        'rate_limited',
        `too many failed sign-ins from this address: wait ${wait} s`,
        wait,
      )
    : new TooManyAttemptsError(
        'sign_in_delayed',
        `too many failed sign-ins for this user name: wait ${wait} s before the next try`,
        wait,
      );
}

export const accountRoutes: AreaRoutes = (app) => async (fastify) => {
  // Failed sign-ins slow down guessing, counted in the database for every process (sign-in-limiter.ts).
  const limiter = new SignInLimiter(app.store.db);
  fastify.post(
    '/api/session',
    {
      schema: { tags, summary: 'Sign in', body: loginInput, response: { 200: sessionOut } },
      config: {
        access: { public: true },
        signInLimited: true,
      },
    },
    async (request, reply) => {
      const ctx = app.context(request);
      const { username, password } = request.body;
      const at = ctx.now.getTime();
      refuseWhileLimited(await limiter.check(username, request.ip, at));
      let signedIn: Awaited<ReturnType<typeof login>>;
      try {
        signedIn = await login(ctx, username, password);
      } catch (e) {
        if (e instanceof AuthError) await limiter.failed(username, request.ip, at);
        throw e;
      }
      await limiter.succeeded(username, request.ip, at);
      const { token, csrfToken, user } = signedIn;
      setSessionCookie(request, reply, token, SESSION_HOURS * 3600);
      return { user: await presentUser(ctx.db, user), csrfToken };
    },
  );

  fastify.get(
    '/api/session',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: sessionOut } },
      config: { access: { roles: 'any' } },
    },
    async (request) => {
      const session = request.session!;
      return { user: await presentUserById(app.store.db, session.user.id), csrfToken: session.csrfToken };
    },
  );

  fastify.delete(
    '/api/session',
    {
      schema: { tags, summary: 'Sign out', response: { 204: noContent } },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      await logout(app.context(request), request.session!.token);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'All accounts',
        response: { 200: z.array(userOut.extend({ disabled: z.boolean() })) },
      },
      config: { access: { roles: ['admin'] } },
    },
    async () => listAccounts(app.store.db),
  );

  fastify.get(
    '/api/people',
    {
      schema: {
        tags,
        summary: "The directory: every account's name and unit, to name who acted on a record",
        response: { 200: z.array(personOut) },
      },
      config: { access: { roles: 'any' } },
    },
    async () => listPeople(app.store.db),
  );

  fastify.post(
    '/api/users',
    {
      schema: { tags, summary: 'Create an account', body: newUser, response: { 201: userOut } },
      config: { access: { roles: ['admin'] } },
    },
    async (request, reply) => {
      const ctx = app.context(request);
      const user = await addUser(ctx, request.body);
      return reply.status(201).send(await presentUser(ctx.db, user));
    },
  );

  fastify.post(
    '/api/users/:username/disable',
    {
      schema: {
        tags,
        summary: 'Disable an account and end its sessions',
        params: z.object({ username: z.string() }),
        response: { 204: noContent },
      },
      config: { access: { roles: ['admin'] } },
    },
    async (request, reply) => {
      await setDisabled(app.context(request), request.params.username, true);
      return reply.status(204).send(null);
    },
  );

  const admin = { access: { roles: ['admin' as const] } };

  fastify.get(
    '/api/service-accounts',
    {
      schema: {
        tags,
        summary: 'Service accounts of other systems, with their tokens',
        response: { 200: serviceAccountsOut },
      },
      config: admin,
    },
    (request) => listServiceAccounts(app.context(request)),
  );

  fastify.post(
    '/api/service-accounts',
    {
      schema: {
        tags,
        summary: 'Create a service account bound to a unit and roles (it signs in only with tokens)',
        body: newServiceAccount,
        response: { 201: userOut },
      },
      config: admin,
    },
    async (request, reply) => {
      const ctx = app.context(request);
      const account = await addServiceAccount(ctx, request.body);
      return reply.status(201).send(await presentUser(ctx.db, account));
    },
  );

  fastify.post(
    '/api/service-accounts/:username/tokens',
    {
      schema: {
        tags,
        summary: 'Issue a token to a service account (shown in this answer only)',
        params: z.object({ username: z.string().max(40) }),
        body: tokenInput,
        response: { 201: issuedTokenOut },
      },
      config: admin,
    },
    async (request, reply) =>
      reply.status(201).send(await issueToken(app.context(request), request.params.username, request.body)),
  );

  fastify.post(
    '/api/tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a token: it is refused from the next request on',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: tokenOut },
      },
      config: admin,
    },
    (request) => revokeToken(app.context(request), request.params.id),
  );
};
