import { z } from 'zod';
import { standingsOut } from '../campaigns/schema.ts';
import { CLEARANCE_KINDS, CLEARANCE_STATUSES } from '../clearances/rules.ts';
import { CRIME_CATEGORIES } from '../registry/rules.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const usernameParam = z.object({ username: z.string().trim().min(1).max(LIMITS.code) });

export const ownerInput = z.object({
  /** The leader who will own the case (a leader names themselves). */
  username: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
});
export type OwnerInput = z.output<typeof ownerInput>;

export const liaisonsInput = z.object({
  /** Unit codes: the leader's liaison units (联系点), replacing the ones they had. */
  units: z
    .array(z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code))
    .max(50, { message: 'must be at most 50 units' }),
});
export type LiaisonsInput = z.output<typeof liaisonsInput>;

const unitRef = z.object({ code: z.string(), name: z.string() });
const unitWithKind = unitRef.extend({ kind: z.enum(UNIT_KINDS) });

export const leaderRef = z.object({
  username: z.string(),
  displayName: z.string(),
  unit: unitRef,
  disabled: z.boolean(),
});

export const caseCounts = z.object({ active: z.number().int(), cleared: z.number().int() });

export const caseOwnerOut = z.object({
  listingNo: z.string(),
  owner: leaderRef,
  assignedBy: z.string(),
  assignedAt: z.string(),
});
export type CaseOwnerOut = z.output<typeof caseOwnerOut>;

export const liaisonsOut = z.object({ username: z.string(), units: z.array(unitWithKind) });
export type LiaisonsOut = z.output<typeof liaisonsOut>;

export const leaderSummary = leaderRef.extend({
  liaisonUnits: z.array(unitRef),
  ownedCases: caseCounts,
});
export const leadersOut = z.object({ leaders: z.array(leaderSummary) });
export type LeadersOut = z.output<typeof leadersOut>;

/** A liaison unit's campaign figures, as the standings give them. */
export const unitFigures = standingsOut.shape.units.element.omit({
  code: true,
  name: true,
  kind: true,
  parent: true,
  depth: true,
});

export const ownedCase = z.object({
  listingNo: z.string(),
  name: z.string(),
  crimeCategory: z.enum(CRIME_CATEGORIES),
  listingUnit: unitRef.nullable(),
  listingAgency: z.string(),
  listedOn: z.string(),
  status: z.enum(['active', 'cleared']),
  exit: z.object({ on: z.string(), kind: z.enum(CLEARANCE_KINDS), unit: unitRef.nullable() }).nullable(),
  latestClaim: z
    .object({
      id: z.number().int(),
      kind: z.enum(CLEARANCE_KINDS),
      status: z.enum(CLEARANCE_STATUSES),
      occurredOn: z.string(),
    })
    .nullable(),
  assignedBy: z.string(),
  assignedAt: z.string(),
});
export type OwnedCase = z.output<typeof ownedCase>;

export const leaderPageOut = z.object({
  leader: leaderRef,
  /** The latest campaign, as of today; null before any campaign exists. */
  campaign: z
    .object({
      name: z.string(),
      asOf: z.string(),
      target: z.number(),
      elapsedShare: z.number(),
      provisional: z.boolean(),
    })
    .nullable(),
  liaisonUnits: z.array(unitWithKind.extend({ figures: unitFigures.nullable() })),
  ownedCases: caseCounts,
  cases: z.array(ownedCase),
});
export type LeaderPageOut = z.output<typeof leaderPageOut>;
