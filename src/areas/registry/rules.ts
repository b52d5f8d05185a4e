import { type IsoDate, isIsoDate } from '../../shared/dates.ts';
import type { Problem, Refusal } from '../../shared/errors.ts';
import { looksLikeUnitCode } from '../units/rules.ts';

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

/**
 * What is wrong with a valid row as a listing of ours, if anything: a listing date still to come,
 * or a unit code that names none of our units (an outside agency is written by its name).
 */
export function listingProblem(
  f: { listed_on: IsoDate; listing_agency: string },
  today: IsoDate,
  knownUnit: boolean,
): Problem | null {
  if (f.listed_on > today)
    return {
      field: 'listed_on',
      code: 'in_future',
      message: `is in the future (${f.listed_on})`,
      params: { value: f.listed_on },
    };
  if (!knownUnit && looksLikeUnitCode(f.listing_agency))
    return {
      field: 'listing_agency',
      code: 'unknown_unit_or_agency',
      message: `unknown unit ${f.listing_agency} (write an outside agency by its name)`,
      params: { unit: f.listing_agency },
    };
  return null;
}

/** The fields of a listing that a correction may change, as the API names them and as the table does. */
export const CORRECTABLE_FIELDS = {
  name: 'name',
  sex: 'sex',
  birthDate: 'birth_date',
  idNumber: 'id_number',
  crimeCategory: 'crime_category',
  offence: 'offence',
  caseNo: 'case_no',
  listingAgency: 'listing_agency',
  listedOn: 'listed_on',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;
type Column = (typeof CORRECTABLE_FIELDS)[CorrectableField];
/** A listing's correctable columns, as the table holds them. */
export type CorrectableColumns = Readonly<Record<Column, string | null>>;

/** The fields of a new listing: its number and the correctable ones. */
export const LISTING_FIELDS = { listingNo: 'listing_no', ...CORRECTABLE_FIELDS } as const;
export type ListingField = keyof typeof LISTING_FIELDS;

/** The API's name of a listing column (`id_number` → `idNumber`), for refusals of a form. */
export function fieldOfColumn(column: string): string {
  return Object.entries(LISTING_FIELDS).find(([, c]) => c === column)?.[0] ?? column;
}

/** The columns the figures read a listing's person from: changing one moves the figures. */
const FIGURE_COLUMNS: readonly Column[] = ['listing_agency', 'listed_on', 'crime_category'];

export interface FieldChange {
  field: CorrectableField;
  from: string | null;
  to: string | null;
}

/** What a correction changes, field by field, in the API's field names; empty when nothing. */
export function correctionChanges(before: CorrectableColumns, after: CorrectableColumns): FieldChange[] {
  return (Object.entries(CORRECTABLE_FIELDS) as [CorrectableField, Column][])
    .filter(([, column]) => before[column] !== after[column])
    .map(([field, column]) => ({ field, from: before[column], to: after[column] }));
}

/** The columns that say who the person is: changing one may make them look like another person. */
const IDENTITY_COLUMNS: readonly Column[] = ['name', 'sex', 'birth_date', 'id_number'];

/** Whether changes touch who the person is (name, sex, birth date, ID number). */
export function changesIdentity(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => IDENTITY_COLUMNS.includes(CORRECTABLE_FIELDS[c.field]));
}

/** Whether changes move the figures (the person's unit, listing date or homicide flag). */
export function changesFigures(changes: readonly FieldChange[]): boolean {
  return changes.some((c) => FIGURE_COLUMNS.includes(CORRECTABLE_FIELDS[c.field]));
}

/**
 * Why nothing more is done on a listing, or null: it is withdrawn (entered by mistake), so nobody
 * is wanted on it: no claim, tip, case owner or four ones. Its case page still shows it.
 */
export function withdrawnListingRefusal(f: { listing_no: string; withdrawn: unknown }): Refusal | null {
  if (!f.withdrawn) return null;
  return {
    code: 'listing_withdrawn',
    message: `listing ${f.listing_no} was withdrawn as entered by mistake: nobody is wanted on it`,
    params: { listingNo: f.listing_no },
  };
}

/** Where a request to withdraw a listing (entered by mistake) stands. */
export type WithdrawalStatus = 'asked' | 'approved' | 'refused';

/** What the withdrawal rules read of a listing: its requests so far and the claims on it. */
export interface WithdrawalState {
  listingNo: string;
  /** The statuses of its withdrawal requests, oldest first. */
  withdrawals: readonly { status: WithdrawalStatus; askedBy: string }[];
  /** The statuses of the clearance claims on this listing. */
  claims: readonly string[];
}

/** Claims that say the person was really there to be caught: a listing with one is no mistake to withdraw. */
const CLAIMS_AGAINST_WITHDRAWAL = ['pending', 'approved', 'verified', 'conflict'];

/**
 * Why a listing's withdrawal cannot be asked for now, or null: it is withdrawn already, a request
 * waits for a commander, or a clearance claim on it is pending or verified (a claim on a listing
 * says someone was caught on it; an inspector must turn the claim down first).
 */
export function withdrawalRequestRefusal(s: WithdrawalState): Refusal | null {
  const params = { listingNo: s.listingNo };
  if (s.withdrawals.some((w) => w.status === 'approved'))
    return { code: 'already_withdrawn', message: `listing ${s.listingNo} is withdrawn already`, params };
  if (s.withdrawals.some((w) => w.status === 'asked'))
    return {
      code: 'withdrawal_pending',
      message: `the withdrawal of listing ${s.listingNo} already waits for a commander`,
      params,
    };
  const claim = s.claims.find((c) => CLAIMS_AGAINST_WITHDRAWAL.includes(c));
  if (claim)
    return {
      code: 'withdrawal_claim_stands',
      message: `a ${claim} clearance claim stands on listing ${s.listingNo}: it must be turned down before the listing is withdrawn`,
      params: { ...params, status: claim },
    };
  return null;
}

/**
 * Why this commander cannot decide the listing's withdrawal request now, or null: none waits, the
 * commander asked for it (a second person decides), or (to approve) a claim came to stand on the
 * listing meanwhile.
 */
export function withdrawalDecisionRefusal(
  s: WithdrawalState,
  decider: string,
  approve: boolean,
): Refusal | null {
  const params = { listingNo: s.listingNo };
  const asked = s.withdrawals.find((w) => w.status === 'asked');
  if (!asked)
    return {
      code: 'no_withdrawal_asked',
      message: `no withdrawal of listing ${s.listingNo} waits for a decision`,
      params,
    };
  if (asked.askedBy === decider)
    return {
      code: 'own_withdrawal',
      message: 'who asked for a withdrawal cannot decide it: another commander does',
      params,
    };
  if (approve) {
    const claim = s.claims.find((c) => CLAIMS_AGAINST_WITHDRAWAL.includes(c));
    if (claim)
      return {
        code: 'withdrawal_claim_stands',
        message: `a ${claim} clearance claim stands on listing ${s.listingNo}: it must be turned down before the listing is withdrawn`,
        params: { ...params, status: claim },
      };
  }
  return null;
}
