import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './app-context.ts';

/** Each area's routes: a plugin made from the application context. */
export type AreaRoutes = (app: AppContext) => FastifyPluginAsyncZod;

/** The answer of a route that answers 204 with no body. */
export const noContent = z.null().describe('Done; no content');
