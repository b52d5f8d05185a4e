import type { FastifyRequest } from 'fastify';
import type { Store } from '../db/connection.ts';
import type { Context } from '../shared/context.ts';

/** What routes need from the running application: the store and a per-request use-case context. */
export interface AppContext {
  store: Store;
  context(request: FastifyRequest): Context;
}
