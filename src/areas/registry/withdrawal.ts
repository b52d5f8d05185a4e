// The withdrawal (撤回) of a listing entered by mistake: the unit that keeps the listing asks with
// a reason (a remote listing: city-wide roles), a commander approves or refuses with a reason. A
// withdrawn listing is never deleted: it stays on its case page and in the audit log, but drops out
// of the registry's lists, the roster, the public pages and every figure computed from the records.
// A frozen baseline is not moved by it: only a commander's baseline correction takes a person out.
// Not to be confused with a cancellation (撤销), a clearance by which a real warrant is withdrawn.
import type { FugitiveRow, ListingWithdrawalRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { DomainError, ForbiddenError, NotFoundError, conflictOf } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { frozenBaselinesOfPerson } from '../campaigns/repo.ts';
import { clearancesOfFugitive } from '../clearances/repo.ts';
import { refreshPersons } from '../persons/repo.ts';
import * as repo from './repo.ts';
import { type WithdrawalState, withdrawalDecisionRefusal, withdrawalRequestRefusal } from './rules.ts';
import {
  type WithdrawalDecisionInput,
  type WithdrawalDecisionOut,
  type WithdrawalInput,
  type WithdrawalOut,
  askedWithdrawal,
  withdrawalDecisionInput,
  withdrawalInput,
} from './schema.ts';
import type { z } from 'zod';

/** The audit actions of a withdrawal: each after image is the request as it then stands. */
export const WITHDRAWAL_ACTIONS = {
  ask: 'fugitive.withdrawal-ask',
  approve: 'fugitive.withdrawal-approve',
  refuse: 'fugitive.withdrawal-refuse',
} as const;

export function toWithdrawal(listingNo: string, w: ListingWithdrawalRow): WithdrawalOut {
  return {
    id: w.id,
    listingNo,
    status: w.status,
    reason: w.reason,
    askedBy: w.asked_by,
    askedAt: w.asked_at,
    decidedBy: w.decided_by,
    decidedAt: w.decided_at,
    decisionReason: w.decision_reason,
  };
}

/** The listing, locked until the transaction ends, with its withdrawals and what the rules read. */
async function listingForWithdrawal(tx: Context, listingNo: string) {
  const found = await repo.fugitiveByListingNo(tx.db, listingNo);
  if (!found) throw new NotFoundError('fugitive', listingNo);
  await repo.lockFugitive(tx.db, found.id);
  const rows = await repo.withdrawalsOf(tx.db, found.id);
  const state: WithdrawalState = {
    listingNo,
    withdrawals: rows.map((w) => ({ status: w.status, askedBy: w.asked_by })),
    claims: (await clearancesOfFugitive(tx.db, found.id)).map((c) => c.status),
  };
  return { found, rows, state };
}

function requireKeeper(tx: Context, f: FugitiveRow): void {
  if (!inScope(tx.scope, f.listing_unit_id))
    throw new ForbiddenError(
      'out_of_scope',
      `fugitive ${f.listing_no} is not kept by your units`,
      undefined,
      {
        what: 'fugitive',
        key: f.listing_no,
      },
    );
}

/**
 * Asks for the withdrawal of a listing entered by mistake, with a reason: the unit that keeps it
 * (a remote listing city-wide). Refused while a request waits, once withdrawn, and while a clearance
 * claim on the listing is pending or verified. Nothing moves until a commander approves.
 */
export async function askWithdrawal(
  ctx: Context,
  listingNo: string,
  input: WithdrawalInput,
): Promise<WithdrawalOut> {
  const { reason } = withdrawalInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const { found, state } = await listingForWithdrawal(tx, listingNo);
    requireKeeper(tx, found);
    const refusal = withdrawalRequestRefusal(state);
    if (refusal) throw conflictOf(refusal);
    const id = await repo.insertWithdrawal(tx.db, {
      fugitive_id: found.id,
      reason,
      asked_by: tx.actor,
      asked_at: tx.now.toISOString(),
    });
    const out = toWithdrawal(
      listingNo,
      (await repo.withdrawalsOf(tx.db, found.id)).find((w) => w.id === id)!,
    );
    await recordEvent(tx, {
      action: WITHDRAWAL_ACTIONS.ask,
      entityType: 'fugitive',
      entityId: listingNo,
      after: out,
    });
    return out;
  });
}

/**
 * A commander's decision on the withdrawal waiting for a listing: approved, the listing leaves every
 * list and live figure at once (its person's figures are recomputed without it); refused, it stays
 * as it was, with the reason on record. The answer names the frozen baselines still holding the
 * person, which the withdrawal leaves as frozen: a baseline correction is the next step there.
 */
export async function decideWithdrawal(
  ctx: Context,
  listingNo: string,
  input: WithdrawalDecisionInput,
): Promise<WithdrawalDecisionOut> {
  const { approve, reason } = withdrawalDecisionInput.parse(input);
  if (!approve && !reason)
    throw new DomainError('refusal_reason_required', 'a refused withdrawal needs a reason', 'reason', {
      listingNo,
    });
  return inTransaction(ctx, async (tx) => {
    const { found, rows, state } = await listingForWithdrawal(tx, listingNo);
    const refusal = withdrawalDecisionRefusal(state, tx.actor, approve);
    if (refusal) throw conflictOf(refusal);
    const asked = rows.find((w) => w.status === 'asked')!;
    await repo.decideWithdrawal(tx.db, asked.id, {
      status: approve ? 'approved' : 'refused',
      decided_by: tx.actor,
      decided_at: tx.now.toISOString(),
      decision_reason: reason || null,
    });
    if (approve && found.person_id !== null) await refreshPersons(tx.db, [found.person_id]);
    const frozen = found.person_id === null ? [] : await frozenBaselinesOfPerson(tx.db, found.person_id);
    const others =
      found.person_id === null
        ? []
        : (await repo.listingsOfPerson(tx.db, found.person_id)).filter(
            (l) => l.id !== found.id && !l.withdrawn,
          );
    const decided = (await repo.withdrawalsOf(tx.db, found.id)).find((w) => w.id === asked.id)!;
    const out: WithdrawalDecisionOut = {
      ...toWithdrawal(listingNo, decided),
      frozenBaselines: frozen.map((b) => ({ campaign: b.campaign, unit: { code: b.code, name: b.name } })),
      otherListings: others.map((l) => l.listing_no),
    };
    await recordEvent(tx, {
      action: approve ? WITHDRAWAL_ACTIONS.approve : WITHDRAWAL_ACTIONS.refuse,
      entityType: 'fugitive',
      entityId: listingNo,
      before: { status: 'asked' },
      after: out,
    });
    return out;
  });
}

/** The withdrawals waiting for a commander's decision, oldest first. */
export async function askedWithdrawals(ctx: Context): Promise<z.output<typeof askedWithdrawal>[]> {
  const rows = await repo.askedWithdrawals(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    listingNo: r.listing_no,
    status: 'asked',
    reason: r.reason,
    askedBy: r.asked_by,
    askedAt: r.asked_at,
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    name: r.name,
    listingAgency: r.listing_agency,
    listingUnit: r.unit_code === null ? null : { code: r.unit_code, name: r.unit_name ?? '' },
  }));
}
