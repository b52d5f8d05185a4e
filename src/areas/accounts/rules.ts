import { ForbiddenError } from '../../shared/errors.ts';

export const ROLES = ['commander', 'leader', 'officer', 'inspector', 'publicity', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** City-level roles see every unit; everyone else sees the subtree of their own unit. */
export const CITY_LEVEL_ROLES: readonly Role[] = ['commander', 'admin'];

/** How long a login lasts without signing in again. */
export const SESSION_HOURS = 12;

export const MIN_PASSWORD_LENGTH = 10;

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
}

export function hasAnyRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** The units whose data an actor may see and change: all, or a set of unit ids. */
export type Scope = { all: true } | { all: false; unitIds: ReadonlySet<number> };

export const EVERYTHING: Scope = { all: true };

/** An actor's scope: everything for city-level roles, else their unit and all below it. */
export function scopeOf(
  actor: Pick<Actor, 'roles' | 'unitId'>,
  subtreeOf: (unitId: number) => number[],
): Scope {
  if (hasAnyRole(actor, CITY_LEVEL_ROLES)) return EVERYTHING;
  return { all: false, unitIds: new Set(subtreeOf(actor.unitId)) };
}

/** A scope as list queries take it: every unit, or these unit ids. */
export type UnitFilter = { all: true } | { all: false; unitIds: readonly number[] };

export function unitFilter(scope: Scope): UnitFilter {
  return scope.all ? { all: true } : { all: false, unitIds: [...scope.unitIds] };
}

export function inScope(scope: Scope, unitId: number | null): boolean {
  return scope.all || (unitId !== null && scope.unitIds.has(unitId));
}

/** Refuses a unit outside the scope (403 `unit_out_of_scope`). */
export function requireInScope(scope: Scope, unit: { id: number; code: string }): void {
  if (!inScope(scope, unit.id))
    throw new ForbiddenError('unit_out_of_scope', `unit ${unit.code} is outside yours`, undefined, {
      unit: unit.code,
    });
}

export function parseRoles(text: string): Role[] {
  return text.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** Service account tokens: how long one lasts unless told otherwise, and at most. */
export const TOKEN_DAYS = { default: 90, max: 366 } as const;

/** Every token starts so, so a leaked one is easy to recognise in logs and code. */
export const TOKEN_PREFIX = 'qwt_';

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(
  token: { expires_at: string; revoked_at: string | null },
  now: Date,
): TokenStatus {
  if (token.revoked_at !== null) return 'revoked';
  return token.expires_at <= now.toISOString() ? 'expired' : 'active';
}
