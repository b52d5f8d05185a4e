import { z } from 'zod';
import { isoDate } from '../../shared/fields.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { DOCUMENT_TYPES } from './rules.ts';

export const campaignParam = z.object({ campaign: z.string().trim().min(1).max(100) });

export const letterIdParam = z.object({ id: z.coerce.number().int().positive() });

export const letterInput = z.object({
  unitCode: z.string().trim().min(1, { message: 'is required' }).max(40),
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
  signer: z.object({ username: z.string(), displayName: z.string() }),
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
