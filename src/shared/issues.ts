// One zod issue as a keyed refusal: a stable code and its parameters, for form errors (HTTP) and
// import row errors alike. A schema's own refinement names its code in `params.code`.
import type { ErrorParams } from './errors.ts';

/** The parts of a zod issue this reads (zod 4's issues, and fastify's copy of them). */
export interface IssueLike {
  code: string;
  path?: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  expected?: string;
  input?: unknown;
  values?: readonly unknown[];
  params?: Record<string, unknown>;
}

/** The codes schemas give their refinements through `params: { code }`, besides the built-in kinds. */
export const ISSUE_CODES = [
  'required',
  'too_long',
  'too_short',
  'too_big',
  'too_small',
  'too_many',
  'too_few',
  'not_a_date',
  'invalid_format',
  'not_one_of',
  'invalid_type',
  'invalid_value',
  'unknown_field',
] as const;

function limit(n: number | bigint | undefined): ErrorParams {
  return n === undefined ? {} : { limit: Number(n) };
}

/** A short, safe echo of the refused value (never a whole document). */
function shown(value: unknown): ErrorParams {
  if (typeof value === 'number') return { value };
  if (typeof value === 'string' && value.length <= 40) return { value };
  return {};
}

function keyed(issue: IssueLike): { code: string; params: ErrorParams } {
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too_long', params: limit(issue.maximum) };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_many', params: limit(issue.maximum) };
      return { code: 'too_big', params: limit(issue.maximum) };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { code: 'required', params: {} }
          : { code: 'too_short', params: limit(issue.minimum) };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_few', params: limit(issue.minimum) };
      return { code: 'too_small', params: limit(issue.minimum) };
    case 'invalid_format':
      return issue.format === 'date' || issue.format === 'datetime'
        ? { code: 'not_a_date', params: {} }
        : { code: 'invalid_format', params: {} };
    case 'invalid_value':
      return { code: 'not_one_of', params: { values: (issue.values ?? []).map(String).join(', ') } };
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required', params: {} }
        : { code: 'invalid_type', params: { expected: issue.expected ?? '' } };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: {} };
    case 'custom': {
      const { code, ...rest } = issue.params ?? {};
      const params: ErrorParams = {};
      for (const [k, v] of Object.entries(rest))
        if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      return { code: typeof code === 'string' ? code : 'invalid_value', params };
    }
    default:
      return { code: 'invalid_value', params: {} };
  }
}

/** The issue's code and parameters, with the field (its dotted path) among them when it has one. */
export function issueRefusal(issue: IssueLike, value?: unknown): { code: string; params: ErrorParams } {
  const { code, params } = keyed(issue);
  const field = (issue.path ?? []).map(String).join('.');
  return { code, params: { ...(field ? { field } : {}), ...shown(value), ...params } };
}
