import { createHash } from 'node:crypto';
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { type IsoDate, localDate, localDayBounds } from '../../shared/dates.ts';
import { conflictOf, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope, requireInScope, unitFilter } from '../accounts/rules.ts';
import { allUnits, subtreeIdsOf } from '../units/repo.ts';
import { recordEvent } from '../audit/service.ts';
import { lockFugitive, fugitiveByListingNo } from '../registry/repo.ts';
import { withdrawnListingRefusal } from '../registry/rules.ts';
import { tipById } from '../publicity/repo.ts';
import { ledToClearance, mayReadContact } from '../publicity/rules.ts';
import { newReceiptCode, receiptHash, seal } from '../publicity/sealing.ts';
import * as repo from './repo.ts';
import { payoutProblem, rewardMarkProblem } from './rules.ts';
import type { EnteredTipOut, RewardOut, StaffTipInput } from './schema.ts';
import type { TipChannel, TipOutcome, TipStatus, TriageLabel } from '../publicity/rules.ts';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * An officer enters a tip received by telephone, letter or in person. It goes to the unit that
 * listed the named person, else to the officer's own unit, and follows the same triage as a web
 * tip. Contact details are sealed; the audit chain holds digests only. Returns the receipt code to
 * give the tipster (to ask about the tip and claim a reward, as web tipsters do).
 */
export async function enterTip(ctx: Context, input: StaffTipInput): Promise<{ id: number; receipt: string }> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const receivedAt = new Date(input.receivedAt);
    if (receivedAt > tx.now)
      throw new DomainError('in_future', `receivedAt: is in the future (${input.receivedAt})`, 'receivedAt', {
        field: 'receivedAt',
        value: input.receivedAt,
      });
    const named = input.listingNo ? await fugitiveByListingNo(tx.db, input.listingNo) : undefined;
    if (input.listingNo && !named)
      throw new DomainError('unknown_listing', `listingNo: no listing ${input.listingNo}`, 'listingNo', {
        listingNo: input.listingNo,
      });
    const withdrawn = named && withdrawnListingRefusal(named);
    if (withdrawn) throw conflictOf(withdrawn, 'listingNo');
    const assigned = named?.listing_unit_id ?? user.unitId;
    const contact =
      input.contactName || input.contactPhone || input.contactEmail
        ? seal(
            JSON.stringify({
              name: input.contactName || null,
              phone: input.contactPhone || null,
              email: input.contactEmail || null,
            }),
          )
        : null;
    const receipt = newReceiptCode();
    const id = await repo.insertStaffTip(tx.db, {
      receipt_hash: receiptHash(receipt),
      fugitive_id: named?.id ?? null,
      assigned_unit_id: assigned,
      seen_text: input.seen,
      seen_where: input.where || null,
      seen_when: input.when || null,
      language: 'zh',
      contact_sealed: contact,
      status: 'new',
      received_at: receivedAt.toISOString(),
      updated_at: tx.now.toISOString(),
      channel: input.channel,
      entered_by: tx.actor,
    });
    await recordEvent(tx, {
      action: 'tip.enter',
      entityType: 'tip',
      entityId: id,
      after: {
        channel: input.channel,
        enteredBy: tx.actor,
        assignedUnitId: assigned,
        listingNo: named?.listing_no ?? null,
        contentDigest: digest(`${input.seen}\n${input.where ?? ''}\n${input.when ?? ''}`),
        hasContact: contact !== null,
      },
    });
    return { id, receipt };
  });
}

function presentReward(r: repo.RewardRow): RewardOut {
  return {
    tipId: r.tip_id,
    amount: Number(r.amount),
    markedBy: r.marked_by,
    markedAt: r.marked_at,
    paidOn: r.paid_on,
    paidBy: r.paid_by,
    receiptRef: r.receipt_ref,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

/** The tip, for those who may see its tipster: officers of the unit it is assigned to. */
async function tipForTipsterContact(ctx: Context, id: number) {
  const user = signedInUser(ctx);
  const tip = await tipById(ctx.db, id);
  if (!tip) throw new NotFoundError('tip', String(id));
  if (!inScope(ctx.scope, tip.assigned_unit_id) || !mayReadContact(user.unitId, tip.assigned_unit_id))
    throw new ForbiddenError(
      'contact_hidden',
      `the reward of tip ${id} is for the officers of its assigned unit only, like the tipster's contact`,
    );
  return tip;
}

/** The reward of a tip and its payout, if any (for the assigned unit's officers only). */
export async function tipReward(ctx: Context, id: number): Promise<{ reward: RewardOut | null }> {
  await tipForTipsterContact(ctx, id);
  const reward = await repo.rewardOf(ctx.db, id);
  return { reward: reward ? presentReward(reward) : null };
}

/** Marks a tip that led to a verified result for a reward of an amount. Audited. */
export async function markReward(ctx: Context, id: number, amount: number): Promise<{ reward: RewardOut }> {
  return inTransaction(ctx, async (tx) => {
    const tip = await tipForTipsterContact(tx, id);
    if (tip.fugitive_id) await lockFugitive(tx.db, tip.fugitive_id);
    const problem = rewardMarkProblem({
      ledToResult: ledToClearance(tip.outcome, tip.exit_on !== null && tip.exit_on !== undefined),
      alreadyMarked: (await repo.rewardOf(tx.db, id)) !== undefined,
    });
    if (problem) throw conflictOf(problem, 'amount');
    await repo.insertReward(tx.db, {
      tip_id: id,
      amount,
      marked_by: tx.actor,
      marked_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'tip.reward-mark',
      entityType: 'tip',
      entityId: id,
      after: { amount, listingNo: tip.listing_no },
    });
    return { reward: presentReward((await repo.rewardOf(tx.db, id))!) };
  });
}

/** Records the payout to the tipster: when, who paid, the signed receipt. Once. Audited. */
export async function recordPayout(
  ctx: Context,
  id: number,
  payout: { paidOn: string; paidBy: string; receiptRef: string },
): Promise<{ reward: RewardOut }> {
  return inTransaction(ctx, async (tx) => {
    await tipForTipsterContact(tx, id);
    const reward = await repo.rewardOf(tx.db, id);
    const problem = payoutProblem(
      {
        marked: reward !== undefined,
        paidOn: reward?.paid_on ?? null,
        markedOn: reward ? localDate(new Date(reward.marked_at)) : null,
      },
      payout,
      localDate(tx.now),
    );
    if (problem)
      throw conflictOf({ ...problem, message: `${problem.field}: ${problem.message}` }, problem.field);
    await repo.updateReward(tx.db, id, {
      paid_on: payout.paidOn,
      paid_by: payout.paidBy,
      receipt_ref: payout.receiptRef,
      recorded_by: tx.actor,
      recorded_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'tip.reward-payout',
      entityType: 'tip',
      entityId: id,
      after: { amount: reward!.amount, ...payout },
    });
    return { reward: presentReward((await repo.rewardOf(tx.db, id))!) };
  });
}

/** The rewards of the caller's own unit's tips (for the export). */
export async function unitRewards(ctx: Context) {
  const user = signedInUser(ctx);
  const rows = await repo.rewardsOfUnit(ctx.db, user.unitId);
  return {
    rewards: rows.map((r) => ({
      ...presentReward(r),
      channel: r.channel,
      unit: { code: r.unit_code, name: r.unit_name },
      listingNo: r.listing_no,
    })),
  };
}

/**
 * The tips staff entered (telephone, letter, in person) received on the bureau's days from–to, of
 * the caller's units, oldest first, for the export. No contact details and no reward: those are for
 * the assigned unit's officers, on the tip itself.
 */
export async function enteredTips(
  ctx: Context,
  range: { from: IsoDate; to: IsoDate; unit?: string },
): Promise<EnteredTipOut[]> {
  if (range.from > range.to)
    throw new DomainError('from_after_to', 'from: must not be after to', 'from', {
      from: range.from,
      to: range.to,
    });
  let scope = unitFilter(ctx.scope);
  if (range.unit) {
    const unit = (await allUnits(ctx.db)).find((u) => u.code === range.unit);
    if (!unit) throw new NotFoundError('unit', range.unit);
    requireInScope(ctx.scope, unit);
    scope = { all: false, unitIds: await subtreeIdsOf(ctx.db, unit.id) };
  }
  const rows = await repo.enteredTipsBetween(ctx.db, scope, {
    fromInstant: localDayBounds(range.from).from,
    toInstant: localDayBounds(range.to).to,
  });
  return rows.map((t) => ({
    id: t.id,
    channel: t.channel as TipChannel,
    receivedAt: t.received_at,
    enteredBy: t.entered_by,
    enteredByName: t.entered_by_name ?? null,
    unit: { code: t.unit_code, name: t.unit_name },
    fugitive:
      t.listing_no === null || t.listing_no === undefined
        ? null
        : { listingNo: t.listing_no, name: t.fugitive_name ?? '' },
    seen: t.seen_text,
    where: t.seen_where,
    when: t.seen_when,
    status: t.status as TipStatus,
    triage: t.triage as TriageLabel | null,
    outcome: t.outcome as TipOutcome | null,
    countsAsResult: ledToClearance(t.outcome, t.exit_on !== null && t.exit_on !== undefined),
    hasContact: t.contact_sealed !== null,
  }));
}
