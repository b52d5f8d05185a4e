import { describe, expect, it } from 'vitest';
import {
  type CorrectableColumns,
  changesFigures,
  changesIdentity,
  checkIdNumber,
  correctionChanges,
  fieldOfColumn,
  idCheckCharacter,
  listingProblem,
  withdrawalDecisionRefusal,
  withdrawalRequestRefusal,
} from './rules.ts';

describe('resident ID numbers (GB 11643)', () => {
  it.each(['11010519491231002X', '440524188001010014', '34052419800101001X'])(
    'accepts %s from the standard',
    (id) => {
      expect(checkIdNumber(id).ok).toBe(true);
    },
  );

  it('rejects a wrong check digit and says which was expected', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({
      ok: false,
      reason: 'check digit is 1, expected X',
      code: 'id_check_digit',
      params: { found: '1', expected: 'X' },
    });
  });

  it('rejects impossible birth dates, wrong length and letters', () => {
    expect(checkIdNumber('110105194902300019').ok).toBe(false);
    expect(checkIdNumber('11010519491231002').ok).toBe(false);
    expect(checkIdNumber('11010519491231002x').ok).toBe(false);
  });

  it('reads birth date and sex from the number', () => {
    expect(checkIdNumber('440524188001010014')).toEqual({ ok: true, birthDate: '1880-01-01', sex: 'M' });
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'F' });
  });

  it('computes the check character of the standard examples', () => {
    expect(idCheckCharacter('34052419800101001')).toBe('X');
  });
});

describe('corrections of a listing', () => {
  const listing: CorrectableColumns = {
    name: '张三',
    sex: null,
    birth_date: null,
    id_number: null,
    crime_category: 'theft',
    offence: '盗窃',
    case_no: 'A1',
    listing_agency: 'P1',
    listed_on: '2005-03-01',
  };

  it('names each changed field by its API name with the old and new value', () => {
    expect(correctionChanges(listing, { ...listing, name: '张叁', case_no: null })).toEqual([
      { field: 'name', from: '张三', to: '张叁' },
      { field: 'caseNo', from: 'A1', to: null },
    ]);
    expect(correctionChanges(listing, { ...listing })).toEqual([]);
  });

  it('moves the figures only with the unit, the listing date or the crime category', () => {
    const figures = (change: Partial<typeof listing>) =>
      changesFigures(correctionChanges(listing, { ...listing, ...change }));
    expect(figures({ name: '李四', offence: '诈骗', case_no: null })).toBe(false);
    expect(figures({ listing_agency: 'P2' })).toBe(true);
    expect(figures({ listed_on: '2005-03-02' })).toBe(true);
    expect(figures({ crime_category: 'homicide' })).toBe(true);
  });

  it('touches who the person is only with the name, sex, birth date or ID number', () => {
    const identity = (change: Partial<typeof listing>) =>
      changesIdentity(correctionChanges(listing, { ...listing, ...change }));
    expect(identity({ offence: '诈骗', case_no: null, listing_agency: 'P2', crime_category: 'fraud' })).toBe(
      false,
    );
    expect(identity({ name: '李四' })).toBe(true);
    expect(identity({ sex: 'M' })).toBe(true);
    expect(identity({ birth_date: '1980-01-01' })).toBe(true);
    expect(identity({ id_number: '630102198001010011' })).toBe(true);
  });

  it('refuses a future listing date and a unit code that is none of ours, but takes an agency name', () => {
    const row = { listed_on: '2011-01-01', listing_agency: 'P9' };
    expect(listingProblem({ ...row, listed_on: '2011-01-02' }, '2011-01-01', true)?.code).toBe('in_future');
    expect(listingProblem(row, '2011-01-01', false)?.code).toBe('unknown_unit_or_agency');
    expect(listingProblem(row, '2011-01-01', true)).toBeNull();
    expect(listingProblem({ ...row, listing_agency: '兰州市公安局' }, '2011-01-01', false)).toBeNull();
    expect(fieldOfColumn('listing_agency')).toBe('listingAgency');
  });
});

describe('withdrawal of a listing entered by mistake', () => {
  const state = (
    withdrawals: { status: 'asked' | 'approved' | 'refused'; askedBy: string }[],
    claims: string[] = [],
  ) => ({
    listingNo: 'U1',
    withdrawals,
    claims,
  });

  it('may be asked for once at a time, not once withdrawn, nor while a claim stands on the listing', () => {
    expect(withdrawalRequestRefusal(state([]))).toBeNull();
    expect(
      withdrawalRequestRefusal(state([{ status: 'refused', askedBy: 'a' }], ['rejected', 'superseded'])),
    ).toBeNull();
    expect(withdrawalRequestRefusal(state([{ status: 'asked', askedBy: 'a' }]))?.code).toBe(
      'withdrawal_pending',
    );
    expect(
      withdrawalRequestRefusal(
        state([
          { status: 'refused', askedBy: 'a' },
          { status: 'approved', askedBy: 'b' },
        ]),
      )?.code,
    ).toBe('already_withdrawn');
    for (const claim of ['pending', 'approved', 'verified', 'conflict'])
      expect(withdrawalRequestRefusal(state([], [claim]))).toMatchObject({
        code: 'withdrawal_claim_stands',
        params: { listingNo: 'U1', status: claim },
      });
  });

  it('is decided by another person than who asked, and approved only while no claim stands', () => {
    const asked = state([{ status: 'asked', askedBy: 'officer' }]);
    expect(withdrawalDecisionRefusal(asked, 'commander', true)).toBeNull();
    expect(withdrawalDecisionRefusal(asked, 'commander', false)).toBeNull();
    expect(withdrawalDecisionRefusal(asked, 'officer', true)?.code).toBe('own_withdrawal');
    expect(withdrawalDecisionRefusal(state([{ status: 'refused', askedBy: 'o' }]), 'c', true)?.code).toBe(
      'no_withdrawal_asked',
    );
    const claimed = state([{ status: 'asked', askedBy: 'officer' }], ['pending']);
    expect(withdrawalDecisionRefusal(claimed, 'commander', true)?.code).toBe('withdrawal_claim_stands');
    expect(withdrawalDecisionRefusal(claimed, 'commander', false)).toBeNull();
  });
});
