import { describe, expect, it } from 'vitest';
import { liaisonVisits, visitProblem } from './rules.ts';

describe('liaisonVisits', () => {
  it('counts from the last visit up to the day asked about', () => {
    expect(liaisonVisits(['2026-11-10', '2026-11-20', '2026-12-01'], '2026-10-19', '2026-11-28', 14)).toEqual(
      {
        lastVisitOn: '2026-11-20',
        daysSince: 8,
        overdue: false,
      },
    );
  });

  it('flags a unit never visited once the interval has passed since the launch', () => {
    expect(liaisonVisits([], '2026-10-19', '2026-11-28', 14)).toEqual({
      lastVisitOn: null,
      daysSince: 40,
      overdue: true,
    });
    expect(liaisonVisits([], '2026-11-20', '2026-11-28', 14).overdue).toBe(false);
  });

  it('flags a unit whose last visit is the interval or more ago', () => {
    expect(liaisonVisits(['2026-11-14'], '2026-10-19', '2026-11-28', 14).overdue).toBe(true);
    expect(liaisonVisits(['2026-11-15'], '2026-10-19', '2026-11-28', 14).overdue).toBe(false);
  });

  it('flags nothing before the launch', () => {
    expect(liaisonVisits([], '2026-12-01', '2026-11-28', 1).overdue).toBe(false);
  });
});

describe('visitProblem', () => {
  const campaign = { baselineOn: '2026-10-01' };
  it('refuses a unit that is not the leader’s liaison unit, a future visit, and early tasks', () => {
    const ok = { visitedOn: '2026-11-20', unitIsLiaison: true, tasks: [{ dueOn: '2026-11-30' }] };
    expect(visitProblem(ok, '2026-11-28', campaign)).toBeNull();
    expect(visitProblem({ ...ok, unitIsLiaison: false }, '2026-11-28', campaign)?.code).toBe(
      'not_liaison_unit',
    );
    expect(visitProblem({ ...ok, visitedOn: '2026-11-29' }, '2026-11-28', campaign)?.code).toBe('in_future');
    expect(visitProblem({ ...ok, tasks: [{ dueOn: '2026-11-19' }] }, '2026-11-28', campaign)).toMatchObject({
      field: 'tasks.0.dueOn',
      code: 'due_before_visit',
    });
  });
});
