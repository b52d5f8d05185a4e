import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import etag from '@fastify/etag';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { z } from 'zod';
import { type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { serializeAnswer } from './serialize-answer.ts';
import { accountRoutes } from '../areas/accounts/routes.ts';
import { campaignRoutes } from '../areas/campaigns/routes.ts';
import { clearanceRoutes } from '../areas/clearances/routes.ts';
import { fourOnesRoutes } from '../areas/four-ones/routes.ts';
import { leaderRoutes } from '../areas/leaders/routes.ts';
import { MAX_DOCUMENT_BYTES } from '../areas/letters/rules.ts';
import { letterRoutes } from '../areas/letters/routes.ts';
import { type PublicLimits, publicSiteRoutes } from '../areas/publicity/public-routes.ts';
import { publicityRoutes } from '../areas/publicity/routes.ts';
import { registryRoutes } from '../areas/registry/routes.ts';
import { personRoutes } from '../areas/persons/routes.ts';
import { accountabilityRoutes } from '../areas/rewards/routes.ts';
import { returnRoutes } from '../areas/returns/routes.ts';
import type { ImportLimits } from '../import/limits.ts';
import { importRoutes } from '../import/routes.ts';
import { integrityRoutes } from '../areas/integrity/routes.ts';
import { reviewRoutes } from '../areas/reviews/routes.ts';
import { unitRoutes } from '../areas/units/routes.ts';
import { taskRoutes } from '../areas/tasks/routes.ts';
import { meetingRoutes } from '../areas/meetings/routes.ts';
import { guidanceRoutes } from '../areas/guidance/routes.ts';
import { rectificationRoutes } from '../areas/rectification/routes.ts';
import { meritRoutes } from '../areas/merits/routes.ts';
import { staffTipRoutes } from '../areas/staff-tips/routes.ts';
import { reminderRoutes } from '../areas/reminders/routes.ts';
import type { KeyObject } from 'node:crypto';
import type { Store } from '../db/connection.ts';
import { appContext } from './app-context.ts';
import { refuseUnstorableText } from './clean-text.ts';
import { EVERYTHING } from '../areas/accounts/rules.ts';
import { freezeDueCampaigns } from '../areas/campaigns/service.ts';
import { sendError } from './errors.ts';
import { OPENAPI_FRAME, describeOperation } from './openapi.ts';
import { authorize, requireAccessOnEveryRoute } from './policy.ts';
import { markWrites } from './read-replica.ts';
import { sessions } from './session.ts';

export interface ServerOptions {
  store: Store;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Pino log level ('warn' logs refusals' causes and every internal error); off when absent. */
  logLevel?: string;
  /** Set when a reverse proxy terminates TLS, so cookies are marked Secure. */
  trustProxy?: boolean;
  /** Signs audit anchors; without it, anchoring is refused. */
  anchorKey?: KeyObject;
  /** Checks anchors' signatures when the signing key is not on this server. */
  anchorPublicKey?: KeyObject;
  /** Bounds on imported files (default: from the environment); tests tighten them. */
  importLimits?: ImportLimits;
  /** Rate limits of the public site's tip form and receipt checks (tests tighten them). */
  publicLimits?: Partial<PublicLimits>;
  /** Where the log goes (default: standard output); tests read it. */
  logStream?: { write(line: string): void };
  /** Told of every route as it is added; tests compare them with the OpenAPI document. */
  onRoute?: (route: RouteOptions) => void;
}

/** Assembles the HTTP server: validation, OpenAPI, sessions, the access policy, each area's routes. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const fastify = Fastify({
    // Requests are logged without the client's address: tipsters' addresses must never be recorded.
    logger: options.logLevel
      ? {
          level: options.logLevel,
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
          },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    bodyLimit: 1_048_576,
    // The router's own refusals (a path that is not valid percent-encoded UTF-8, a path parameter
    // over its length) leave keyed like every other error, not as Fastify's FST_* answers.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    // One hop: the address the proxy saw, not whatever a client writes into X-Forwarded-For.
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop < 1 : false,
  }).withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? (() => new Date());
  const app = appContext(
    options.store,
    now,
    { anchorKey: options.anchorKey, anchorPublicKey: options.anchorPublicKey },
    options.importLimits,
  );

  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializeAnswer);
  fastify.setErrorHandler(sendError);
  refuseUnstorableText(fastify);
  // The web app's files and the API documentation are public; every /api route says who may call it.
  requireAccessOnEveryRoute(fastify, (url) => !url.startsWith('/api/') || url.startsWith('/api/docs'));
  if (options.onRoute) fastify.addHook('onRoute', options.onRoute);

  await fastify.register(swagger, { openapi: OPENAPI_FRAME, transform: describeOperation });
  await fastify.register(swaggerUi, { routePrefix: '/api/docs' });
  await fastify.register(cookie);
  // Pollers send back the ETag they got and receive 304 while nothing changed.
  await fastify.register(etag, { weak: true });
  // Limits are per route; counted once the body is parsed, so a limit can key on the user name.
  await fastify.register(rateLimit, { global: false, hook: 'preHandler' });
  await fastify.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 } });

  sessions(fastify, options.store.db, now);
  markWrites(fastify, options.store);
  // The first request on or after a campaign's launch day freezes its baseline (issue 11).
  fastify.addHook('onRequest', (request) =>
    freezeDueCampaigns({
      db: options.store.db,
      now: app.context(request).now,
      actor: 'system',
      scope: EVERYTHING,
    }),
  );
  // Before validation: a caller without the right to a route learns nothing of its input rules.
  fastify.addHook('preValidation', (request) => authorize(request, options.store.db));

  const healthOut = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });
  const healthSchema = {
    tags: ['health'],
    summary: 'Whether the server answers',
    response: { 200: healthOut },
  };
  fastify.get('/api/health', { schema: healthSchema, config: { access: { public: true } } }, () => ({
    status: 'ok' as const,
    database: options.store.dialect,
  }));
  for (const routes of [
    accountRoutes,
    unitRoutes,
    campaignRoutes,
    registryRoutes,
    personRoutes,
    clearanceRoutes,
    fourOnesRoutes,
    leaderRoutes,
    letterRoutes,
    importRoutes,
    integrityRoutes,
    publicityRoutes,
    accountabilityRoutes,
    returnRoutes,
    reviewRoutes,
    taskRoutes,
    meetingRoutes,
    guidanceRoutes,
    rectificationRoutes,
    meritRoutes,
    staffTipRoutes,
    reminderRoutes,
  ]) {
    await fastify.register(routes(app));
  }
  await fastify.register(publicSiteRoutes(app, options.publicLimits));
  await serveWebApp(fastify);
  return fastify;
}

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The browser app (built by `npm run build`): its files, and index.html for every other page path. */
async function serveWebApp(fastify: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_ROOT)) return;
  await fastify.register(fastifyStatic, { root: WEB_ROOT, index: 'index.html', wildcard: false });
  fastify.setNotFoundHandler((request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) {
      void reply
        .status(404)
        .send({ code: 'not_found', message: `no route ${request.method} ${request.url}` });
      return;
    }
    void reply.sendFile('index.html');
  });
}
