// Field schemas shared by every area's input validation (imports, CLI and API alike).
import { z } from 'zod';
import { isIsoDate } from './dates.ts';

export const isoDate = z
  .string()
  .trim()
  .refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });

/** Required text: trimmed, non-empty, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` });

/** Optional text in a table cell: an empty cell means "none". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .optional()
    .transform((v) => (v ? v : null));

export const optionalIsoDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isIsoDate(v), { message: 'must be a real date written YYYY-MM-DD' })
  .transform((v) => (v ? v : null));

/** One of a fixed set of codes, with an error message that lists them. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .refine((v): v is T[number] => (values as readonly string[]).includes(v), {
      message: `must be one of ${values.join(', ')}`,
    })
    .transform((v): T[number] => v);
