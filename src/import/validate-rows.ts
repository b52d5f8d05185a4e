import { createHash } from 'node:crypto';
import { type ErrorParams, ImportRejected, type RowError } from '../shared/errors.ts';
import { MAX_ROW_ERRORS } from './limits.ts';
import type { ParsedRow } from './parsed-rows.ts';

/**
 * Collects every bad field of every row of one import, so that the whole file is judged at once
 * and the user can fix all of it in one pass.
 */
export class RowErrors {
  /** The first MAX_ROW_ERRORS found: enough to fix a file by, small enough to answer with. */
  readonly list: RowError[] = [];
  private total = 0;
  /** The file's own column headers, learnt from its rows (every row of a file shares them). */
  private headers: Readonly<Record<string, string>> = {};

  /** A bad field a service found (an unknown unit, a duplicate…), keyed like a schema's issues. */
  add(row: number, field: string, code: string, message: string, params: ErrorParams = {}): void {
    const header = this.headers[field];
    this.push({ row, field, ...(header ? { header } : {}), code, params, message });
  }

  private push(error: RowError): void {
    this.total += 1;
    if (this.list.length < MAX_ROW_ERRORS) this.list.push(error);
  }

  get any(): boolean {
    return this.total > 0;
  }

  /** The row's value when it passed validation; otherwise records its errors and returns undefined. */
  valueOf<T>(parsed: ParsedRow<T>): T | undefined {
    if (parsed.headers) this.headers = parsed.headers;
    for (const e of parsed.errors ?? []) this.push({ row: parsed.row, ...e });
    return parsed.value;
  }

  /** Refuses the whole import when any row was bad. */
  throwIfAny(): void {
    if (this.any)
      throw new ImportRejected(
        [...this.list].sort((a, b) => a.row - b.row),
        this.total,
      );
  }
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

  /** Field values in order, unit-separated: cheaper than JSON at half a million rows. */
  add(record: Record<string, unknown>): void {
    this.hash.update(`${Object.values(record).join('\u001f')}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
