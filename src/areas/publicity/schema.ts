import { z } from 'zod';
import { isoDate, optionalText, text, campaignParam } from '../../shared/fields.ts';
import {
  ACTIVITY_KINDS,
  NOTICE_STATUSES,
  TIP_CHANNELS,
  TIP_LIMITS,
  TIP_OUTCOMES,
  TIP_STATUSES,
  TRIAGE_LABELS,
} from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const campaignNoticeParam = campaignParam.extend(idParam.shape);
export const listingParam = z.object({ listingNo: z.string().trim().min(1).max(LIMITS.code) });

// ——— Publicity log ———

export const activityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  heldOn: isoDate,
  /** Where: venue, TV channel, streets. */
  place: optionalText(LIMITS.title),
  /** How many: posters, broadcasts, posts. */
  quantity: z.number().int().min(1).max(1_000_000).nullable().optional(),
  description: text(LIMITS.reason),
  /** The unit that held it (default: your own); must be in your units. */
  unitCode: z.string().trim().min(1).max(LIMITS.code).optional(),
});
export type ActivityInput = z.output<typeof activityInput>;

export const activityOut = z.object({
  id: z.number().int(),
  unit: z.object({ code: z.string(), name: z.string() }),
  kind: z.enum(ACTIVITY_KINDS),
  heldOn: z.string(),
  place: z.string().nullable(),
  quantity: z.number().int().nullable(),
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ActivityOut = z.output<typeof activityOut>;

export const publicityQuery = z.object({
  /** Default: the current campaign's launch date (or 12 weeks ago). */
  from: isoDate.optional(),
  /** Default: today. */
  to: isoDate.optional(),
});

export const weekOut = z.object({
  week: z.string(),
  surrenders: z.number().int(),
  activities: z.number().int(),
  posters: z.number().int(),
  /** Days of the week within the range (under 7: a partial week). */
  days: z.number().int(),
});

export const publicityOut = z.object({
  from: z.string(),
  to: z.string(),
  activities: z.array(activityOut),
  /** Surrenders (verified) per week against publicity activities per week. */
  weeks: z.array(weekOut),
  tips: z.object({
    received: z.number().int(),
    open: z.number().int(),
    /** Tips closed as leading to a result whose person has a verified clearance. */
    ledToClearance: z.number().int(),
  }),
});
export type PublicityOut = z.output<typeof publicityOut>;

// ——— The surrender notice ———

export const noticeInput = z.object({
  titleZh: text(LIMITS.title),
  bodyZh: text(LIMITS.document),
  titleEn: text(LIMITS.title),
  bodyEn: text(LIMITS.document),
});
export type NoticeInput = z.output<typeof noticeInput>;

export const noticeOut = z.object({
  id: z.number().int(),
  version: z.number().int(),
  titleZh: z.string(),
  bodyZh: z.string(),
  titleEn: z.string(),
  bodyEn: z.string(),
  status: z.enum(NOTICE_STATUSES),
  draftedBy: z.string(),
  draftedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type NoticeOut = z.output<typeof noticeOut>;
export const noticesOut = z.object({ notices: z.array(noticeOut) });

// ——— Publication of a fugitive ———

export const publicationInput = z.object({
  published: z.boolean(),
  /** Reward offered, in yuan; null for none. Left as it is when absent. */
  reward: z.number().int().min(0).max(100_000_000).nullable().optional(),
});
export type PublicationInput = z.output<typeof publicationInput>;

export const publicationOut = z.object({
  listingNo: z.string(),
  published: z.boolean(),
  reward: z.number().nullable(),
  /** Whether the person is on the public list right now (published, active, no claim standing). */
  onPublicList: z.boolean(),
  hasPhoto: z.boolean(),
});
export type PublicationOut = z.output<typeof publicationOut>;

export const publishedListOut = z.object({
  items: z.array(
    z.object({
      listingNo: z.string(),
      name: z.string(),
      crimeCategory: z.string(),
      offence: z.string(),
      reward: z.number().nullable(),
      hasPhoto: z.boolean(),
    }),
  ),
});

// ——— Tips ———

export const tipsQuery = z.object({ status: z.enum(TIP_STATUSES).optional() });

const tipBase = {
  id: z.number().int(),
  status: z.enum(TIP_STATUSES),
  triage: z.enum(TRIAGE_LABELS).nullable(),
  outcome: z.enum(TIP_OUTCOMES).nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  fugitive: z
    .object({ listingNo: z.string(), name: z.string(), cleared: z.boolean(), reward: z.number().nullable() })
    .nullable(),
  seen: z.string(),
  where: z.string().nullable(),
  when: z.string().nullable(),
  language: z.string(),
  hasContact: z.boolean(),
  rewardClaimedAt: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  /** Closed as leading to a result, and the person's clearance is verified. */
  countsAsResult: z.boolean(),
  /** How it arrived: the public web form, or entered by staff (telephone, letter, in person). */
  channel: z.enum(TIP_CHANNELS),
  enteredBy: z.string().nullable(),
};

export const tipOut = z.object(tipBase);
export type TipOut = z.output<typeof tipOut>;
export const tipsOut = z.object({ tips: z.array(tipOut) });

export const tipDetailOut = z.object({
  ...tipBase,
  /** Only for officers of the assigned unit; null for everyone else (and when none was given). */
  contact: z
    .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  /** Whether you may see the contact details (you are of the assigned unit). */
  contactVisible: z.boolean(),
  /** The contact was sealed with another key (QINGWANG_TIP_KEY changed since) and cannot be read. */
  contactUnreadable: z.boolean(),
  messages: z.array(
    z.object({
      author: z.enum(['officer', 'tipster']),
      officer: z.string().nullable(),
      body: z.string(),
      at: z.string(),
    }),
  ),
});
export type TipDetailOut = z.output<typeof tipDetailOut>;

export const triageInput = z.object({
  triage: z.enum(TRIAGE_LABELS),
  /** Link the tip to a case (listing number); null unlinks. Absent leaves the link as it is. */
  listingNo: z.string().trim().min(1).max(LIMITS.code).nullable().optional(),
});
export type TriageInput = z.output<typeof triageInput>;

export const questionInput = z.object({ body: text(LIMITS.reason) });
export const closeInput = z.object({ outcome: z.enum(TIP_OUTCOMES) });

// ——— The public tip form (application/x-www-form-urlencoded) ———

const formText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v.length <= max, { message: `too_long:${max}` })
    .transform((v) => (v ? v : null));

export const tipForm = z.object({
  listingNo: formText(TIP_LIMITS.listingNo),
  seen: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v.length > 0, { message: 'required' })
    .refine((v) => v.length <= TIP_LIMITS.seen, { message: `too_long:${TIP_LIMITS.seen}` }),
  where: formText(TIP_LIMITS.where),
  when: formText(TIP_LIMITS.when),
  name: formText(TIP_LIMITS.name),
  phone: formText(TIP_LIMITS.phone).refine((v) => v === null || /^[0-9+()\-\s]{3,40}$/.test(v), {
    message: 'phone',
  }),
  email: formText(TIP_LIMITS.email).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    message: 'email',
  }),
  /** The honeypot: hidden from people, filled in by bots. */
  website: z.string().optional(),
  lang: z.string().optional(),
});
export type TipForm = z.output<typeof tipForm>;

export const receiptForm = z.object({
  receipt: z.string().max(64).optional(),
  answer: z.string().max(TIP_LIMITS.answer).optional(),
  lang: z.string().optional(),
});
