import { z } from 'zod';
import { isoDate, text, campaignParam } from '../../shared/fields.ts';
import { taskInput, taskOut } from '../tasks/schema.ts';
import { LIMITS } from '../../shared/limits.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });
const leaderRef = z.object({ username: z.string(), displayName: z.string() });

export const visitInput = z.object({
  unitCode: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
  visitedOn: isoDate,
  findings: text(LIMITS.report),
  tasks: z.array(taskInput).max(30).default([]),
});
export type VisitInput = z.output<typeof visitInput>;

export const visitOut = z.object({
  id: z.number().int(),
  leader: leaderRef,
  unit: unitRef,
  visitedOn: z.string(),
  findings: z.string(),
  createdAt: z.string(),
  tasks: z.array(taskOut),
});
export type VisitOut = z.output<typeof visitOut>;

export const guidanceOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  intervalDays: z.number().int(),
  liaisons: z.array(
    z.object({
      leader: leaderRef,
      unit: unitRef,
      visits: z.number().int(),
      lastVisitOn: z.string().nullable(),
      daysSince: z.number().int(),
      overdue: z.boolean(),
    }),
  ),
  visits: z.array(visitOut),
});
export type GuidanceOut = z.output<typeof guidanceOut>;

export const guidanceQuery = z.object({
  /** One leader's liaison units and visits. */
  leader: z.string().trim().max(LIMITS.name).optional(),
  asOf: isoDate.optional(),
});

export const guidanceSettings = z.object({
  visitIntervalDays: z.number().int().min(1, { message: 'must be at least 1' }).max(365),
});
export { campaignParam };
