import { z } from 'zod';
import { isoDate, oneOf, optionalIsoDate, optionalText, text } from '../../shared/fields.ts';
import { rowErrorOut } from '../../import/parsed-rows.ts';
import type { Columns } from '../../import/read-table.ts';
import {
  CORRECTABLE_FIELDS,
  CRIME_CATEGORIES,
  CRIME_CATEGORY_LABELS,
  LISTING_FIELDS,
  type CorrectableField,
  checkIdNumber,
} from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';
import { LANGS } from '../../reports/labels.ts';

export const fugitiveColumns: Columns = {
  required: ['listing_no', 'name', 'crime_category', 'offence', 'listing_agency', 'listed_on'],
  optional: ['sex', 'birth_date', 'id_number', 'case_no', 'published', 'reward'],
  aliases: {
    在逃人员编号: 'listing_no',
    姓名: 'name',
    性别: 'sex',
    出生日期: 'birth_date',
    身份证号: 'id_number',
    公民身份号码: 'id_number',
    案件类别: 'crime_category',
    简要案情: 'offence',
    涉嫌罪名: 'offence',
    案件编号: 'case_no',
    立案单位: 'listing_agency',
    上网单位: 'listing_agency',
    上网日期: 'listed_on',
    是否公开: 'published',
    悬赏金额: 'reward',
  },
};

const SEX: Record<string, 'M' | 'F'> = { m: 'M', male: 'M', 男: 'M', f: 'F', female: 'F', 女: 'F' };
const YES = new Set(['1', 'true', 'yes', 'y', '是']);
const NO = new Set(['', '0', 'false', 'no', 'n', '否']);

/** One row of the fugitives file. */
export const fugitiveRow = z
  .object({
    listing_no: text(LIMITS.code),
    name: text(LIMITS.name),
    sex: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || SEX[v.toLowerCase()] !== undefined, {
        message: 'must be M or F (男/女)',
        params: { code: 'not_a_sex' },
      })
      .transform((v) => (v ? (SEX[v.toLowerCase()] ?? null) : null)),
    birth_date: optionalIsoDate,
    id_number: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .superRefine((v, ctx) => {
        if (!v) return;
        const check = checkIdNumber(v);
        if (!check.ok)
          ctx.addIssue({
            code: 'custom',
            message: check.reason,
            params: { code: check.code, ...check.params },
          });
      })
      .transform((v) => (v ? v : null)),
    crime_category: oneOf(CRIME_CATEGORIES, CRIME_CATEGORY_LABELS),
    offence: text(LIMITS.title),
    case_no: optionalText(LIMITS.documentNumber),
    listing_agency: text(LIMITS.name),
    listed_on: isoDate,
    published: z
      .string()
      .trim()
      .optional()
      .refine((v) => YES.has((v ?? '').toLowerCase()) || NO.has((v ?? '').toLowerCase()), {
        message: 'must be yes or no (1/0, true/false, 是/否)',
        params: { code: 'not_yes_no' },
      })
      .transform((v) => YES.has((v ?? '').toLowerCase())),
    reward: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^\d{1,9}$/.test(v), {
        message: 'must be a whole number of yuan',
        params: { code: 'not_yuan' },
      })
      .transform((v) => (v ? Number(v) : null)),
  })
  .superRefine((f, ctx) => {
    const id = f.id_number ? checkIdNumber(f.id_number) : undefined;
    if (id?.ok && f.birth_date && id.birthDate !== f.birth_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['birth_date'],
        message: `does not match the ID number (${id.birthDate})`,
        params: { code: 'id_mismatch', value: id.birthDate },
      });
    }
    if (id?.ok && f.sex && id.sex !== f.sex) {
      ctx.addIssue({
        code: 'custom',
        path: ['sex'],
        message: `does not match the ID number (${id.sex})`,
        params: { code: 'id_mismatch', value: id.sex },
      });
    }
    const born = f.birth_date ?? (id?.ok ? id.birthDate : null);
    if (born && f.listed_on < born) {
      ctx.addIssue({
        code: 'custom',
        path: ['listed_on'],
        message: `is before the birth date ${born}`,
        params: { code: 'before_birth', date: born },
      });
    }
  });
export type FugitiveInput = z.output<typeof fugitiveRow>;

export const FUGITIVE_SORTS = ['listedOn', '-listedOn', 'listingNo', '-listingNo', 'name', '-name'] as const;

/** Registry search: free text, filters, sorting and paging. */
export const fugitivesQuery = z.object({
  q: z.string().trim().max(LIMITS.name).optional(),
  unit: z.string().trim().max(LIMITS.code).optional(),
  category: z.enum(CRIME_CATEGORIES).optional(),
  /** Without a status: every listing but the withdrawn ones (entered by mistake). */
  status: z.enum(['active', 'cleared', 'withdrawn']).optional(),
  origin: z.enum(['local', 'remote']).optional(),
  published: z.enum(['true', 'false']).optional(),
  listedFrom: isoDate.optional(),
  listedTo: isoDate.optional(),
  sort: z.enum(FUGITIVE_SORTS).default('-listedOn'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FugitivesQuery = z.output<typeof fugitivesQuery>;

/** The roster (在逃人员名单): the registry's filters, as a file in the import's columns. */
export const rosterQuery = fugitivesQuery.omit({ sort: true, page: true, pageSize: true }).extend({
  // A withdrawn listing is in no roster.
  status: z.enum(['active', 'cleared']).optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  lang: z.enum(LANGS).default('zh-CN'),
});
export type RosterQuery = z.output<typeof rosterQuery>;

const unitRef = z.object({ code: z.string(), name: z.string() });

export const fugitiveSummary = z.object({
  listingNo: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  crimeCategory: z.enum(CRIME_CATEGORIES),
  offence: z.string(),
  listingAgency: z.string(),
  listingUnit: unitRef.nullable(),
  listedOn: z.string(),
  published: z.boolean(),
  reward: z.number().nullable(),
  /** `withdrawn`: entered by mistake and withdrawn (kept on record, out of every list and figure). */
  status: z.enum(['active', 'cleared', 'withdrawn']),
  exit: z.object({ on: z.string(), kind: z.string() }).nullable(),
});

export type FugitiveSummary = z.output<typeof fugitiveSummary>;

export const fugitivePage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(fugitiveSummary),
});

export const timelineEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.unknown(),
});

export const listingNoParam = z.object({ listingNo: z.string().min(1).max(LIMITS.code) });

/** Optional text of a form or command: written as in an import file and checked the same way. */
const asWritten = z.string().max(LIMITS.title).optional();

/** Each of these fields as optional written text (the rules' field tables name them once). */
function writtenFields<F extends string>(fields: Record<F, string>) {
  return Object.fromEntries(Object.keys(fields).map((f) => [f, asWritten])) as Record<F, typeof asWritten>;
}

/**
 * A correction of a listing: the fields to change, each written as an import file would (男/女,
 * 盗窃, 2011年10月17日, a unit's code or name; an empty text clears an optional field), and why.
 */
export const correctionInput = z
  .object({
    changes: z.object(writtenFields(CORRECTABLE_FIELDS)).strict(),
    reason: text(LIMITS.reason),
  })
  .strict()
  .meta({
    example: {
      changes: { name: '张叁', birthDate: '1980-03-05' },
      reason: '户籍核对：姓名、出生日期录入错误',
    },
  });
export type CorrectionInput = z.input<typeof correctionInput>;

/** A single new listing, written as a row of an import file (without publication, which publicity decides). */
export const newListingInput = z
  .object(writtenFields(LISTING_FIELDS))
  .strict()
  .meta({
    example: {
      listingNo: 'T630102201100777',
      name: '王某',
      sex: '男',
      idNumber: '630102198003050014',
      crimeCategory: '盗窃',
      offence: '入室盗窃',
      listingAgency: '630102-01',
      listedOn: '2011-10-20',
    },
  });
export type NewListingInput = z.input<typeof newListingInput>;

const fieldChange = z.object({
  field: z.enum(Object.keys(CORRECTABLE_FIELDS) as [CorrectableField, ...CorrectableField[]]),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const correctionOut = z.object({
  listingNo: z.string(),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  changes: z.array(fieldChange),
  /** Whether the figures move (the person's unit, listing date or homicide flag changed). */
  figuresChanged: z.boolean(),
  /**
   * The frozen baselines the person stays in as they were frozen, when the figures moved: only a
   * commander's baseline correction changes a frozen baseline.
   */
  frozenBaselines: z.array(z.object({ campaign: z.string(), unit: unitRef })),
  /**
   * How many person matches the corrected name, sex, birth date or ID number newly suggests (they
   * wait on the suggested-matches page for an inspector).
   */
  suggestedMatches: z.number().int(),
});
export type CorrectionOut = z.output<typeof correctionOut>;

/** A request to withdraw a listing entered by mistake (its unit asks; a commander decides). */
export const withdrawalInput = z
  .object({ reason: text(LIMITS.reason) })
  .strict()
  .meta({ example: { reason: '重复录入：与 T630102201100776 为同一案同一人' } });
export type WithdrawalInput = z.input<typeof withdrawalInput>;

/** A commander's decision on a withdrawal: approve, or refuse with a reason. */
export const withdrawalDecisionInput = z
  .object({
    approve: z.boolean(),
    reason: z.string().trim().max(LIMITS.reason).optional(),
  })
  .strict()
  .meta({ example: { approve: false, reason: '该人确有在逃事实，非误录' } });
export type WithdrawalDecisionInput = z.input<typeof withdrawalDecisionInput>;

export const withdrawalOut = z.object({
  id: z.number().int(),
  listingNo: z.string(),
  /** `asked` (waits for a commander), `approved` (the listing is withdrawn) or `refused`. */
  status: z.enum(['asked', 'approved', 'refused']),
  reason: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type WithdrawalOut = z.output<typeof withdrawalOut>;

export const withdrawalDecisionOut = withdrawalOut.extend({
  /**
   * The frozen baselines that still hold the listing's person. A withdrawal does not change a
   * frozen baseline: a commander's baseline correction takes a person entered in error out of one.
   */
  frozenBaselines: z.array(z.object({ campaign: z.string(), unit: unitRef })),
  /** The person's other listings still standing (then the person is no mistake as a whole). */
  otherListings: z.array(z.string()),
});
export type WithdrawalDecisionOut = z.output<typeof withdrawalDecisionOut>;

/** A withdrawal waiting for a commander, with its listing. */
export const askedWithdrawal = withdrawalOut.extend({
  name: z.string(),
  listingAgency: z.string(),
  listingUnit: unitRef.nullable(),
});

/** Reconciliation with the national list: the date, the unit, the campaign whose baselines are shown. */
export const reconciliationQuery = z.object({
  asOf: isoDate.optional(),
  unit: z.string().trim().max(LIMITS.code).optional(),
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
  lang: z.enum(LANGS).default('zh-CN'),
});

const listStatus = z.enum(['active', 'cleared']);
const reconciledEntry = z.object({
  row: z.number().int().optional(),
  listingNo: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  listingAgency: z.string(),
  listedOn: z.string(),
  status: listStatus,
  unit: unitRef.nullable(),
});
const differenceCounts = {
  onlyThere: z.number().int(),
  onlyHere: z.number().int(),
  statusDiffers: z.number().int(),
  fieldsDiffer: z.number().int(),
  /** At large on the national list, withdrawn here as entered by mistake. */
  withdrawnHere: z.number().int(),
};

export const reconciliationOut = z.object({
  asOf: z.string(),
  unit: unitRef.nullable(),
  counts: z.object({
    there: z.number().int(),
    here: z.number().int(),
    ...differenceCounts,
    unreadable: z.number().int(),
  }),
  onlyThere: z.array(reconciledEntry),
  onlyHere: z.array(reconciledEntry),
  statusDiffers: z.array(
    z.object({
      listingNo: z.string(),
      name: z.string(),
      unit: unitRef.nullable(),
      here: listStatus,
      there: listStatus,
    }),
  ),
  fieldsDiffer: z.array(
    z.object({
      listingNo: z.string(),
      unit: unitRef.nullable(),
      fields: z.array(
        z.object({
          field: z.enum(['name', 'idNumber', 'listingAgency']),
          here: z.string().nullable(),
          there: z.string().nullable(),
        }),
      ),
    }),
  ),
  withdrawnHere: z.array(reconciledEntry),
  unreadable: z.array(rowErrorOut),
  byUnit: z.array(z.object({ unit: unitRef.nullable(), ...differenceCounts })),
  baseline: z.object({ campaign: z.string(), ours: z.number().int(), national: z.number().int() }).nullable(),
});
