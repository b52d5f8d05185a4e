// What the anomaly rules read and say. The rules (rules.ts) are pure functions over these facts;
// the repository gathers them, the service runs the rules over a campaign.

/** One clearance claim, as the integrity rules see it. */
export interface ClaimFact {
  id: number;
  fugitiveId: number;
  listingNo: string;
  kind: 'arrest' | 'surrender' | 'death' | 'cancellation';
  /** The date the claim says the person left the list. */
  occurredOn: string;
  /** When the claim was entered (ISO instant): imported history may carry an older one. */
  enteredAt: string;
  /** The claim this one corrects, if any. */
  supersedesId: number | null;
  status: 'pending' | 'approved' | 'verified' | 'rejected' | 'conflict' | 'superseded';
  provenance: 'entry' | 'import';
  evidenceRef: string | null;
  claimedBy: string;
  /**
   * The unit a claim is credited to: for a cancellation the unit that listed the person, for any
   * other claim the claiming unit, else the capturing unit (imports). See `answeringUnit`.
   */
  unitCode: string | null;
  /** The unit of the claimant (null for imported history). */
  claimUnitCode: string | null;
  /** The capturing unit, when ours. */
  capturingUnitCode: string | null;
  decidedBy: string | null;
  /** The unit of the user who verified or rejected it, when known. */
  deciderUnitCode: string | null;
  /** The claim's person is in the campaign's frozen baseline snapshot. */
  inBaseline?: boolean;
}

/** One listing, for the relisting rule. */
export interface ListingFact {
  fugitiveId: number;
  listingNo: string;
  name: string;
  birthDate: string | null;
  idNumber: string | null;
  listedOn: string;
  listingUnitCode: string | null;
}

export interface IntegrityCampaign {
  startOn: string;
  deadlineOn: string;
  /** When the baseline snapshot was frozen (ISO instant); absent or null while provisional. */
  frozenAt?: string | null;
}

/** Campaign settings of the rules; the defaults are the issue's. */
export interface IntegrityThresholds {
  relistWithinDays: number; // 90
  spikeWindowDays: number; // 14
  spikeMinCount: number; // 3
  spikeFactor: number; // 3
  backdatedAfterDays: number; // 30
  jumpMinCaptures: number; // 5
  jumpSigmas: number; // 3
  /** Earlier campaign weeks a unit needs before its week can jump. */
  jumpMinWeeks: number; // 4
  /** The floor under the standard deviation: at least this many captures… */
  jumpMinSd: number; // 1
  /** …and at least this multiple of √mean, the deviation of weekly counts by chance alone (Poisson). */
  jumpMinSdPoisson: number; // 1
}

export const DEFAULT_THRESHOLDS: IntegrityThresholds = {
  relistWithinDays: 90,
  spikeWindowDays: 14,
  spikeMinCount: 3,
  spikeFactor: 3,
  backdatedAfterDays: 30,
  jumpMinCaptures: 5,
  jumpSigmas: 3,
  jumpMinWeeks: 4,
  jumpMinSd: 1,
  jumpMinSdPoisson: 1,
};

export const ANOMALY_RULES = [
  'duplicate-claim',
  'relisted-after-clearance',
  'cancellation-spike',
  'backdated-entry',
  'missing-evidence',
  'self-verified',
  'results-jump',
  'late-baseline-exit',
] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** A finding a person can read: which rule, which unit and listing, why, and the records concerned. */
export interface Anomaly {
  rule: AnomalyRule;
  /** What the finding is about, stable across runs: the queue keeps one entry per key. */
  key: string;
  unit: string | null;
  listingNo: string | null;
  reason: string;
  /** The figures of the reason, so the web app can say it in the reader's language. */
  facts: Record<string, string | number>;
  /** The claims the finding rests on. */
  claimIds: number[];
}
