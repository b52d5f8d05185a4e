// The one place where access is decided. Every route declares who may call it (`config.access`);
// a route that forgets is refused at start-up. For routes about one thing (a fugitive, a claim, a
// letter, a leader), the policy also finds the units that thing belongs to and checks them against
// the caller's scope before the handler runs. Lists are filtered by scope in their queries.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Role, hasAnyRole, inScope } from '../areas/accounts/rules.ts';
import { ownerUnitsOfClearance } from '../areas/clearances/repo.ts';
import { ownerUnitsOfLetter } from '../areas/letters/repo.ts';
import { ownerUnitsOfLeader } from '../areas/leaders/repo.ts';
import { ownerUnitsOfTip } from '../areas/publicity/repo.ts';
import { ownerUnitsOfFugitive } from '../areas/registry/repo.ts';
import { ownerUnitsOfMatch } from '../areas/persons/repo.ts';
import { ownerUnitsOfAnomaly } from '../areas/integrity/repo.ts';
import { ownerUnitsOfReview } from '../areas/reviews/repo.ts';
import { ownerUnitsOfMeeting } from '../areas/meetings/repo.ts';
import { ownerUnitsOfRectification } from '../areas/rectification/repo.ts';
import type { Executor } from '../db/connection.ts';
import { isBureau } from '../areas/units/repo.ts';
import { AuthError } from '../areas/accounts/service.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';

/** The units a thing belongs to; `everyone` for things any signed-in user may see (remote listings). */
export interface Owners {
  units: (number | null)[];
  everyone?: boolean;
}

const RESOURCES = {
  fugitive: { param: 'listingNo', owners: ownerUnitsOfFugitive },
  clearance: { param: 'id', owners: ownerUnitsOfClearance },
  letter: { param: 'id', owners: ownerUnitsOfLetter },
  leader: { param: 'username', owners: ownerUnitsOfLeader },
  anomaly: { param: 'id', owners: ownerUnitsOfAnomaly },
  tip: { param: 'id', owners: ownerUnitsOfTip },
  review: { param: 'id', owners: ownerUnitsOfReview },
  meeting: { param: 'id', owners: ownerUnitsOfMeeting },
  rectification: { param: 'id', owners: ownerUnitsOfRectification },
  person_match: { param: 'id', owners: ownerUnitsOfMatch },
} satisfies Record<
  string,
  { param: string; owners: (db: Executor, key: string) => Promise<Owners | undefined> }
>;

export type ResourceKind = keyof typeof RESOURCES;

export type Access =
  | { public: true }
  | {
      /** Roles allowed to call the route, or 'any' signed-in user. */
      roles: readonly Role[] | 'any';
      /** The thing the route is about: its units must be in the caller's scope. */
      resource?: ResourceKind;
      /** Only users of the bureau itself (the root unit), e.g. its inspectorate. */
      bureau?: true;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Refuses to start a server with a route that does not say who may call it. */
export function requireAccessOnEveryRoute(fastify: FastifyInstance, exempt: (url: string) => boolean): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.config?.access && !exempt(route.url))
      throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
  });
}

/** Checks role and scope for the request's route; throws 401, 403 or 404. */
export async function authorize(request: FastifyRequest, db: Executor): Promise<void> {
  const access = request.routeOptions.config.access;
  if (!access || 'public' in access) return;
  const session = request.session;
  if (!session) throw new AuthError('sign_in_first', 'sign in first');
  if (access.roles !== 'any' && !hasAnyRole(session.user, access.roles)) {
    throw new ForbiddenError('role_required', `this needs the role ${access.roles.join(' or ')}`, undefined, {
      roles: access.roles.join(','),
    });
  }
  if (access.bureau && !(await isBureau(db, session.user.unitId)))
    throw new ForbiddenError('bureau_only', 'this is for the bureau itself, not its units');
  if (!access.resource) return;
  const { param, owners } = RESOURCES[access.resource];
  const key = (request.params as Record<string, string>)[param] ?? '';
  const found: Owners | undefined = await owners(db, key);
  if (!found) throw new NotFoundError(access.resource, key);
  if (found.everyone || found.units.some((unit) => inScope(session.scope, unit))) return;
  throw new ForbiddenError(
    'out_of_scope',
    `${access.resource} ${key} belongs to a unit outside yours`,
    undefined,
    {
      what: access.resource,
      key,
    },
  );
}
