// Worker thread: computes figures (figures.ts) on its own connection to the server's database and
// hands them back, so that the server's event loop keeps answering meanwhile (see figures-pool.ts).
import { parentPort } from 'node:worker_threads';
import { type Store, openStore } from '../../db/connection.ts';
import { computeFigures } from './figures.ts';
import type { FiguresReply, FiguresTask } from './figures-pool.ts';

/**
 * The connection stays open while tasks keep coming: a new one per task started with an empty page
 * cache (SQLite) or a new sign-in (PostgreSQL), a third of a computation right after a change at
 * 500,000 listings. After a quiet spell it is closed, so that none holds the database for long.
 */
const IDLE_CLOSE_MS = 10_000;
let open: { url: string; store: Store; running: number; idle?: NodeJS.Timeout } | undefined;

function connection(url: string): NonNullable<typeof open> {
  if (open?.url !== url) {
    if (open) closeWhenIdle(open, 0);
    open = { url, store: openStore(url), running: 0 };
  }
  clearTimeout(open.idle);
  open.running += 1;
  return open;
}

function closeWhenIdle(held: NonNullable<typeof open>, afterMs: number): void {
  if (held.running > 0) return;
  held.idle = setTimeout(() => {
    if (open === held) open = undefined;
    void held.store.close();
  }, afterMs);
  held.idle.unref(); // an idle worker keeps no process alive
}

parentPort!.on('message', (task: FiguresTask) => {
  void (async () => {
    const held = connection(task.url);
    let reply: FiguresReply;
    try {
      reply = {
        id: task.id,
        figures: await computeFigures(held.store.db, task.campaign, task.asOf, task.withTrend),
      };
    } catch (error) {
      reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    } finally {
      held.running -= 1;
      closeWhenIdle(held, held === open ? IDLE_CLOSE_MS : 0);
    }
    parentPort!.postMessage(reply);
  })();
});
