// Rectification over HTTP: items from an inspection, the unit's report, the inspector's decision.
import type { AreaRoutes } from '../../http/routes.ts';
import * as s from './schema.ts';
import { addItems, decideItem, listItems, reportItem } from './service.ts';

export const rectificationRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/rectification',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Rectification items of your units (整改), by deadline, with how many days each is overdue',
        querystring: s.itemsQuery,
        response: { 200: s.itemsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) =>
      listItems(app.context(request), {
        status: request.query.status,
        overdue: request.query.overdue === 'true',
      }),
  );

  fastify.post(
    '/api/inspections/:id/rectification',
    {
      schema: {
        tags: ['supervision'],
        summary: "Turn an inspection's problems into rectification items with owner unit and deadline",
        params: s.idParam,
        body: s.itemsInput,
        response: { 201: s.itemsOut },
      },
      config: { access: { roles: ['inspector'] } },
    },
    async (request, reply) =>
      reply.status(201).send(await addItems(app.context(request), request.params.id, request.body)),
  );

  fastify.post(
    '/api/rectification/:id/report',
    {
      schema: {
        tags: ['supervision'],
        summary: 'The unit reports what it changed',
        params: s.idParam,
        body: s.reportInput,
        response: { 200: s.itemOut },
      },
      config: { access: { roles: ['officer', 'leader', 'commander'], resource: 'rectification' } },
    },
    (request) => reportItem(app.context(request), request.params.id, request.body.report),
  );

  fastify.post(
    '/api/rectification/:id/decision',
    {
      schema: {
        tags: ['supervision'],
        summary: "The inspector accepts the unit's report or returns the item with a reason",
        params: s.idParam,
        body: s.decisionInput,
        response: { 200: s.itemOut },
      },
      config: { access: { roles: ['inspector'], resource: 'rectification' } },
    },
    (request) => decideItem(app.context(request), request.params.id, request.body),
  );
};
