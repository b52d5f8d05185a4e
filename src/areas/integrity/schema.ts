import { z } from 'zod';
import { campaignParam } from '../../shared/fields.ts';
import { ANOMALY_RULES, DEFAULT_THRESHOLDS } from './types.ts';
import { ANOMALY_STATUSES } from './queue-rules.ts';
import { LIMITS } from '../../shared/limits.ts';

const count = (max: number) => z.number().int().min(1).max(max);

/** A campaign's integrity settings: the rules' thresholds and the weekly sample size. */
export const integritySettings = z.object({
  relistWithinDays: count(3650),
  spikeWindowDays: count(365),
  spikeMinCount: count(10_000),
  spikeFactor: z.number().gt(0).max(100),
  backdatedAfterDays: z.number().int().min(0).max(3650),
  jumpMinCaptures: count(10_000),
  jumpSigmas: z.number().gt(0).max(20),
  jumpMinWeeks: count(52),
  jumpMinSd: z.number().min(0).max(1000),
  jumpMinSdPoisson: z.number().min(0).max(10),
  sampleSize: count(1000),
});
export type IntegritySettings = z.output<typeof integritySettings>;

export const DEFAULT_SETTINGS: IntegritySettings = { ...DEFAULT_THRESHOLDS, sampleSize: 10 };

export { campaignParam };
export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const anomaliesQuery = z.object({
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
  status: z.enum(ANOMALY_STATUSES).optional(),
  rule: z.enum(ANOMALY_RULES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const anomalyOut = z.object({
  id: z.number().int(),
  campaign: z.string(),
  rule: z.enum(ANOMALY_RULES),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  listingNo: z.string().nullable(),
  /** The reason in English (as the CLI prints it). */
  reason: z.string(),
  /** The figures of the reason, for saying it in the reader's language. */
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
  claimIds: z.array(z.number().int()),
  /** The same claims with their listing numbers, to link each to its case page. */
  claims: z.array(z.object({ id: z.number().int(), listingNo: z.string() })),
  status: z.enum(ANOMALY_STATUSES),
  foundAt: z.string(),
  lastSeenAt: z.string(),
  handledBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type AnomalyOut = z.output<typeof anomalyOut>;

export const anomaliesOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Findings by status in the caller's units, whatever the filters. */
  // Spelled out (not a record over the statuses) so the document lists each count as a property.
  counts: z.object({
    open: z.number().int(),
    investigating: z.number().int(),
    confirmed: z.number().int(),
    dismissed: z.number().int(),
  }) satisfies z.ZodType<Record<(typeof ANOMALY_STATUSES)[number], number>>,
  items: z.array(anomalyOut),
});

export const scanInput = z.object({ campaign: z.string().trim().min(1).max(LIMITS.name).optional() });
export const scanOut = z.object({
  campaign: z.string(),
  /** Findings of this run. */
  found: z.number().int(),
  /** Of them, new to the queue. */
  added: z.number().int(),
});

export const transitionInput = z.object({
  to: z.enum(['investigating', 'confirmed', 'dismissed']),
  note: z.string().trim().max(LIMITS.reason).default(''),
  rejectClaimIds: z.array(z.number().int().positive()).max(500).default([]),
});
export type TransitionInput = z.output<typeof transitionInput>;

export const sampleInput = z.object({
  campaign: z.string().trim().min(1).max(LIMITS.name).optional(),
  /** Week of the campaign (1: the week of the launch date); default: the last whole week. */
  week: z.number().int().min(1).max(520).optional(),
});

export const checkParam = z.object({
  id: z.coerce.number().int().positive(),
  clearanceId: z.coerce.number().int().positive(),
});
export const checkInput = z.object({
  result: z.enum(['consistent', 'discrepancy']),
  note: z.string().trim().max(LIMITS.reason).default(''),
});

/** A recorded re-check. */
export const checkOut = z.object({
  result: checkInput.shape.result,
  note: z.string().nullable(),
  checked_by: z.string(),
  checked_at: z.string(),
});

export const sampleOut = z.object({
  id: z.number().int(),
  campaign: z.string(),
  /** Week of the campaign, 1 being the week of the launch date. */
  week: z.number().int(),
  from: z.string(),
  to: z.string(),
  seed: z.string(),
  candidates: z.number().int(),
  drawnAt: z.string(),
  drawnBy: z.string(),
  checks: z.array(
    z.object({
      clearanceId: z.number().int(),
      listingNo: z.string(),
      kind: z.string(),
      occurredOn: z.string(),
      unit: z.string().nullable(),
      evidenceRef: z.string().nullable(),
      result: z.enum(['consistent', 'discrepancy']).nullable(),
      note: z.string().nullable(),
      checkedBy: z.string().nullable(),
      checkedAt: z.string().nullable(),
    }),
  ),
});
export type SampleOut = z.output<typeof sampleOut>;
export const samplesOut = z.object({ items: z.array(sampleOut) });

/** A signed anchor, as the API returns it and as the inspectorate keeps it (a JSON line each). */
export const anchorOut = z.object({
  seq: z.number().int().positive(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
export const anchorsOut = z.object({ items: z.array(anchorOut) });

export const historyOut = z.object({
  ok: z.boolean(),
  chain: z.object({
    ok: z.boolean(),
    events: z.number().int(),
    head: z.string().optional(),
    brokenAt: z.number().int().optional(),
    reason: z.string().optional(),
  }),
  anchors: z.number().int(),
  anchorProblems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
  signaturesChecked: z.boolean(),
  records: z.object({
    compared: z.number().int(),
    drifted: z.array(z.object({ id: z.number().int(), fields: z.array(z.string()) })),
  }),
  /**
   * With ?deep=true: every row of the tables the figures read against the latest seal, and every
   * withdrawal of a listing against its audit events.
   */
  deep: z
    .object({
      seal: z.object({ seq: z.number().int(), at: z.string() }).optional(),
      brokenSeals: z.array(z.string()),
      compared: z.number().int(),
      explained: z.number().int(),
      differences: z.array(
        z.object({ table: z.string(), key: z.string(), change: z.enum(['changed', 'removed', 'added']) }),
      ),
      /** Campaigns whose kept counts (what the figures read) differ from the facts the persons give. */
      keptFigures: z.array(
        z.object({
          campaign: z.string(),
          differences: z.array(
            z.object({
              kind: z.enum(['listings', 'baseline', 'captures', 'persuasions']),
              fact: z.record(z.string(), z.unknown()),
              expected: z.number().int(),
              kept: z.number().int(),
            }),
          ),
        }),
      ),
      /** Every withdrawal of a listing against its audit events: those that differ, with the fields. */
      withdrawals: z.object({
        compared: z.number().int(),
        drifted: z.array(
          z.object({ id: z.number().int(), listingNo: z.string(), fields: z.array(z.string()) }),
        ),
      }),
      ok: z.boolean(),
    })
    .optional(),
});
