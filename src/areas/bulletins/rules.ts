// The daily bulletin (每日通报) as data: a list of sections that every renderer (HTML, PDF, XLSX)
// walks in order. A new kind of section is one more member of `BulletinSection` and one more case
// in each renderer. The bulletins service gathers it; src/reports/ only renders it.
import type { AnomalyRule } from '../integrity/types.ts';
import type { NoticeKind } from '../supervision/rules.ts';
import type { PaceOut } from '../campaigns/schema.ts';
import type { UnitKind } from '../units/rules.ts';
import type { IsoDate } from '../../shared/dates.ts';

export interface UnitRef {
  code: string;
  name: string;
}

/** A unit's place in a ranking. Fields marked optional are absent from bulletins issued before they existed. */
export interface RankedUnit extends UnitRef {
  kind?: UnitKind;
  parentName?: string | null;
  rank: number;
  baseline: number;
  cleared: number;
  declineRate: number | null;
  target?: number;
  captures: number;
  arrests?: number;
  surrenders?: number;
  newListings?: number;
  onTrack: boolean | null;
  /** When the unit reaches its target at the last 7 days' pace; null: not at this pace. */
  projectedOn?: IsoDate | null;
}

/** A person taken out of the frozen baseline: a listing proven entered in error. */
export interface BaselineCorrection {
  listingNos: string[];
  unit: UnitRef;
  reason: string;
  correctedBy: string;
  correctedOn: IsoDate;
}

/** The homicide figures (命案逃犯) of one unit. */
export interface HomicideRow extends UnitRef {
  baseline: number;
  cleared: number;
  declineRate: number | null;
  captures: number;
}

export type BulletinSection =
  | {
      kind: 'headline';
      baseline: number;
      cleared: number;
      declineRate: number | null;
      netDeclineRate: number | null;
      trajectory: number;
      capturesLocal: number;
      capturesRemote: number;
      arrests?: number;
      surrenders?: number;
      newListings?: number;
      cancellations: number;
      activeNow: number;
      daysLeft: number;
      /** The city's pace and forecast (absent from bulletins issued before it was printed). */
      pace?: PaceOut;
    }
  | { kind: 'trend'; points: { date: IsoDate; declineRate: number | null; trajectory: number }[] }
  | { kind: 'ranking'; units: RankedUnit[] }
  /** The issuing unit's homicide figures first, then those of the level below it. */
  | { kind: 'homicide'; units: HomicideRow[] }
  | {
      kind: 'lagging';
      trajectory: number;
      lagging: (UnitRef & { declineRate: number | null })[];
      zeroResult: UnitRef[];
    }
  | {
      kind: 'four-ones';
      units: (UnitRef & { fugitives: number; complete: number; completeShare: number | null })[];
    }
  | {
      kind: 'notices';
      notices: (UnitRef & { kind: NoticeKind; text: string; issuedOn: IsoDate })[];
      /** Fabricated results inspectors confirmed since the previous bulletin: criticised by name. */
      fabrications: {
        unit: UnitRef | null;
        listingNo: string | null;
        rule: AnomalyRule;
        note: string;
        confirmedOn: IsoDate;
      }[];
      /** Rectification items past their deadline without the unit's report (supervision). */
      overdueRectification?: (UnitRef & { problem: string; deadlineOn: IsoDate; daysOverdue: number })[];
    }
  | {
      kind: 'day-results';
      date: IsoDate;
      items: {
        listingNo: string;
        name: string;
        kind: string;
        category: string;
        unit: UnitRef | null;
        remote: boolean;
      }[];
    }
  | {
      kind: 'audit';
      head: string;
      events: number;
      baselineDigest?: string | null;
      /** Every baseline correction made by the end of the bulletin's day, oldest first. */
      corrections?: BaselineCorrection[];
    }
  /** Every police station and squad, ranked among its own kind. */
  | { kind: 'appendix'; units: RankedUnit[] };

export interface BulletinData {
  campaign: { name: string; startOn: IsoDate; deadlineOn: IsoDate; target: number };
  asOf: IsoDate;
  /** The baseline is not frozen yet (absent from bulletins issued before it was printed). */
  provisional?: boolean;
  /** 期号, once issued. */
  number: number | null;
  issuedAt: string | null;
  issuedBy: string | null;
  sections: BulletinSection[];
}

/** How many days back the bulletin prints issued praise and criticism notices. */
export const NOTICE_DAYS = 7;

/** The end of a local day (UTC+8) as an instant. */
export const endOfDay = (date: IsoDate) => `${date}T16:00:00.000Z`;
export const minInstant = (a: string, b: string) => (new Date(a) < new Date(b) ? a : b);
