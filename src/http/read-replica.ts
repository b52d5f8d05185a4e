// Reads that tolerate a few seconds' lag (standings, the registry's search, dashboards, exports) go
// to the streaming replica when READ_DATABASE_URL is set; everything else, every write and every
// read inside one, goes to the primary. A caller's own writes are never hidden from it: the answer
// to every request that may write carries a cookie with the primary's log position after it, and
// while the replica has not replayed that far, that caller's lag-tolerant reads go to the primary.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Db, type Store, primaryLsn, replayedUpTo } from '../db/connection.ts';

export const WRITTEN_COOKIE = 'qw_written';
/** How long the cookie is kept: a replica further behind than this is not waited for. */
const WRITTEN_COOKIE_SECONDS = 300;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a lag-tolerant read of this request goes: the replica, unless it has not yet replayed the caller's last write. */
export async function readerFor(store: Store, request: FastifyRequest): Promise<Db> {
  if (!store.replica) return store.db;
  const written = request.cookies[WRITTEN_COOKIE];
  if (!written || !LSN.test(written)) return store.replica;
  return (await replayedUpTo(store.replica, written)) ? store.replica : store.db;
}

/** With a replica: marks the answer to every request that may have written with the primary's position after it. */
export function markWrites(fastify: FastifyInstance, store: Store): void {
  if (!store.replica) return;
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/public')) return payload;
    void reply.setCookie(WRITTEN_COOKIE, await primaryLsn(store.db), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: WRITTEN_COOKIE_SECONDS,
    });
    return payload;
  });
}
