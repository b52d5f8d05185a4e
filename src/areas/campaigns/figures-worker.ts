// Worker thread: computes figures (figures.ts) on its own connection to the server's database and
// hands them back, so that the server's event loop keeps answering meanwhile (see figures-pool.ts).
import { parentPort } from 'node:worker_threads';
import { openStore } from '../../db/connection.ts';
import { computeFigures } from './figures.ts';
import type { FiguresReply, FiguresTask } from './figures-pool.ts';

parentPort!.on('message', (task: FiguresTask) => {
  void (async () => {
    // A connection for each task: none stays open between them to hold the database.
    const store = openStore(task.url);
    let reply: FiguresReply;
    try {
      reply = {
        id: task.id,
        figures: await computeFigures(store.db, task.campaign, task.asOf, task.withTrend),
      };
    } catch (error) {
      reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    } finally {
      await store.close();
    }
    parentPort!.postMessage(reply);
  })();
});
