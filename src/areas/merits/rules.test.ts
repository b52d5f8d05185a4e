import { describe, expect, it } from 'vitest';
import { type CreditedResult, creditsOf, proposedAward, tallyCredits } from './rules.ts';

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
      result({ capturingOfficers: ['张三', '李四'], persuadingOfficer: '王五', team: ['赵六'] }),
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
      result({ homicide: true, capturingOfficers: ['张三'], team: ['张三', '赵六'] }),
    );
    expect(credits.map((c) => [c.officer, c.role, c.points])).toEqual([
      ['张三', 'capture', 6],
      ['赵六', 'pursuit', 2],
    ]);
  });

  it('credits nobody of an outside agency’s capture, but still the team', () => {
    const credits = creditsOf(
      result({ capturingUnitId: null, capturingOfficers: ['外省民警'], team: ['赵六'] }),
    );
    expect(credits.map((c) => c.officer)).toEqual(['赵六']);
  });
});

describe('tallyCredits', () => {
  it('sums per officer within a unit, counting results once, most points first', () => {
    const credits = [
      ...creditsOf(result({ clearanceId: 1, capturingOfficers: ['张三'], team: ['赵六'] })),
      ...creditsOf(result({ clearanceId: 2, capturingOfficers: ['赵六'] })),
      ...creditsOf(result({ clearanceId: 3, capturingUnitId: 11, capturingOfficers: ['张三'] })),
    ];
    expect(tallyCredits(credits)).toEqual([
      { officer: '赵六', unitId: 10, captures: 1, persuasions: 0, pursuits: 1, results: 2, points: 4 },
      { officer: '张三', unitId: 10, captures: 1, persuasions: 0, pursuits: 0, results: 1, points: 3 },
      { officer: '张三', unitId: 11, captures: 1, persuasions: 0, pursuits: 0, results: 1, points: 3 },
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
