import { z } from 'zod';
import { TIMELINE_KINDS } from '../meetings/rules.ts';
import { isoDate, text, campaignParam } from '../../shared/fields.ts';
import { CLEARANCE_KINDS } from '../clearances/rules.ts';
import { CRIME_CATEGORIES } from '../registry/rules.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const campaignInput = z
  .object({
    name: text(LIMITS.name),
    baselineOn: isoDate,
    startOn: isoDate,
    deadlineOn: isoDate,
    /** Defaults to 31 December of the deadline's year. */
    yearEndOn: isoDate.optional(),
    target: z
      .number()
      .gt(0, { message: 'must be above 0' })
      .max(1, { message: 'must be at most 1' })
      .default(0.5),
    countedKinds: z.array(z.enum(CLEARANCE_KINDS)).min(1).default(['arrest', 'surrender', 'death']),
    /** Crime categories whose fugitives need the "four ones" (dossier, plan, leader, team). */
    fourOnesCategories: z.array(z.enum(CRIME_CATEGORIES)).min(1).default(['homicide']),
  })
  .superRefine((c, ctx) => {
    if (c.baselineOn > c.startOn)
      ctx.addIssue({ code: 'custom', path: ['baselineOn'], message: 'must be on or before the launch date' });
    if (c.deadlineOn <= c.startOn)
      ctx.addIssue({ code: 'custom', path: ['deadlineOn'], message: 'must be after the launch date' });
    if (c.yearEndOn && c.yearEndOn < c.deadlineOn)
      ctx.addIssue({ code: 'custom', path: ['yearEndOn'], message: 'must be on or after the deadline' });
  });
export type CampaignInput = z.input<typeof campaignInput>;

export const standingsQuery = z.object({
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
  asOf: isoDate.optional(),
});

/** Pace and forecast (see docs/figures.md): what is left to the target and the pace kept lately. */
export const paceOut = z.object({
  /** Persons still to clear to reach the unit's target (0 once reached). */
  remaining: z.number().int(),
  /** Persons a day needed to the deadline; null once the deadline has passed with some remaining. */
  requiredPerDay: z.number().nullable(),
  /** Persons cleared a day over the last 7 and 14 days (from launch at most); null before launch. */
  last7PerDay: z.number().nullable(),
  last14PerDay: z.number().nullable(),
  /** When the target is reached at the last 7 days' pace; null: not at this pace. */
  projectedOn: z.string().nullable(),
});
export type PaceOut = z.output<typeof paceOut>;

const unitStanding = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parent: z.string().nullable(),
  depth: z.number().int(),
  baseline: z.number().int(),
  cleared: z.number().int(),
  declineRate: z.number().nullable(),
  netDeclineRate: z.number().nullable(),
  activeNow: z.number().int(),
  newListings: z.number().int(),
  captures: z.object({
    local: z.number().int(),
    remote: z.number().int(),
    arrests: z.number().int(),
    surrenders: z.number().int(),
  }),
  homicide: z.object({
    baseline: z.number().int(),
    cleared: z.number().int(),
    declineRate: z.number().nullable(),
    captures: z.number().int(),
  }),
  cancellations: z.number().int(),
  /** The unit's own target: its responsibility letter's in force, else the campaign's. */
  target: z.number(),
  onTrack: z.boolean().nullable(),
  zeroResult: z.boolean(),
  rank: z.number().int(),
  pace: paceOut,
});

/** The standings document of the CLI's `--json` and of `GET /api/standings`. */
export const standingsOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  target: z.number(),
  elapsedShare: z.number(),
  /** True until the campaign's baseline is frozen (before launch): the figures may still move. */
  provisional: z.boolean(),
  /** Digest of the frozen baseline snapshot (also in the audit chain); null while provisional. */
  baselineDigest: z.string().nullable(),
  /** The city's pace: that of the root unit. */
  pace: paceOut.nullable(),
  units: z.array(unitStanding),
});
export type StandingsOut = z.output<typeof standingsOut>;

export const dashboardQuery = standingsQuery.extend({ unit: z.string().trim().max(LIMITS.code).optional() });

export const dashboardOut = z.object({
  provisional: z.boolean(),
  baselineDigest: z.string().nullable(),
  campaign: z.object({
    name: z.string(),
    baselineOn: z.string(),
    startOn: z.string(),
    deadlineOn: z.string(),
    target: z.number(),
  }),
  asOf: z.string(),
  daysLeft: z.number().int(),
  elapsedShare: z.number(),
  unit: unitStanding,
  children: z.array(unitStanding),
  zeroResultUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  trend: z.array(z.object({ date: z.string(), declineRate: z.number().nullable(), trajectory: z.number() })),
  /** The city's mobilisation meeting held by the as-of date, marked on the trend chart; null when none. */
  mobilisation: z.object({ heldOn: z.string(), title: z.string() }).nullable(),
  /**
   * The mobilisation and re-mobilisation meetings marked on the trend chart, oldest first: the
   * city's, and those held by the unit shown, the units above it and the units below it that are
   * yours, by the as-of date.
   */
  mobilisations: z.array(
    z.object({
      heldOn: z.string(),
      title: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      unit: z.object({ code: z.string(), name: z.string() }),
      /** Held by the city (the root unit). */
      byCity: z.boolean(),
    }),
  ),
  /** The decline rate from the as-of date to the deadline at the last 7 days' pace; empty when none. */
  projection: z.array(z.object({ date: z.string(), declineRate: z.number() })),
  composition: z.object({
    arrest: z.number(),
    surrender: z.number(),
    death: z.number(),
    cancellation: z.number(),
  }),
});
export type DashboardOut = z.output<typeof dashboardOut>;

export { campaignParam };

/** A baseline correction: the listing proven entered in error, and why. */
export const baselineCorrectionInput = z.object({
  listingNo: text(LIMITS.code),
  reason: text(LIMITS.reason),
});
export type BaselineCorrectionInput = z.input<typeof baselineCorrectionInput>;

export const baselineCorrectionOut = z.object({
  campaign: z.string(),
  /** Every listing of the person taken out of the baseline. */
  listingNos: z.array(z.string()),
  unit: z.object({ code: z.string(), name: z.string() }),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: z.string(),
});
export type BaselineCorrectionOut = z.output<typeof baselineCorrectionOut>;
export const baselineCorrectionsOut = z.object({ corrections: z.array(baselineCorrectionOut) });
