// Worker thread: computes figures (figures.ts) on its own connection to the server's database and
// hands them back, so that the server's event loop keeps answering meanwhile (see figures-pool.ts).
import { parentPort } from 'node:worker_threads';
import { type Store, openStore } from '../../db/connection.ts';
import { computeFigures } from './figures.ts';
import type { FiguresReply, FiguresTask } from './figures-pool.ts';

/**
 * A connection per database (the primary, and a streaming replica when reads go there) stays open
 * while tasks keep coming: a new one per task started with an empty page cache (SQLite) or a new
 * sign-in (PostgreSQL), a third of a computation right after a change at 500,000 listings. After a
 * quiet spell it is closed, so that none holds the database for long.
 */
const IDLE_CLOSE_MS = 10_000;
type Held = { store: Store; running: number; idle?: NodeJS.Timeout };
const held = new Map<string, Held>();

function connection(url: string): Held {
  let h = held.get(url);
  if (!h) held.set(url, (h = { store: openStore(url), running: 0 }));
  clearTimeout(h.idle);
  h.running += 1;
  return h;
}

function release(url: string, h: Held): void {
  h.running -= 1;
  if (h.running > 0) return;
  h.idle = setTimeout(() => {
    held.delete(url);
    void h.store.close();
  }, IDLE_CLOSE_MS);
  h.idle.unref(); // an idle worker keeps no process alive
}

parentPort!.on('message', (task: FiguresTask) => {
  void (async () => {
    const h = connection(task.url);
    let reply: FiguresReply;
    try {
      reply = {
        id: task.id,
        figures: await computeFigures(h.store.db, task.campaign, task.asOf, task.withTrend),
      };
    } catch (error) {
      reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    } finally {
      release(task.url, h);
    }
    parentPort!.postMessage(reply);
  })();
});
