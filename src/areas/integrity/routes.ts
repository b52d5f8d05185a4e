import { checkingKey } from '../../http/app-context.ts';
import type { AreaRoutes } from '../../http/routes.ts';
import { ConflictError } from '../../shared/errors.ts';
import { listAnchors } from '../audit/service.ts';
import { rejectClaim } from '../clearances/service.ts';
import { verifyHistory } from './history.ts';
import { sealAndAnchor } from './deep-check.ts';
import {
  anchorOut,
  anchorsOut,
  anomaliesOut,
  anomaliesQuery,
  anomalyOut,
  campaignParam,
  checkInput,
  checkOut,
  checkParam,
  historyOut,
  idParam,
  integritySettings,
  sampleInput,
  sampleOut,
  samplesOut,
  scanInput,
  scanOut,
  transitionInput,
} from './schema.ts';
import {
  changeSettings,
  drawWeeklySample,
  getSettings,
  listAnomalies,
  listSamples,
  moveAnomaly,
  recordQualityCheck,
  scanCampaign,
} from './service.ts';
import { z } from 'zod';

const tags = ['integrity'];
const overseers = ['inspector', 'commander'] as const;

/** The integrity of results: the anomaly queue, its settings, quality samples, the audit chain's anchors. */
export const integrityRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/anomalies',
    {
      schema: {
        tags,
        summary: 'Findings of the anomaly rules in your units',
        querystring: anomaliesQuery,
        response: { 200: anomaliesOut },
      },
      config: { access: { roles: overseers } },
    },
    (request) => listAnomalies(app.context(request), request.query),
  );

  fastify.post(
    '/api/anomalies/scan',
    {
      schema: {
        tags,
        summary: 'Run every rule over the whole campaign now; new findings join the queue',
        body: scanInput,
        response: { 200: scanOut },
      },
      config: { access: { roles: overseers } },
    },
    (request) => scanCampaign(app.context(request), request.body.campaign),
  );

  fastify.post(
    '/api/anomalies/:id/transition',
    {
      schema: {
        tags,
        summary:
          'Investigate, dismiss (with a reason) or confirm a finding; confirming rejects the claims found false',
        params: idParam,
        body: transitionInput,
        response: { 200: anomalyOut },
      },
      config: { access: { roles: ['inspector'], resource: 'anomaly' } },
    },
    (request) => moveAnomaly(app.context(request), request.params.id, request.body, rejectClaim),
  );

  fastify.get(
    '/api/campaigns/:campaign/integrity-settings',
    {
      schema: {
        tags,
        summary: "The campaign's rule thresholds and weekly sample size",
        params: campaignParam,
        response: { 200: integritySettings },
      },
      config: { access: { roles: overseers } },
    },
    (request) => getSettings(app.context(request), request.params.campaign),
  );

  fastify.put(
    '/api/campaigns/:campaign/integrity-settings',
    {
      schema: {
        tags,
        summary: 'Change the thresholds and the sample size',
        params: campaignParam,
        body: integritySettings,
        response: { 200: integritySettings },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => changeSettings(app.context(request), request.params.campaign, request.body),
  );

  fastify.get(
    '/api/quality-samples',
    {
      schema: {
        tags,
        summary: "A campaign's weekly quality samples and their re-checks",
        querystring: z.object({ campaign: z.string().trim().min(1).max(100).optional() }),
        response: { 200: samplesOut },
      },
      config: { access: { roles: overseers, bureau: true } },
    },
    async (request) => ({ items: await listSamples(app.context(request), request.query.campaign) }),
  );

  fastify.post(
    '/api/quality-samples',
    {
      schema: {
        tags,
        summary: "Draw a week's sample of verified clearances (the seed goes into the audit log)",
        body: sampleInput,
        response: { 201: sampleOut },
      },
      config: { access: { roles: ['inspector'], bureau: true } },
    },
    async (request, reply) =>
      reply.status(201).send(await drawWeeklySample(app.context(request), request.body)),
  );

  fastify.post(
    '/api/quality-samples/:id/checks/:clearanceId',
    {
      schema: {
        tags,
        summary: 'Record the re-check of one sampled clearance against its evidence',
        params: checkParam,
        body: checkInput,
        response: { 200: checkOut },
      },
      config: { access: { roles: ['inspector'], bureau: true } },
    },
    (request) =>
      recordQualityCheck(app.context(request), request.params.id, request.params.clearanceId, request.body),
  );

  fastify.get(
    '/api/audit/history',
    {
      schema: {
        tags,
        summary:
          'Check the audit chain, its signed anchors, each clearance against its events and (deep) every row the figures read against the latest seal and every listing withdrawal against its events',
        querystring: z.object({ deep: z.enum(['true', 'false']).default('false') }),
        response: { 200: historyOut },
      },
      config: { access: { roles: overseers } },
    },
    async (request) => {
      return verifyHistory(app.context(request).db, {
        publicKey: checkingKey(app.keys),
        deep: request.query.deep === 'true',
      });
    },
  );

  fastify.get(
    '/api/audit/anchors',
    {
      schema: { tags, summary: 'The signed anchors of the audit chain', response: { 200: anchorsOut } },
      config: { access: { roles: overseers } },
    },
    async (request) => ({ items: await listAnchors(app.context(request).db) }),
  );

  fastify.post(
    '/api/audit/anchors',
    {
      schema: {
        tags,
        summary: "Sign the chain's head now (the server must hold the anchor key)",
        response: { 201: anchorOut },
      },
      config: { access: { roles: overseers } },
    },
    async (request, reply) => {
      const key = app.keys.anchorKey;
      if (!key)
        throw new ConflictError(
          'no_anchor_key',
          'anchoring is off: the server has no anchor key (it was moved off the server)',
        );
      return reply.status(201).send(await sealAndAnchor(app.context(request), key));
    },
  );
};
