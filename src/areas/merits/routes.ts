// Officers' merits over HTTP: the tally with proposals, the commander's decisions, the Excel export.
import type { AreaRoutes } from '../../http/routes.ts';
import { download } from '../../http/download.ts';
import { meritsXlsx } from '../../reports/practices-xlsx.ts';
import { MEDIA_TYPES } from '../../reports/formats.ts';
import { fileResponse } from '../rewards/schema.ts';
import * as s from './schema.ts';
import { decideMerit, nameClaimOfficers, officerMerits } from './service.ts';

export const meritRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/campaigns/:campaign/merits',
    {
      schema: {
        tags: ['rewards'],
        summary: 'Officers of your units credited by verified results, with the award the rules propose',
        params: s.campaignParam,
        querystring: s.meritsQuery,
        response: { 200: s.meritsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => officerMerits(app.context(request), request.params.campaign, request.query.asOf),
  );

  fastify.get(
    '/api/campaigns/:campaign/merits.xlsx',
    {
      schema: {
        tags: ['rewards'],
        summary: "Officers' merits and the decisions taken, as Excel",
        params: s.campaignParam,
        querystring: s.meritsXlsxQuery,
        response: fileResponse,
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const merits = await officerMerits(app.context(request), request.params.campaign, request.query.asOf);
      return download(reply, {
        bytes: await meritsXlsx(merits, request.query.lang),
        mediaType: MEDIA_TYPES.xlsx,
        fileName: `merits-${merits.asOf}.xlsx`,
      });
    },
  );

  fastify.post(
    '/api/campaigns/:campaign/merits/decisions',
    {
      schema: {
        tags: ['rewards'],
        summary: 'Decide a proposed commendation (嘉奖) or merit citation (记功) for an officer',
        params: s.campaignParam,
        body: s.decisionInput,
        response: { 201: s.decisionOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) =>
      reply.status(201).send(await decideMerit(app.context(request), request.params.campaign, request.body)),
  );

  fastify.put(
    '/api/clearances/:id/officers',
    {
      schema: {
        tags: ['clearances'],
        summary: 'Name the officers of a capture or surrender (capturing officers, persuading officer)',
        params: s.clearanceParam,
        body: s.officersInput,
        response: { 200: s.officersOut },
      },
      config: { access: { roles: ['officer', 'leader', 'commander'], resource: 'clearance' } },
    },
    (request) => nameClaimOfficers(app.context(request), request.params.id, request.body),
  );
};
