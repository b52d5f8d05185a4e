import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, daysBetween, localDate } from '../../shared/dates.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import type { CampaignRow, UnitRow } from '../../db/tables.ts';
import type { Executor } from '../../db/connection.ts';
import { recordEvent } from '../audit/service.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import * as units from '../units/repo.ts';
import { letterTargets } from '../letters/repo.ts';
import type { UnitKind } from '../units/rules.ts';
import * as repo from './repo.ts';
import {
  type CampaignTerms,
  type UnitNode,
  compareForRank,
  composition,
  computeStandings,
  elapsedShare,
  keyDates,
  trendDates,
} from './rules.ts';
import { inScope } from '../accounts/rules.ts';
import { subtreeIds } from '../units/rules.ts';
import { type CampaignInput, type StandingsOut, campaignInput } from './schema.ts';

export async function createCampaign(ctx: Context, input: CampaignInput): Promise<CampaignRow> {
  const c = campaignInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    if (await repo.campaignByName(tx.db, c.name)) {
      throw new DomainError('duplicate', `a campaign named ${c.name} already exists`, 'name');
    }
    const row = {
      name: c.name,
      baseline_on: c.baselineOn,
      start_on: c.startOn,
      deadline_on: c.deadlineOn,
      year_end_on: c.yearEndOn ?? `${c.deadlineOn.slice(0, 4)}-12-31`,
      target: c.target,
      counted_kinds: c.countedKinds.join(','),
      four_ones_categories: c.fourOnesCategories.join(','),
      integrity_settings: null,
      created_at: tx.now.toISOString(),
    };
    const id = await repo.insertCampaign(tx.db, row);
    await recordEvent(tx, { action: 'campaign.create', entityType: 'campaign', entityId: id, after: row });
    return { id, ...row };
  });
}

/** The named campaign, or the latest one when no name is given. */
export async function findCampaign(db: Executor, name?: string): Promise<CampaignRow> {
  const campaign = name ? await repo.campaignByName(db, name) : await repo.latestCampaign(db);
  if (!campaign)
    throw name
      ? new NotFoundError('campaign', name)
      : new DomainError('no_campaign', 'no campaign yet: create one first', 'campaign');
  return campaign;
}

export function campaignTerms(c: CampaignRow): CampaignTerms {
  return {
    baselineOn: c.baseline_on,
    startOn: c.start_on,
    deadlineOn: c.deadline_on,
    target: c.target,
    countedKinds: c.counted_kinds.split(',') as ClearanceKind[],
  };
}

/** The unit tree as the figures read it. */
export function unitNodes(unitRows: UnitRow[]): UnitNode[] {
  return unitRows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind as UnitKind,
    parentId: u.parent_id,
  }));
}

/**
 * What every figure of a campaign as of a date is computed from. The facts are compressed around
 * the campaign's key dates, and stay exact for every date from launch to the as-of date (see repo).
 */
async function figureInputs(ctx: Context, query: { campaign?: string; asOf?: IsoDate }) {
  const campaign = await findCampaign(ctx.db, query.campaign);
  const asOf = query.asOf ?? localDate(ctx.now);
  const terms = campaignTerms(campaign);
  const keys = keyDates(terms, asOf);
  const [unitRows, listings, captures, targets] = await Promise.all([
    units.allUnits(ctx.db),
    repo.listingFacts(ctx.db, keys),
    repo.captureFacts(ctx.db, keys),
    letterTargets(ctx.db, campaign.id, asOf),
  ]);
  return {
    campaign,
    asOf,
    terms,
    unitRows,
    nodes: unitNodes(unitRows),
    facts: { listings, captures },
    targets,
  };
}

/** Every unit's figures as of a date (default: today). */
export async function standings(
  ctx: Context,
  query: { campaign?: string; asOf?: IsoDate },
): Promise<StandingsOut> {
  const { campaign, asOf, terms, nodes, facts, targets } = await figureInputs(ctx, query);
  return {
    campaign: campaign.name,
    asOf,
    target: campaign.target,
    elapsedShare: elapsedShare(terms, asOf),
    units: computeStandings(nodes, facts, terms, asOf, targets),
  };
}

/**
 * What the dashboard shows for one unit (default: the caller's, or the city): its figures, its
 * children's for drill-down and ranking, the zero-result units below it, the decline rate over time
 * against the straight line to the target, and how its baseline left the list.
 */
export async function dashboard(ctx: Context, query: { campaign?: string; unit?: string; asOf?: IsoDate }) {
  const { campaign, asOf, terms, unitRows, nodes, facts, targets } = await figureInputs(ctx, query);
  const home =
    ctx.scope.all || !ctx.user
      ? unitRows.find((u) => u.parent_id === null)
      : unitRows.find((u) => u.id === ctx.user!.unitId);
  const unit = query.unit ? unitRows.find((u) => u.code === query.unit) : home;
  if (!unit) throw new NotFoundError('unit', query.unit ?? '');
  if (!inScope(ctx.scope, unit.id))
    throw new ForbiddenError(`unit ${unit.code} is outside yours`, 'out_of_scope');

  const all = computeStandings(nodes, facts, terms, asOf, targets);
  const subtree = new Set(subtreeIds(unitRows, unit.id));
  const codesBelow = new Set(unitRows.filter((u) => subtree.has(u.id)).map((u) => u.code));
  const trend = trendDates(terms, asOf).map((date) => {
    const figures = computeStandings(nodes, facts, terms, date, targets).find((u) => u.code === unit.code)!;
    return { date, declineRate: figures.declineRate, trajectory: figures.target * elapsedShare(terms, date) };
  });
  return {
    campaign: {
      name: campaign.name,
      baselineOn: campaign.baseline_on,
      startOn: campaign.start_on,
      deadlineOn: campaign.deadline_on,
      target: campaign.target,
    },
    asOf,
    daysLeft: Math.max(0, daysBetween(asOf, campaign.deadline_on)),
    elapsedShare: elapsedShare(terms, asOf),
    unit: all.find((u) => u.code === unit.code)!,
    children: all.filter((u) => u.parent === unit.code).sort(compareForRank),
    zeroResultUnits: all
      .filter((u) => u.zeroResult && codesBelow.has(u.code))
      .map((u) => ({ code: u.code, name: u.name })),
    trend,
    composition: composition(facts.listings, subtree, terms, asOf),
  };
}
