import type { AreaRoutes } from '../../http/routes.ts';
import { matchDecisionInput, matchIdParam, matchOut, matchesOut, matchesQuery } from './schema.ts';
import { confirmMatch, listMatches, rejectMatch, splitMatch } from './service.ts';

const tags = ['persons'];

/** Suggested matches of persons (same name, sex and birth date, no ID number): the queue and its decisions. */
export const personRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/person-matches',
    {
      schema: {
        tags,
        summary: 'Suggested matches of persons in your units (the open queue by default)',
        querystring: matchesQuery,
        response: { 200: matchesOut },
      },
      config: { access: { roles: ['inspector', 'commander'] } },
    },
    (request) => listMatches(app.context(request), request.query),
  );

  fastify.post(
    '/api/person-matches/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a match: the two persons are one, and the survivor takes every listing',
        params: matchIdParam,
        body: matchDecisionInput,
        response: { 200: matchOut },
      },
      config: { access: { roles: ['inspector'], resource: 'person_match' } },
    },
    (request) => confirmMatch(app.context(request), request.params.id, request.body),
  );

  fastify.post(
    '/api/person-matches/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a match: two different persons (the pair is not suggested again)',
        params: matchIdParam,
        body: matchDecisionInput,
        response: { 200: matchOut },
      },
      config: { access: { roles: ['inspector'], resource: 'person_match' } },
    },
    (request) => rejectMatch(app.context(request), request.params.id, request.body),
  );

  fastify.post(
    '/api/person-matches/:id/split',
    {
      schema: {
        tags,
        summary:
          'Split a wrong merge: the listings it moved go back to the other person (a frozen baseline does not change)',
        params: matchIdParam,
        body: matchDecisionInput,
        response: { 200: matchOut },
      },
      config: { access: { roles: ['inspector'], resource: 'person_match' } },
    },
    (request) => splitMatch(app.context(request), request.params.id, request.body),
  );
};
