// Tasks (布置的任务): the decisions of a meeting or a guidance visit, each with one owner, one unit
// and a due date. A later reminder job reads the open ones by due date and owner.
import type { IsoDate } from '../../shared/dates.ts';
import type { Refusal } from '../../shared/errors.ts';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_SOURCES = ['meeting', 'visit'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** An open task past its due date. */
export function isOverdue(task: { status: string; dueOn: IsoDate }, today: IsoDate): boolean {
  return task.status === 'open' && task.dueOn < today;
}

/**
 * Who may change a task's status: its owner, or a leader or commander over its unit. Returns why
 * not, or null. A closed task is reopened only by those who may change it, like any other change.
 */
export function taskChangeProblem(
  task: { owner: string; status: string },
  change: { status: TaskStatus },
  who: { username: string; managesUnit: boolean },
): (Refusal & { kind: 'forbidden' | 'conflict' }) | null {
  if (who.username !== task.owner && !who.managesUnit)
    return {
      kind: 'forbidden',
      code: 'not_task_owner',
      message: 'only the owner of the task, or a leader or commander over its unit, may change it',
    };
  if (task.status === change.status)
    return {
      kind: 'conflict',
      code: 'task_unchanged',
      message: `the task is already ${task.status}`,
      params: { status: task.status },
    };
  return null;
}
