// Meetings of the campaign (measure 1): the city's mobilisation meeting (动员会) and each unit's,
// re-mobilisation meetings (再动员会) that relaunch a lagging campaign, review meetings (点评会) with
// lagging units, and the weekly command meeting; what was decided becomes tasks.
import type { IsoDate } from '../../shared/dates.ts';
import type { Problem } from '../../shared/errors.ts';

export const MEETING_KINDS = ['mobilization', 'remobilization', 'review', 'weekly_command'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * What is wrong with a meeting record, as `[field, message]`, or null: a meeting is recorded once
 * held (not in the future), within the campaign's year, and its tasks fall due on or after it.
 */
export function meetingProblem(
  meeting: { heldOn: IsoDate; tasks: readonly { dueOn: IsoDate }[] },
  today: IsoDate,
  campaign: { baselineOn: IsoDate; yearEndOn: IsoDate },
): Problem | null {
  if (meeting.heldOn > today)
    return {
      field: 'heldOn',
      code: 'in_future',
      message: `is in the future (${meeting.heldOn})`,
      params: { value: meeting.heldOn },
    };
  if (meeting.heldOn < campaign.baselineOn || meeting.heldOn > campaign.yearEndOn)
    return {
      field: 'heldOn',
      code: 'outside_campaign',
      message: `is outside the campaign (${campaign.baselineOn} to ${campaign.yearEndOn})`,
      params: { from: campaign.baselineOn, to: campaign.yearEndOn },
    };
  const early = meeting.tasks.findIndex((t) => t.dueOn < meeting.heldOn);
  if (early >= 0)
    return { field: `tasks.${early}.dueOn`, code: 'due_before_meeting', message: 'is before the meeting' };
  return null;
}

/**
 * The campaign's mobilisation meeting as of a day: the first 动员会 the city (the root unit) held
 * on or before it, or null. Sub-bureaus hold their own, but the campaign's timeline marks the
 * city's, which every unit sees.
 */
export function campaignMobilisation<M extends { kind: string; heldOn: IsoDate; byCity: boolean }>(
  meetings: readonly M[],
  asOf: IsoDate,
): M | null {
  let first: M | null = null;
  for (const m of meetings)
    if (m.kind === 'mobilization' && m.byCity && m.heldOn <= asOf && (!first || m.heldOn < first.heldOn))
      first = m;
  return first;
}

/** The kinds of meeting a unit's decline-rate chart marks: mobilisation and re-mobilisation. */
export const TIMELINE_KINDS = ['mobilization', 'remobilization'] as const satisfies readonly MeetingKind[];
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * The meetings a unit's decline-rate chart marks as of a day: every mobilisation and
 * re-mobilisation meeting held by then by a unit the chart shows (`shown`: the city's, and those of
 * the unit, the units above it and below it that the viewer may see), oldest first.
 */
export function timelineMeetings<M extends { kind: string; heldOn: IsoDate; unitId: number }>(
  meetings: readonly M[],
  asOf: IsoDate,
  shown: (unitId: number) => boolean,
): M[] {
  return meetings
    .filter(
      (m) => (TIMELINE_KINDS as readonly string[]).includes(m.kind) && m.heldOn <= asOf && shown(m.unitId),
    )
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
}
