import { createHash } from 'node:crypto';
import { type ErrorParams, ImportRejected, type RowError } from '../shared/errors.ts';
import { MAX_ROW_ERRORS } from './limits.ts';
import type { ParsedRow } from './parsed-rows.ts';

/** How an import treats bad rows: refuse the whole file (the default), or take the valid rows. */
export interface ImportOptions {
  /** Import the valid rows and hand the refused ones back (issue 14); still one transaction. */
  acceptValid?: boolean;
}

/**
 * Collects every bad field of every row of one import, so that the whole file is judged at once
 * and the user can fix all of it in one pass. When the import accepts the valid rows, every bad
 * field of every refused row is kept, to hand the refused rows back with their errors.
 */
export class RowErrors {
  /**
   * The errors of the earliest rows, at most MAX_ROW_ERRORS of them once trimmed: enough to fix a
   * file by, small enough to answer with. Earliest by row, not first found: a check of the whole
   * file against the registry finds its errors after those of every row's own fields.
   */
  private list: RowError[] = [];
  private total = 0;
  /** Accepting the valid rows: every error, by row. */
  private readonly byRow: Map<number, RowError[]> | undefined;

  constructor(options: ImportOptions = {}) {
    if (options.acceptValid) this.byRow = new Map();
  }
  /** The file's own column headers, learnt from its rows (every row of a file shares them). */
  private headers: Readonly<Record<string, string>> = {};

  /** A bad field a service found (an unknown unit, a duplicate…), keyed like a schema's issues. */
  add(row: number, field: string, code: string, message: string, params: ErrorParams = {}): void {
    const header = this.headers[field];
    this.push({ row, field, ...(header ? { header } : {}), code, params, message });
  }

  private push(error: RowError): void {
    this.total += 1;
    if (this.byRow) {
      const row = this.byRow.get(error.row);
      if (row) row.push(error);
      else this.byRow.set(error.row, [error]);
    } else {
      this.list.push(error);
      if (this.list.length >= 2 * MAX_ROW_ERRORS) this.trimList();
    }
  }

  /** Keeps the earliest rows' errors (a stable sort: a row's errors stay in field order). */
  private trimList(): void {
    this.list = this.list.sort((a, b) => a.row - b.row).slice(0, MAX_ROW_ERRORS);
  }

  /** Whether nothing more will be written: a bad row refuses the whole file, unless the valid rows are taken. */
  get refusesFile(): boolean {
    return this.total > 0 && !this.byRow;
  }

  /** The import's summary, with the refused rows' errors (in row order) when it took the valid rows. */
  outcome(summary: ImportSummary): ImportOutcome {
    if (!this.byRow) return summary;
    return { ...summary, refusedRows: [...this.byRow.values()].sort((a, b) => a[0]!.row - b[0]!.row) };
  }

  /** The import's counts, with the refused rows counted when it took the valid rows. */
  summary(counts: { rows: number; inserted: number; unchanged: number }): ImportSummary {
    return this.byRow ? { ...counts, refused: this.byRow.size } : counts;
  }

  /** The row's value when it passed validation; otherwise records its errors and returns undefined. */
  valueOf<T>(parsed: ParsedRow<T>): T | undefined {
    if (parsed.headers) this.headers = parsed.headers;
    for (const e of parsed.errors ?? []) this.push({ row: parsed.row, ...e });
    return parsed.value;
  }

  /** Refuses the whole import when any row was bad (unless it takes the valid rows). */
  throwIfAny(): void {
    if (this.refusesFile) {
      this.trimList();
      throw new ImportRejected(this.list, this.total);
    }
  }
}

/** Summary of an import, as printed by the CLI and recorded in the audit chain. */
export interface ImportSummary {
  rows: number;
  inserted: number;
  unchanged: number;
  /** Rows refused by an import that takes the valid rows. */
  refused?: number;
}

/** An import's summary and, when it took the valid rows, each refused row's errors. */
export interface ImportOutcome extends ImportSummary {
  refusedRows?: RowError[][];
}

/** A digest over the records an import wrote, for its audit event. */
export class RowsDigest {
  private readonly hash = createHash('sha256');
  /** Records not hashed yet: hashed some thousands at a time, the same digest for fewer calls. */
  private pending = '';

  /** Field values in order, unit-separated: cheaper than JSON at half a million rows. */
  add(record: Record<string, unknown>): void {
    this.pending += `${Object.values(record).join('\u001f')}\n`;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  hex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    this.hash.update(this.pending);
    this.pending = '';
  }
}
