import { z } from 'zod';
import { isoDate, text } from '../../shared/fields.ts';
import { RECTIFICATION_DECISIONS, RECTIFICATION_STATUSES } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const itemsInput = z.object({
  items: z
    .array(
      z.object({
        unitCode: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
        problem: text(LIMITS.reason),
        deadlineOn: isoDate,
      }),
    )
    .min(1, { message: 'name at least one problem' })
    .max(50),
});
export type ItemsInput = z.output<typeof itemsInput>;

export const itemOut = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  inspectedOn: z.string(),
  inspector: z.string(),
  unit: unitRef,
  problem: z.string(),
  deadlineOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  daysOverdue: z.number().int(),
  report: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type ItemOut = z.output<typeof itemOut>;

export const itemsOut = z.object({ items: z.array(itemOut) });
export const itemsQuery = z.object({
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const reportInput = z.object({ report: text(LIMITS.report) });
export const decisionInput = z.object({
  decision: z.enum(RECTIFICATION_DECISIONS),
  reason: z.string().trim().max(LIMITS.reason).optional(),
});
export const idParam = z.object({ id: z.coerce.number().int().positive() });
