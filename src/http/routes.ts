import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';

/** Each area's routes: a plugin made from the application context. */
export type AreaRoutes = (app: AppContext) => FastifyPluginAsyncZod;
