import { z } from 'zod';
import type { AreaRoutes } from '../../http/routes.ts';
import * as repo from './repo.ts';
import { UNIT_KINDS, type UnitKind } from './rules.ts';

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
    async () => {
      const units = await repo.allUnits(app.store.db);
      const codeOf = new Map(units.map((u) => [u.id, u.code]));
      return units.map((u) => ({
        code: u.code,
        name: u.name,
        kind: u.kind as UnitKind,
        parent: u.parent_id === null ? null : (codeOf.get(u.parent_id) ?? null),
      }));
    },
  );
};
