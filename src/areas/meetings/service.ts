import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { DomainError, ForbiddenError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign } from '../campaigns/service.ts';
import { acceptScan, storeDocument } from '../letters/documents.ts';
import { type DocumentType, documentFileName } from '../letters/rules.ts';
import type { Upload } from '../letters/service.ts';
import { addTasks, tasksOf } from '../tasks/service.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';
import { type MeetingKind, meetingProblem } from './rules.ts';
import type { MeetingInput, MeetingOut } from './schema.ts';

/** Whether the caller sees a meeting: the city's are everyone's, others by held or attending unit. */
function visible(ctx: Context, m: repo.MeetingRow, attending: { id: number }[]): boolean {
  return (
    m.unit_parent_id === null || [m.unit_id, ...attending.map((a) => a.id)].some((u) => inScope(ctx.scope, u))
  );
}

async function present(ctx: Context, rows: repo.MeetingRow[]): Promise<MeetingOut[]> {
  const ids = rows.map((m) => m.id);
  const [attending, tasks] = await Promise.all([
    repo.attendingUnitsOf(ctx.db, ids),
    tasksOf(ctx, { meetingIds: ids }),
  ]);
  return rows
    .map((m) => ({ m, units: attending.filter((a) => a.meeting_id === m.id) }))
    .filter(({ m, units }) => visible(ctx, m, units))
    .map(({ m, units }) => ({
      id: m.id,
      campaign: m.campaign_name,
      kind: m.kind as MeetingKind,
      heldOn: m.held_on,
      title: m.title,
      chair: m.chair,
      unit: { code: m.unit_code, name: m.unit_name },
      attendingUnits: units.map((u) => ({ code: u.code, name: u.name })),
      minutes: m.minutes,
      document: m.document_name === null ? null : { name: m.document_name },
      createdBy: m.created_by,
      createdAt: m.created_at,
      tasks: tasks.filter((t) => t.meetingId === m.id),
    }));
}

/**
 * A commander or leader records a meeting of a unit in their scope: who chaired, which units
 * attended, the minutes, and its decisions as tasks (to units in the same scope). Audited.
 */
export async function recordMeeting(
  ctx: Context,
  campaignName: string,
  input: MeetingInput,
): Promise<MeetingOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const units = new Map((await allUnits(tx.db)).map((u) => [u.code, u]));
    const unitOf = (code: string, field: string) => {
      const unit = units.get(code);
      if (!unit)
        throw new DomainError('unknown_unit', `${field}: unknown unit ${code}`, field, { unit: code });
      return unit;
    };
    const held = input.unitCode
      ? unitOf(input.unitCode, 'unitCode')
      : [...units.values()].find((u) => u.id === user.unitId)!;
    if (!inScope(tx.scope, held.id))
      throw new ForbiddenError(
        'unit_out_of_scope',
        `unitCode: unit ${held.code} is outside yours`,
        'unitCode',
        {
          unit: held.code,
        },
      );
    const attending = [...new Set(input.attendingUnits)].map((code, i) =>
      unitOf(code, `attendingUnits.${i}`),
    );
    const problem = meetingProblem(input, localDate(tx.now), {
      baselineOn: campaign.baseline_on,
      yearEndOn: campaign.year_end_on,
    });
    if (problem) throw refusalOf(problem);
    const id = await repo.insertMeeting(
      tx.db,
      {
        campaign_id: campaign.id,
        kind: input.kind,
        held_on: input.heldOn,
        title: input.title,
        chair: input.chair,
        unit_id: held.id,
        minutes: input.minutes,
        document_sha256: null,
        document_name: null,
        created_by: tx.actor,
        created_at: tx.now.toISOString(),
      },
      attending.map((u) => u.id),
    );
    await addTasks(tx, { meetingId: id }, input.tasks, (unitId) => inScope(tx.scope, unitId));
    const [out] = await present({ ...tx, scope: { all: true } }, [(await repo.meetingById(tx.db, id))!]);
    await recordEvent(tx, { action: 'meeting.record', entityType: 'meeting', entityId: id, after: out });
    return out!;
  });
}

export async function listMeetings(
  ctx: Context,
  campaignName: string,
  kind?: MeetingKind,
): Promise<{ meetings: MeetingOut[] }> {
  const campaign = await findCampaign(ctx.db, campaignName);
  return { meetings: await present(ctx, await repo.meetingsOf(ctx.db, campaign.id, kind)) };
}

async function loadMeeting(ctx: Context, id: number) {
  const meeting = await repo.meetingById(ctx.db, id);
  if (!meeting) throw new NotFoundError('meeting', String(id));
  return meeting;
}

/** Attaches the scanned minutes (PDF, PNG or JPEG): the holding unit's commander or leader. */
export async function attachMeetingScan(ctx: Context, id: number, upload: Upload): Promise<MeetingOut> {
  signedInUser(ctx);
  const mediaType = acceptScan(upload.bytes);
  return inTransaction(ctx, async (tx) => {
    const meeting = await loadMeeting(tx, id);
    if (!inScope(tx.scope, meeting.unit_id))
      throw new ForbiddenError('out_of_scope', `meeting ${id} was held by a unit outside yours`, undefined, {
        what: 'meeting',
        key: String(id),
      });
    const sha256 = await storeDocument(tx, upload.bytes, mediaType);
    const name = documentFileName(upload.fileName, mediaType, `meeting-${id}`);
    await repo.setMeetingDocument(tx.db, id, { sha256, name });
    await recordEvent(tx, {
      action: 'meeting.document',
      entityType: 'meeting',
      entityId: id,
      before: { document: meeting.document_name },
      after: { document: { sha256, name, mediaType, size: upload.bytes.length } },
    });
    const [out] = await present({ ...tx, scope: { all: true } }, [(await repo.meetingById(tx.db, id))!]);
    return out!;
  });
}

export async function meetingScan(ctx: Context, id: number) {
  await loadMeeting(ctx, id);
  const doc = await repo.documentOfMeeting(ctx.db, id);
  if (!doc) throw new NotFoundError('meeting_minutes', String(id));
  return {
    bytes: Buffer.isBuffer(doc.content) ? doc.content : Buffer.from(doc.content),
    mediaType: doc.media_type as DocumentType,
    fileName: doc.document_name ?? `meeting-${id}.bin`,
  };
}
