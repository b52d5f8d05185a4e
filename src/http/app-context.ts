import { type KeyObject, createPublicKey } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../db/connection.ts';
import { type ImportLimits, importLimits } from '../import/limits.ts';
import { readerFor } from './read-replica.ts';
import type { Context } from '../shared/context.ts';

/** What routes need from the running application: the store, the clock, a use-case context. */
export interface AppContext {
  store: Store;
  now(): Date;
  /** The context of a request: its user and scope (nobody, nothing, for public routes). */
  context(request: FastifyRequest): Context;
  /**
   * The context of a read that tolerates a few seconds' lag (standings, registry search, dashboards,
   * exports): on the replica when there is one and it has the caller's own writes (read-replica.ts).
   * Never for a route that writes.
   */
  readContext(request: FastifyRequest): Promise<Context>;
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
  const context = (request: FastifyRequest): Context => {
    const session = request.session;
    return {
      db: store.db,
      now: now(),
      actor: session?.user.username ?? 'public',
      user: session?.user,
      scope: session?.scope ?? { all: false, unitIds: new Set() },
    };
  };
  return {
    store,
    now,
    keys,
    importLimits: limits,
    context,
    readContext: async (request) => {
      const ctx = context(request);
      const db = await readerFor(store, request);
      return db === store.db ? ctx : { ...ctx, db, primary: store.db };
    },
  };
}
