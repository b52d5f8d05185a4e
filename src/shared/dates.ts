/** Calendar dates are ISO `YYYY-MM-DD` strings everywhere: they compare correctly as strings. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written as `YYYY-MM-DD` (rejects 2011-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const WRITTEN_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A date as people write it in a spreadsheet (2011-10-17, 2011/10/17, 2011.10.17, 2011年10月17日,
 * with or without leading zeros) as `YYYY-MM-DD`; undefined when it is not a real date.
 */
export function normalizeDate(value: string): IsoDate | undefined {
  const m = WRITTEN_DATE.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const BUREAU_OFFSET_MS = 8 * 3_600_000;

/** The calendar date of an instant, in the bureau's time zone (UTC+8, China has no DST). */
export function localDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + BUREAU_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instants [from, to) of a day of the bureau's calendar, in ISO form. */
export function localDayBounds(date: IsoDate): { from: string; to: string } {
  const start = Date.parse(date) - BUREAU_OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}
