// Reminders: the day's facts gathered, each user's reminders worked out (rules.ts), kept as
// notifications (read or not), and mailed as a daily digest.
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { CampaignRow } from '../../db/tables.ts';
import * as accounts from '../accounts/repo.ts';
import { EVERYTHING, parseRoles, scopeOf } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import * as campaigns from '../campaigns/repo.ts';
import { findCampaign } from '../campaigns/service.ts';
import { ownedCaseGaps } from '../four-ones/service.ts';
import { returnsOverview } from '../returns/service.ts';
import { underWay } from '../reviews/rules.ts';
import { allUnits } from '../units/repo.ts';
import { subtreeIds } from '../units/rules.ts';
import type { Mailer } from './mail.ts';
import { digestMail } from './messages.ts';
import * as repo from './repo.ts';
import {
  DEFAULT_REMINDER_SETTINGS,
  type Recipient,
  type Reminder,
  type ReminderFacts,
  type ReminderKind,
  type ReminderParams,
  type ReminderSettings,
  type FactsWanted,
  factsFor,
  factsWanted,
  recipientsFor,
  reminders,
} from './rules.ts';
import { type DigestSettings, digestSettings, reminderSettings } from './schema.ts';

/** A campaign's reminder thresholds: what the commander set, the defaults for the rest. */
export function settingsOf(campaign: CampaignRow): ReminderSettings {
  const stored = campaign.reminder_settings ? (JSON.parse(campaign.reminder_settings) as object) : {};
  return reminderSettings.parse({ ...DEFAULT_REMINDER_SETTINGS, ...stored });
}

export async function getReminderSettings(ctx: Context, campaignName: string): Promise<ReminderSettings> {
  return settingsOf(await findCampaign(ctx.db, campaignName));
}

/** A commander changes the thresholds; audited. */
export async function changeReminderSettings(
  ctx: Context,
  campaignName: string,
  input: ReminderSettings,
): Promise<ReminderSettings> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const before = settingsOf(campaign);
    const after = reminderSettings.parse(input);
    await repo.setReminderSettings(tx.db, campaign.id, JSON.stringify(after));
    await recordEvent(tx, {
      action: 'reminders.settings',
      entityType: 'campaign',
      entityId: campaign.id,
      before,
      after,
    });
    return after;
  });
}

interface Gathered {
  reminders: Reminder[];
  users: (Recipient & { displayName: string; email: string | null; digest: boolean })[];
}

/**
 * The reminders of the latest campaign, as of the context's clock: every user's, or (`only`) one
 * user's, worked out from the facts of their scope and their own (see factsFor).
 */
async function gather(ctx: Context, only?: number): Promise<Gathered> {
  const [campaign, units, accounts] = await Promise.all([
    campaigns.latestCampaign(ctx.db),
    allUnits(ctx.db),
    repo.recipients(ctx.db, only),
  ]);
  const subtree = (id: number) => subtreeIds(units, id);
  // For one user, the accounts read are theirs and the leaders' (recipientsFor keeps exactly those).
  const users = accounts.map((a) => {
    const roles = parseRoles(a.roles);
    return {
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      email: a.email,
      digest: a.digest === 1,
      unitId: a.unit_id,
      roles,
      scope: scopeOf({ unitId: a.unit_id, roles }, subtree),
    };
  });
  const user = users.find((u) => u.id === only);
  // Asked for one user who gets no reminders (a service account): nobody's are worked out.
  if (only !== undefined && !user) return { reminders: [], users: [] };
  if (!campaign) return { reminders: [], users: user ? [user] : users };
  const settings = settingsOf(campaign);
  const today = localDate(ctx.now);
  const running = underWay({ startOn: campaign.start_on, deadlineOn: campaign.deadline_on }, today);
  const rejectedSince = new Date(ctx.now.getTime() - (settings.rejectedForDays + 1) * 86_400_000);
  // The returns of the units in view: the user's, or the city's for everyone.
  const viewCtx: Context = { ...ctx, scope: user?.scope ?? EVERYTHING };
  const returnsOf = async (on: string) =>
    (await returnsOverview(viewCtx, { campaign: campaign.name, period: 'daily', on })).units
      .filter((u) => u.state === 'missing')
      .map((u) => ({ unitId: units.find((x) => x.code === u.code)!.id, on }));
  // For one user, only what their roles can be told of is read (factsFor keeps the same): a
  // commander's or an officer's bell does not read the whole city's claims, items and tips.
  const wanted: FactsWanted = user
    ? factsWanted(user)
    : {
        claimsInScope: true,
        dueItemsInScope: true,
        tipsOf: null,
        fourOnesGaps: true,
        unsignedUnits: true,
        missingReturns: true,
      };
  const none = async () => [];
  const [claims, dueItems, tips, fourOnesGaps, signed, missingYesterday, missingToday] = await Promise.all([
    repo.claimFacts(ctx.db, rejectedSince.toISOString(), wanted.claimsInScope ? undefined : user!.username),
    repo.dueItems(ctx.db, campaign.id, wanted.dueItemsInScope ? undefined : user!.username),
    !user ? repo.newTips(ctx.db) : wanted.tipsOf === null ? none() : repo.newTips(ctx.db, wanted.tipsOf),
    wanted.fourOnesGaps ? ownedCaseGaps(ctx.db, campaign) : none(),
    wanted.unsignedUnits ? repo.unitsWithLetter(ctx.db, campaign.id) : new Set<number>(),
    wanted.missingReturns && running && addDays(today, -1) >= campaign.start_on
      ? returnsOf(addDays(today, -1))
      : none(),
    wanted.missingReturns && running ? returnsOf(today) : none(),
  ]);
  const facts: ReminderFacts = {
    now: ctx.now,
    units,
    claims,
    dueItems,
    tips,
    fourOnesGaps,
    unsignedUnits:
      running && wanted.unsignedUnits ? units.filter((u) => !signed.has(u.id)).map((u) => u.id) : [],
    missingReturns: [...missingYesterday, ...missingToday],
  };
  if (!user) return { reminders: reminders(facts, users, settings), users };
  const mine = reminders(factsFor(facts, user), recipientsFor(users, user.id), settings);
  return { reminders: mine.filter((r) => r.userId === user.id), users: [user] };
}

/** Works the reminders out anew and keeps them as notifications, for one user or everyone. */
export async function refreshNotifications(ctx: Context, userId?: number): Promise<Gathered> {
  const gathered = await gather(ctx, userId);
  const ids = gathered.users.map((u) => u.id);
  await inTransaction(ctx, (tx) =>
    repo.syncNotifications(tx.db, ids, gathered.reminders, tx.now.toISOString()),
  );
  return gathered;
}

function present(row: Awaited<ReturnType<typeof repo.standingNotifications>>[number]) {
  return {
    id: row.id,
    kind: row.kind as ReminderKind,
    params: JSON.parse(row.params_json) as ReminderParams,
    firstSeenAt: row.first_seen_at,
    read: row.read_at !== null,
  };
}

/** The signed-in user's standing notifications (worked out anew first) and how many are unread. */
export async function myNotifications(ctx: Context) {
  const user = signedInUser(ctx);
  await refreshNotifications(ctx, user.id);
  const items = (await repo.standingNotifications(ctx.db, user.id)).map(present);
  return { unread: items.filter((n) => !n.read).length, items };
}

/** Marks one of the user's notifications read. */
export async function markNotificationRead(ctx: Context, id: number) {
  const user = signedInUser(ctx);
  const marked = await repo.markRead(ctx.db, user.id, ctx.now.toISOString(), id);
  if (marked === 0 && !(await repo.standingNotifications(ctx.db, user.id)).some((n) => n.id === id))
    throw new NotFoundError('notification', String(id));
  return { marked };
}

/** Marks all of the user's standing notifications read. */
export async function markAllNotificationsRead(ctx: Context) {
  const user = signedInUser(ctx);
  return { marked: await repo.markRead(ctx.db, user.id, ctx.now.toISOString()) };
}

/**
 * The daily digest: every user's reminders worked out and kept; each user with any who chose the
 * digest (and so has an e-mail address) gets them mailed when a mailer is given. Returns how many users had reminders, how many
 * were mailed.
 */
export async function sendDigests(ctx: Context, mailer?: Mailer): Promise<{ users: number; mailed: number }> {
  const { reminders: all, users } = await refreshNotifications(ctx);
  const on = localDate(ctx.now);
  let withReminders = 0;
  let mailed = 0;
  for (const user of users) {
    const mine = all.filter((r) => r.userId === user.id);
    if (mine.length === 0) continue;
    withReminders += 1;
    if (!mailer || !user.digest || !user.email) continue;
    await mailer.send({ to: user.email, ...digestMail(user, on, mine) });
    mailed += 1;
  }
  return { users: withReminders, mailed };
}

/** The signed-in user's e-mail address and whether they get the daily digest. */
export async function myDigestSettings(ctx: Context): Promise<DigestSettings> {
  const user = (await accounts.userById(ctx.db, signedInUser(ctx).id))!;
  return { email: user.email, digest: user.digest === 1 };
}

/** The signed-in user sets their address and opts in or out of the digest; audited. */
export async function changeDigestSettings(ctx: Context, input: DigestSettings): Promise<DigestSettings> {
  const after = digestSettings.parse(input);
  return inTransaction(ctx, async (tx) => {
    const user = (await accounts.userById(tx.db, signedInUser(tx).id))!;
    const before = { email: user.email, digest: user.digest === 1 };
    await accounts.updateUser(tx.db, user.id, { email: after.email, digest: after.digest ? 1 : 0 });
    await recordEvent(tx, {
      action: 'user.digest',
      entityType: 'user',
      entityId: user.username,
      before,
      after,
    });
    return after;
  });
}
