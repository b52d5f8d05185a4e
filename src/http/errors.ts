import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DomainError, ImportRejected, NotFoundError, formatRowError } from '../shared/errors.ts';

/** Every error leaves as JSON with a machine-readable code and, where it concerns one, the field. */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || undefined;
    void reply
      .status(400)
      .send({ code: 'invalid_input', message: `${field ?? 'input'}: ${issue?.message}`, field });
    return;
  }
  if (error instanceof ImportRejected) {
    void reply
      .status(422)
      .send({ code: error.code, message: error.message, rows: error.errors.map(formatRowError) });
    return;
  }
  if (error instanceof DomainError) {
    const status = error instanceof NotFoundError ? 404 : 400;
    void reply.status(status).send({ code: error.code, message: error.message, field: error.field });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status < 500) {
    void reply
      .status(status)
      .send({ code: (error as FastifyError).code ?? 'bad_request', message: error.message });
    return;
  }
  request.log.error(error);
  void reply.status(500).send({ code: 'internal', message: 'internal error; the server log has details' });
}
