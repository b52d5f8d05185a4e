import { type IsoDate, isIsoDate } from '../../shared/dates.ts';

export const CRIME_CATEGORIES = [
  'homicide',
  'robbery',
  'rape',
  'kidnapping',
  'arson',
  'drugs',
  'fraud',
  'theft',
  'assault',
  'other',
] as const;
export type CrimeCategory = (typeof CRIME_CATEGORIES)[number];

/** 案件类别 as bureaus write them; the first label of each category is the one templates offer. */
export const CRIME_CATEGORY_LABELS: Readonly<Record<string, CrimeCategory>> = {
  故意杀人: 'homicide',
  杀人: 'homicide',
  抢劫: 'robbery',
  强奸: 'rape',
  绑架: 'kidnapping',
  放火: 'arson',
  毒品: 'drugs',
  诈骗: 'fraud',
  盗窃: 'theft',
  故意伤害: 'assault',
  伤害: 'assault',
  其他: 'other',
};

export type Sex = 'M' | 'F';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits of a resident ID number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

export type IdNumberCheck =
  | { ok: true; birthDate: IsoDate; sex: Sex }
  | { ok: false; reason: string; code: string; params: Record<string, string> };

/**
 * Validates an 18-character resident ID number: digits, a real birth date, and the check character.
 * The birth date and sex (odd sequence = male) it encodes are returned for cross-checks.
 */
export function checkIdNumber(id: string): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(id))
    return {
      ok: false,
      reason: 'must be 17 digits and a digit or X (18 characters)',
      code: 'id_format',
      params: {},
    };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate))
    return {
      ok: false,
      reason: `encodes an impossible birth date ${birthDate}`,
      code: 'id_birth_date',
      params: { date: birthDate },
    };
  const expected = idCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected)
    return {
      ok: false,
      reason: `check digit is ${id[17]}, expected ${expected}`,
      code: 'id_check_digit',
      params: { found: id[17]!, expected },
    };
  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'M' : 'F' };
}
