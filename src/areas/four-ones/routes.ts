import type { AreaRoutes } from '../../http/routes.ts';
import { listingNoParam } from '../registry/schema.ts';
import {
  approvePlanInput,
  complianceOut,
  complianceQuery,
  fourOnesInput,
  fourOnesOut,
  fourOnesQuery,
} from './schema.ts';
import { approvePlan, compliance, fourOnesOf, updateFourOnes } from './service.ts';

const tags = ['four-ones'];

/** The "four ones" (四个一) of serious cases: who may do what is declared here; the rules are in rules.ts. */
export const fourOnesRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/fugitives/:listingNo/four-ones',
    {
      schema: {
        tags,
        summary:
          "One fugitive's dossier, arrest plan, responsible leader and pursuit team, and what is missing",
        params: listingNoParam,
        querystring: fourOnesQuery,
        response: { 200: fourOnesOut },
      },
      config: { access: { roles: 'any', resource: 'fugitive' } },
    },
    (request) => fourOnesOf(app.context(request), request.params.listingNo, request.query),
  );

  fastify.put(
    '/api/fugitives/:listingNo/four-ones',
    {
      schema: {
        tags,
        summary: 'Save the dossier checklist, the arrest plan and the pursuit team (409 when stale)',
        params: listingNoParam,
        body: fourOnesInput,
        response: { 200: fourOnesOut },
      },
      config: { access: { roles: ['officer', 'leader'], resource: 'fugitive' } },
    },
    (request) => updateFourOnes(app.context(request), request.params.listingNo, request.body),
  );

  fastify.post(
    '/api/fugitives/:listingNo/four-ones/approve-plan',
    {
      schema: {
        tags,
        summary: 'Approve the arrest plan as it stands (an edit of its text withdraws the approval)',
        params: listingNoParam,
        body: approvePlanInput,
        response: { 200: fourOnesOut },
      },
      config: { access: { roles: ['leader'], resource: 'fugitive' } },
    },
    (request) => approvePlan(app.context(request), request.params.listingNo, request.body ?? {}),
  );

  fastify.get(
    '/api/four-ones/compliance',
    {
      schema: {
        tags,
        summary: 'Compliance with the four ones per unit in your scope, and the fugitives lacking any',
        querystring: complianceQuery,
        response: { 200: complianceOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => compliance(app.context(request), request.query),
  );
};
