import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { importClearances } from '../areas/clearances/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { importLetters } from '../areas/letters/service.ts';
import { importUnits } from '../areas/units/service.ts';
import { type AreaRoutes, MEDIA_TYPES, fileAnswer } from '../http/routes.ts';
import type { Context } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { type ImportLimits, uploadTooLarge } from './limits.ts';
import { parseFile } from './parse-file.ts';
import { checkTableFileType } from './read-table.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';
import { importTemplate } from './template.ts';
import { LANGS } from '../reports/labels.ts';

// Clearances imported from the browser are always pending: verified history comes in only
// through the CLI on the server (`qingwang import clearances --verified`), never past the
// claimant/verifier split over the network.
const importers = {
  units: (ctx: Context, path: string, limits: ImportLimits) =>
    importUnits(ctx, parseFile('units', path, limits)),
  fugitives: (ctx: Context, path: string, limits: ImportLimits) =>
    importFugitives(ctx, parseFile('fugitives', path, limits)),
  clearances: (ctx: Context, path: string, limits: ImportLimits) =>
    importClearances(ctx, parseFile('clearances', path, limits), { verified: false }),
  letters: (ctx: Context, path: string, limits: ImportLimits, campaign?: string) => {
    if (!campaign)
      throw new DomainError(
        'campaign_required',
        'campaign: say which campaign the letters are for',
        'campaign',
      );
    return importLetters(ctx, campaign, parseFile('letters', path, limits));
  },
};

const summaryOut = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
});

const tableParam = z.object({ table: z.enum(Object.keys(IMPORT_TABLES) as [ImportTable]) });

/** The same imports as `qingwang import`, from the browser: a whole file or nothing. */
export const importRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/imports/:table/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'An .xlsx template to fill in: headers, drop-down lists, a sheet explaining each column',
        params: tableParam,
        querystring: z.object({ lang: z.enum(LANGS).default('zh-CN') }),
        response: fileAnswer('The template', ['xlsx']),
      },
      config: { access: { roles: ['admin', 'commander'] } },
    },
    async (request, reply) => {
      const { table } = request.params;
      const bytes = await importTemplate(table, request.query.lang);
      return reply
        .header('content-type', MEDIA_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="${table}-template.xlsx"`)
        .send(bytes);
    },
  );

  fastify.post(
    '/api/imports/:table',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV (UTF-8 or GBK), XLSX or XLS file (multipart field "file"); clearances come in pending; letters need ?campaign=',
        params: tableParam,
        querystring: z.object({
          /** Letters only: the campaign they were signed for. */
          campaign: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: summaryOut },
      },
      config: { access: { roles: ['admin', 'commander'] } },
    },
    async (request) => {
      const limits = app.importLimits;
      const file = await request.file({ limits: { fileSize: limits.maxUploadBytes } });
      if (!file) throw new DomainError('no_file', 'send the file in the multipart field "file"', 'file');
      checkTableFileType(file.filename);
      const ext = extname(file.filename).toLowerCase();
      const dir = await mkdtemp(join(tmpdir(), 'qingwang-import-'));
      try {
        const path = join(dir, `upload${ext}`);
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated) throw uploadTooLarge(limits.maxUploadBytes);
        const { table } = request.params;
        return await importers[table](app.context(request), path, limits, request.query.campaign);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
