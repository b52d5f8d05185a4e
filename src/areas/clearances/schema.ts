import { z } from 'zod';
import type { Columns } from '../../import/read-table.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { isoDate, oneOf, optionalText } from '../../shared/fields.ts';
import {
  BULK_VERIFY_MAX,
  CANCELLATION_REASONS,
  CLEARANCE_KINDS,
  CLEARANCE_KIND_LABELS,
  CLEARANCE_STATUSES,
  isCapture,
} from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export const clearanceColumns: Columns = {
  required: ['listing_no', 'kind', 'occurred_on'],
  optional: ['capturing_unit', 'persuading_unit', 'place', 'evidence_ref', 'entered_at', 'reason'],
  aliases: {
    在逃人员编号: 'listing_no',
    到案方式: 'kind',
    撤销类型: 'kind',
    到案日期: 'occurred_on',
    抓获单位: 'capturing_unit',
    劝投单位: 'persuading_unit',
    抓获地点: 'place',
    法律文书编号: 'evidence_ref',
    撤销原因: 'reason',
    原因: 'reason',
  },
};

/** One row of the clearances file. */
export const clearanceRow = z
  .object({
    listing_no: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
    kind: oneOf(CLEARANCE_KINDS, CLEARANCE_KIND_LABELS),
    occurred_on: isoDate,
    capturing_unit: optionalText(LIMITS.name),
    persuading_unit: optionalText(LIMITS.code),
    place: optionalText(LIMITS.title),
    evidence_ref: optionalText(LIMITS.documentNumber),
    /**
     * Why a warrant was withdrawn (required for cancellations): one of the reason codes, or any
     * other text, kept as the explanation of the reason "other".
     */
    reason: optionalText(LIMITS.reason),
    /** History from an older system: when it was entered there (a date, or an ISO instant). */
    entered_at: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isIsoDate(v) || !Number.isNaN(Date.parse(v)), {
        message: 'must be a date YYYY-MM-DD or an ISO date and time',
      })
      .transform((v) => (v ? (isIsoDate(v) ? `${v}T00:00:00.000Z` : new Date(v).toISOString()) : null)),
  })
  .superRefine((c, ctx) => {
    if (isCapture(c.kind) && !c.capturing_unit) {
      ctx.addIssue({ code: 'custom', path: ['capturing_unit'], message: `is required for ${c.kind}` });
    }
    if (c.kind === 'death' && !c.evidence_ref) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence_ref'],
        message: "is required for a death: the death record's number",
      });
    }
    if (c.kind === 'cancellation' && !c.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required for a cancellation' });
    }
    if (c.reason && c.kind !== 'cancellation') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is only for cancellations' });
    }
    if (c.persuading_unit && c.kind !== 'surrender') {
      ctx.addIssue({ code: 'custom', path: ['persuading_unit'], message: 'is only for surrenders' });
    }
  });
export type ClearanceInput = z.output<typeof clearanceRow>;

/**
 * An officer a claim names: by login (`username`) where the officer has an account, so that two
 * officers of one name stay two; by `name` for an officer without one. One of the two.
 */
export const officerRefInput = z
  .object({
    username: z.string().trim().max(LIMITS.code).optional(),
    name: z.string().trim().max(LIMITS.name).optional(),
  })
  .refine((o) => !o.username !== !o.name, {
    message: 'give the username of an officer with an account, or the name of one without',
  });
export type OfficerRefInput = z.output<typeof officerRefInput>;

/** An officer a claim names: the account's login and current name, or (username null) the name given. */
export const officerRefOut = z.object({ username: z.string().nullable(), name: z.string() });
export type OfficerRefOut = z.output<typeof officerRefOut>;

export const claimInput = z
  .object({
    listingNo: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
    kind: z.enum(CLEARANCE_KINDS),
    occurredOn: isoDate,
    /** Our unit that arrested or received the person (default: the claimant's unit). */
    capturingUnit: z.string().trim().max(LIMITS.code).optional(),
    /** Or the outside agency that located the person. */
    capturingAgency: z.string().trim().max(LIMITS.name).optional(),
    persuadingUnit: z.string().trim().max(LIMITS.code).optional(),
    place: z.string().trim().max(LIMITS.title).optional(),
    /** The detention notice number: required for arrests and surrenders. */
    evidenceRef: z.string().trim().max(LIMITS.documentNumber).optional(),
    reasonCode: z.enum(CANCELLATION_REASONS).optional(),
    reasonText: z.string().trim().max(LIMITS.reason).optional(),
    /** The officers who made the capture (their merits are credited once the claim is verified). */
    capturingOfficers: z.array(officerRefInput).max(20).optional(),
    /** The officer who persuaded a surrender (劝投). */
    persuadingOfficer: officerRefInput.optional(),
  })
  .meta({
    example: {
      listingNo: 'T630102201100001',
      kind: 'arrest',
      occurredOn: '2011-11-02',
      evidenceRef: '西公拘字〔2011〕0153号',
      place: '西宁市城东区',
      capturingOfficers: [{ username: 'officer' }, { name: '李明' }],
    },
  });
export type ClaimInput = z.output<typeof claimInput>;

export const decisionInput = z.object({
  reason: z.string().trim().max(LIMITS.reason).optional(),
});

/** Claims verified with one confirmation (each still checked and audited on its own). */
export const bulkVerifyInput = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(BULK_VERIFY_MAX),
  /** On what the claims are verified: one act over many claims is an official act with its basis. */
  reason: z
    .string()
    .trim()
    .min(1, { message: 'is required: say on what the claims are verified' })
    .max(LIMITS.reason),
});

export const rejectionInput = z.object({
  reason: z
    .string()
    .trim()
    .min(1, { message: 'is required: say why the claim is turned down' })
    .max(LIMITS.reason),
});

export const claimsQuery = z.object({
  status: z.enum(CLEARANCE_STATUSES).optional(),
  listingNo: z.string().trim().max(LIMITS.code).optional(),
  /** Decided on this day (the bureau's calendar): with status=verified, the day's verified results. */
  decidedOn: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const unitRef = z.object({ code: z.string(), name: z.string() }).nullable();

export const claimOut = z.object({
  id: z.number().int(),
  listingNo: z.string(),
  fugitiveName: z.string(),
  kind: z.enum(CLEARANCE_KINDS),
  occurredOn: z.string(),
  capturingUnit: unitRef,
  capturingAgency: z.string().nullable(),
  persuadingUnit: unitRef,
  claimUnit: unitRef.describe(
    "the claimant's unit; for a claim imported with the history (no claimant), the unit it answers to: the listing unit for a cancellation, else the capturing unit, else (a death, an outside agency's capture) the listing unit",
  ),
  place: z.string().nullable(),
  evidenceRef: z.string().nullable(),
  status: z.enum(CLEARANCE_STATUSES),
  provenance: z.string(),
  claimedBy: z.string(),
  /** The display names of the accounts (null when the login is no account, as for imports). */
  claimedByName: z.string().nullable(),
  enteredAt: z.string(),
  reasonCode: z.string().nullable(),
  reasonText: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  supersedesId: z.number().int().nullable(),
  capturingOfficers: z.array(officerRefOut),
  persuadingOfficer: officerRefOut.nullable(),
});
export type ClaimOut = z.output<typeof claimOut>;

export const claimIdParam = z.object({ id: z.coerce.number().int().positive() });

export const bulkVerifyOut = z.object({
  /** One per claim asked for, in the order asked: the verified claim, or why it was refused. */
  results: z.array(
    z.union([
      z.object({ id: z.number().int(), claim: claimOut }),
      z.object({
        id: z.number().int(),
        error: z.object({
          code: z.string(),
          message: z.string(),
          params: z.record(z.string(), z.union([z.string(), z.number()])),
        }),
      }),
    ]),
  ),
});
