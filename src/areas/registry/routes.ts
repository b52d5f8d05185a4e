import { z } from 'zod';
import { download } from '../../http/download.ts';
import { type AreaRoutes, fileAnswer } from '../../http/routes.ts';
import { MEDIA_TYPES } from '../../reports/formats.ts';
import { localDate } from '../../shared/dates.ts';
import { registryCsv, registryXlsx } from '../../reports/registry-export.ts';
import { claimOut } from '../clearances/schema.ts';
import {
  correctionInput,
  correctionOut,
  newListingInput,
  fugitivePage,
  fugitiveSummary,
  fugitivesQuery,
  listingNoParam,
  registryExportQuery,
  timelineEntry,
} from './schema.ts';
import { fugitiveDetail, registryExport, searchRegistry } from './service.ts';
import { correctFugitive, enterFugitive } from './upkeep.ts';

const tags = ['registry'];
const fugitiveDetailOut = fugitiveSummary.extend({
  caseNo: z.string().nullable(),
  /** Every listing of the same person, this one included, oldest first. */
  personListings: z.array(fugitiveSummary),
  claims: z.array(claimOut),
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
    (request) => searchRegistry(app.context(request), request.query),
  );

  // The whole search as a file (not the page shown): the same filters and sort as /api/fugitives.
  const today = () => localDate(app.now());
  fastify.get(
    '/api/fugitives.xlsx',
    {
      schema: {
        tags,
        summary: 'Every row of a registry search as Excel (the filters and sort of /api/fugitives, no pages)',
        querystring: registryExportQuery,
        response: fileAnswer('The registry search', ['xlsx']),
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const rows = await registryExport(app.context(request), request.query);
      return download(reply, {
        bytes: await registryXlsx(rows, request.query.lang),
        mediaType: MEDIA_TYPES.xlsx,
        fileName: `registry-${today()}.xlsx`,
      });
    },
  );

  fastify.get(
    '/api/fugitives.csv',
    {
      schema: {
        tags,
        summary:
          'Every row of a registry search as CSV (UTF-8 with BOM; the filters and sort of /api/fugitives)',
        querystring: registryExportQuery,
        response: {
          200: {
            description: 'The registry search',
            content: { 'text/csv': { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
      config: { access: { roles: 'any' } },
    },
    async (request, reply) => {
      const rows = await registryExport(app.context(request), request.query);
      return download(reply, {
        bytes: registryCsv(rows, request.query.lang),
        mediaType: 'text/csv; charset=utf-8',
        fileName: `registry-${today()}.csv`,
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
