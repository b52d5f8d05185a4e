import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { standingsQuery } from './schema.ts';
import { standings } from './service.ts';

/** Campaign figures over HTTP: a thin shell around the service. */
export const campaignRoutes =
  (app: AppContext): FastifyPluginAsync =>
  async (fastify) => {
    fastify.get('/api/standings', (request) =>
      standings(app.context(request), standingsQuery.parse(request.query)),
    );
  };
