// Reminders (issue 16): from the facts of the day, who must be told what. Pure: the facts, the users
// and the clock come in; a list of reminders, one per user and situation, comes out. Every reminder
// goes only to users who can act on it and whose scope holds its unit.
import { type Role, type Scope, hasAnyRole, inScope } from '../accounts/rules.ts';
import {
  answeringUnit,
  independenceRefusal,
  needsSecondApprover,
  verificationRefusal,
} from '../clearances/rules.ts';
import type { FourOne } from '../four-ones/rules.ts';
import { mayConfirm } from '../returns/rules.ts';
import { involvedIn } from '../units/rules.ts';
import { type IsoDate, addDays, daysBetween, localDate } from '../../shared/dates.ts';

/** A campaign's thresholds: how long a claim or tip may wait, how early a due date is announced. */
export interface ReminderSettings {
  /** A claim waiting this many days or more for its verification or approval is reminded of. */
  claimWaitDays: number;
  /** A tip still new (not triaged) this many days after it arrived. */
  tipWaitDays: number;
  /** A review, sanction, rectification item or task due within this many days (or overdue). */
  dueSoonDays: number;
  /** A rejected claim is reminded of to its claimant for this many days after the rejection. */
  rejectedForDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  claimWaitDays: 3,
  tipWaitDays: 2,
  dueSoonDays: 3,
  rejectedForDays: 7,
};

export const REMINDER_KINDS = [
  'claim_to_verify',
  'claim_to_approve',
  'claim_rejected',
  'review_due',
  'sanction_due',
  'rectification_due',
  'task_due',
  'tip_unhandled',
  'four_ones_gap',
  'letter_unsigned',
  'return_missing',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What a reminder's message names; `overdue` tells a due item past its date from one coming due. */
export type ReminderParams = Record<string, string | number | boolean>;

export interface Reminder {
  userId: number;
  /** The situation: one reminder per user and key (a due item gets a new key once overdue). */
  key: string;
  kind: ReminderKind;
  params: ReminderParams;
}

export interface Recipient {
  id: number;
  username: string;
  unitId: number;
  roles: Role[];
  scope: Scope;
}

export interface ClaimFact {
  id: number;
  listingNo: string;
  kind: string;
  status: string;
  claimedBy: string;
  claimUnitId: number | null;
  capturingUnitId: number | null;
  persuadingUnitId: number | null;
  listingUnitId: number | null;
  approvedBy: string | null;
  /** Since when the claim waits: filed, or approved (then it waits for the inspector). */
  enteredAt: string;
  approvedAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

/** A review, sanction, rectification item or task: something a person or unit must do by a date. */
export interface DueItem {
  kind: 'review_due' | 'sanction_due' | 'rectification_due' | 'task_due';
  id: number;
  unitId: number;
  /** Who answers for it; null: the unit's leaders. */
  owner: string | null;
  dueOn: IsoDate;
  /** What it is about, as the message names it (a task's title, a sanction's measure, a problem). */
  about: string;
}

export interface ReminderFacts {
  now: Date;
  units: readonly { id: number; parent_id: number | null; code: string; name: string }[];
  /** Claims pending, approved or held as a conflict, and claims rejected lately. */
  claims: readonly ClaimFact[];
  dueItems: readonly DueItem[];
  /** Tips not yet triaged. */
  tips: readonly { id: number; assignedUnitId: number; receivedAt: string }[];
  /** Cases that need the four ones and lack some, with the leader who owns the case (包案). */
  fourOnesGaps: readonly { listingNo: string; name: string; ownerId: number; missing: readonly FourOne[] }[];
  /** Units without a signed responsibility letter, while the campaign is under way. */
  unsignedUnits: readonly number[];
  /** Reporting units whose return of the date was not confirmed by the cut-off. */
  missingReturns: readonly { unitId: number; on: IsoDate }[];
}

/** Who handles tips of their own unit. */
const TIP_HANDLERS: readonly Role[] = ['officer', 'leader', 'commander'];

/**
 * Which facts one user's reminders can come from, by their roles: claims in their scope only for
 * inspectors (to verify) and leaders (to approve), others' only their own (rejected); due items in
 * scope only for leaders (a unit's items without an owner), others' only those they own; tips only
 * of their own unit, for those who handle tips; case gaps and unsigned letters only for leaders;
 * returns only for leaders and commanders (who confirm them). Everything else cannot reach them,
 * so the notification centre need not read it: a commander's bell no longer reads the whole city.
 */
export interface FactsWanted {
  claimsInScope: boolean;
  dueItemsInScope: boolean;
  /** The unit whose tips are wanted, or null: none. */
  tipsOf: number | null;
  fourOnesGaps: boolean;
  unsignedUnits: boolean;
  missingReturns: boolean;
}

export function factsWanted(user: Pick<Recipient, 'unitId' | 'roles'>): FactsWanted {
  const leader = user.roles.includes('leader');
  return {
    claimsInScope: leader || user.roles.includes('inspector'),
    dueItemsInScope: leader,
    tipsOf: hasAnyRole(user, TIP_HANDLERS) ? user.unitId : null,
    fourOnesGaps: leader,
    unsignedUnits: leader,
    missingReturns: leader || user.roles.includes('commander'),
  };
}

/**
 * The facts that can concern one user (see FactsWanted): those of units in their scope that their
 * roles can be told of, their own claims, the items they own. Working a single user's reminders out
 * from these gives the same as from all the facts (every reminder goes to its owner or to users
 * whose roles and scope fit it) at a fraction of the work: the notification centre's request asks
 * for one user's only.
 */
export function factsFor(facts: ReminderFacts, user: Recipient): ReminderFacts {
  const seen = (unitId: number | null) => inScope(user.scope, unitId);
  const wanted = factsWanted(user);
  return {
    ...facts,
    claims: facts.claims.filter(
      (c) =>
        c.claimedBy === user.username ||
        (wanted.claimsInScope &&
          [c.claimUnitId, c.capturingUnitId, c.persuadingUnitId, c.listingUnitId].some(seen)),
    ),
    dueItems: facts.dueItems.filter(
      (i) => i.owner === user.username || (wanted.dueItemsInScope && seen(i.unitId)),
    ),
    tips: facts.tips.filter((t) => t.assignedUnitId === wanted.tipsOf),
    fourOnesGaps: wanted.fourOnesGaps ? facts.fourOnesGaps.filter((g) => g.ownerId === user.id) : [],
    unsignedUnits: wanted.unsignedUnits ? facts.unsignedUnits.filter(seen) : [],
    missingReturns: wanted.missingReturns ? facts.missingReturns.filter((r) => seen(r.unitId)) : [],
  };
}

/**
 * Who a user's reminders depend on besides the user: leaders, to whom a unit's matters go when
 * they are the nearest to it. Every other recipient is judged on their own.
 */
export function recipientsFor<R extends Recipient>(all: readonly R[], userId: number): R[] {
  return all.filter((r) => r.id === userId || r.roles.includes('leader'));
}

/** Every reminder of the day, for every recipient: sorted by user, then key. */
export function reminders(
  facts: ReminderFacts,
  recipients: readonly Recipient[],
  settings: ReminderSettings,
): Reminder[] {
  const today = localDate(facts.now);
  const out: Reminder[] = [];
  const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
  const parentOf = new Map(facts.units.map((u) => [u.id, u.parent_id]));
  const leadersOf = new Map<number, Recipient[]>();
  for (const r of recipients)
    if (r.roles.includes('leader')) leadersOf.set(r.unitId, [...(leadersOf.get(r.unitId) ?? []), r]);
  /** The leaders of the unit, else of the nearest unit above that has any. */
  const nearestLeaders = (unitId: number | null): Recipient[] => {
    for (let u = unitId; u !== null; u = parentOf.get(u) ?? null) {
      const found = leadersOf.get(u);
      if (found) return found;
    }
    return [];
  };
  const push = (to: readonly Recipient[], unitId: number | null, r: Omit<Reminder, 'userId'>) => {
    for (const user of to)
      if (unitId === null || inScope(user.scope, unitId)) out.push({ ...r, userId: user.id });
  };
  const waited = (since: string) => daysBetween(localDate(new Date(since)), today);

  for (const c of facts.claims) {
    const params = { listingNo: c.listingNo, claimKind: c.kind };
    const answering = answeringUnit(c.kind, {
      claim: c.claimUnitId,
      capturing: c.capturingUnitId,
      listing: c.listingUnitId,
    });
    if (c.status === 'rejected') {
      if (c.decidedAt && waited(c.decidedAt) <= settings.rejectedForDays)
        push(
          recipients.filter((r) => r.username === c.claimedBy),
          null,
          {
            key: `claim_rejected:${c.id}`,
            kind: 'claim_rejected',
            params: { ...params, reason: c.decisionReason ?? '' },
          },
        );
      continue;
    }
    const awaitingApproval = needsSecondApprover(c.kind) && c.approvedBy === null;
    const days = waited(awaitingApproval ? c.enteredAt : (c.approvedAt ?? c.enteredAt));
    if (days < settings.claimWaitDays) continue;
    if (awaitingApproval) {
      const leaders = nearestLeaders(answering).filter((l) => l.username !== c.claimedBy);
      push(leaders, answering, {
        key: `claim_to_approve:${c.id}`,
        kind: 'claim_to_approve',
        params: { ...params, days },
      });
      continue;
    }
    const units = [c.claimUnitId, c.capturingUnitId, c.persuadingUnitId, c.listingUnitId];
    const state = {
      kind: c.kind,
      status: c.status,
      claimedBy: c.claimedBy,
      claimUnitId: c.claimUnitId,
      approvedBy: c.approvedBy,
    };
    // The inspectors who see the claim and may decide it (as the verification itself checks).
    const inspectors = recipients.filter(
      (r) =>
        r.roles.includes('inspector') &&
        units.some((u) => inScope(r.scope, u)) &&
        independenceRefusal(state, r, involvedIn(facts.units, r.unitId, units)) === null &&
        verificationRefusal(state, r, false) === null,
    );
    push(inspectors, null, {
      key: `claim_to_verify:${c.id}`,
      kind: 'claim_to_verify',
      params: { ...params, days },
    });
  }

  for (const item of facts.dueItems) {
    if (item.dueOn > addDays(today, settings.dueSoonDays)) continue;
    const overdue = item.dueOn < today;
    const owners =
      item.owner === null ? nearestLeaders(item.unitId) : recipients.filter((r) => r.username === item.owner);
    push(owners, item.owner === null ? item.unitId : null, {
      key: `${item.kind}:${item.id}:${overdue ? 'overdue' : 'due'}`,
      kind: item.kind,
      params: { unit: unitName.get(item.unitId) ?? '', about: item.about, dueOn: item.dueOn, overdue },
    });
  }

  for (const tip of facts.tips) {
    const days = waited(tip.receivedAt);
    if (days < settings.tipWaitDays) continue;
    push(
      recipients.filter((r) => r.unitId === tip.assignedUnitId && hasAnyRole(r, TIP_HANDLERS)),
      tip.assignedUnitId,
      { key: `tip_unhandled:${tip.id}`, kind: 'tip_unhandled', params: { tip: tip.id, days } },
    );
  }

  for (const gap of facts.fourOnesGaps)
    push(
      recipients.filter((r) => r.id === gap.ownerId),
      null,
      {
        key: `four_ones_gap:${gap.listingNo}:${gap.missing.join(',')}`,
        kind: 'four_ones_gap',
        params: { listingNo: gap.listingNo, name: gap.name, missing: gap.missing.join(',') },
      },
    );

  for (const unitId of facts.unsignedUnits)
    push(nearestLeaders(unitId), unitId, {
      key: `letter_unsigned:${unitId}`,
      kind: 'letter_unsigned',
      params: { unit: unitName.get(unitId) ?? '' },
    });

  for (const r of facts.missingReturns) {
    const unit = { id: r.unitId, top: parentOf.get(r.unitId) === null };
    const confirmers = recipients.filter((u) => mayConfirm({ unit: u.unitId, roles: u.roles }, unit));
    push(confirmers, r.unitId, {
      key: `return_missing:${r.unitId}:${r.on}`,
      kind: 'return_missing',
      params: { unit: unitName.get(r.unitId) ?? '', on: r.on },
    });
  }

  return out.sort((a, b) => a.userId - b.userId || a.key.localeCompare(b.key));
}
