// The scheduler of the server process: runs the due daily jobs at start and then every few minutes.
// Several server processes may run it at once; each job still runs once a day (see service.ts).
import { EVERYTHING } from '../accounts/rules.ts';
import type { Store } from '../../db/connection.ts';
import { type JobDeps, runDueJobs } from './service.ts';

/** How often the scheduler looks for due jobs. */
export const SCHEDULER_INTERVAL_MS = 5 * 60_000;

export function startScheduler(
  store: Store,
  deps: JobDeps & { log: (message: string) => void; intervalMs?: number },
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ctx = { db: store.db, actor: 'system:jobs', now: new Date(), scope: EVERYTHING };
      const results = await runDueJobs(ctx, deps);
      for (const r of results.filter((x) => x.status !== 'skipped'))
        deps.log(
          `daily job ${r.job} ${r.status}${r.tookOverFrom ? ` (taken over from ${r.tookOverFrom})` : ''}${r.lost ? ' (lost: another process took the run over meanwhile)' : ''}: ${r.error ?? JSON.stringify(r.outcome)}`,
        );
    } catch (error) {
      deps.log(`daily jobs not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), deps.intervalMs ?? SCHEDULER_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
