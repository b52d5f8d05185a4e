// Daily and weekly returns over HTTP. Thin: access → validate → service.
import { download } from '../../http/download.ts';
import { type AreaRoutes, fileAnswer, noContent } from '../../http/routes.ts';
import { campaignParam } from '../../shared/fields.ts';
import {
  cutoffInput,
  returnFileQuery,
  returnOut,
  returnParams,
  returnQuery,
  returnsOverviewOut,
} from './schema.ts';
import { confirmReturn, returnFile, returnsOverview, setReturnCutoff, unitReturn } from './service.ts';

const tags = ['returns'];
/** Leaders and commanders send returns; inspectors read them too. */
const readers = ['leader', 'commander', 'inspector'] as const;

export const returnRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/campaigns/:campaign/returns',
    {
      schema: {
        tags,
        summary:
          "Where the returns of a date stand for the caller's reporting units (the city and the units below it): submitted, late, missing or due",
        params: campaignParam,
        querystring: returnQuery,
        response: { 200: returnsOverviewOut },
      },
      config: { access: { roles: [...readers] } },
    },
    (request) =>
      returnsOverview(app.context(request), { campaign: request.params.campaign, ...request.query }),
  );

  fastify.get(
    '/api/campaigns/:campaign/returns/:unit',
    {
      schema: {
        tags,
        summary:
          "A unit's daily or weekly return: its figures and the level below's, what moved in the period, the period's verified results",
        params: returnParams,
        querystring: returnQuery,
        response: { 200: returnOut },
      },
      config: { access: { roles: [...readers] } },
    },
    (request) =>
      unitReturn(app.context(request), {
        campaign: request.params.campaign,
        unit: request.params.unit,
        ...request.query,
      }),
  );

  fastify.get(
    '/api/campaigns/:campaign/returns/:unit/file',
    {
      schema: {
        tags,
        summary: "A unit's return as .xlsx or as the official document (GB/T 9704, Chinese), .docx or PDF",
        params: returnParams,
        querystring: returnFileQuery,
        response: fileAnswer('The return', ['docx', 'xlsx', 'pdf']),
      },
      config: { access: { roles: [...readers] } },
    },
    async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const q = { campaign: request.params.campaign, unit: request.params.unit, ...query };
      return download(reply, await returnFile(app.context(request), q, format, lang));
    },
  );

  fastify.post(
    '/api/campaigns/:campaign/returns/:unit/confirm',
    {
      schema: {
        tags,
        summary: "The unit's leader (for the city, a commander) confirms its return as submitted; audited",
        params: returnParams,
        querystring: returnQuery,
        response: { 200: returnOut },
      },
      config: { access: { roles: ['leader', 'commander'] } },
    },
    (request) =>
      confirmReturn(app.context(request), {
        campaign: request.params.campaign,
        unit: request.params.unit,
        ...request.query,
      }),
  );

  fastify.put(
    '/api/campaigns/:campaign/return-cutoff',
    {
      schema: {
        tags,
        summary: "Set the local time (HH:MM) by which units confirm the day's return; audited",
        params: campaignParam,
        body: cutoffInput,
        response: { 204: noContent },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) => {
      await setReturnCutoff(app.context(request), request.params.campaign, request.body.cutoff);
      return reply.status(204).send(null);
    },
  );
};
