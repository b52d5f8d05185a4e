import { z } from 'zod';
import { campaignParam } from '../../shared/fields.ts';
import { REVIEW_GROUNDS, REVIEW_STATUSES } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export { campaignParam };
export const reviewIdParam = z.object({ id: z.coerce.number().int().positive() });

export const reviewOut = z.object({
  id: z.number().int(),
  unit: z.object({ code: z.string(), name: z.string() }),
  weekOf: z.string(),
  /** The date of the figures the review was raised on. */
  asOf: z.string(),
  grounds: z.enum(REVIEW_GROUNDS),
  declineRate: z.number().nullable(),
  /** The unit's own target on that date. */
  target: z.number(),
  /** The leader who answers for it: the unit's liaison leader, else the nearest leader above. */
  owner: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(REVIEW_STATUSES),
  reasons: z.string().nullable(),
  catchUpPlan: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewOut = z.output<typeof reviewOut>;

export const reviewsOut = z.object({ campaign: z.string(), items: z.array(reviewOut) });

export const roundOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  weekOf: z.string(),
  /** Units the figures send to review this week. */
  due: z.number().int(),
  /** Review items created now (units with an open review, or one this week, get no second). */
  created: z.number().int(),
});
export type RoundOut = z.output<typeof roundOut>;

export const closeInput = z.object({
  reasons: z.string().trim().max(LIMITS.reason),
  catchUpPlan: z.string().trim().max(LIMITS.reason),
});
export type CloseInput = z.output<typeof closeInput>;
