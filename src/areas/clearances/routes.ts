import { z } from 'zod';
import type { AreaRoutes } from '../../http/routes.ts';
import {
  bulkVerifyInput,
  bulkVerifyOut,
  claimIdParam,
  claimInput,
  claimOut,
  claimsQuery,
  decisionInput,
  rejectionInput,
} from './schema.ts';
import {
  approveClaim,
  correctClaim,
  fileClaim,
  listClaims,
  refuseClaim,
  rejectClaim,
  verifyClaim,
  verifyClaims,
} from './service.ts';

const tags = ['clearances'];
const claimPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(claimOut),
});

/** The claim → verify workflow. Who may do what is declared here; the rules are in rules.ts. */
export const clearanceRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/clearances',
    {
      schema: {
        tags,
        summary: 'Claims in your units (the verification queue: status=pending)',
        querystring: claimsQuery,
        response: { 200: claimPage },
      },
      config: { access: { roles: ['officer', 'leader', 'inspector', 'commander', 'admin'] } },
    },
    (request) => listClaims(app.context(request), request.query),
  );

  fastify.post(
    '/api/clearances',
    {
      schema: {
        tags,
        summary: 'Claim that a person left the list',
        body: claimInput,
        response: { 201: claimOut },
      },
      config: { access: { roles: ['officer', 'leader'] } },
    },
    async (request, reply) => reply.status(201).send(await fileClaim(app.context(request), request.body)),
  );

  fastify.post(
    '/api/clearances/:id/approve',
    {
      schema: {
        tags,
        summary: 'Second approval of a cancellation or a death (a leader, not the claimant)',
        params: claimIdParam,
        response: { 200: claimOut },
      },
      config: { access: { roles: ['leader'], resource: 'clearance' } },
    },
    (request) => approveClaim(app.context(request), request.params.id),
  );

  fastify.post(
    '/api/clearances/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Refuse to approve a cancellation or a death, with a reason (a leader, not the claimant)',
        params: claimIdParam,
        body: rejectionInput,
        response: { 200: claimOut },
      },
      config: { access: { roles: ['leader'], resource: 'clearance' } },
    },
    (request) => refuseClaim(app.context(request), request.params.id, request.body.reason),
  );

  fastify.post(
    '/api/clearances/:id/verify',
    {
      schema: {
        tags,
        summary: 'Verify a claim: it counts from now on',
        params: claimIdParam,
        body: decisionInput,
        response: { 200: claimOut },
      },
      config: { access: { roles: ['inspector'], resource: 'clearance' } },
    },
    (request) => verifyClaim(app.context(request), request.params.id, request.body.reason),
  );

  fastify.post(
    '/api/clearances/verify',
    {
      schema: {
        tags,
        summary: 'Verify several claims with one confirmation: each checked, decided and audited on its own',
        body: bulkVerifyInput,
        response: { 200: bulkVerifyOut },
      },
      config: { access: { roles: ['inspector'] } },
    },
    (request) => verifyClaims(app.context(request), request.body.ids, request.body.reason),
  );

  fastify.post(
    '/api/clearances/:id/reject',
    {
      schema: {
        tags,
        summary: 'Turn a claim down, with a reason',
        params: claimIdParam,
        body: rejectionInput,
        response: { 200: claimOut },
      },
      config: { access: { roles: ['inspector'], resource: 'clearance' } },
    },
    (request) => rejectClaim(app.context(request), request.params.id, request.body.reason),
  );

  fastify.post(
    '/api/clearances/:id/correct',
    {
      schema: {
        tags,
        summary: 'Replace a claim with a corrected one (the old one is kept, superseded)',
        params: claimIdParam,
        body: claimInput,
        response: { 201: claimOut },
      },
      config: { access: { roles: ['officer', 'leader'], resource: 'clearance' } },
    },
    async (request, reply) =>
      reply.status(201).send(await correctClaim(app.context(request), request.params.id, request.body)),
  );
};
