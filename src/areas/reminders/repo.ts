import type { Executor } from '../../db/connection.ts';
import { notWithdrawn } from '../registry/repo.ts';
import type { ClaimFact, DueItem, Reminder } from './rules.ts';

/**
 * Claims waiting for a decision, and claims rejected at or after `rejectedSince` (an instant); with
 * `claimedBy`, only that user's. None on a withdrawn listing: nobody is wanted on it, so a claim
 * rejected there asks for nothing more.
 */
export async function claimFacts(
  db: Executor,
  rejectedSince: string,
  claimedBy?: string,
): Promise<ClaimFact[]> {
  let q = db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .where(notWithdrawn)
    .select([
      'c.id',
      'f.listing_no',
      'c.kind',
      'c.status',
      'c.claimed_by',
      'c.claim_unit_id',
      'c.capturing_unit_id',
      'c.persuading_unit_id',
      'f.listing_unit_id',
      'c.approved_by',
      'c.entered_at',
      'c.approved_at',
      'c.decided_at',
      'c.decision_reason',
    ])
    .where((eb) =>
      eb.or([
        eb('c.status', 'in', ['pending', 'approved', 'conflict']),
        eb.and([eb('c.status', '=', 'rejected'), eb('c.decided_at', '>=', rejectedSince)]),
      ]),
    )
    .orderBy('c.id');
  if (claimedBy !== undefined) q = q.where('c.claimed_by', '=', claimedBy);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    listingNo: r.listing_no,
    kind: r.kind,
    status: r.status,
    claimedBy: r.claimed_by,
    claimUnitId: r.claim_unit_id,
    capturingUnitId: r.capturing_unit_id,
    persuadingUnitId: r.persuading_unit_id,
    listingUnitId: r.listing_unit_id,
    approvedBy: r.approved_by,
    enteredAt: r.entered_at,
    approvedAt: r.approved_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
  }));
}

/**
 * Open reviews and sanctions of the campaign, open or returned rectification items, open tasks; with
 * `owner`, only the items that user owns (rectification items have no owner).
 */
export async function dueItems(db: Executor, campaignId: number, owner?: string): Promise<DueItem[]> {
  const [reviews, sanctions, items, tasks] = await Promise.all([
    db
      .selectFrom('reviews')
      .select(['id', 'unit_id', 'owner', 'due_on', 'grounds'])
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'open')
      .$if(owner !== undefined, (q) => q.where('owner', '=', owner!))
      .execute(),
    db
      .selectFrom('sanctions')
      .select(['id', 'unit_id', 'owner', 'due_on', 'measure'])
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'open')
      .$if(owner !== undefined, (q) => q.where('owner', '=', owner!))
      .execute(),
    owner !== undefined
      ? []
      : db
          .selectFrom('rectification_items')
          .select(['id', 'unit_id', 'deadline_on', 'problem'])
          .where('status', 'in', ['open', 'returned'])
          .execute(),
    db
      .selectFrom('tasks')
      .select(['id', 'unit_id', 'owner', 'due_on', 'title'])
      .where('status', '=', 'open')
      .$if(owner !== undefined, (q) => q.where('owner', '=', owner!))
      .execute(),
  ]);
  return [
    ...reviews.map((r) => ({
      kind: 'review_due' as const,
      id: r.id,
      unitId: r.unit_id,
      owner: r.owner,
      dueOn: r.due_on,
      about: r.grounds,
    })),
    ...sanctions.map((s) => ({
      kind: 'sanction_due' as const,
      id: s.id,
      unitId: s.unit_id,
      owner: s.owner,
      dueOn: s.due_on,
      about: s.measure,
    })),
    ...items.map((i) => ({
      kind: 'rectification_due' as const,
      id: i.id,
      unitId: i.unit_id,
      owner: null,
      dueOn: i.deadline_on,
      about: i.problem,
    })),
    ...tasks.map((t) => ({
      kind: 'task_due' as const,
      id: t.id,
      unitId: t.unit_id,
      owner: t.owner,
      dueOn: t.due_on,
      about: t.title,
    })),
  ];
}

/** Tips not triaged yet; with `unitId`, only those assigned to that unit. */
export async function newTips(db: Executor, unitId?: number) {
  const rows = await db
    .selectFrom('tips')
    .select(['id', 'assigned_unit_id', 'received_at'])
    .where('status', '=', 'new')
    .$if(unitId !== undefined, (q) => q.where('assigned_unit_id', '=', unitId!))
    .execute();
  return rows.map((t) => ({ id: t.id, assignedUnitId: t.assigned_unit_id, receivedAt: t.received_at }));
}

/** The units that signed the campaign's responsibility letter. */
export async function unitsWithLetter(db: Executor, campaignId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('letters')
    .select('unit_id')
    .where('campaign_id', '=', campaignId)
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

/**
 * Active people's accounts (service accounts get no reminders); with `only`, that user's and the
 * leaders' (the only others a user's reminders depend on: see recipientsFor), and perhaps a few
 * more (the roles are matched as text; the caller parses them).
 */
export function recipients(db: Executor, only?: number) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'unit_id', 'roles', 'email', 'digest'])
    .where('disabled', '=', 0)
    .where('kind', '=', 'person')
    .$if(only !== undefined, (q) =>
      q.where((eb) => eb.or([eb('id', '=', only!), eb('roles', 'like', '%leader%')])),
    )
    .orderBy('id')
    .execute();
}

export function setReminderSettings(db: Executor, campaignId: number, json: string) {
  return db.updateTable('campaigns').set({ reminder_settings: json }).where('id', '=', campaignId).execute();
}

/**
 * Brings the users' notifications in line with their reminders: a new situation is added unread,
 * one that came back stands again (read or not as it was), one that is gone is marked resolved.
 */
export async function syncNotifications(
  db: Executor,
  userIds: readonly number[],
  current: readonly Reminder[],
  at: string,
): Promise<void> {
  if (userIds.length === 0) return;
  const standing = await db
    .selectFrom('notifications')
    .select(['id', 'user_id', 'key', 'params_json'])
    .where('user_id', 'in', [...userIds])
    .where('resolved_at', 'is', null)
    .execute();
  const now = new Set(current.map((r) => `${r.userId} ${r.key}`));
  const gone = standing.filter((n) => !now.has(`${n.user_id} ${n.key}`)).map((n) => n.id);
  // Written only what changed: a request of the bell, mostly unchanged, then writes nothing.
  const kept = new Map(standing.map((n) => [`${n.user_id} ${n.key}`, n.params_json]));
  const changed = current.filter((r) => kept.get(`${r.userId} ${r.key}`) !== JSON.stringify(r.params));
  for (let i = 0; i < gone.length; i += 500)
    await db
      .updateTable('notifications')
      .set({ resolved_at: at })
      .where('id', 'in', gone.slice(i, i + 500))
      .execute();
  for (let i = 0; i < changed.length; i += 200)
    await db
      .insertInto('notifications')
      .values(
        changed.slice(i, i + 200).map((r) => ({
          user_id: r.userId,
          key: r.key,
          kind: r.kind,
          params_json: JSON.stringify(r.params),
          first_seen_at: at,
          read_at: null,
          resolved_at: null,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'key']).doUpdateSet((eb) => ({
          params_json: eb.ref('excluded.params_json'),
          resolved_at: null,
        })),
      )
      .execute();
}

/** A user's standing notifications, newest first. */
export function standingNotifications(db: Executor, userId: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'params_json', 'first_seen_at', 'read_at'])
    .where('user_id', '=', userId)
    .where('resolved_at', 'is', null)
    .orderBy('first_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Marks a user's notification read (one, or all standing ones); how many changed. */
export async function markRead(db: Executor, userId: number, at: string, id?: number): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  else q = q.where('resolved_at', 'is', null);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
