import type { Executor } from './connection.ts';

/**
 * Results kept per database handle, one per slot (what was asked), with the data version it was
 * computed at: identical requests at once share one computation, later ones take its result until
 * the version moves, and then it is replaced, so an old version's result never stays behind. The
 * caller reads the version before anything else, so that no result is kept under a version its data
 * is older than. Inside a transaction nothing is kept: what it sees may never be committed. The
 * oldest slots are dropped beyond `slots` per handle.
 */
export function keptByVersion<T>(slots: number) {
  type Entry = { version: number; result: Promise<T> };
  const kept = new WeakMap<Executor, Map<string, Entry>>();
  return (db: Executor, slot: string, version: number, compute: () => Promise<T>): Promise<T> => {
    if (db.isTransaction) return compute();
    let store = kept.get(db);
    if (!store) kept.set(db, (store = new Map<string, Entry>()));
    const found = store.get(slot);
    if (found?.version === version) return found.result;
    const mine = store;
    const result = compute();
    const entry = { version, result };
    result.catch(() => {
      if (mine.get(slot) === entry) mine.delete(slot);
    });
    mine.delete(slot); // re-inserted last: the oldest slot is the first in the map
    mine.set(slot, entry);
    if (mine.size > slots) mine.delete(mine.keys().next().value!);
    return result;
  };
}
