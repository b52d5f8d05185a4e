import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { DomainError, type ErrorParams } from '../shared/errors.ts';
import { type ImportLimits, importLimits } from './limits.ts';
import type { ParsedRow } from './parsed-rows.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';

type Message<T> =
  | { batch: ParsedRow<T>[] }
  | { done: true }
  | { error: { domain: boolean; code: string; message: string; field?: string; params?: ErrorParams } };

type RowOf<K extends ImportTable> = z.output<(typeof IMPORT_TABLES)[K]['schema']>;

// Compiled (build/), the worker is plain JavaScript; run from the TypeScript sources, a small entry
// registers tsx in the worker first.
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker-entry.js' : './parse-worker.js',
  import.meta.url,
);

/** A reader thread that needs more than this is stopped (the file is refused); its memory goes back. */
const WORKER_HEAP_MB = 1024;

/**
 * Reads and validates a CSV or XLSX file on a worker thread, yielding validated rows in batches.
 * A missing file or missing columns surface as a DomainError with a readable message; so does a
 * file past the import limits.
 */
export async function* parseFile<K extends ImportTable>(
  table: K,
  path: string,
  limits: ImportLimits = importLimits(),
): AsyncGenerator<ParsedRow<RowOf<K>>[]> {
  const worker = new Worker(WORKER, {
    workerData: { path, table, limits },
    // Parsing makes many short-lived objects: a larger young generation keeps scavenges rare.
    resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const queue: Message<RowOf<K>>[] = [];
  let notify: (() => void) | undefined;
  let failure: Error | undefined;
  let finished = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (m: Message<RowOf<K>>) => {
    queue.push(m);
    notify?.();
  });
  worker.on('error', (e: Error & { code?: string }) => {
    failure = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : e;
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (notify = resolve));
      const message = queue.shift();
      if (!message) throw failure ?? new Error('import reader stopped');
      finished = 'done' in message || 'error' in message;
      if ('done' in message) return;
      if ('error' in message) {
        const { code, message: text, field, params } = message.error;
        throw new DomainError(code, text, field, params);
      }
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    // Let the thread end by itself rather than terminating it mid-step (a thread that loads modules
    // through loader hooks can take the process down when terminated); terminate only if it hangs.
    if (!finished && !failure) worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timeout);
  }
}

function tooComplex(): DomainError {
  return new DomainError(
    'file_too_complex',
    `reading the file took more than ${WORKER_HEAP_MB} MiB of memory (a damaged or crafted file?); save it again or split it; nothing was imported`,
    'file',
    { limitMb: WORKER_HEAP_MB },
  );
}
