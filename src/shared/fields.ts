// Field schemas shared by every area's input validation (imports, CLI and API alike).
import { z } from 'zod';
import { normalizeDate } from './dates.ts';
import { LIMITS } from './limits.ts';

const DATE_MESSAGE = 'must be a real date such as 2011-10-17, 2011/10/17 or 2011年10月17日';

/** A calendar date as `YYYY-MM-DD`, also accepted as spreadsheets and people write it. */
export const isoDate = z
  .string()
  .trim()
  .refine((v) => normalizeDate(v) !== undefined, { message: DATE_MESSAGE, params: { code: 'not_a_date' } })
  .transform((v) => normalizeDate(v)!);

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
  .refine((v) => !v || normalizeDate(v) !== undefined, {
    message: DATE_MESSAGE,
    params: { code: 'not_a_date' },
  })
  .transform((v) => (v ? normalizeDate(v)! : null));

/**
 * One of a fixed set of codes, written as the code or as one of its labels (the Chinese words a
 * bureau writes), with an error message that lists them.
 */
export const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Readonly<Record<string, T[number]>> = {},
) => {
  const codeOf = (v: string): T[number] | undefined =>
    (values as readonly string[]).includes(v) ? v : labels[v];
  const words = Object.keys(labels);
  return z
    .string()
    .trim()
    .refine((v) => codeOf(v) !== undefined, {
      message: `must be one of ${[...words, ...values].join(', ')}`,
      // The labels alone where there are some: a Chinese page then lists only Chinese words.
      params: { code: 'not_one_of', values: (words.length > 0 ? words : values).join('、') },
    })
    .transform((v): T[number] => codeOf(v)!);
};

/** The `:campaign` path parameter: a campaign's name. */
export const campaignParam = z.object({ campaign: z.string().trim().min(1).max(LIMITS.name) });
