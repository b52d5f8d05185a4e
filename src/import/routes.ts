import { z } from 'zod';
import { importClearances } from '../areas/clearances/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { importLetters } from '../areas/letters/service.ts';
import { importUnits } from '../areas/units/service.ts';
import { type AreaRoutes, MEDIA_TYPES, fileAnswer } from '../http/routes.ts';
import type { Context } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import type { ImportLimits } from './limits.ts';
import type { ImportOutcome } from './validate-rows.ts';
import { refusedRowsOf } from './rejects.ts';
import { parseFile } from './parse-file.ts';
import { rowErrorOut } from './parsed-rows.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';
import { importTemplate } from './template.ts';
import { withUploadedTable } from './upload.ts';
import { LANGS } from '../reports/labels.ts';

interface ImportRequest {
  path: string;
  limits: ImportLimits;
  campaign?: string;
  acceptValid: boolean;
}

// Clearances imported from the browser are always pending: verified history comes in only
// through the CLI on the server (`qingwang import clearances --verified`), never past the
// claimant/verifier split over the network.
const importers: Record<ImportTable, (ctx: Context, r: ImportRequest) => Promise<ImportOutcome>> = {
  units: (ctx, r) => importUnits(ctx, parseFile('units', r.path, r.limits), { acceptValid: r.acceptValid }),
  fugitives: (ctx, r) =>
    importFugitives(ctx, parseFile('fugitives', r.path, r.limits), { acceptValid: r.acceptValid }),
  clearances: (ctx, r) =>
    importClearances(ctx, parseFile('clearances', r.path, r.limits), {
      verified: false,
      acceptValid: r.acceptValid,
    }),
  letters: (ctx, r) => {
    if (!r.campaign)
      throw new DomainError(
        'campaign_required',
        'campaign: say which campaign the letters are for',
        'campaign',
      );
    return importLetters(ctx, r.campaign, parseFile('letters', r.path, r.limits), {
      acceptValid: r.acceptValid,
    });
  },
};

const summaryOut = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  /** Only when the import took the valid rows: how many it refused, and those rows as the file had them. */
  refused: z.number().int().optional(),
  refusedRows: z
    .object({
      header: z.array(z.string()),
      rows: z.array(
        z.object({ row: z.number().int(), cells: z.array(z.string()), errors: z.array(rowErrorOut) }),
      ),
    })
    .optional(),
});

const tableParam = z.object({ table: z.enum(Object.keys(IMPORT_TABLES) as [ImportTable]) });

/** The same imports as `qingwang import`, from the browser: a whole file or nothing, or the valid rows. */
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
          'Import a CSV (UTF-8 or GBK), XLSX or XLS file (multipart field "file"); clearances come in pending; letters need ?campaign=; ?acceptValid=true takes the valid rows and answers with the refused ones',
        params: tableParam,
        querystring: z.object({
          /** Letters only: the campaign they were signed for. */
          campaign: z.string().trim().min(1).max(100).optional(),
          /** Take the valid rows, hand back the refused ones (not for units: the tree comes whole). */
          acceptValid: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: summaryOut },
      },
      config: { access: { roles: ['admin', 'commander'] } },
    },
    async (request) => {
      const limits = app.importLimits;
      return withUploadedTable(request, limits, async (path) => {
        const { table } = request.params;
        const acceptValid = request.query.acceptValid === 'true';
        const { refusedRows, ...summary } = await importers[table](app.context(request), {
          path,
          limits,
          campaign: request.query.campaign,
          acceptValid,
        });
        if (!acceptValid) return summary;
        return { ...summary, refusedRows: await refusedRowsOf(table, path, refusedRows ?? [], limits) };
      });
    },
  );
};
