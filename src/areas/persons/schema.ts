import { z } from 'zod';
import { text } from '../../shared/fields.ts';
import { LIMITS } from '../../shared/limits.ts';
import { fugitiveSummary } from '../registry/schema.ts';
import { MATCH_STATUSES } from './rules.ts';

export const matchIdParam = z.object({ id: z.coerce.number().int().positive() });

export const matchesQuery = z.object({
  /** Only matches in this state; the default is the open queue. */
  status: z.enum([...MATCH_STATUSES, 'all']).default('suggested'),
});
export type MatchesQuery = z.output<typeof matchesQuery>;

/** Every merge or rejection says why (audited). */
export const matchDecisionInput = z.object({ reason: text(LIMITS.reason) });
export type MatchDecisionInput = z.output<typeof matchDecisionInput>;

/** A listing as a match shows it: what tells two persons apart, in the registry's own words. */
const matchListing = fugitiveSummary.pick({
  listingNo: true,
  name: true,
  sex: true,
  birthDate: true,
  idNumber: true,
  crimeCategory: true,
  listingAgency: true,
  listingUnit: true,
  listedOn: true,
  status: true,
});

export const matchOut = z.object({
  id: z.number().int(),
  status: z.enum(MATCH_STATUSES),
  /** The two persons, each with all of their listings (after a merge, the survivor holds them all). */
  persons: z.array(z.object({ personId: z.number().int(), listings: z.array(matchListing) })),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** Who split a confirmed match back into two persons, when, and why (status `split`). */
  split: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});
export type MatchOut = z.output<typeof matchOut>;

export const matchesOut = z.object({ items: z.array(matchOut) });
export type MatchesOut = z.output<typeof matchesOut>;
