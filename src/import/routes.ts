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
import type { AreaRoutes } from '../http/routes.ts';
import type { Context } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { parseFile } from './parse-file.ts';
import { IMPORT_TABLES } from './tables.ts';

/** Large registries come as big files; the scanned-letter limit does not apply here. */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

// Clearances imported from the browser are always pending: verified history comes in only
// through the CLI on the server (`qingwang import clearances --verified`), never past the
// claimant/verifier split over the network.
const importers = {
  units: (ctx: Context, path: string) => importUnits(ctx, parseFile('units', path)),
  fugitives: (ctx: Context, path: string) => importFugitives(ctx, parseFile('fugitives', path)),
  clearances: (ctx: Context, path: string) =>
    importClearances(ctx, parseFile('clearances', path), { verified: false }),
  letters: (ctx: Context, path: string, campaign?: string) => {
    if (!campaign)
      throw new DomainError(
        'campaign_required',
        'campaign: say which campaign the letters are for',
        'campaign',
      );
    return importLetters(ctx, campaign, parseFile('letters', path));
  },
};

const summaryOut = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
});

/** The same imports as `qingwang import`, from the browser: a whole file or nothing. */
export const importRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.post(
    '/api/imports/:table',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV or XLSX file (multipart field "file"); clearances come in pending; letters need ?campaign=',
        params: z.object({ table: z.enum(Object.keys(IMPORT_TABLES) as [keyof typeof IMPORT_TABLES]) }),
        querystring: z.object({
          /** Letters only: the campaign they were signed for. */
          campaign: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: summaryOut },
      },
      config: { access: { roles: ['admin', 'commander'] } },
    },
    async (request) => {
      const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
      if (!file) throw new DomainError('no_file', 'send the file in the multipart field "file"', 'file');
      const ext = extname(file.filename).toLowerCase();
      if (!['.csv', '.txt', '.xlsx'].includes(ext))
        throw new DomainError(
          'unsupported_file',
          `cannot read ${ext || 'a file without extension'}: use .csv or .xlsx`,
          'file',
        );
      const dir = await mkdtemp(join(tmpdir(), 'qingwang-import-'));
      try {
        const path = join(dir, `upload${ext}`);
        await pipeline(file.file, createWriteStream(path));
        if (file.file.truncated)
          throw new DomainError('too_large', 'the file is larger than 512 MiB', 'file');
        return await importers[request.params.table](app.context(request), path, request.query.campaign);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
