import { describe, expect, it } from 'vitest';
import {
  type ClaimDraft,
  type ClaimState,
  answeringUnit,
  approvalRefusal,
  claimProblems,
  claimsRegrouped,
  importedReason,
  verificationRefusal,
} from './rules.ts';

const draft = (over: Partial<ClaimDraft>): ClaimDraft => ({
  kind: 'arrest',
  occurredOn: '2011-11-01',
  evidenceRef: null,
  reasonCode: null,
  reasonText: null,
  persuadingUnitId: null,
  capturingUnitId: null,
  capturingAgency: null,
  ...over,
});
const claim = (over: Partial<ClaimState>): ClaimState => ({
  kind: 'death',
  status: 'pending',
  claimedBy: 'officer',
  claimUnitId: 3,
  approvedBy: null,
  ...over,
});
const inspector = { username: 'inspector', unitId: 9 };

describe('evidence and approvals of a death', () => {
  it("needs the death record's number as evidence", () => {
    expect(claimProblems(draft({ kind: 'death' }), '2005-01-01', '2011-12-01')).toEqual([
      {
        field: 'evidenceRef',
        code: 'death_record_required',
        message: "is required for a death: the death record's number",
      },
    ]);
    expect(
      claimProblems(draft({ kind: 'death', evidenceRef: '死亡证明 0031' }), '2005-01-01', '2011-12-01'),
    ).toEqual([]);
  });

  it('needs a second approver, not the claimant, before an inspector verifies it, as a cancellation does', () => {
    expect(verificationRefusal(claim({}), inspector, false)?.message).toBe(
      'a death needs a second approver (a leader) before it is verified',
    );
    expect(verificationRefusal(claim({ kind: 'cancellation' }), inspector, false)?.message).toMatch(
      /^a cancellation needs a second approver/,
    );
    expect(
      verificationRefusal(claim({ approvedBy: 'leader', status: 'approved' }), inspector, false),
    ).toBeNull();
    expect(approvalRefusal(claim({}), { username: 'leader', unitId: 3 })).toBeNull();
    expect(approvalRefusal(claim({}), { username: 'officer', unitId: 3 })?.message).toBe(
      'the claimant cannot be the second approver',
    );
    expect(approvalRefusal(claim({ kind: 'arrest' }), { username: 'leader', unitId: 3 })?.message).toBe(
      'only cancellations and deaths need a second approver',
    );
    // Arrests and surrenders go straight to an inspector.
    expect(verificationRefusal(claim({ kind: 'arrest' }), inspector, false)).toBeNull();
  });
});

describe('importedReason', () => {
  it('keeps a reason code as written and any other text as the explanation of "other"', () => {
    expect(importedReason('no_prosecution')).toEqual({ reasonCode: 'no_prosecution', reasonText: null });
    expect(importedReason('检察院不批捕')).toEqual({ reasonCode: 'other', reasonText: '检察院不批捕' });
    expect(importedReason(null)).toEqual({ reasonCode: null, reasonText: null });
  });
});

describe('answeringUnit', () => {
  it('gives a cancellation to the listing unit, whatever route it arrived by', () => {
    expect(answeringUnit('cancellation', { claim: null, capturing: null, listing: 'P1' })).toBe('P1');
    expect(answeringUnit('cancellation', { claim: 'S1', capturing: null, listing: 'P1' })).toBe('P1');
  });

  it('gives any other claim to the claimant, else (imported history) to the capturing unit', () => {
    expect(answeringUnit('arrest', { claim: 'P2', capturing: 'P3', listing: 'P1' })).toBe('P2');
    expect(answeringUnit('arrest', { claim: null, capturing: 'P3', listing: 'P1' })).toBe('P3');
    expect(answeringUnit('death', { claim: null, capturing: null, listing: 'P1' })).toBeNull();
  });
});

describe('regrouping claims after persons merge or split', () => {
  const live = (id: number, personId: number, status: string, approvedBy: string | null = null) => ({
    id,
    personId,
    status,
    approvedBy,
  });

  it('holds all but one standing claim of a merged person as conflicts: verified first, then earliest', () => {
    expect(claimsRegrouped([live(4, 1, 'pending'), live(9, 1, 'verified')])).toEqual([
      { id: 4, from: 'pending', to: 'conflict' },
    ]);
    expect(claimsRegrouped([live(9, 1, 'pending'), live(4, 1, 'pending'), live(6, 1, 'approved')])).toEqual([
      { id: 4, from: 'pending', to: 'conflict' },
      { id: 9, from: 'pending', to: 'conflict' },
    ]);
  });

  it('lets a claim held only as a conflict stand again once its person has no standing claim', () => {
    expect(claimsRegrouped([live(5, 2, 'conflict'), live(3, 2, 'conflict')])).toEqual([
      { id: 3, from: 'conflict', to: 'pending' },
    ]);
    expect(claimsRegrouped([live(5, 2, 'conflict', 'leader')])).toEqual([
      { id: 5, from: 'conflict', to: 'approved' },
    ]);
  });

  it('changes nothing when each person has one standing claim, and never holds a verified one', () => {
    expect(claimsRegrouped([live(1, 1, 'verified'), live(2, 1, 'conflict'), live(3, 2, 'pending')])).toEqual(
      [],
    );
    expect(claimsRegrouped([live(1, 1, 'verified'), live(2, 1, 'verified')])).toEqual([]);
  });
});
