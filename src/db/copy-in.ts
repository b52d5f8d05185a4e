import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in PostgreSQL's COPY text format: `\N` for null; a backslash, tab, newline and
 * carriage return escaped with a backslash (the format's own separators and escape), everything
 * else as it is. A value can then never end a row or look like the end-of-data marker `\.`.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') throw new TypeError(`cannot COPY a value of type ${typeof value}`);
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

/** One row in COPY text format: its values tab-separated, ended by a newline. */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) line += (i === 0 ? '' : '\t') + copyValue(values[i]);
  return `${line}\n`;
}

/** A table or column name quoted for SQL (both dialects). */
export const quotedName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rows written into one table by `COPY … FROM STDIN` on a raw PostgreSQL client: the server's
 * own bulk loader, a stream of text instead of a statement per batch. Until `end` (or `abort`) the
 * connection is taken by the COPY and runs no other statement. `abort` makes the server drop
 * what was sent; a failed COPY leaves the connection usable either way.
 */
export class CopyIn<R> {
  private readonly stream;
  private readonly done: Promise<void>;

  constructor(
    client: pg.ClientBase,
    table: string,
    private readonly columns: readonly (keyof R & string)[],
  ) {
    this.stream = client.query(
      copyFrom(`copy ${quotedName(table)} (${columns.map(quotedName).join(', ')}) from stdin`),
    );
    this.done = finished(this.stream);
    // Seen by whoever awaits `write`, `end` or `abort`; unhandled here it would stop the process.
    this.done.catch(() => {});
  }

  async write(rows: readonly R[]): Promise<void> {
    let text = '';
    for (const row of rows) text += copyLine(this.columns.map((c) => row[c]));
    if (!text) return;
    if (this.stream.destroyed) await this.done; // it failed: rejects with the server's error
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    this.stream.end();
    await this.done;
  }

  async abort(): Promise<void> {
    if (this.stream.writableFinished || this.stream.destroyed) return;
    this.stream.destroy(new Error('import stopped'));
    await this.done.catch(() => {});
  }
}
