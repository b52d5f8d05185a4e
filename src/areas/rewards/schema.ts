import { fileAnswer } from '../../http/routes.ts';
import { z } from 'zod';
import { isoDate, text, campaignParam } from '../../shared/fields.ts';
import { CHECKPOINTS, GROUNDS, MEASURES, SANCTION_STATUSES } from '../sanctions/rules.ts';
import { NOTICE_KINDS } from '../supervision/rules.ts';
import { FORMATS } from '../../reports/formats.ts';
import { LANGS } from '../../reports/labels.ts';
import { UNIT_KINDS } from '../units/rules.ts';
import { rewardRuleSet } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

export { campaignParam };
export const idParam = z.object({ id: z.coerce.number().int().positive() });
const unitRef = z.object({ code: z.string(), name: z.string() });

export const rulesInput = z.object({
  rules: rewardRuleSet,
  note: z.string().trim().max(LIMITS.reason).optional(),
});
export const rulesOut = z
  .object({
    version: z.number().int(),
    rules: z.any(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .nullable();

const ledgerEntry = z.object({
  id: z.number().int(),
  unit: unitRef,
  clearanceId: z.number().int().nullable(),
  listingNo: z.string().nullable(),
  clearanceKind: z.string().nullable(),
  occurredOn: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  ruleId: z.string(),
  points: z.number(),
  money: z.number(),
  reversesId: z.number().int().nullable(),
  reason: z.string(),
  bookedOn: z.string(),
});
export const ledgerOut = z.object({
  campaign: z.string(),
  rules: rulesOut,
  balances: z.array(unitRef.extend({ points: z.number(), money: z.number(), entries: z.number().int() })),
  entries: z.array(ledgerEntry),
});

export const checkpointQuery = z.object({ checkpoint: z.enum(CHECKPOINTS).default('deadline') });
export const evaluateInput = z.object({ checkpoint: z.enum(CHECKPOINTS) });
const sanctionOut = z.object({
  id: z.number().int(),
  checkpoint: z.enum(CHECKPOINTS),
  unit: unitRef,
  measure: z.enum(MEASURES),
  grounds: z.enum(GROUNDS),
  deduction: z.number(),
  carriedOver: z.number().int().nullable(),
  owner: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(SANCTION_STATUSES),
  record: z.string().nullable(),
  document: z.object({ sha256: z.string(), name: z.string() }).nullable(),
  waiveReason: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export const sanctionsOut = z.object({ campaign: z.string(), items: z.array(sanctionOut) });
export const sanctionChange = z.object({
  status: z.enum(['done', 'waived']),
  record: z.string().trim().max(LIMITS.reason).optional(),
  reason: z.string().trim().max(LIMITS.reason).optional(),
});
export { sanctionOut };
export const previewOut = z.object({
  campaign: z.string(),
  checkpoint: z.enum(CHECKPOINTS),
  checkpointOn: z.string(),
  asOf: z.string(),
  provisional: z.boolean(),
  items: z.array(
    z.object({
      unit: unitRef,
      measure: z.enum(MEASURES),
      grounds: z.enum(GROUNDS),
      deduction: z.number(),
      dueOn: z.string(),
      carriedOver: z.number().int().nullable(),
    }),
  ),
});
export const evaluateOut = z.object({
  checkpoint: z.enum(CHECKPOINTS),
  asOf: z.string(),
  due: z.number().int(),
  created: z.number().int(),
});
export const assessmentOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  yearEndOn: z.string(),
  provisional: z.boolean(),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(UNIT_KINDS),
      depth: z.number().int(),
      baseline: z.number().int(),
      cleared: z.number().int(),
      declineRate: z.number().nullable(),
      captures: z.number().int(),
      points: z.number(),
      deductions: z.number(),
      score: z.number(),
      sanctions: z.array(z.enum(MEASURES)),
      awardEligible: z.boolean(),
    }),
  ),
});

export const inspectionInput = z.object({
  unitCode: text(LIMITS.code),
  inspectedOn: isoDate,
  findings: text(LIMITS.report),
  followUp: z.string().trim().max(LIMITS.report).optional(),
});
const inspectionOut = z.object({
  id: z.number().int(),
  unit: unitRef,
  inspectedOn: z.string(),
  inspector: z.string(),
  findings: z.string(),
  followUp: z.string().nullable(),
});
export { inspectionOut };
export const inspectionsOut = z.array(inspectionOut);

export const noticeInput = z.object({
  unitCode: text(LIMITS.code),
  kind: z.enum(NOTICE_KINDS),
  text: text(LIMITS.reason),
});
const noticeOut = z.object({
  id: z.number().int(),
  unit: unitRef,
  kind: z.enum(NOTICE_KINDS),
  text: z.string(),
  issuedOn: z.string(),
  issuedBy: z.string(),
});
export { noticeOut };
export const noticesOut = z.array(noticeOut);
export const proposalsOut = z.object({
  campaign: z.string(),
  asOf: z.string(),
  proposals: z.array(
    unitRef.extend({
      kind: z.enum(NOTICE_KINDS),
      grounds: z.enum(['target_reached', 'ahead_of_schedule', 'lagging', 'zero_result']),
      declineRate: z.number().nullable(),
      trajectory: z.number(),
    }),
  ),
});
export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const bulletinInput = z
  .object({
    asOf: isoDate.optional(),
    /** A second bulletin for a date corrects the latest one: its id. */
    corrects: z.number().int().positive().optional(),
  })
  .nullish();
const bulletinOut = z.object({
  id: z.number().int(),
  /** The bulletin of the same date this one corrects, if it is a correction. */
  correctsId: z.number().int().nullable(),
  correctsNumber: z.number().int().nullable(),
  number: z.number().int(),
  asOf: z.string(),
  dataSha256: z.string(),
  chainHead: z.string(),
  issuedBy: z.string(),
  issuedAt: z.string(),
});
export { bulletinOut };
export const bulletinsQuery = z.object({
  /** Bulletins whose figures are dated on or after this day. */
  from: isoDate.optional(),
  /** …and on or before this day. */
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const bulletinsOut = z.object({
  items: z.array(bulletinOut),
  /** How many bulletins the filter finds, on every page. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The campaign's latest bulletin number, whatever the filter: the next one issued follows it. */
  latestNumber: z.number().int().nullable(),
});
export const fileQuery = z.object({
  format: z.enum(FORMATS).default('pdf'),
  lang: z.enum(LANGS).default('zh-CN'),
});
export const draftQuery = fileQuery.extend({ asOf: isoDate.optional() });
export const xlsxQuery = z.object({ asOf: isoDate.optional(), lang: z.enum(LANGS).default('zh-CN') });

/** Next year's follow-on campaign for the unfinished task (carry-over). */
export const continueInput = z.object({
  name: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.name),
  startOn: isoDate,
  deadlineOn: isoDate,
});
export const continueOut = z.object({
  campaign: z.string(),
  from: z.string(),
  /** The units below their own target at the year end, whose still-active persons are carried over. */
  units: z.array(z.string()),
  persons: z.number().int(),
  baselineDigest: z.string().nullable(),
});
export const scanResponse = fileAnswer('The scan, with the media type it was recognised as', [
  'pdf',
  'png',
  'jpeg',
]);
export const fileResponse = fileAnswer('The file', ['pdf', 'html', 'xlsx', 'docx']);

// ——— Official documents' settings ———

const setting = z.string().trim().max(LIMITS.name).optional();
/** Each setting optional; an empty string clears it back to its default. */
export const documentSettingsInput = z
  .object({
    authority: setting,
    prefix: setting,
    issuer: setting,
    recipients: setting,
    copiesTo: setting,
    printedBy: setting,
    noticeIssuers: setting,
  })
  .strict();
const effectiveSettings = z.object({
  authority: z.string(),
  prefix: z.string(),
  issuer: z.string().nullable(),
  recipients: z.string(),
  copiesTo: z.string().nullable(),
  printedBy: z.string(),
  noticeIssuers: z.string().nullable(),
});
export const documentSettingsOut = z.object({
  /** What the campaign has set; the rest prints its default. */
  stored: effectiveSettings.partial(),
  effective: effectiveSettings,
});
