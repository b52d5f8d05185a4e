import type { AreaRoutes } from '../../http/routes.ts';
import { listingNoParam } from '../registry/schema.ts';
import {
  caseOwnerOut,
  leaderPageOut,
  leadersOut,
  liaisonsInput,
  liaisonsOut,
  ownerInput,
  usernameParam,
} from './schema.ts';
import { assignCaseOwner, leaderPage, listLeaders, setLiaisonUnits } from './service.ts';

const tags = ['leaders'];

/** Leaders take the lead: the cases they own (包案) and their liaison units (联系点). */
export const leaderRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.put(
    '/api/fugitives/:listingNo/owner',
    {
      schema: {
        tags,
        summary: 'Make a leader the personal owner of a case (a leader takes it for themselves)',
        params: listingNoParam,
        body: ownerInput,
        response: { 200: caseOwnerOut },
      },
      config: { access: { roles: ['commander', 'leader'], resource: 'fugitive' } },
    },
    (request) => assignCaseOwner(app.context(request), request.params.listingNo, request.body.username),
  );

  fastify.put(
    '/api/leaders/:username/liaisons',
    {
      schema: {
        tags,
        summary: "Replace a leader's liaison units",
        params: usernameParam,
        body: liaisonsInput,
        response: { 200: liaisonsOut },
      },
      config: { access: { roles: ['commander', 'admin'], resource: 'leader' } },
    },
    (request) => setLiaisonUnits(app.context(request), request.params.username, request.body.units),
  );

  fastify.get(
    '/api/leaders',
    {
      schema: {
        tags,
        summary: 'Every leader with their liaison units and owned cases (open / cleared)',
        response: { 200: leadersOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listLeaders(app.context(request)),
  );

  fastify.get(
    '/api/leaders/:username',
    {
      schema: {
        tags,
        summary: "A leader's page: liaison units with their campaign figures, owned cases and their progress",
        params: usernameParam,
        response: { 200: leaderPageOut },
      },
      // The leader's unit must be in the caller's scope; a leader's own unit always is.
      config: { access: { roles: 'any', resource: 'leader' } },
    },
    (request) => leaderPage(app.context(request), request.params.username),
  );
};
