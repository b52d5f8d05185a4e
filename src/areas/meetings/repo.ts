import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { MeetingsTable } from '../../db/tables.ts';

export async function insertMeeting(
  db: Executor,
  row: Insertable<MeetingsTable>,
  attendingUnitIds: number[],
): Promise<number> {
  const { id } = await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow();
  if (attendingUnitIds.length > 0)
    await db
      .insertInto('meeting_units')
      .values(attendingUnitIds.map((unit_id) => ({ meeting_id: id, unit_id })))
      .execute();
  return id;
}

function meetingSelect(db: Executor) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select([
      'm.id',
      'm.campaign_id',
      'm.kind',
      'm.held_on',
      'm.title',
      'm.chair',
      'm.unit_id',
      'm.minutes',
      'm.document_name',
      'm.created_by',
      'm.created_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.parent_id as unit_parent_id',
      'c.name as campaign_name',
    ]);
}
export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingSelect>['execute']>>[number];

export function meetingById(db: Executor, id: number): Promise<MeetingRow | undefined> {
  return meetingSelect(db).where('m.id', '=', id).executeTakeFirst();
}

/** A campaign's meetings, newest first, optionally of one kind (or of some kinds). */
export function meetingsOf(
  db: Executor,
  campaignId: number,
  kind?: string | readonly string[],
): Promise<MeetingRow[]> {
  let q = meetingSelect(db).where('m.campaign_id', '=', campaignId);
  if (typeof kind === 'string') q = q.where('m.kind', '=', kind);
  else if (kind) q = q.where('m.kind', 'in', [...kind]);
  return q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(500).execute();
}

/** The attending units of some meetings. */
export function attendingUnitsOf(db: Executor, meetingIds: number[]) {
  return db
    .selectFrom('meeting_units as mu')
    .innerJoin('units as u', 'u.id', 'mu.unit_id')
    .select(['mu.meeting_id', 'u.id', 'u.code', 'u.name'])
    .where('mu.meeting_id', 'in', [...meetingIds, -1])
    .orderBy('u.code')
    .execute();
}

export async function setMeetingDocument(
  db: Executor,
  id: number,
  document: { sha256: string; name: string },
): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ document_sha256: document.sha256, document_name: document.name })
    .where('id', '=', id)
    .execute();
}

export function documentOfMeeting(db: Executor, id: number) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('documents as d', 'd.sha256', 'm.document_sha256')
    .select(['d.content', 'd.media_type', 'm.document_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/**
 * A meeting belongs to the unit that held it and to the units that attended; one held by the
 * bureau itself (the root unit) is the whole city's.
 */
export async function ownerUnitsOfMeeting(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const meeting = await db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.unit_id', 'u.parent_id'])
    .where('m.id', '=', Number(id))
    .executeTakeFirst();
  if (!meeting) return undefined;
  const attending = await db
    .selectFrom('meeting_units')
    .select('unit_id')
    .where('meeting_id', '=', Number(id))
    .execute();
  return {
    units: [meeting.unit_id, ...attending.map((a) => a.unit_id)],
    everyone: meeting.parent_id === null,
  };
}
