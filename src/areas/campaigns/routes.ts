import { sendKept } from '../../http/kept-answer.ts';
import type { AreaRoutes } from '../../http/routes.ts';
import {
  baselineCorrectionInput,
  baselineCorrectionOut,
  baselineCorrectionsOut,
  campaignParam,
  dashboardOut,
  dashboardQuery,
  standingsOut,
  standingsQuery,
} from './schema.ts';
import { baselineCorrections, correctBaseline, dashboard, standings } from './service.ts';

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
    async (request, reply) => {
      const answer = await standings(await app.readContext(request), request.query);
      // The units' figures are kept per (campaign, as-of date, version): so is their serialised answer.
      return sendKept(request, reply, answer.units, answer);
    },
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
    async (request, reply) => {
      const answer = await dashboard(await app.readContext(request), request.query);
      return sendKept(request, reply, answer, answer); // kept per unit with the figures
    },
  );

  fastify.post(
    '/api/campaigns/:campaign/baseline-corrections',
    {
      schema: {
        tags: ['campaigns'],
        summary:
          'Take a listing proven entered in error out of the frozen baseline (a commander, with a reason)',
        params: campaignParam,
        body: baselineCorrectionInput,
        response: { 201: baselineCorrectionOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await correctBaseline(app.context(request), request.params.campaign, request.body)),
  );

  fastify.get(
    '/api/campaigns/:campaign/baseline-corrections',
    {
      schema: {
        tags: ['campaigns'],
        summary: "A campaign's baseline corrections, oldest first",
        params: campaignParam,
        response: { 200: baselineCorrectionsOut },
      },
      config: { access: { roles: 'any' } },
    },
    async (request) => ({
      corrections: await baselineCorrections(app.context(request), request.params.campaign),
    }),
  );
};
