// Measures 5 and 6 over HTTP: reward rules and the ledger, sanctions, the year-end assessment,
// inspections, praise and criticism notices, and bulletins. Thin: access → validate → service.
import type { FastifyRequest } from 'fastify';
import { download } from '../../http/download.ts';
import type { AreaRoutes } from '../../http/routes.ts';
import { readUpload } from '../../http/upload.ts';
import { problemOut } from '../letters/schema.ts';
import { standings } from '../campaigns/service.ts';
import {
  bulletinData,
  bulletinFile,
  issueBulletin,
  listBulletins,
  readDocumentSettings,
  setDocumentSettings,
} from '../bulletins/service.ts';
import { ledgerXlsx, standingsXlsx } from '../../reports/bulletin-xlsx.ts';
import { MEDIA_TYPES, fileName } from '../../reports/formats.ts';
import { renderBulletin } from '../../reports/render.ts';
import {
  attachSanctionDocument,
  sanctionDocument,
  changeSanction,
  continueCampaign,
  evaluateSanctions,
  listSanctions,
  previewSanctions,
  yearEndAssessment,
} from '../sanctions/service.ts';
import {
  issueNotice,
  listInspections,
  listNotices,
  noticeProposals,
  recordInspection,
} from '../supervision/service.ts';
import * as s from './schema.ts';
import { activeRules, ledger, setRewardRules } from './service.ts';
import { findCampaign } from '../campaigns/service.ts';

const XLSX = MEDIA_TYPES.xlsx;

export const accountabilityRoutes: AreaRoutes = (app) => async (fastify) => {
  const ctx = (request: FastifyRequest) => app.context(request);

  fastify.get(
    '/api/campaigns/:campaign/reward-rules',
    {
      schema: {
        tags: ['rewards'],
        summary: "The campaign's active reward rules",
        params: s.campaignParam,
        response: { 200: s.rulesOut },
      },
      config: { access: { roles: 'any' } },
    },
    async (request) => {
      const c = await findCampaign(ctx(request).db, request.params.campaign);
      return (await activeRules(ctx(request), c.id)) ?? null;
    },
  );

  fastify.put(
    '/api/campaigns/:campaign/reward-rules',
    {
      schema: {
        tags: ['rewards'],
        summary: 'Set the reward rules as a new version; the ledger is recomputed',
        params: s.campaignParam,
        body: s.rulesInput,
        response: { 200: s.rulesOut.unwrap() },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request) => {
      const { version, rules, note, createdBy, createdAt } = await setRewardRules(
        ctx(request),
        request.params.campaign,
        request.body.rules,
        request.body.note,
      );
      return { version, rules, note, createdBy, createdAt };
    },
  );

  fastify.get(
    '/api/campaigns/:campaign/document-settings',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          "What the campaign's official documents print: issuing authority, number prefix, issuer, recipients, copies to, printer, the notice's issuing bodies (what is set and the effective values)",
        params: s.campaignParam,
        response: { 200: s.documentSettingsOut },
      },
      config: { access: { roles: ['commander', 'publicity'] } },
    },
    (request) => readDocumentSettings(ctx(request), request.params.campaign),
  );

  fastify.put(
    '/api/campaigns/:campaign/document-settings',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          "Set the official documents' settings; an empty value returns a setting to its default; audited",
        params: s.campaignParam,
        body: s.documentSettingsInput,
        response: { 200: s.documentSettingsOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => setDocumentSettings(ctx(request), request.params.campaign, request.body),
  );

  fastify.get(
    '/api/campaigns/:campaign/ledger',
    {
      schema: {
        tags: ['rewards'],
        summary: 'The reward ledger of your units',
        params: s.campaignParam,
        response: { 200: s.ledgerOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => ledger(ctx(request), request.params.campaign),
  );

  fastify.get(
    '/api/campaigns/:campaign/ledger.xlsx',
    {
      schema: {
        tags: ['rewards'],
        summary: 'The reward ledger of your units as Excel',
        params: s.campaignParam,
        querystring: s.xlsxQuery,
        response: s.fileResponse,
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const l = await ledger(await app.readContext(request), request.params.campaign, true);
      return download(reply, {
        bytes: await ledgerXlsx(l.entries, request.query.lang),
        mediaType: XLSX,
        fileName: 'ledger.xlsx',
      });
    },
  );

  fastify.get(
    '/api/campaigns/:campaign/standings.xlsx',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Every unit's figures as Excel",
        params: s.campaignParam,
        querystring: s.xlsxQuery,
        response: s.fileResponse,
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const figures = await standings(await app.readContext(request), {
        campaign: request.params.campaign,
        asOf: request.query.asOf,
      });
      return download(reply, {
        bytes: await standingsXlsx(figures, request.query.lang),
        mediaType: XLSX,
        fileName: `standings-${figures.asOf}.xlsx`,
      });
    },
  );

  fastify.get(
    '/api/campaigns/:campaign/sanctions',
    {
      schema: {
        tags: ['sanctions'],
        summary: 'Tracked sanctions of your units',
        params: s.campaignParam,
        response: { 200: s.sanctionsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listSanctions(ctx(request), request.params.campaign),
  );

  fastify.get(
    '/api/campaigns/:campaign/sanctions/preview',
    {
      schema: {
        tags: ['sanctions'],
        summary: 'The sanctions a checkpoint brings (provisional before its date)',
        params: s.campaignParam,
        querystring: s.checkpointQuery,
        response: { 200: s.previewOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => previewSanctions(ctx(request), request.params.campaign, request.query.checkpoint),
  );

  fastify.post(
    '/api/campaigns/:campaign/continue',
    {
      schema: {
        tags: ['sanctions'],
        summary:
          "After the year end: next year's campaign for the unfinished units' still-active baseline persons",
        params: s.campaignParam,
        body: s.continueInput,
        response: { 200: s.continueOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => continueCampaign(ctx(request), { from: request.params.campaign, ...request.body }),
  );

  fastify.post(
    '/api/campaigns/:campaign/sanctions/evaluate',
    {
      schema: {
        tags: ['sanctions'],
        summary: 'Turn the sanctions due at a checkpoint into tracked items (from its date on)',
        params: s.campaignParam,
        body: s.evaluateInput,
        response: { 200: s.evaluateOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => evaluateSanctions(ctx(request), request.params.campaign, request.body.checkpoint),
  );

  fastify.post(
    '/api/sanctions/:id',
    {
      schema: {
        tags: ['sanctions'],
        summary: 'Close a sanction with its record, or waive it with a reason (commanders)',
        params: s.idParam,
        body: s.sanctionChange,
        response: { 200: s.sanctionOut },
      },
      config: { access: { roles: ['leader', 'commander'] } },
    },
    (request) => changeSanction(ctx(request), request.params.id, request.body),
  );

  fastify.post(
    '/api/sanctions/:id/document',
    {
      schema: {
        tags: ['sanctions'],
        summary:
          "Attach a scan to a sanction's record (multipart/form-data, one file: PDF, PNG or JPEG, at most 5 MiB)",
        params: s.idParam,
        response: { 200: s.sanctionOut, 413: problemOut },
      },
      config: { access: { roles: ['leader', 'commander'] } },
    },
    async (request) =>
      attachSanctionDocument(ctx(request), request.params.id, await readUpload(request, 'scan')),
  );

  fastify.get(
    '/api/sanctions/:id/document',
    {
      schema: {
        tags: ['sanctions'],
        summary: "Download a sanction's attached scan",
        params: s.idParam,
        response: s.scanResponse,
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => download(reply, await sanctionDocument(ctx(request), request.params.id)),
  );

  fastify.get(
    '/api/campaigns/:campaign/assessment',
    {
      schema: {
        tags: ['sanctions'],
        summary: 'The year-end assessment table',
        params: s.campaignParam,
        response: { 200: s.assessmentOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => yearEndAssessment(ctx(request), request.params.campaign),
  );

  fastify.get(
    '/api/inspections',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Inspection records of your units',
        response: { 200: s.inspectionsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listInspections(ctx(request)),
  );

  fastify.post(
    '/api/inspections',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Record an inspection',
        body: s.inspectionInput,
        response: { 201: s.inspectionOut },
      },
      config: { access: { roles: ['inspector'] } },
    },
    async (request, reply) => reply.status(201).send(await recordInspection(ctx(request), request.body)),
  );

  fastify.get(
    '/api/campaigns/:campaign/notices',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Issued praise and criticism notices',
        params: s.campaignParam,
        response: { 200: s.noticesOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listNotices(ctx(request), request.params.campaign),
  );

  fastify.get(
    '/api/campaigns/:campaign/notice-proposals',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Praise and criticism proposed from the standings',
        params: s.campaignParam,
        querystring: s.asOfQuery,
        response: { 200: s.proposalsOut },
      },
      config: { access: { roles: ['commander', 'inspector'] } },
    },
    (request) => noticeProposals(ctx(request), request.params.campaign, request.query.asOf),
  );

  fastify.post(
    '/api/campaigns/:campaign/notices',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Issue a praise or criticism notice',
        params: s.campaignParam,
        body: s.noticeInput,
        response: { 201: s.noticeOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) =>
      reply.status(201).send(await issueNotice(ctx(request), request.params.campaign, request.body)),
  );

  fastify.get(
    '/api/campaigns/:campaign/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: 'Issued bulletins, newest first, a page at a time, optionally of figures dated from and to',
        params: s.campaignParam,
        querystring: s.bulletinsQuery,
        response: { 200: s.bulletinsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listBulletins(ctx(request), request.params.campaign, request.query),
  );

  fastify.post(
    '/api/campaigns/:campaign/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary: "Issue the day's bulletin: numbered, its data frozen, the audit chain head printed",
        params: s.campaignParam,
        body: s.bulletinInput,
        response: { 201: s.bulletinOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await issueBulletin(
            ctx(request),
            request.params.campaign,
            request.body?.asOf,
            app.keys.anchorKey,
            request.body?.corrects,
          ),
        ),
  );

  fastify.get(
    '/api/campaigns/:campaign/bulletin-draft',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          'A draft bulletin as of a date (not issued), as HTML, PDF, XLSX or the official document (.docx, or official-pdf: the PDF laid out as the .docx, GB/T 9704)',
        params: s.campaignParam,
        querystring: s.draftQuery,
        response: s.fileResponse,
      },
      config: { access: { roles: ['commander', 'inspector'] } },
    },
    async (request, reply) => {
      const { format, lang, asOf } = request.query;
      const data = await bulletinData(ctx(request), { campaign: request.params.campaign, asOf });
      return download(reply, {
        bytes: await renderBulletin(data, format, lang),
        mediaType: MEDIA_TYPES[format],
        fileName: fileName(`bulletin-draft-${data.asOf}`, format),
      });
    },
  );

  fastify.get(
    '/api/bulletins/:id/file',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          'Download an issued bulletin as HTML, PDF, XLSX or the official document (.docx, or official-pdf: the PDF laid out as the .docx, GB/T 9704)',
        params: s.idParam,
        querystring: s.fileQuery,
        response: s.fileResponse,
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) =>
      download(
        reply,
        await bulletinFile(ctx(request), request.params.id, request.query.format, request.query.lang),
      ),
  );
};
