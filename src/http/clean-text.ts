// Text that cannot be stored faithfully is refused at the edge: a NUL byte (PostgreSQL refuses it
// mid-transaction, SQLite cuts strings at it in places) or a lone UTF-16 surrogate (not a character:
// it turns into U+FFFD on the way out, so what was stored is not what comes back).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../shared/errors.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that cannot be stored, or undefined. */
export function unstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string')
    return value.includes('\0') || LONE_SURROGATE.test(value) ? path || 'input' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = unstorableText(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** Refuses a request whose body, query or parameters hold such text, naming the field (400). */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    for (const part of [request.body, request.query, request.params]) {
      const field = unstorableText(part);
      if (field)
        throw new DomainError(
          'invalid_text',
          `${field}: contains a NUL byte or a broken character (lone surrogate)`,
          field,
          { field },
        );
    }
  });
}
