// Daily and weekly returns up the chain (日报/周报): each sub-bureau reports to the city, the city to
// the provincial department. A return covers a period ending on its date, gives the unit's figures
// and the level below's (cumulative, and what moved in the period), and the period's verified
// results; it counts as submitted when the unit's leader confirms it, and is late after the cut-off.
import type { IsoDate } from '../../shared/dates.ts';
import { addDays, localDayBounds } from '../../shared/dates.ts';
import type { UnitStanding } from '../campaigns/rules.ts';

export const RETURN_PERIODS = ['daily', 'weekly'] as const;
export type ReturnPeriod = (typeof RETURN_PERIODS)[number];

/** Local time by which a day's return is due, unless the campaign sets another. */
export const DEFAULT_RETURN_CUTOFF = '18:00';

/** The days a return covers: its date alone, or the seven days ending on it. */
export function returnPeriod(period: ReturnPeriod, on: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: period === 'daily' ? on : addDays(on, -6), to: on };
}

export interface ReturnRow {
  code: string;
  name: string;
  baseline: number;
  cleared: number;
  /** Cleared within the period. */
  clearedInPeriod: number;
  declineRate: number | null;
  target: number;
  arrests: number;
  surrenders: number;
  /** Captures of fugitives listed elsewhere (协外抓获), cumulative. */
  capturesRemote: number;
  newListings: number;
  newListingsInPeriod: number;
  homicideBaseline: number;
  homicideCleared: number;
  activeNow: number;
}

type Figures = Pick<
  UnitStanding,
  | 'code'
  | 'name'
  | 'baseline'
  | 'cleared'
  | 'declineRate'
  | 'target'
  | 'captures'
  | 'newListings'
  | 'homicide'
  | 'activeNow'
>;

/**
 * A unit's row of the return: its figures at the period's end, and what moved since the day before
 * the period (`before`; absent when the period starts before the campaign had figures).
 */
export function returnRow(end: Figures, before: Figures | undefined): ReturnRow {
  return {
    code: end.code,
    name: end.name,
    baseline: end.baseline,
    cleared: end.cleared,
    clearedInPeriod: end.cleared - (before?.cleared ?? 0),
    declineRate: end.declineRate,
    target: end.target,
    arrests: end.captures.arrests,
    surrenders: end.captures.surrenders,
    capturesRemote: end.captures.remote,
    newListings: end.newListings,
    newListingsInPeriod: end.newListings - (before?.newListings ?? 0),
    homicideBaseline: end.homicide.baseline,
    homicideCleared: end.homicide.cleared,
    activeNow: end.activeNow,
  };
}

export type SubmissionState = 'submitted' | 'late' | 'missing' | 'due';

export interface Submission {
  by: string;
  at: string;
}

/** A unit's return: the data every format of it renders. */
export interface UnitReturn {
  campaign: { name: string; startOn: IsoDate; deadlineOn: IsoDate; target: number };
  /** Who the return goes to: the parent unit; null for the city's, which goes to the province. */
  recipient: string | null;
  unit: { code: string; name: string };
  period: ReturnPeriod;
  from: IsoDate;
  to: IsoDate;
  /** The unit first, then each unit of the level below. */
  rows: ReturnRow[];
  /** The period's verified results credited to the unit or a unit below it. */
  results: { listingNo: string; name: string; kind: string; category: string; unit: string | null }[];
  dueAt: string;
  submission: (Submission & { state: SubmissionState }) | null;
}

/** The instant (ISO) a return dated `on` is due: the cut-off, local time, on that day. */
export function dueAt(on: IsoDate, cutoff: string): string {
  const [hours, minutes] = cutoff.split(':').map(Number);
  return new Date(Date.parse(localDayBounds(on).from) + (hours! * 60 + minutes!) * 60_000).toISOString();
}

/**
 * Where a unit's return stands: confirmed by the cut-off (submitted) or after it (late); not
 * confirmed and the cut-off has passed (missing) or not yet (due). Times are ISO instants.
 */
export function submissionState(submittedAt: string | null, due: string, now: string): SubmissionState {
  if (submittedAt !== null) return submittedAt <= due ? 'submitted' : 'late';
  return now > due ? 'missing' : 'due';
}

/** A cut-off time as written in settings: HH:MM on the 24-hour clock. */
export function isCutoff(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * Who confirms a unit's return: its own leader; the city's, a commander (the city bureau's leaders).
 * Units are told apart by id on the server and by code in the browser.
 */
export function mayConfirm<K>(
  user: { unit: K; roles: readonly string[] },
  unit: { id: K; top: boolean },
): boolean {
  if (unit.top) return user.roles.includes('commander');
  return user.unit === unit.id && user.roles.includes('leader');
}

/** A return's file: .xlsx, or the official document as .docx or PDF. */
export const RETURN_FILE_FORMATS = ['xlsx', 'docx', 'pdf'] as const;
export type ReturnFileFormat = (typeof RETURN_FILE_FORMATS)[number];
