import { z } from 'zod';
import { isoDate, text } from '../../shared/fields.ts';
import { TASK_SOURCES, TASK_STATUSES } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });

/** A decision to record as a task: what, who owns it, which unit, by when. */
export const taskInput = z.object({
  title: text(LIMITS.title),
  owner: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.name),
  unitCode: z.string().trim().min(1, { message: 'is required' }).max(LIMITS.code),
  dueOn: isoDate,
});
export type TaskInput = z.output<typeof taskInput>;

export const taskOut = z.object({
  id: z.number().int(),
  source: z.enum(TASK_SOURCES),
  meetingId: z.number().int().nullable(),
  visitId: z.number().int().nullable(),
  title: z.string(),
  owner: z.string(),
  ownerName: z.string().nullable(),
  /** Who gave the task (the login that recorded the meeting or visit). */
  assignedBy: z.string(),
  /** Their name, when the login is a person's account (null for the system or a removed login). */
  assignedByName: z.string().nullable(),
  /** The unit that gave it: the one that held the meeting, or the visiting leader's. */
  assignedFrom: unitRef.nullable(),
  unit: unitRef,
  dueOn: z.string(),
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  note: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type TaskOut = z.output<typeof taskOut>;

export const tasksOut = z.object({ tasks: z.array(taskOut) });

export const tasksQuery = z.object({
  /** A unit's tasks (its subtree), within your scope. */
  unit: z.string().trim().max(LIMITS.code).optional(),
  /** One owner's tasks. */
  owner: z.string().trim().max(LIMITS.name).optional(),
  status: z.enum(TASK_STATUSES).optional(),
});

export const taskChange = z.object({
  status: z.enum(TASK_STATUSES),
  note: z.string().trim().max(LIMITS.reason).optional(),
});

export const taskIdParam = z.object({ id: z.coerce.number().int().positive() });
