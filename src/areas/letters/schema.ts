import { z } from 'zod';
import type { Columns } from '../../import/read-table.ts';
import { isoDate, text, campaignParam } from '../../shared/fields.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { DOCUMENT_TYPES, parseTarget } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export { campaignParam };

export const letterUnitParam = campaignParam.extend({ unit: z.string().trim().min(1).max(LIMITS.code) });
export const letterIdParam = z.object({ id: z.coerce.number().int().positive() });

/** The letters file: one signed paper original per row, for one campaign. */
export const letterColumns: Columns = {
  required: ['unit', 'target', 'signed_by', 'signed_on'],
  aliases: {
    单位: 'unit',
    单位代码: 'unit',
    目标: 'target',
    目标下降率: 'target',
    签订人: 'signed_by',
    签字人: 'signed_by',
    签订日期: 'signed_on',
    签字日期: 'signed_on',
  },
};

/** One row of the letters file. */
export const letterRow = z.object({
  unit: text(LIMITS.code),
  /** A fraction (0.6) or a percentage (60%). */
  target: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const target = parseTarget(v);
      if (target === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a decline rate above 0 and at most 1, e.g. 0.6 or 60%',
        });
        return z.NEVER;
      }
      return target;
    }),
  signed_by: text(LIMITS.name),
  signed_on: isoDate,
});
export type LetterRowInput = z.output<typeof letterRow>;

export const letterInput = z.object({
  unitCode: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
  /** The decline rate the unit pledges, as a fraction (default: the campaign's target). */
  target: z
    .number()
    .gt(0, { message: 'must be above 0' })
    .max(1, { message: 'must be at most 1' })
    .optional(),
  /** Default: today. */
  signedOn: isoDate.optional(),
});
export type LetterInput = z.output<typeof letterInput>;

const unitRef = z.object({ code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) });

export const documentOut = z.object({
  sha256: z.string(),
  name: z.string(),
  mediaType: z.enum(DOCUMENT_TYPES),
  size: z.number().int(),
});
export type DocumentOut = z.output<typeof documentOut>;

export const letterOut = z.object({
  id: z.number().int(),
  campaign: z.string(),
  unit: unitRef,
  target: z.number(),
  /** The unit's baseline when the letter was signed; later changes to the registry leave it alone. */
  baseline: z.number().int(),
  /** Who signed: the account (null for a letter imported from its paper original) and the name as signed. */
  signer: z.object({ username: z.string().nullable(), displayName: z.string() }),
  /** `entry`: signed in the app; `import`: brought in from the signed paper original. */
  provenance: z.enum(['entry', 'import']),
  signedOn: z.string(),
  /** The scanned letter, when one is attached. */
  document: documentOut.nullable(),
  createdAt: z.string(),
});
export type LetterOut = z.output<typeof letterOut>;

export const lettersOut = z.object({
  campaign: z.string(),
  letters: z.array(letterOut),
  /** Units in your scope that have not signed a letter for this campaign yet. */
  unsigned: z.array(unitRef),
});
export type LettersOut = z.output<typeof lettersOut>;

export const problemOut = z.object({ code: z.string(), message: z.string() });
