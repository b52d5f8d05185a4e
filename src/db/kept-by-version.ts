import type { Executor } from './connection.ts';

/**
 * Results kept per database handle, each under a key that holds the data version it was computed
 * at: identical requests at once share one computation, later ones take its result until the
 * version moves. The caller reads the version before anything else, so that no result is kept under
 * a version its data is older than. Inside a transaction nothing is kept: what it sees may never be
 * committed. The oldest keys are dropped beyond `size` per handle.
 */
export function keptByVersion<T>(size: number) {
  const kept = new WeakMap<Executor, Map<string, Promise<T>>>();
  return (db: Executor, key: string, compute: () => Promise<T>): Promise<T> => {
    if (db.isTransaction) return compute();
    let store = kept.get(db);
    if (!store) kept.set(db, (store = new Map<string, Promise<T>>()));
    let result = store.get(key);
    if (!result) {
      const mine = store;
      result = compute();
      result.catch(() => mine.delete(key));
      mine.set(key, result);
      if (mine.size > size) mine.delete(mine.keys().next().value!);
    }
    return result;
  };
}
