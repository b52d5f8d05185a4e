import { z } from 'zod';
import { isoDate, text, campaignParam } from '../../shared/fields.ts';
import { taskInput, taskOut } from '../tasks/schema.ts';
import { MEETING_KINDS } from './rules.ts';
import { LIMITS } from '../../shared/limits.ts';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const meetingInput = z.object({
  kind: z.enum(MEETING_KINDS),
  heldOn: isoDate,
  title: text(LIMITS.title),
  chair: text(LIMITS.name),
  /** The unit that held it (default: yours). */
  unitCode: z.string().trim().max(LIMITS.code).optional(),
  attendingUnits: z.array(z.string().trim().min(1).max(LIMITS.code)).max(200).default([]),
  minutes: text(LIMITS.document),
  tasks: z.array(taskInput).max(50).default([]),
});
export type MeetingInput = z.output<typeof meetingInput>;

export const meetingOut = z.object({
  id: z.number().int(),
  campaign: z.string(),
  kind: z.enum(MEETING_KINDS),
  heldOn: z.string(),
  title: z.string(),
  chair: z.string(),
  unit: unitRef,
  attendingUnits: z.array(unitRef),
  minutes: z.string(),
  document: z.object({ name: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  tasks: z.array(taskOut),
});
export type MeetingOut = z.output<typeof meetingOut>;

export const meetingsOut = z.object({ meetings: z.array(meetingOut) });
export const meetingsQuery = z.object({ kind: z.enum(MEETING_KINDS).optional() });
export const meetingIdParam = z.object({ id: z.coerce.number().int().positive() });
export { campaignParam };
