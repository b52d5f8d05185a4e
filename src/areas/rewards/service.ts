import { createHash } from 'node:crypto';
import type { CampaignRow } from '../../db/tables.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { canonicalJson } from '../audit/rules.ts';
import * as campaigns from '../campaigns/repo.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import type { UnitStanding } from '../campaigns/rules.ts';
import * as units from '../units/repo.ts';
import * as repo from './repo.ts';
import {
  type RewardRuleSet,
  type RewardRuleSetInput,
  earlyFinishEntries,
  entriesForCapture,
  ledgerChanges,
  reachedTarget,
  rewardRuleSet,
} from './rules.ts';

export interface ActiveRules {
  version: number;
  rules: RewardRuleSet;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

/** The active (latest) rule set of a campaign, if it has one. */
export async function activeRules(
  ctx: Pick<Context, 'db'>,
  campaignId: number,
): Promise<ActiveRules | undefined> {
  const row = await repo.activeRuleSetRow(ctx.db, campaignId);
  return (
    row && {
      version: row.version,
      rules: rewardRuleSet.parse(JSON.parse(row.rules_json)),
      note: row.note,
      createdBy: row.created_by,
      createdAt: row.created_at,
    }
  );
}

/**
 * Sets a campaign's reward rules as a new version, and recomputes its ledger under it: entries of
 * the older version are reversed and the due ones booked anew. Audited.
 */
export async function setRewardRules(
  ctx: Context,
  campaignName: string,
  input: RewardRuleSetInput,
  note?: string,
): Promise<ActiveRules & { changes: SyncSummary }> {
  const rules = rewardRuleSet.parse(input);
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    await repo.lockLedger(tx.db, campaign.id); // two rule changes at once must not take one version
    const current = await repo.activeRuleSetRow(tx.db, campaign.id);
    const version = (current?.version ?? 0) + 1;
    await repo.insertRuleSet(tx.db, {
      campaign_id: campaign.id,
      version,
      rules_json: JSON.stringify(rules),
      note: note || null,
      created_by: tx.actor,
      created_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'rewards.rules',
      entityType: 'campaign',
      entityId: campaign.id,
      before: current ? { version: current.version } : null,
      after: { version, rules, note: note || null },
    });
    const changes = await syncLedger(tx, campaign);
    return { ...(await activeRules(tx, campaign.id))!, changes };
  });
}

export interface SyncSummary {
  version: number | null;
  reversed: number;
  added: number;
}

/** The day up to which the early-finish bonus is judged: today, or the deadline once it has passed. */
function bonusDate(campaign: CampaignRow, today: IsoDate): IsoDate {
  return today < campaign.deadline_on ? today : campaign.deadline_on;
}

/**
 * Brings a campaign's ledger up to date with its verified clearances and active rule set: reverses
 * standing entries that are no longer due (clearance rejected, superseded, rules changed) and books
 * the newly due ones. With `fugitiveIds`, only those people's clearances are looked at (plus the
 * unit bonuses). Idempotent; writes an audit event when anything changed.
 */
export async function syncLedger(
  ctx: Context,
  campaign: CampaignRow,
  fugitiveIds?: readonly number[],
): Promise<SyncSummary> {
  return inTransaction(ctx, async (tx) => {
    // Lock first, then read the rules: a rule change committed while we waited must be seen.
    await repo.lockLedger(tx.db, campaign.id);
    const active = await activeRules(tx, campaign.id);
    if (!active) return { version: null, reversed: 0, added: 0 };
    const captures = await repo.verifiedCaptures(tx.db, campaign.start_on, campaign.year_end_on, fugitiveIds);
    const today = localDate(tx.now);
    const atTarget =
      today < campaign.start_on ? [] : await unitsAtTarget(tx, campaign, bonusDate(campaign, today));
    const due = [
      ...captures.flatMap((c) => entriesForCapture(active.rules, c)),
      ...earlyFinishEntries(active.rules, atTarget),
    ];
    const standing = await repo.standingEntries(tx.db, campaign.id, fugitiveIds);
    const changes = ledgerChanges(due, standing, active.version);
    if (changes.reverse.length + changes.add.length === 0)
      return { version: active.version, reversed: 0, added: 0 };
    const booked = { booked_on: today, created_at: tx.now.toISOString(), campaign_id: campaign.id };
    await repo.insertEntries(tx.db, [
      ...changes.reverse.map((e) => ({
        ...booked,
        unit_id: e.unitId,
        clearance_id: e.clearanceId,
        rule_set_version: e.version,
        rule_id: e.ruleId,
        points: -e.points,
        money: -e.money,
        reverses_id: e.id,
        reason: `reversal: ${e.reason}`,
      })),
      ...changes.add.map((e) => ({
        ...booked,
        unit_id: e.unitId,
        clearance_id: e.clearanceId,
        rule_set_version: active.version,
        rule_id: e.ruleId,
        points: e.points,
        money: e.money,
        reverses_id: null,
        reason: e.reason,
      })),
    ]);
    const summary = { version: active.version, reversed: changes.reverse.length, added: changes.add.length };
    await recordEvent(tx, {
      action: 'ledger.sync',
      entityType: 'campaign',
      entityId: campaign.id,
      // Counts and a digest, not the ids: a rule change rebooks every entry of the campaign.
      after: {
        ...summary,
        reversedDigest: digestOf(changes.reverse.map((e) => e.id)),
        addedDigest: digestOf(changes.add.map((e) => [e.clearanceId, e.unitId, e.ruleId])),
      },
    });
    return summary;
  });
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** Units below the bureau whose decline rate has reached their own target by the date. */
async function unitsAtTarget(ctx: Context, campaign: CampaignRow, asOf: IsoDate): Promise<number[]> {
  const [figures, unitRows] = await Promise.all([
    standings(ctx, { campaign: campaign.name, asOf }),
    units.allUnits(ctx.db),
  ]);
  const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
  return figures.units
    .filter((u: UnitStanding) => u.kind !== 'bureau' && reachedTarget(u.declineRate, u.target))
    .map((u) => idOf.get(u.code)!);
}

/**
 * After a decision on a person's clearance (verified, rejected, superseded), every campaign's
 * ledger follows: called inside the decision's transaction, by whatever area decides.
 */
export async function ledgerFollowsDecision(ctx: Context, fugitiveIds: readonly number[]): Promise<void> {
  // Past a thousand people (a large import), the whole campaign is cheaper than a huge id list.
  const people = fugitiveIds.length > 1000 ? undefined : fugitiveIds;
  for (const campaignId of await repo.campaignsWithRules(ctx.db)) {
    const campaign = await campaigns.campaignById(ctx.db, campaignId);
    if (campaign) await syncLedger(ctx, campaign, people);
  }
}

/**
 * A campaign's ledger in the caller's units: every unit's balance over all its entries, and the
 * newest entries (all of them with `everyEntry`, for the Excel export).
 */
export async function ledger(ctx: Context, campaignName: string, everyEntry = false) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const active = await activeRules(ctx, campaign.id);
  const scope = unitFilter(ctx.scope);
  const rows = await repo.ledgerRows(ctx.db, campaign.id, scope, everyEntry ? undefined : 5000);
  const balances = (await repo.unitBalances(ctx.db, campaign.id, scope)).map((b) => ({
    code: b.code,
    name: b.name,
    points: b.points,
    money: b.money,
    entries: b.entries,
  }));
  return {
    campaign: campaign.name,
    rules: active ?? null,
    balances: balances.sort((a, b) => b.points - a.points || (a.code < b.code ? -1 : 1)),
    entries: rows.map(presentEntry),
  };
}

export function presentEntry(r: repo.LedgerRow) {
  return {
    id: r.id,
    unit: { code: r.unit_code, name: r.unit_name },
    clearanceId: r.clearance_id,
    listingNo: r.listing_no ?? null,
    clearanceKind: r.clearance_kind ?? null,
    occurredOn: r.occurred_on ?? null,
    ruleSetVersion: r.rule_set_version,
    ruleId: r.rule_id,
    points: Number(r.points),
    money: Number(r.money),
    reversesId: r.reverses_id,
    reason: r.reason,
    bookedOn: r.booked_on,
  };
}
export type LedgerEntryOut = ReturnType<typeof presentEntry>;
