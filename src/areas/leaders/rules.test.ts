import { describe, expect, it } from 'vitest';
import { assignmentRefusal, caseStatus, compareCases, countCases, isLeader, latestById } from './rules.ts';

const commander = { username: 'chief', roles: ['commander'] as const };
const leader = { username: 'li', roles: ['leader'] as const, disabled: false };
const otherLeader = { username: 'wang', roles: ['leader'] as const, disabled: false };
const officer = { username: 'zhang', roles: ['officer'] as const, disabled: false };

describe('assignmentRefusal', () => {
  it('lets a leader take an unowned case, or one they already own, for themselves', () => {
    expect(assignmentRefusal(leader, leader, null, false)).toBeNull();
    expect(assignmentRefusal(leader, leader, 'li', false)).toBeNull();
  });

  it('refuses a leader who names anyone else, before anything else', () => {
    expect(assignmentRefusal(leader, otherLeader, null, false)).toMatchObject({ kind: 'forbidden' });
    expect(assignmentRefusal(leader, officer, null, false)).toMatchObject({ kind: 'forbidden' });
  });

  it('lets a commander assign any leader, and reassign an owned case', () => {
    expect(assignmentRefusal(commander, leader, null, false)).toBeNull();
    expect(assignmentRefusal(commander, otherLeader, 'li', false)).toBeNull();
  });

  it('gives cases only to enabled leaders', () => {
    expect(assignmentRefusal(commander, officer, null, false)).toMatchObject({ code: 'not_a_leader' });
    expect(assignmentRefusal(commander, { ...leader, disabled: true }, null, false)).toMatchObject({
      code: 'disabled',
    });
  });

  it('refuses a leader taking a case another leader owns, and any assignment of a cleared case', () => {
    expect(assignmentRefusal(otherLeader, otherLeader, 'li', false)).toMatchObject({
      kind: 'conflict',
      code: 'owned',
    });
    expect(assignmentRefusal(commander, leader, null, true)).toMatchObject({ code: 'cleared' });
    expect(assignmentRefusal(leader, leader, null, true)).toMatchObject({ code: 'cleared' });
  });
});

describe('case progress', () => {
  it('reads a case as active until a verified clearance took the person off the list', () => {
    expect(caseStatus(null)).toBe('active');
    expect(caseStatus('2011-11-02')).toBe('cleared');
  });

  it('counts open and cleared cases', () => {
    expect(countCases([{ status: 'active' }, { status: 'cleared' }, { status: 'active' }])).toEqual({
      active: 2,
      cleared: 1,
    });
    expect(countCases([])).toEqual({ active: 0, cleared: 0 });
  });

  it('lists open cases first, each group by listing number', () => {
    const cases = [
      { status: 'cleared' as const, listingNo: 'A1' },
      { status: 'active' as const, listingNo: 'B2' },
      { status: 'active' as const, listingNo: 'A9' },
    ];
    expect(cases.sort(compareCases).map((c) => c.listingNo)).toEqual(['A9', 'B2', 'A1']);
  });

  it('takes the claim entered last as the latest', () => {
    expect(latestById([{ id: 3 }, { id: 9 }, { id: 5 }])).toEqual({ id: 9 });
    expect(latestById([])).toBeNull();
  });

  it('knows a leader by the role', () => {
    expect(isLeader({ roles: ['officer', 'leader'] })).toBe(true);
    expect(isLeader({ roles: ['commander'] })).toBe(false);
  });
});
