import { describe, expect, it } from 'vitest';
import { daysOverdue, decisionProblem, reportProblem } from './rules.ts';

describe('rectification', () => {
  it('counts days overdue only while the unit owes a report', () => {
    expect(daysOverdue({ status: 'open', deadlineOn: '2026-11-20' }, '2026-11-28')).toBe(8);
    expect(daysOverdue({ status: 'returned', deadlineOn: '2026-11-27' }, '2026-11-28')).toBe(1);
    expect(daysOverdue({ status: 'open', deadlineOn: '2026-11-28' }, '2026-11-28')).toBe(0);
    expect(daysOverdue({ status: 'reported', deadlineOn: '2026-11-01' }, '2026-11-28')).toBe(0);
    expect(daysOverdue({ status: 'accepted', deadlineOn: '2026-11-01' }, '2026-11-28')).toBe(0);
  });

  it('lets the unit report an open or returned item, once', () => {
    expect(reportProblem('open')).toBeNull();
    expect(reportProblem('returned')).toBeNull();
    expect(reportProblem('reported')?.code).toBe('report_waiting');
    expect(reportProblem('accepted')?.code).toBe('item_accepted');
  });

  it('decides only reported items, never by the reporter, and a return needs a reason', () => {
    const reported = { status: 'reported', reportedBy: 'officer' };
    expect(decisionProblem(reported, { decision: 'accept' }, 'inspector')).toBeNull();
    expect(decisionProblem({ ...reported, status: 'open' }, { decision: 'accept' }, 'inspector')?.code).toBe(
      'item_not_reported',
    );
    expect(decisionProblem(reported, { decision: 'accept' }, 'officer')?.code).toBe('own_report');
    expect(decisionProblem(reported, { decision: 'return', reason: ' ' }, 'inspector')?.field).toBe('reason');
    expect(decisionProblem(reported, { decision: 'return', reason: 'not yet' }, 'inspector')).toBeNull();
  });
});
