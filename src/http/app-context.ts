import { type KeyObject, createPublicKey } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../db/connection.ts';
import { type ImportLimits, importLimits } from '../import/limits.ts';
import type { Context } from '../shared/context.ts';

/** What routes need from the running application: the store, the clock, a use-case context. */
export interface AppContext {
  store: Store;
  now(): Date;
  /** The context of a request: its user and scope (nobody, nothing, for public routes). */
  context(request: FastifyRequest): Context;
  /** Secrets from the environment. */
  keys: AppKeys;
  /** Bounds on imported files (QINGWANG_MAX_*). */
  importLimits: ImportLimits;
}

export interface AppKeys {
  /** Signs audit anchors (QINGWANG_ANCHOR_KEY). */
  anchorKey?: KeyObject;
  /** Checks anchors' signatures (QINGWANG_ANCHOR_PUBLIC_KEY), also when the private key is kept elsewhere. */
  anchorPublicKey?: KeyObject;
}

/** The key that checks anchors: the one configured, else the signing key's own. */
export function checkingKey(keys: AppKeys): KeyObject | undefined {
  return keys.anchorPublicKey ?? (keys.anchorKey && createPublicKey(keys.anchorKey));
}

export function appContext(
  store: Store,
  now: () => Date,
  keys: AppKeys = {},
  limits: ImportLimits = importLimits(),
): AppContext {
  return {
    store,
    now,
    keys,
    importLimits: limits,
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
