// The daily bulletin (每日通报) as data: a list of sections that every renderer (HTML, PDF, XLSX)
// walks in order. A new kind of section is one more member of `BulletinSection` and one more case
// in each renderer. The bulletins service gathers it; src/reports/ only renders it.
import type { AnomalyRule } from '../integrity/types.ts';
import type { NoticeKind } from '../supervision/rules.ts';
import type { PaceOut } from '../campaigns/schema.ts';
import type { UnitKind } from '../units/rules.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { Refusal } from '../../shared/errors.ts';

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

/** What an official document (公文, GB/T 9704) prints around its body: the campaign's settings. */
export interface DocumentSettings {
  /** 发文机关: the issuing authority, printed in red above the red line and as the signature. */
  authority: string;
  /** 机关代字: the number's prefix, as in 西公清网〔2011〕12号. */
  prefix: string;
  /** 签发人; the person issuing when none is set. */
  issuer: string | null;
  /** 主送机关. */
  recipients: string;
  /** 抄送机关; none when empty. */
  copiesTo: string | null;
  /** 印发机关. */
  printedBy: string;
  /**
   * The bodies that issue the surrender notice jointly (法院、检察院、公安局、司法局), separated by
   * 、 or a new line; the authority alone when not set.
   */
  noticeIssuers: string | null;
}

/** The official-document header of an issued bulletin: the settings and its number. */
export interface DocumentHeader extends Omit<DocumentSettings, 'prefix' | 'noticeIssuers'> {
  /** 发文字号; null on a draft. */
  number: string | null;
}

/**
 * The document settings of a campaign (stored as JSON, each part optional) with the defaults: the
 * authority is the city bureau (the top unit), its first character + 公清网 the prefix
 * (西宁市公安局 → 西公清网), its office the printer.
 */
export function documentSettings(
  stored: Partial<DocumentSettings> | null,
  cityBureau: string,
): DocumentSettings {
  const authority = stored?.authority || cityBureau;
  return {
    authority,
    prefix: stored?.prefix || `${authority.slice(0, 1)}公清网`,
    issuer: stored?.issuer || null,
    recipients: stored?.recipients || '各分局、县公安局，市局各支队',
    copiesTo: stored?.copiesTo || null,
    printedBy: stored?.printedBy || `${authority}办公室`,
    noticeIssuers: stored?.noticeIssuers || null,
  };
}

/** The surrender notice's issuing bodies in order, each once; the authority when none are set. */
export function issuingBodies(settings: Pick<DocumentSettings, 'authority' | 'noticeIssuers'>): string[] {
  const bodies = (settings.noticeIssuers ?? '')
    .split(/[、，,;；\n]/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return bodies.length > 0 ? [...new Set(bodies)] : [settings.authority];
}

/** 发文字号 as GB/T 9704 writes it: prefix, the year in 〔〕, the sequence without leading zeros, 号. */
export function documentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as written in a date: 十, 十一, 二十, 二十一, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
}

/** The issuing date as GB/T 9704 writes it: 二〇一一年五月十日 (the year digit by digit, 〇 for zero). */
export function chineseDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-');
  const year = [...y!].map((c) => DIGITS[Number(c)]).join('');
  return `${year}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}

export interface BulletinData {
  /** The official-document header (absent from bulletins issued before it was printed). */
  document?: DocumentHeader;
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

/**
 * Why this bulletin may not be issued for its date, or null when it may: one bulletin a date, and a
 * second only as a correction that names the latest one of that date.
 */
export function issueRefusal(
  date: IsoDate,
  /** The bulletins already issued for that date. */
  sameDay: { id: number; number: number }[],
  corrects: number | undefined,
): Refusal | null {
  const latest = sameDay.reduce<{ id: number; number: number } | undefined>(
    (a, b) => (a && a.number > b.number ? a : b),
    undefined,
  );
  if (!latest)
    return corrects === undefined
      ? null
      : {
          code: 'nothing_to_correct',
          message: `no bulletin was issued for ${date} to correct`,
          params: { date },
        };
  if (corrects === undefined)
    return {
      code: 'bulletin_issued',
      message: `bulletin No. ${latest.number} was issued for ${date}: issue a correction of it instead`,
      params: { date, number: latest.number, id: latest.id },
    };
  if (corrects !== latest.id)
    return {
      code: 'corrects_not_latest',
      message: `a correction for ${date} corrects its latest bulletin, No. ${latest.number}`,
      params: { date, number: latest.number, id: latest.id },
    };
  return null;
}
