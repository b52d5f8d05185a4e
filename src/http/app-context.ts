import type { FastifyRequest } from 'fastify';
import type { Store } from '../db/connection.ts';
import type { Context } from '../shared/context.ts';

/** What routes need from the running application: the store, the clock, a use-case context. */
export interface AppContext {
  store: Store;
  now(): Date;
  /** The context of a request: its user and scope (nobody, nothing, for public routes). */
  context(request: FastifyRequest): Context;
}

export function appContext(store: Store, now: () => Date): AppContext {
  return {
    store,
    now,
    context: (request) => {
      const session = request.session;
      return {
        db: store.db,
        now: now(),
        actor: session?.user.username ?? 'public',
        user: session?.user,
        scope: session?.scope ?? { all: false, unitIds: new Set() },
      };
    },
  };
}
