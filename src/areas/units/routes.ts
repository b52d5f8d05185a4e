import { z } from 'zod';
import type { AreaRoutes } from '../../http/routes.ts';
import { UNIT_KINDS } from './rules.ts';
import { unitTree } from './service.ts';

const unitOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parent: z.string().nullable(),
});

/** The unit tree is reference data every signed-in user needs (to name a capturing unit, say). */
export const unitRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/units',
    {
      schema: { tags: ['units'], summary: 'The unit tree', response: { 200: z.array(unitOut) } },
      config: { access: { roles: 'any' } },
    },
    async () => unitTree(app.store.db),
  );
};
