/**
 * Parameters of a refusal, for the web app to word it in the user's language: the field, the row,
 * the column header, a limit, the refused value…
 */
export type ErrorParams = Record<string, string | number>;

/**
 * A refusal the user can act on: a stable code (the web app's catalogue words it in Chinese and
 * English), its parameters, the field it concerns, and an English message for logs and the CLI.
 * Every code literal given to this class or its subclasses needs an entry in
 * src/web/locales/{zh-CN,en}/errors.json (test/error-codes.test.ts walks the source for them).
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

/** Why a pure rule refuses an act, keyed like a DomainError. */
export interface Refusal {
  code: string;
  message: string;
  params?: ErrorParams;
}

/** What a pure rule finds wrong with one field of an input. */
export interface Problem extends Refusal {
  field: string;
}

/** A rule's problem as a refusal of the request ("signedOn: is in the future (…)"). */
export function refusalOf(problem: Problem): DomainError {
  const { field, code, message, params = {} } = problem;
  return new DomainError(code, `${field}: ${message}`, field, { field, ...params });
}

/** Signed in, but not allowed: the wrong role, or data outside the user's units. */
export class ForbiddenError extends DomainError {}

/** The request clashes with the current state: a stale version, a claim already standing. */
export class ConflictError extends DomainError {}

/** A rule's refusal of an act in the current state, as a conflict (HTTP 409). */
export function conflictOf(refusal: Refusal, field?: string): ConflictError {
  return new ConflictError(refusal.code, refusal.message, field, refusal.params);
}

/** An upload over its size limit (HTTP 413). */
export class TooLargeError extends DomainError {
  constructor(message: string, params: ErrorParams = {}, field = 'file') {
    super('too_large', message, field, params);
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

/**
 * Nothing by that key: `what` is a snake_case noun (`fugitive`, `letter`…) that the web app's
 * catalogue words as `what.<noun>`; `key` is the listing number, id or name asked for.
 */
export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super('not_found', `${what.replaceAll('_', ' ')} ${key} not found`, undefined, { what, key });
  }
}

/**
 * One bad field of one row of an imported file; `row` counts the file's lines (the header is row 1).
 * `header` is the file's own column header for the field, when the file had one.
 */
export interface RowError {
  row: number;
  field: string;
  header?: string;
  code: string;
  params: ErrorParams;
  message: string;
}

/** A bad row as the CLI prints it: the column by the file's own header when it differs from the field. */
export function formatRowError(e: RowError): string {
  const column = e.header && e.header !== e.field ? `column ${e.header}` : `field ${e.field}`;
  return `row ${e.row}, ${column}: ${e.message}`;
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
