// Where the figures are computed. Reading the facts and running the rules over every unit takes
// hundreds of milliseconds at a large city's size; on a server that would stop every other request
// (SQLite's reads are synchronous too), so a server hands its store over and the computation runs
// on a worker thread with its own connection. Everywhere else (the CLI, tests, a transaction) it
// runs in the caller's thread.
import { Worker } from 'node:worker_threads';
import type { Executor } from '../../db/connection.ts';
import type { CampaignRow } from '../../db/tables.ts';
import type { IsoDate } from '../../shared/dates.ts';
import { type ComputedFigures, computeFigures } from './figures.ts';

export interface FiguresTask {
  id: number;
  url: string;
  campaign: CampaignRow;
  asOf: IsoDate;
  withTrend: boolean;
}
export type FiguresReply = { id: number; figures: ComputedFigures } | { id: number; error: string };

// Compiled (build/), the worker is plain JavaScript; run from the TypeScript sources, a small entry
// registers tsx in the worker first.
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? './figures-worker-entry.js' : './figures-worker.js',
  import.meta.url,
);

/** The stores whose figures are computed on the worker thread, with the URL it opens them by. */
const offThread = new WeakMap<Executor, string>();

/** From now on, computes the figures of this store (a server's, opened from `url`) off the event loop. */
export function computeFiguresOffThread(db: Executor, url: string): void {
  if (url !== ':memory:') offThread.set(db, url); // another thread cannot open an in-memory database
}

/** Computes the figures, on the worker thread when the store was handed over, else here. */
export function computeFiguresFor(
  db: Executor,
  campaign: CampaignRow,
  asOf: IsoDate,
  withTrend: boolean,
): Promise<ComputedFigures> {
  const url = offThread.get(db);
  return url ? onWorker({ url, campaign, asOf, withTrend }) : computeFigures(db, campaign, asOf, withTrend);
}

type Waiter = { resolve: (f: ComputedFigures) => void; reject: (e: Error) => void };
let worker: { thread: Worker; waiting: Map<number, Waiter> } | undefined;
let nextId = 1;

function onWorker(task: Omit<FiguresTask, 'id'>): Promise<ComputedFigures> {
  const { thread, waiting } = (worker ??= startWorker());
  const id = nextId++;
  thread.ref(); // the process waits for the answer…
  thread.postMessage({ ...task, id } satisfies FiguresTask);
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

function startWorker(): { thread: Worker; waiting: Map<number, Waiter> } {
  const started = { thread: new Worker(WORKER), waiting: new Map<number, Waiter>() };
  const { thread, waiting } = started;
  thread.on('message', (reply: FiguresReply) => {
    const waiter = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) thread.unref(); // …but an idle worker keeps no process alive
    if ('error' in reply) waiter?.reject(new Error(`computing the figures failed: ${reply.error}`));
    else waiter?.resolve(reply.figures);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = undefined; // the next task starts a new one
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the figures' worker thread stopped (${code})`)));
  return started;
}
