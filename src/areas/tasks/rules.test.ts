import { describe, expect, it } from 'vitest';
import { isOverdue, taskChangeProblem } from './rules.ts';

describe('tasks', () => {
  it('is overdue only while open and past its due date', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-11-27' }, '2026-11-28')).toBe(true);
    expect(isOverdue({ status: 'open', dueOn: '2026-11-28' }, '2026-11-28')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-11-01' }, '2026-11-28')).toBe(false);
  });

  it('lets the owner or a manager of the unit change the status, nobody else', () => {
    const task = { owner: 'officer', status: 'open' };
    expect(
      taskChangeProblem(task, { status: 'done' }, { username: 'officer', managesUnit: false }),
    ).toBeNull();
    expect(taskChangeProblem(task, { status: 'done' }, { username: 'leader', managesUnit: true })).toBeNull();
    expect(
      taskChangeProblem(task, { status: 'done' }, { username: 'officer2', managesUnit: false })?.message,
    ).toMatch(/only the owner/);
    expect(
      taskChangeProblem(task, { status: 'open' }, { username: 'officer', managesUnit: false })?.message,
    ).toMatch(/already open/);
  });
});
