// Worker thread: reads and validates one import file, handing validated rows to the main thread
// in batches while the main thread writes earlier ones to the database (two cores, both busy).
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError, type ErrorParams } from '../shared/errors.ts';
import { validateRow } from './parsed-rows.ts';
import { readTable } from './read-table.ts';
import type { ImportLimits } from './limits.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';

/** At most this many batches wait for the main thread; beyond that the reader pauses. */
const MAX_IN_FLIGHT = 8;

const port = parentPort!;
const { path, table, limits } = workerData as { path: string; table: ImportTable; limits: ImportLimits };
let inFlight = 0;
let stopped = false;
let wake: (() => void) | undefined;
// 'next': the main thread took a batch; 'stop': it wants no more (this thread then ends by itself).
port.on('message', (m: 'next' | 'stop') => {
  if (m === 'stop') stopped = true;
  else inFlight -= 1;
  wake?.();
});

try {
  const { columns, schema } = IMPORT_TABLES[table];
  for await (const batch of readTable(path, columns, limits)) {
    while (inFlight >= MAX_IN_FLIGHT && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    if (stopped) break;
    inFlight += 1;
    port.postMessage({ batch: batch.map((source) => validateRow(schema, source)) });
  }
  port.postMessage({ done: true });
} catch (e) {
  const error = e as Error & { code?: string; field?: string; path?: string; params?: ErrorParams };
  const domain = e instanceof DomainError;
  // A reader's own message ("Cannot read properties of undefined") would only puzzle the user.
  const message = domain
    ? error.message
    : error.code === 'ENOENT'
      ? `no such file ${error.path}`
      : 'the file could not be read; nothing was imported';
  port.postMessage({
    error: {
      domain,
      code: domain ? error.code : 'read_failed',
      message,
      field: domain ? error.field : 'file',
      params: domain ? error.params : {},
    },
  });
}
port.close();
