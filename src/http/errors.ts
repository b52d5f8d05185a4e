import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AuthError } from '../areas/accounts/service.ts';
import { isTransient } from '../db/connection.ts';
import {
  BusyError,
  ConflictError,
  DomainError,
  ForbiddenError,
  formatRowError,
  ImportRejected,
  NotFoundError,
  TooLargeError,
  TooManyAttemptsError,
} from '../shared/errors.ts';
import { type IssueLike, issueRefusal } from '../shared/issues.ts';

const RETRY_AFTER_SECONDS = 5;

function statusOf(error: DomainError): number {
  if (error instanceof AuthError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ImportRejected) return 422;
  if (error instanceof TooLargeError) return 413;
  return 400;
}

/** The value at a dotted path of the request part that failed validation (for the error's echo). */
function valueAt(request: FastifyRequest, context: string | undefined, path: string[]): unknown {
  const part = context === 'body' ? request.body : context === 'querystring' ? request.query : request.params;
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    part,
  );
}

/** A validation issue as the answer's code, field and parameters (the first issue of the request). */
function issueBody(issue: IssueLike, message: string, value: unknown) {
  const { code, params } = issueRefusal(issue, value);
  const field = typeof params.field === 'string' ? params.field : undefined;
  return { code, message, field, params };
}

/**
 * Every error leaves as JSON: a stable `code` and its `params` for the web app to word, the
 * `field` it concerns, an English `message`; an import's bad rows each keyed the same way.
 */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const path = first.instancePath.split('/').filter(Boolean);
    const issue = { ...(first.params as object), code: first.keyword, path } as IssueLike;
    const where = [error.validationContext, path.join('.')].filter(Boolean).join(' ');
    const message = `${where || 'input'}: ${first.message}`;
    void reply.status(400).send(issueBody(issue, message, valueAt(request, error.validationContext, path)));
    return;
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0]!;
    const message = `${issue.path.join('.') || 'input'}: ${issue.message}`;
    void reply.status(400).send(issueBody(issue, message, undefined));
    return;
  }
  if (error instanceof BusyError || isTransient(error)) {
    // A write outside a transaction can meet the lock (or a deadlock) too; either way the client may retry.
    void reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ code: 'busy', message: new BusyError().message, params: {} });
    return;
  }
  if (error instanceof TooManyAttemptsError) {
    void reply
      .status(429)
      .header('retry-after', String(error.retryAfterSeconds))
      .send({ code: error.code, message: error.message, params: error.params });
    return;
  }
  if (error instanceof DomainError) {
    const body = { code: error.code, message: error.message, field: error.field, params: error.params };
    const rows =
      error instanceof ImportRejected
        ? { rows: error.errors.map(formatRowError), errors: error.errors, total: error.total }
        : {};
    void reply.status(statusOf(error)).send({ ...body, ...rows });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status === 429) {
    void reply
      .status(429)
      .send({ code: 'rate_limited', message: 'too many attempts: wait a few minutes', params: {} });
    return;
  }
  if (status && status < 500) {
    // Fastify's own refusals (a malformed body, a wrong content type…) share one code: their
    // FST_* codes are not ours to word.
    void reply.status(status).send({ code: 'bad_request', message: error.message, params: { status } });
    return;
  }
  request.log.error(error);
  void reply
    .status(500)
    .send({ code: 'internal', message: 'internal error; the server log has details', params: {} });
}
