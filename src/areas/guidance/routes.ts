// Guidance visits over HTTP: the city's (or a leader's) view, recording a visit, the interval.
import type { AreaRoutes } from '../../http/routes.ts';
import * as s from './schema.ts';
import { guidanceView, recordVisit, setVisitInterval } from './service.ts';

export const guidanceRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/campaigns/:campaign/guidance',
    {
      schema: {
        tags: ['guidance'],
        summary: 'Liaison units with their guidance visits and those not visited within the interval',
        params: s.campaignParam,
        querystring: s.guidanceQuery,
        response: { 200: s.guidanceOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => guidanceView(app.context(request), request.params.campaign, request.query),
  );

  fastify.post(
    '/api/campaigns/:campaign/visits',
    {
      schema: {
        tags: ['guidance'],
        summary: 'A leader records a guidance visit to a liaison unit, with its decisions as tasks',
        params: s.campaignParam,
        body: s.visitInput,
        response: { 201: s.visitOut },
      },
      config: { access: { roles: ['leader'] } },
    },
    async (request, reply) =>
      reply.status(201).send(await recordVisit(app.context(request), request.params.campaign, request.body)),
  );

  fastify.put(
    '/api/campaigns/:campaign/guidance-settings',
    {
      schema: {
        tags: ['guidance'],
        summary: 'Set after how many days without a visit a liaison unit is flagged',
        params: s.campaignParam,
        body: s.guidanceSettings,
        response: { 200: s.guidanceSettings },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) =>
      setVisitInterval(app.context(request), request.params.campaign, request.body.visitIntervalDays),
  );
};
