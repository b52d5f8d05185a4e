import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { download } from '../../http/download.ts';
import { type AreaRoutes, MEDIA_TYPES, fileAnswer } from '../../http/routes.ts';
import { rosterCsv, rosterXlsx } from '../../reports/roster.ts';
import { reconciliationXlsx } from '../../reports/reconciliation-xlsx.ts';
import { withUploadedTable } from '../../import/upload.ts';
import { reconcileWithNational } from './reconciliation.ts';
import { claimOut } from '../clearances/schema.ts';
import {
  correctionInput,
  correctionOut,
  newListingInput,
  fugitivePage,
  fugitiveSummary,
  fugitivesQuery,
  listingNoParam,
  reconciliationOut,
  reconciliationQuery,
  rosterQuery,
  timelineEntry,
  askedWithdrawal,
  withdrawalDecisionInput,
  withdrawalDecisionOut,
  withdrawalInput,
  withdrawalOut,
} from './schema.ts';
import { fugitiveDetail, roster, searchRegistry } from './service.ts';
import { correctFugitive, enterFugitive } from './upkeep.ts';
import { askWithdrawal, askedWithdrawals, decideWithdrawal } from './withdrawal.ts';

const tags = ['registry'];
const fugitiveDetailOut = fugitiveSummary.extend({
  caseNo: z.string().nullable(),
  /** Every listing of the same person, this one included, oldest first. */
  personListings: z.array(fugitiveSummary),
  claims: z.array(claimOut),
  /** Requests to withdraw the listing (entered by mistake), oldest first. */
  withdrawals: z.array(withdrawalOut),
  timeline: z.array(timelineEntry),
});

export const registryRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/fugitives',
    {
      schema: {
        tags,
        summary: 'Search the registry (your units, and remote listings)',
        querystring: fugitivesQuery,
        response: { 200: fugitivePage },
      },
      config: { access: { roles: 'any' } },
    },
    async (request) => searchRegistry(await app.readContext(request), request.query),
  );

  fastify.get(
    '/api/roster',
    {
      schema: {
        tags,
        summary:
          "The roster (在逃人员名单) of the registry's filter as .xlsx or CSV, in the import template's columns (it imports again), then status and exit",
        querystring: rosterQuery,
        response: fileAnswer('The roster', ['xlsx', 'csv']),
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      const rows = await roster(await app.readContext(request), filter);
      return download(reply, {
        bytes: format === 'csv' ? rosterCsv(rows, lang) : await rosterXlsx(rows, lang),
        mediaType: MEDIA_TYPES[format],
        fileName: `${lang === 'en' ? 'roster' : '在逃人员名单'}${filter.unit ? `-${filter.unit}` : ''}.${format}`,
      });
    },
  );

  const reconcile = (request: FastifyRequest, query: z.output<typeof reconciliationQuery>) =>
    withUploadedTable(request, app.importLimits, (path) =>
      reconcileWithNational(app.context(request), path, {
        asOf: query.asOf,
        unit: query.unit,
        campaign: query.campaign,
        limits: app.importLimits,
      }),
    );

  fastify.post(
    '/api/reconciliation',
    {
      schema: {
        tags,
        summary:
          'Compare the national wanted-persons list\'s export (multipart field "file": the import\'s columns, optional 状态 在逃/已撤销) with the registry; changes nothing',
        querystring: reconciliationQuery,
        response: { 200: reconciliationOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => reconcile(request, request.query),
  );

  fastify.post(
    '/api/reconciliation/xlsx',
    {
      schema: {
        tags,
        summary:
          'The same reconciliation as an .xlsx report (a summary, then a sheet per kind of difference)',
        querystring: reconciliationQuery,
        response: fileAnswer('The reconciliation report', ['xlsx']),
      },
      config: { access: { roles: ['commander'] } },
    },
    async (request, reply) => {
      const out = await reconcile(request, request.query);
      return download(reply, {
        bytes: await reconciliationXlsx(out, request.query.lang),
        mediaType: MEDIA_TYPES.xlsx,
        fileName: `${request.query.lang === 'en' ? 'reconciliation' : '全国在逃人员比对'}-${out.asOf}.xlsx`,
      });
    },
  );

  fastify.get(
    '/api/fugitives/:listingNo',
    {
      schema: {
        tags,
        summary: 'One fugitive with claims and the full timeline',
        params: listingNoParam,
        response: { 200: fugitiveDetailOut },
      },
      config: { access: { roles: 'any', resource: 'fugitive' } },
    },
    (request) => fugitiveDetail(app.context(request), request.params.listingNo),
  );

  fastify.post(
    '/api/fugitives/:listingNo/corrections',
    {
      schema: {
        tags,
        summary: "Correct a listing's fields, with a reason (its unit; a remote listing city-wide)",
        params: listingNoParam,
        body: correctionInput,
        response: { 201: correctionOut },
      },
      config: { access: { roles: ['officer', 'leader', 'commander'], resource: 'fugitive' } },
    },
    async (request, reply) => {
      const out = await correctFugitive(app.context(request), request.params.listingNo, request.body);
      return reply.status(201).send(out);
    },
  );

  fastify.post(
    '/api/fugitives/:listingNo/withdrawal',
    {
      schema: {
        tags,
        summary:
          'Ask for the withdrawal (撤回) of a listing entered by mistake, with a reason (its unit; a remote listing city-wide); a commander decides',
        params: listingNoParam,
        body: withdrawalInput,
        response: { 201: withdrawalOut },
      },
      config: { access: { roles: ['officer', 'leader', 'commander'], resource: 'fugitive' } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await askWithdrawal(app.context(request), request.params.listingNo, request.body)),
  );

  fastify.post(
    '/api/fugitives/:listingNo/withdrawal/decision',
    {
      schema: {
        tags,
        summary:
          "Approve or refuse (with a reason) a listing's withdrawal; approved, the listing leaves every list and live figure, but not a frozen baseline",
        params: listingNoParam,
        body: withdrawalDecisionInput,
        response: { 200: withdrawalDecisionOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => decideWithdrawal(app.context(request), request.params.listingNo, request.body),
  );

  fastify.get(
    '/api/withdrawals',
    {
      schema: {
        tags,
        summary: 'The withdrawals of listings waiting for a commander, oldest first',
        response: { 200: z.array(askedWithdrawal) },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => askedWithdrawals(app.context(request)),
  );

  fastify.post(
    '/api/fugitives',
    {
      schema: {
        tags,
        summary: "Enter one new listing for one of your units (an outside agency's: city-wide roles)",
        body: newListingInput,
        response: { 201: fugitiveSummary },
      },
      config: { access: { roles: ['officer', 'leader', 'commander'] } },
    },
    async (request, reply) => reply.status(201).send(await enterFugitive(app.context(request), request.body)),
  );
};
