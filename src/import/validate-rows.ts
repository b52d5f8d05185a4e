import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ImportRejected, type RowError } from '../shared/errors.ts';
import type { SourceRow } from './read-table.ts';

/**
 * Collects every bad field of every row of one import, so that the whole file is judged at once
 * and the user can fix all of it in one pass.
 */
export class RowErrors {
  readonly list: RowError[] = [];

  add(row: number, field: string, message: string): void {
    this.list.push({ row, field, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Parses one row with a zod schema; records each failing field and returns undefined. */
  parse<S extends z.ZodType>(schema: S, source: SourceRow): z.output<S> | undefined {
    const result = schema.safeParse(source.values);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      this.add(source.row, String(issue.path[0] ?? 'row'), issue.message);
    }
    return undefined;
  }

  /** Refuses the whole import when any row was bad. */
  throwIfAny(): void {
    if (this.any) throw new ImportRejected([...this.list].sort((a, b) => a.row - b.row));
  }
}

/** Splits a stream of items into arrays of at most `size`. */
export async function* chunks<T>(items: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Summary of an import, as printed by the CLI and recorded in the audit chain. */
export interface ImportSummary {
  rows: number;
  inserted: number;
  unchanged: number;
}

/** A digest over the records an import wrote, for its audit event. */
export class RowsDigest {
  private readonly hash = createHash('sha256');

  add(record: unknown): void {
    this.hash.update(`${JSON.stringify(record)}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
