import { z } from 'zod';
import { campaignParam, isoDate } from '../../shared/fields.ts';
import { RETURN_FILE_FORMATS, RETURN_PERIODS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const returnParams = campaignParam.extend({ unit: z.string().trim().min(1).max(LIMITS.code) });
export const returnQuery = z.object({
  period: z.enum(RETURN_PERIODS).default('daily'),
  on: isoDate.optional(),
});
export const returnFileQuery = returnQuery.extend({
  format: z.enum(RETURN_FILE_FORMATS).default('xlsx'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export const cutoffInput = z.object({ cutoff: z.string().trim().max(5) });

const state = z.enum(['submitted', 'late', 'missing', 'due']);
const submission = z.object({ by: z.string(), at: z.string() });

export const returnOut = z.object({
  campaign: z.object({ name: z.string(), startOn: z.string(), deadlineOn: z.string(), target: z.number() }),
  recipient: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  period: z.enum(RETURN_PERIODS),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      baseline: z.number(),
      cleared: z.number(),
      clearedInPeriod: z.number(),
      declineRate: z.number().nullable(),
      target: z.number(),
      arrests: z.number(),
      surrenders: z.number(),
      capturesRemote: z.number(),
      newListings: z.number(),
      newListingsInPeriod: z.number(),
      homicideBaseline: z.number(),
      homicideCleared: z.number(),
      activeNow: z.number(),
    }),
  ),
  results: z.array(
    z.object({
      listingNo: z.string(),
      name: z.string(),
      kind: z.string(),
      category: z.string(),
      unit: z.string().nullable(),
    }),
  ),
  dueAt: z.string(),
  submission: submission.extend({ state }).nullable(),
});

export const returnsOverviewOut = z.object({
  period: z.enum(RETURN_PERIODS),
  on: z.string(),
  cutoff: z.string(),
  dueAt: z.string(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      top: z.boolean(),
      state,
      submission: submission.nullable(),
    }),
  ),
});
