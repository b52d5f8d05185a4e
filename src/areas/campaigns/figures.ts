// The heavy part of the figures: read a campaign's facts as of a date and compute every unit's
// figures with the rules. It imports only what that needs, so that a worker thread can run it (see
// figures-pool.ts); the service decides where it runs and keeps its results (see service.ts).
import type { Executor } from '../../db/connection.ts';
import type { CampaignRow, UnitRow } from '../../db/tables.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import { letterTargets } from '../letters/repo.ts';
import * as units from '../units/repo.ts';
import type { UnitKind } from '../units/rules.ts';
import { type Pace, paceDates, unitPaces } from './pace.ts';
import * as repo from './repo.ts';
import {
  type BaselineFacts,
  type CampaignTerms,
  type Facts,
  type UnitNode,
  type UnitStanding,
  baselineFacts,
  clearedOn,
  computeStandings,
  declineRates,
  keyDates,
  keptFactsServe,
  type FactDifference,
  factDifferences,
  factsWindow,
  trendDates,
} from './rules.ts';

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

/** One unit's figures as of a date, with its pace. */
export type UnitFigures = UnitStanding & { pace: Pace };

/** The trend line: its dates, and every unit's decline rate on each (by unit code). */
export interface Trend {
  dates: IsoDate[];
  declineRates: ReadonlyMap<string, readonly (number | null)[]>;
}

/** What the standings and the dashboard of a campaign as of a date are made of. */
export interface ComputedFigures {
  unitRows: UnitRow[];
  /** Every unit's figures with its pace (the figures 7 and 14 days before give it), in tree order. */
  units: UnitFigures[];
  /** The persons of the baseline (frozen, or while provisional the one the records show), compressed. */
  baseline: BaselineFacts[];
  /** The decline rates from launch to the as-of date, when asked for (the dashboard's trend line). */
  trend: Trend | null;
}

/**
 * Reads the facts of a campaign as of a date and computes the figures. The facts are compressed
 * around the campaign's key dates and stay exact for every date from launch to the as-of date
 * (see repo), so the pace and the trend come from the same facts.
 */
export async function computeFigures(
  db: Executor,
  campaign: CampaignRow,
  asOf: IsoDate,
  withTrend: boolean,
): Promise<ComputedFigures> {
  const terms = campaignTerms(campaign);
  const keys = keyDates(terms, asOf);
  const [unitRows, read, targets] = await Promise.all([
    units.allUnits(db),
    // The kept counts cost what the unit tree and the campaign's length do; outside the campaign's
    // window (an as-of date after the deadline) the persons themselves are read.
    keptFactsServe(terms, keys)
      ? repo.keptFacts(db, campaign.id, keys)
      : repo.factsFromPersons(db, campaign.id, keys),
    letterTargets(db, campaign.id, asOf),
  ]);
  const facts: Facts = { ...read, baseline: campaign.frozen_at === null ? null : read.baseline };
  const nodes = unitNodes(unitRows);
  const at = (date: IsoDate) => computeStandings(nodes, facts, terms, date, targets);
  const { weekAgo, fortnightAgo } = paceDates(asOf);
  const now = at(asOf);
  // The pace compares only the cleared counts of 7 and 14 days before, not every figure.
  const before = [...clearedOn(nodes, facts, terms, [fortnightAgo, weekAgo])];
  const clearedThen = (i: number) => before.map(([code, { cleared }]) => ({ code, cleared: cleared[i]! }));
  const paces = unitPaces(now, clearedThen(1), clearedThen(0), terms, asOf);
  return {
    unitRows,
    units: now.map((u) => ({ ...u, pace: paces.get(u.code)! })),
    baseline: [...baselineFacts(facts, terms)],
    trend: withTrend ? trendOf(nodes, facts, terms, asOf) : null,
  };
}

function trendOf(nodes: UnitNode[], facts: Facts, terms: CampaignTerms, asOf: IsoDate): Trend {
  const dates = trendDates(terms, asOf);
  return { dates, declineRates: declineRates(nodes, facts, terms, dates) };
}

/** What differs between a campaign's kept counts and the facts read from the persons, over its window. */
export async function keptFactsDrift(db: Executor, campaign: CampaignRow): Promise<FactDifference[]> {
  const { from, to } = factsWindow(campaignTerms(campaign));
  const expected = await repo.factsFromPersons(db, campaign.id, [from, to]);
  return factDifferences(expected, await repo.keptFacts(db, campaign.id, [from, to]));
}
