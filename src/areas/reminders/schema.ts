import { z } from 'zod';
import { campaignParam } from '../../shared/fields.ts';
import { REMINDER_KINDS } from './rules.ts';

const days = z.number().int().min(0).max(365);

/** A campaign's reminder thresholds, in days. */
export const reminderSettings = z.object({
  claimWaitDays: days,
  tipWaitDays: days,
  dueSoonDays: days,
  rejectedForDays: days,
});

export { campaignParam };
export const notificationParam = z.object({ id: z.coerce.number().int().positive() });

export const notificationOut = z.object({
  id: z.number().int(),
  kind: z.enum(REMINDER_KINDS),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  firstSeenAt: z.string(),
  read: z.boolean(),
});

export const notificationsOut = z.object({
  /** Standing notifications not read yet: the bell's count. */
  unread: z.number().int(),
  items: z.array(notificationOut),
});

export const readOut = z.object({ marked: z.number().int() });
