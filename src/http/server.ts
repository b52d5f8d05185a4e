import Fastify, { type FastifyInstance } from 'fastify';
import { campaignRoutes } from '../areas/campaigns/routes.ts';
import type { Store } from '../db/connection.ts';
import type { AppContext } from './app-context.ts';
import { sendError } from './errors.ts';

export interface ServerOptions {
  store: Store;
  /** The clock; tests pin it. */
  now?: () => Date;
  logger?: boolean;
}

/** Assembles the HTTP server: error handling, then each area's routes. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const fastify = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576 });
  const now = options.now ?? (() => new Date());
  const app: AppContext = {
    store: options.store,
    context: () => ({ db: options.store.db, actor: 'anonymous', now: now() }),
  };
  fastify.setErrorHandler(sendError);
  fastify.get('/api/health', () => ({ status: 'ok', database: options.store.dialect }));
  await fastify.register(campaignRoutes(app));
  return fastify;
}
