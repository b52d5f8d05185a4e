import type { AreaRoutes } from '../../http/routes.ts';
import { dashboardOut, dashboardQuery, standingsOut, standingsQuery } from './schema.ts';
import { dashboard, standings } from './service.ts';

/** Campaign figures over HTTP. Rankings are published to every unit, so any signed-in user sees them. */
export const campaignRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/standings',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Every unit's campaign figures as of a date",
        querystring: standingsQuery,
        response: { 200: standingsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => standings(app.context(request), request.query),
  );

  fastify.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['campaigns'],
        summary: "One unit's campaign dashboard: figures, children, trend, composition",
        querystring: dashboardQuery,
        response: { 200: dashboardOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => dashboard(app.context(request), request.query),
  );
};
