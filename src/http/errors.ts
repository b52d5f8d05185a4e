import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AuthError } from '../areas/accounts/service.ts';
import { isBusy } from '../db/connection.ts';
import {
  BusyError,
  ConflictError,
  DomainError,
  ForbiddenError,
  ImportRejected,
  NotFoundError,
  TooLargeError,
  TooManyAttemptsError,
  formatRowError,
} from '../shared/errors.ts';

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

/** Every error leaves as JSON with a machine-readable code and, where it concerns one, the field. */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined;
    const where = [error.validationContext, field].filter(Boolean).join(' ');
    void reply
      .status(400)
      .send({ code: 'invalid_input', message: `${where || 'input'}: ${first.message}`, field });
    return;
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || undefined;
    void reply
      .status(400)
      .send({ code: 'invalid_input', message: `${field ?? 'input'}: ${issue?.message}`, field });
    return;
  }
  if (error instanceof BusyError || isBusy(error)) {
    // A write outside a transaction can meet the lock too; either way the client may retry.
    void reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ code: 'busy', message: new BusyError().message });
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
    const body = { code: error.code, message: error.message, field: error.field };
    const rows =
      error instanceof ImportRejected ? { rows: error.errors.map(formatRowError), total: error.total } : {};
    void reply.status(statusOf(error)).send({ ...body, ...rows });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status === 429) {
    void reply.status(429).send({ code: 'rate_limited', message: 'too many attempts: wait a few minutes' });
    return;
  }
  if (status && status < 500) {
    void reply
      .status(status)
      .send({ code: (error as FastifyError).code ?? 'bad_request', message: error.message });
    return;
  }
  request.log.error(error);
  void reply.status(500).send({ code: 'internal', message: 'internal error; the server log has details' });
}
