import { z } from 'zod';
import { isoDate, text } from '../../shared/fields.ts';
import { TIP_CHANNELS, TIP_LIMITS, TIP_OUTCOMES, TIP_STATUSES, TRIAGE_LABELS } from '../publicity/rules.ts';
import { STAFF_CHANNELS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';
import { LANGS } from '../../reports/labels.ts';

const optional = (max: number) => z.string().trim().max(max).optional();

/** A tip received by telephone, letter or in person, as the officer who took it enters it. */
export const staffTipInput = z.object({
  channel: z.enum(STAFF_CHANNELS),
  /** When it was received (an ISO date and time). */
  receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }),
  listingNo: optional(TIP_LIMITS.listingNo),
  seen: text(TIP_LIMITS.seen),
  where: optional(TIP_LIMITS.where),
  when: optional(TIP_LIMITS.when),
  /** Only if the tipster gave them: sealed at once, shown only to the assigned unit. */
  contactName: optional(TIP_LIMITS.name),
  contactPhone: optional(TIP_LIMITS.phone),
  contactEmail: optional(TIP_LIMITS.email),
});
export type StaffTipInput = z.output<typeof staffTipInput>;

export const staffTipOut = z.object({
  id: z.number().int(),
  /** The 16-digit receipt code to give the tipster (shown once, stored only as a keyed hash). */
  receipt: z.string(),
});

export const rewardOut = z.object({
  tipId: z.number().int(),
  amount: z.number().int(),
  markedBy: z.string(),
  markedAt: z.string(),
  paidOn: z.string().nullable(),
  paidBy: z.string().nullable(),
  receiptRef: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type RewardOut = z.output<typeof rewardOut>;
export const rewardState = z.object({ reward: rewardOut.nullable() });

export const markInput = z.object({
  amount: z.number().int().min(1, { message: 'must be at least 1 yuan' }).max(10_000_000),
});
export const payoutInput = z.object({
  paidOn: isoDate,
  /** Who handed the money over. */
  paidBy: text(LIMITS.name),
  /** The receipt the tipster signed (number or reference). */
  receiptRef: text(LIMITS.documentNumber),
});
export const rewardsOut = z.object({
  rewards: z.array(
    rewardOut.extend({
      channel: z.string(),
      unit: z.object({ code: z.string(), name: z.string() }),
      listingNo: z.string().nullable(),
    }),
  ),
});
export const idParam = z.object({ id: z.coerce.number().int().positive() });

/** A staff-entered tip as exported: how and when it came, who took it, what became of it; no contact. */
export const enteredTipOut = z.object({
  id: z.number().int(),
  channel: z.enum(TIP_CHANNELS),
  receivedAt: z.string(),
  /** Who entered it: the login, and the person's name when it is an account. */
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  fugitive: z.object({ listingNo: z.string(), name: z.string() }).nullable(),
  seen: z.string(),
  where: z.string().nullable(),
  when: z.string().nullable(),
  status: z.enum(TIP_STATUSES),
  triage: z.enum(TRIAGE_LABELS).nullable(),
  outcome: z.enum(TIP_OUTCOMES).nullable(),
  /** Closed as leading to a result, and the person's clearance is verified. */
  countsAsResult: z.boolean(),
  /** Whether the tipster left a contact (the contact itself is never exported). */
  hasContact: z.boolean(),
});
export type EnteredTipOut = z.output<typeof enteredTipOut>;

/** The export of staff-entered tips: received on these days (default: the campaign's launch to today). */
export const enteredTipsExportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only this unit's tips and those of the units below it (within yours). */
  unit: z.string().trim().max(LIMITS.code).optional(),
  lang: z.enum(LANGS).default('zh-CN'),
});
