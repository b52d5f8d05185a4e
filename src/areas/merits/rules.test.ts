import { describe, expect, it } from 'vitest';
import { type CreditedResult, type NamedOfficer, creditsOf, proposedAward, tallyCredits } from './rules.ts';

/** An officer without an account, known by name. */
const named = (name: string): NamedOfficer => ({ userId: null, accountUnitId: null, name });
const names = (...list: string[]) => list.map(named);
/** An officer with an account (of a unit). */
const account = (userId: number, name: string, unitId: number): NamedOfficer => ({
  userId,
  accountUnitId: unitId,
  name,
});

const result = (over: Partial<CreditedResult>): CreditedResult => ({
  clearanceId: 1,
  homicide: false,
  capturingUnitId: 10,
  capturingOfficers: [],
  persuadingUnitId: null,
  persuadingOfficer: null,
  team: [],
  teamUnitId: 10,
  ...over,
});

describe('creditsOf', () => {
  it('credits capturing officers, the persuading officer and the pursuit team', () => {
    const credits = creditsOf(
      result({
        capturingOfficers: names('张三', '李四'),
        persuadingOfficer: named('王五'),
        team: names('赵六'),
      }),
    );
    expect(credits.map((c) => [c.officer, c.role, c.points])).toEqual([
      ['张三', 'capture', 3],
      ['李四', 'capture', 3],
      ['王五', 'persuasion', 2],
      ['赵六', 'pursuit', 1],
    ]);
  });

  it('credits an officer once per result, in the role worth most, doubled for homicide', () => {
    const credits = creditsOf(
      result({ homicide: true, capturingOfficers: names('张三'), team: names('张三', '赵六') }),
    );
    expect(credits.map((c) => [c.officer, c.role, c.points])).toEqual([
      ['张三', 'capture', 6],
      ['赵六', 'pursuit', 2],
    ]);
  });

  it('credits nobody of an outside agency’s capture, but still the team', () => {
    const credits = creditsOf(
      result({ capturingUnitId: null, capturingOfficers: names('外省民警'), team: names('赵六') }),
    );
    expect(credits.map((c) => c.officer)).toEqual(['赵六']);
  });
});

describe('tallyCredits', () => {
  it('sums per officer within a unit, counting results once, most points first', () => {
    const credits = [
      ...creditsOf(result({ clearanceId: 1, capturingOfficers: names('张三'), team: names('赵六') })),
      ...creditsOf(result({ clearanceId: 2, capturingOfficers: names('赵六') })),
      ...creditsOf(result({ clearanceId: 3, capturingUnitId: 11, capturingOfficers: names('张三') })),
    ];
    expect(tallyCredits(credits)).toEqual([
      {
        officer: '赵六',
        userId: null,
        unitId: 10,
        captures: 1,
        persuasions: 0,
        pursuits: 1,
        results: 2,
        points: 4,
      },
      {
        officer: '张三',
        userId: null,
        unitId: 10,
        captures: 1,
        persuasions: 0,
        pursuits: 0,
        results: 1,
        points: 3,
      },
      {
        officer: '张三',
        userId: null,
        unitId: 11,
        captures: 1,
        persuasions: 0,
        pursuits: 0,
        results: 1,
        points: 3,
      },
    ]);
  });

  it('keeps two officers of one name in one unit apart when they have accounts', () => {
    // Two accounts named 张伟 in unit 10, and an officer without an account of the same name.
    const credits = [
      ...creditsOf(result({ clearanceId: 1, capturingOfficers: [account(1, '张伟', 10)] })),
      ...creditsOf(
        result({ clearanceId: 2, capturingOfficers: [account(1, '张伟', 10), account(2, '张伟', 10)] }),
      ),
      ...creditsOf(result({ clearanceId: 3, capturingOfficers: [account(2, '张伟', 10), named('张伟')] })),
      ...creditsOf(result({ clearanceId: 4, capturingOfficers: [named('张伟')] })),
    ];
    const tally = tallyCredits(credits);
    expect(tally.map((t) => [t.userId, t.officer, t.results, t.points])).toEqual([
      [null, '张伟', 2, 6],
      [1, '张伟', 2, 6],
      [2, '张伟', 2, 6],
    ]);
  });

  it("counts an account once wherever it is credited, in the account's unit", () => {
    // Officer 1 of station 12 named on a capture of unit 10 and on a persuasion credited to unit 11.
    const credits = [
      ...creditsOf(result({ clearanceId: 1, capturingOfficers: [account(1, '李明', 12)] })),
      ...creditsOf(
        result({
          clearanceId: 2,
          capturingUnitId: 11,
          persuadingUnitId: 11,
          persuadingOfficer: account(1, '李明', 12),
        }),
      ),
    ];
    expect(tallyCredits(credits)).toEqual([
      expect.objectContaining({ userId: 1, unitId: 12, captures: 1, persuasions: 1, results: 2, points: 5 }),
    ]);
  });
});

describe('proposedAward', () => {
  it('proposes the highest award reached and not yet decided', () => {
    expect(proposedAward(5, [])).toBeNull();
    expect(proposedAward(6, [])).toBe('commendation');
    expect(proposedAward(12, [])).toBe('merit');
    expect(proposedAward(8, [{ award: 'commendation', decision: 'approved' }])).toBeNull();
    expect(proposedAward(12, [{ award: 'commendation', decision: 'approved' }])).toBe('merit');
  });

  it('does not propose again what was declined, nor a lower award after a higher one was approved', () => {
    expect(proposedAward(12, [{ award: 'merit', decision: 'declined' }])).toBeNull();
    expect(proposedAward(7, [{ award: 'merit', decision: 'approved' }])).toBeNull();
  });
});
