import { z } from 'zod';
import { isoDate, campaignParam } from '../../shared/fields.ts';
import { LANGS } from '../../reports/labels.ts';
import { AWARDS, MERIT_DECISIONS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';
import { officerRefInput, officerRefOut } from '../clearances/schema.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const decisionOut = z.object({
  id: z.number().int(),
  officer: z.string(),
  /** The officer's account; null for an officer without one (known by name within the unit). */
  username: z.string().nullable(),
  unit: unitRef,
  award: z.enum(AWARDS),
  points: z.number().int(),
  decision: z.enum(MERIT_DECISIONS),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type DecisionOut = z.output<typeof decisionOut>;

export const officerOut = z.object({
  /** The officer's name: the account's, or the name claims gave an officer without an account. */
  officer: z.string(),
  /** The officer's account; null for an officer without one (counted by name within the unit). */
  username: z.string().nullable(),
  unit: unitRef,
  captures: z.number().int(),
  persuasions: z.number().int(),
  pursuits: z.number().int(),
  results: z.number().int(),
  points: z.number().int(),
  /** The award the rules propose now, for a commander to decide. */
  proposal: z.enum(AWARDS).nullable(),
});
export type OfficerOut = z.output<typeof officerOut>;

export const meritsOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  thresholds: z.object({ merit: z.number().int(), commendation: z.number().int() }),
  officers: z.array(officerOut),
  decisions: z.array(decisionOut),
});
export type MeritsOut = z.output<typeof meritsOut>;

export const meritsQuery = z.object({ asOf: isoDate.optional() });
export const meritsXlsxQuery = z.object({ asOf: isoDate.optional(), lang: z.enum(LANGS).default('zh-CN') });

/**
 * A decision on the award proposed for an officer: named by account (`username`) where the officer
 * has one, else by `officer` name and `unitCode`.
 */
export const decisionInput = z
  .object({
    username: z.string().trim().max(LIMITS.code).optional(),
    officer: z.string().trim().max(LIMITS.name).optional(),
    unitCode: z.string().trim().max(LIMITS.code).optional(),
    award: z.enum(AWARDS),
    decision: z.enum(MERIT_DECISIONS),
    reason: z.string().trim().max(LIMITS.reason).optional(),
  })
  .refine((d) => Boolean(d.username) || (Boolean(d.officer) && Boolean(d.unitCode)), {
    message: 'name the officer by username, or by officer name and unitCode',
    path: ['officer'],
  });
export type DecisionInput = z.output<typeof decisionInput>;
export { campaignParam };

/** The officers of a claim, named (or corrected) after it was filed: history carried over had none. */
export const officersInput = z.object({
  capturingOfficers: z.array(officerRefInput).max(20),
  persuadingOfficer: officerRefInput.optional(),
});
export const officersOut = z.object({
  clearanceId: z.number().int(),
  capturingOfficers: z.array(officerRefOut),
  persuadingOfficer: officerRefOut.nullable(),
});
export const clearanceParam = z.object({ id: z.coerce.number().int().positive() });
