import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './app-context.ts';

/** Each area's routes: a plugin made from the application context. */
export type AreaRoutes = (app: AppContext) => FastifyPluginAsyncZod;

/** The answer of a route that answers 204 with no body. */
export const noContent = z.null().describe('Done; no content');

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  html: 'text/html',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The success answer of a route that sends a file of one of these media types. */
export function fileAnswer(description: string, types: (keyof typeof MEDIA_TYPES)[]) {
  const binary = { schema: z.any().meta({ type: 'string', format: 'binary' }) };
  return { 200: { description, content: Object.fromEntries(types.map((t) => [MEDIA_TYPES[t], binary])) } };
}
