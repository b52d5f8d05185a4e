import { z } from 'zod';
import { CRIME_CATEGORIES } from '../registry/rules.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { DOSSIER_ITEMS, type DossierItem, FOUR_ONES } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

/** One field per checklist item, so the OpenAPI document lists the materials by name. */
function perDossierItem<T extends z.ZodType>(field: T): Record<DossierItem, T> {
  return Object.fromEntries(DOSSIER_ITEMS.map((item) => [item, field])) as Record<DossierItem, T>;
}

export const MAX_TEAM_SIZE = 30;

/**
 * The whole record, replaced: an item left out of `dossier` is not present. `version` is the one
 * the editor read (0 before the first save); a record changed since then is refused as stale.
 */
export const fourOnesInput = z.object({
  version: z.number().int().min(0),
  dossier: z.strictObject(perDossierItem(z.boolean().optional())),
  planText: z
    .string()
    .trim()
    .max(LIMITS.document, { message: `must be at most ${LIMITS.document} characters` })
    .nullable(),
  team: z
    .array(
      z
        .string()
        .trim()
        .max(LIMITS.name, { message: `must be at most ${LIMITS.name} characters` }),
    )
    .max(MAX_TEAM_SIZE, { message: `must have at most ${MAX_TEAM_SIZE} members` }),
});
export type FourOnesInput = z.output<typeof fourOnesInput>;

/** Optionally the version the leader read, so the approval is of the text they saw; no body at all is fine. */
export const approvePlanInput = z.object({ version: z.number().int().min(0).optional() }).nullish();
export type ApprovePlanInput = NonNullable<z.output<typeof approvePlanInput>>;

export const fourOnesQuery = z.object({
  /** The campaign whose categories decide whether the four ones are needed (default: the latest). */
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
});

const fourOne = z.enum(FOUR_ONES);
const dossierItem = z.enum(DOSSIER_ITEMS);

export const fourOnesOut = z.object({
  listingNo: z.string(),
  fugitiveName: z.string(),
  crimeCategory: z.enum(CRIME_CATEGORIES),
  status: z.enum(['active', 'cleared']),
  /** Whether this person needs the four ones: a local, active listing of the campaign's categories. */
  required: z.boolean(),
  dossier: z.object(perDossierItem(z.boolean())),
  planText: z.string().nullable(),
  planApproved: z.boolean(),
  planApprovedBy: z.string().nullable(),
  planApprovedAt: z.string().nullable(),
  /** The responsible leader: the case's owner (包案). */
  responsibleLeader: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  team: z.array(z.string()),
  /** 0 until the record is first saved; send it back with the next change. */
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  missing: z.array(fourOne),
  missingDossierItems: z.array(dossierItem),
  complete: z.boolean(),
});
export type FourOnesOut = z.output<typeof fourOnesOut>;

export const complianceQuery = z.object({
  /** Default: the latest campaign. */
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
  /** Only this unit (counting its subtree) and the fugitives of its subtree; default: every unit in scope. */
  unit: z.string().trim().min(1).max(LIMITS.code).optional(),
});

const missingCounts = z.object({
  dossier: z.number().int(),
  plan: z.number().int(),
  leader: z.number().int(),
  team: z.number().int(),
});

const unitCompliance = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parent: z.string().nullable(),
  depth: z.number().int(),
  fugitives: z.number().int(),
  complete: z.number().int(),
  completeShare: z.number().nullable(),
  missing: missingCounts,
});

const nonCompliant = z.object({
  listingNo: z.string(),
  name: z.string(),
  crimeCategory: z.enum(CRIME_CATEGORIES),
  unit: z.object({ code: z.string(), name: z.string() }),
  missing: z.array(fourOne),
  missingDossierItems: z.array(dossierItem),
});
export type NonCompliantOut = z.output<typeof nonCompliant>;

export const complianceOut = z.object({
  campaign: z.string(),
  categories: z.array(z.enum(CRIME_CATEGORIES)),
  /** Every unit in the caller's scope (or the one asked for), each counting its whole subtree, in tree order. */
  units: z.array(unitCompliance),
  /** Fugitives in scope lacking any of the four: the first `items.length` of `total`. */
  nonCompliant: z.object({ total: z.number().int(), items: z.array(nonCompliant) }),
});
export type ComplianceOut = z.output<typeof complianceOut>;
