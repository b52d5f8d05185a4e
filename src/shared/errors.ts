/**
 * Parameters of a refusal, for the web app to word it in the user's language: the field, the row,
 * the column header, a limit, the refused value…
 */
export type ErrorParams = Record<string, string | number>;

/**
 * A refusal the user can act on: a stable code (the web app's catalogue words it in Chinese and
 * English), its parameters, the field it concerns, and an English message for logs and the CLI.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Signed in, but not allowed: the wrong role, or data outside the user's units. */
export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'forbidden', field?: string) {
    super(code, message, field);
  }
}

/** The request clashes with the current state: a stale version, a claim already standing. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, field);
  }
}

/** An upload over its size limit (HTTP 413). */
export class TooLargeError extends DomainError {
  constructor(message: string, field = 'file') {
    super('too_large', message, field);
  }
}

/** Another writer holds the database for longer than a request may wait (HTTP 503, Retry-After). */
export class BusyError extends DomainError {
  constructor() {
    super('busy', 'the database is busy with another write (e.g. an import): try again in a few seconds');
  }
}

/** Too many failed sign-ins: try again after `retryAfterSeconds` (HTTP 429, Retry-After). */
export class TooManyAttemptsError extends DomainError {
  constructor(
    code: 'sign_in_delayed' | 'rate_limited',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message, undefined, { seconds: retryAfterSeconds });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super('not_found', `${what} ${key} not found`);
  }
}

/** One bad field of one row of an imported file; `row` counts data rows from 1 after the header. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export function formatRowError(e: RowError): string {
  return `row ${e.row}, field ${e.field}: ${e.message}`;
}

/**
 * An import refused as a whole because some rows are bad; nothing was written. `errors` may be
 * the first of them only: `total` counts them all.
 */
export class ImportRejected extends DomainError {
  constructor(
    readonly errors: RowError[],
    readonly total = errors.length,
  ) {
    const listed = total > errors.length ? ` (the first ${errors.length} are listed)` : '';
    super(
      'import_rejected',
      `${total} bad row${total === 1 ? '' : 's'}${listed}; nothing was imported`,
      undefined,
      { count: total, listed: errors.length },
    );
  }
}
