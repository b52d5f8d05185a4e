// The API's contract as other systems read it: every operation gets an id, a tag, the ways to
// authenticate it and the error answers it can give, derived from what the route itself declares
// (its access, its inputs, its method), so the document cannot drift from the routes.
import type { FastifySchema, RouteOptions } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import type { Access } from './policy.ts';

/** The error body every refusal has (see errors.ts): a stable code the web app translates. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      description: 'Stable machine-readable code, e.g. unit_out_of_scope, too_long, not_found',
    },
    message: {
      type: 'string',
      description: 'English text for logs; clients show the code in their language',
    },
    field: { type: 'string', description: 'The input field concerned, as a dotted path' },
    params: {
      type: 'object',
      additionalProperties: true,
      description: 'What the message is made of (field, row, column, limit, value), to render the code',
    },
    rows: {
      type: 'array',
      items: { type: 'string' },
      description: 'The refused rows of an import (the first 1,000)',
    },
    errors: {
      type: 'array',
      description: 'The refused rows of an import, each keyed like the answer itself',
      items: {
        type: 'object',
        required: ['row', 'field', 'code', 'params', 'message'],
        properties: {
          row: { type: 'integer', description: "The row's number as a spreadsheet shows it (header = 1)" },
          field: { type: 'string', description: 'The canonical column name' },
          header: { type: 'string', description: "The file's own header of that column" },
          code: { type: 'string' },
          params: { type: 'object', additionalProperties: true },
          message: { type: 'string' },
        },
      },
    },
    total: { type: 'integer', description: 'How many rows of the import were refused in all' },
  },
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ERROR_TEXTS: Record<string, string> = {
  '400': 'Invalid input: the code and field say what',
  '401': 'Not signed in, or the token is unknown, expired or revoked',
  '403': 'The caller lacks the role or the unit scope, or the CSRF token is missing',
  '404': 'No such thing',
  '409': 'Conflicts with the current state (a standing claim, a duplicate)',
  '413': 'The upload is too large',
  '422': 'The file was refused; every bad row is listed',
  '429': 'Too many requests: wait and retry',
  '503': 'The database is busy: retry after the Retry-After header',
};

const errorAnswer = (status: string) => ({
  description: ERROR_TEXTS[status],
  content: { 'application/json': { schema: ERROR_SCHEMA } },
});

/** `GET /api/campaigns/{name}/standings` → `getCampaignsByNameStandings`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^[:{](\w+)\}?$/.exec(segment);
      const word = param ? `by-${param[1]}` : segment;
      return word
        .split(/[-_.]/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('');
    });
  return method.toLowerCase() + (words.join('') || 'Root');
}

/** Who may call a route: nobody needs to for the public ones; a session (and CSRF header for changes) or a bearer token. */
function securityOf(access: Access | undefined, method: string): OpenAPIV3.SecurityRequirementObject[] {
  if (!access || 'public' in access) return [];
  const session: OpenAPIV3.SecurityRequirementObject = SAFE_METHODS.has(method)
    ? { session: [] }
    : { session: [], csrf: [] };
  return [session, { bearer: [] }];
}

/** The public site's pages are HTML; every other route declares its success answer itself. */
const HTML_PAGE = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } };

function errorStatuses(route: RouteOptions, schema: FastifySchema, method: string): string[] {
  const access = route.config?.access;
  const statuses = new Set<string>();
  if (schema.body || schema.querystring || schema.params || !SAFE_METHODS.has(method)) statuses.add('400');
  if (access && !('public' in access)) ['401', '403'].forEach((s) => statuses.add(s));
  if (route.url.includes(':')) statuses.add('404');
  if (!SAFE_METHODS.has(method)) ['409', '503'].forEach((s) => statuses.add(s));
  const limited = route.config as { rateLimit?: unknown; signInLimited?: boolean } | undefined;
  if (limited?.rateLimit || limited?.signInLimited) statuses.add('429');
  return [...statuses];
}

type Responses = Record<string, unknown>;

/** Adds what the document needs to each route's schema; the routes themselves keep theirs. */
export const describeOperation: SwaggerTransform = (input) => {
  const { schema, url } = jsonSchemaTransform(input);
  const route = input.route;
  const method = [route.method].flat()[0]!.toUpperCase();
  const given = (schema ?? {}) as FastifySchema & Record<string, unknown>;
  const responses: Responses = { ...((given.response as Responses | undefined) ?? {}) };
  if (url.startsWith('/public') && !Object.keys(responses).some((s) => s.startsWith('2')))
    responses['200'] = HTML_PAGE;
  for (const status of errorStatuses(route, given, method)) responses[status] ??= errorAnswer(status);
  const area = url.replace(/^\/api\//, '').split('/')[0] || 'public';
  return {
    url,
    schema: {
      ...given,
      operationId: given.operationId ?? operationIdOf(method, url),
      tags: given.tags ?? [area],
      security: securityOf(route.config?.access, method),
      response: responses,
    },
  };
};

/** The document's frame: what the API is, where it is served, and how callers authenticate. */
export const OPENAPI_FRAME: Partial<OpenAPIV3.Document> = {
  info: {
    title: 'Qingwang API',
    version: '1',
    description:
      'The campaign command system (清网). Sign in with POST /api/session (a cookie and a CSRF token ' +
      'for changes), or send a service account token as `Authorization: Bearer …`. See docs/api.md.',
    license: { name: 'UNLICENSED' },
  },
  servers: [{ url: '/', description: 'The server this document was fetched from' }],
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'qw_session', description: 'Set by POST /api/session' },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token',
        description: 'The csrfToken of the session; required with the cookie on every change',
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: "A service account's token (qingwang token create); needs no CSRF header",
      },
    },
  },
};
