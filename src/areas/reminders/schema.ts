import { z } from 'zod';
import { campaignParam } from '../../shared/fields.ts';
import { LIMITS } from '../../shared/limits.ts';
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

/** A plausible e-mail address (the SMTP server has the last word): one @, a dot in the domain, no spaces. */
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The signed-in user's daily digest by e-mail: the address, and whether they want the digest. */
export const digestSettings = z
  .object({
    /** Empty or null: no address. */
    email: z
      .string()
      .trim()
      .max(LIMITS.title, { message: `must be at most ${LIMITS.title} characters` })
      .nullable()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || EMAIL_ADDRESS.test(v), {
        message: 'is not an e-mail address',
        params: { code: 'not_an_email' },
      }),
    digest: z.boolean(),
  })
  .refine((s) => !s.digest || s.email !== null, {
    path: ['email'],
    message: 'is needed to get the digest by e-mail',
    params: { code: 'digest_needs_email' },
  });
export type DigestSettings = z.output<typeof digestSettings>;

export const digestSettingsOut = z.object({ email: z.string().nullable(), digest: z.boolean() });
