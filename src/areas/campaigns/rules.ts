// The campaign figures of DESIGN.md ("The figures"). Each figure has exactly this one
// implementation; the CLI, the API, bulletins and the dashboard all read them from here.
import { type IsoDate, addDays, daysBetween } from '../../shared/dates.ts';
import { type ClearanceKind, isCapture } from '../clearances/rules.ts';
import type { UnitKind } from '../units/rules.ts';

export interface CampaignTerms {
  baselineOn: IsoDate;
  startOn: IsoDate;
  deadlineOn: IsoDate;
  /** Target decline rate as a fraction, e.g. 0.5. */
  target: number;
  /** Clearance kinds that count toward `cleared` (cancellations only if the campaign says so). */
  countedKinds: readonly ClearanceKind[];
}

export interface Exit {
  on: IsoDate;
  kind: ClearanceKind;
}

/** What the figures need to know of one fugitive (a person on the list). */
export interface FugitiveFacts {
  /** Our unit that listed the person; null for a remote fugitive (listed by an outside agency). */
  listingUnitId: number | null;
  listedOn: IsoDate;
  /** The verified clearance that took the person off the list, if any. */
  exit: (Exit & { capturingUnitId: number | null }) | null;
}

/**
 * A fugitive plays two parts in the figures: as a listing of one of our units (baseline, cleared,
 * active, cancellations) and, once caught, as a capture of the unit that caught them. The figures
 * read each part on its own; `count` says how many people share the same facts.
 */
export interface ListingFacts {
  listingUnitId: number;
  listedOn: IsoDate;
  exit: Exit | null;
  count: number;
}

export interface CaptureFacts {
  capturingUnitId: number;
  /** Listed by an outside agency, caught by us. */
  remote: boolean;
  exit: Exit;
  count: number;
}

export interface Facts {
  listings: Iterable<ListingFacts>;
  captures: Iterable<CaptureFacts>;
}

/** Splits person-level facts into the two parts the figures read. */
export function factsOf(fugitives: Iterable<FugitiveFacts>): Facts {
  const listings: ListingFacts[] = [];
  const captures: CaptureFacts[] = [];
  for (const f of fugitives) {
    const exit = f.exit && { on: f.exit.on, kind: f.exit.kind };
    if (f.listingUnitId !== null)
      listings.push({ listingUnitId: f.listingUnitId, listedOn: f.listedOn, exit, count: 1 });
    if (f.exit?.capturingUnitId != null) {
      captures.push({
        capturingUnitId: f.exit.capturingUnitId,
        remote: f.listingUnitId === null,
        exit: exit!,
        count: 1,
      });
    }
  }
  return { listings, captures };
}

/**
 * The only dates the figures compare facts against. Any two dates that fall on the same side of
 * each of these give the same figures, which lets the store hand over compressed facts.
 */
export function keyDates(c: CampaignTerms, asOf: IsoDate): IsoDate[] {
  return [c.baselineOn, c.startOn, asOf];
}

export interface UnitNode {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

export interface Captures {
  local: number;
  remote: number;
}

export interface UnitStanding {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  depth: number;
  baseline: number;
  cleared: number;
  declineRate: number | null;
  netDeclineRate: number | null;
  activeNow: number;
  captures: Captures;
  cancellations: number;
  /** target(U): the target of the unit's letter in force, else the campaign's. */
  target: number;
  onTrack: boolean | null;
  zeroResult: boolean;
  rank: number;
}

/** Each unit's own target, by unit id: the targets of the letters in force (see `targetOf`). */
export type UnitTargets = ReadonlyMap<number, number>;

/** target(U): the target of U's letter in force, else the campaign's. */
export function targetOf(unitId: number, targets: UnitTargets, c: Pick<CampaignTerms, 'target'>): number {
  return targets.get(unitId) ?? c.target;
}

/** baseline: listed by the unit on or before the baseline date and not cleared before launch. */
export function isBaseline(f: ListingFacts, c: CampaignTerms): boolean {
  return f.listedOn <= c.baselineOn && !(f.exit !== null && f.exit.on < c.startOn);
}

function inCampaign(exit: Exit | null, c: CampaignTerms, asOf: IsoDate): exit is Exit {
  return exit !== null && exit.on >= c.startOn && exit.on <= asOf;
}

/** cleared: a baseline fugitive whose exit, of a counted kind, falls in [launch, as-of]. */
export function isCleared(f: ListingFacts, c: CampaignTerms, asOf: IsoDate): boolean {
  return isBaseline(f, c) && inCampaign(f.exit, c, asOf) && c.countedKinds.includes(f.exit.kind);
}

/** cancellations: baseline fugitives whose warrant was withdrawn in [launch, as-of]; shown apart. */
export function isCancellation(f: ListingFacts, c: CampaignTerms, asOf: IsoDate): boolean {
  return isBaseline(f, c) && inCampaign(f.exit, c, asOf) && f.exit.kind === 'cancellation';
}

/** Still on the list at the as-of date: listed by then and not yet cleared. */
export function isActive(f: ListingFacts, asOf: IsoDate): boolean {
  return f.listedOn <= asOf && !(f.exit !== null && f.exit.on <= asOf);
}

/** captures: an arrest or surrender in [launch, as-of] by one of our units. */
export function isCaptureInCampaign(f: CaptureFacts, c: CampaignTerms, asOf: IsoDate): boolean {
  return inCampaign(f.exit, c, asOf) && isCapture(f.exit.kind);
}

export function declineRate(cleared: number, baseline: number): number | null {
  return baseline === 0 ? null : cleared / baseline;
}

export function netDeclineRate(baseline: number, activeNow: number): number | null {
  return baseline === 0 ? null : (baseline - activeNow) / baseline;
}

/** Share of the campaign's days gone by at the as-of date, clamped to [0, 1]. */
export function elapsedShare(c: CampaignTerms, asOf: IsoDate): number {
  const total = daysBetween(c.startOn, c.deadlineOn);
  if (total <= 0) return asOf >= c.startOn ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(c.startOn, asOf) / total));
}

/** On track: at or above the straight trajectory to the target; null when there is no baseline. */
export function onTrack(rate: number | null, target: number, share: number): boolean | null {
  // Exactly on the line counts as on track, whatever the floating-point rounding of either side.
  return rate === null ? null : rate >= target * share - 1e-12;
}

/** Zero result: a station or squad with no captures so far. */
export function zeroResult(kind: UnitKind, captures: Captures): boolean {
  return (kind === 'station' || kind === 'squad') && captures.local + captures.remote === 0;
}

interface Tally {
  baseline: number;
  cleared: number;
  activeNow: number;
  cancellations: number;
  local: number;
  remote: number;
}

const emptyTally = (): Tally => ({
  baseline: 0,
  cleared: 0,
  activeNow: 0,
  cancellations: 0,
  local: 0,
  remote: 0,
});

/**
 * All figures for every unit of the tree (each unit counts its whole subtree), ranked within depth,
 * each unit judged against its own target (`targets`: the letters in force). Units come back in tree order: each parent before its children, siblings by code.
 */
export function computeStandings(
  units: readonly UnitNode[],
  facts: Facts,
  c: CampaignTerms,
  asOf: IsoDate,
  targets: UnitTargets = new Map(),
): UnitStanding[] {
  const own = new Map<number, Tally>(units.map((u) => [u.id, emptyTally()]));

  for (const f of facts.listings) {
    const t = own.get(f.listingUnitId);
    if (!t) continue;
    if (isBaseline(f, c)) t.baseline += f.count;
    if (isCleared(f, c, asOf)) t.cleared += f.count;
    if (isCancellation(f, c, asOf)) t.cancellations += f.count;
    if (isActive(f, asOf)) t.activeNow += f.count;
  }
  for (const f of facts.captures) {
    const t = own.get(f.capturingUnitId);
    if (t && isCaptureInCampaign(f, c, asOf)) t[f.remote ? 'remote' : 'local'] += f.count;
  }

  const ordered = treeOrder(units);
  const totals = rollUp(ordered, own);
  const share = elapsedShare(c, asOf);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));

  const standings = ordered.map(({ unit, depth }): UnitStanding => {
    const t = totals.get(unit.id) ?? emptyTally();
    const rate = declineRate(t.cleared, t.baseline);
    const captures = { local: t.local, remote: t.remote };
    const target = targetOf(unit.id, targets, c);
    return {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent: unit.parentId === null ? null : (codeOf.get(unit.parentId) ?? null),
      depth,
      baseline: t.baseline,
      cleared: t.cleared,
      declineRate: rate,
      netDeclineRate: netDeclineRate(t.baseline, t.activeNow),
      activeNow: t.activeNow,
      captures,
      cancellations: t.cancellations,
      target,
      onTrack: onTrack(rate, target, share),
      zeroResult: zeroResult(unit.kind, captures),
      rank: 0,
    };
  });
  assignRanks(standings);
  return standings;
}

/** Parents before children, siblings by code; depth 0 at the roots. */
export function treeOrder(units: readonly UnitNode[]): { unit: UnitNode; depth: number }[] {
  const children = new Map<number | null, UnitNode[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(u);
    else children.set(parent, [u]);
  }
  for (const list of children.values()) list.sort((a, b) => compareCodes(a.code, b.code));
  const out: { unit: UnitNode; depth: number }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth });
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Each unit's totals: its own tallies plus those of all its descendants. */
function rollUp(ordered: { unit: UnitNode }[], own: Map<number, Tally>): Map<number, Tally> {
  const totals = new Map<number, Tally>();
  for (const { unit } of ordered) totals.set(unit.id, { ...(own.get(unit.id) ?? emptyTally()) });
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const unit = ordered[i]!.unit;
    const parent = unit.parentId === null ? undefined : totals.get(unit.parentId);
    const mine = totals.get(unit.id)!;
    if (!parent) continue;
    for (const key of Object.keys(mine) as (keyof Tally)[]) parent[key] += mine[key];
  }
  return totals;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranking among units at the same depth: declineRate (null last), then total captures, then code. */
export function compareForRank(a: UnitStanding, b: UnitStanding): number {
  if (a.declineRate !== b.declineRate) {
    if (a.declineRate === null) return 1;
    if (b.declineRate === null) return -1;
    return b.declineRate - a.declineRate;
  }
  const capturesA = a.captures.local + a.captures.remote;
  const capturesB = b.captures.local + b.captures.remote;
  if (capturesA !== capturesB) return capturesB - capturesA;
  return compareCodes(a.code, b.code);
}

function assignRanks(standings: UnitStanding[]): void {
  const byDepth = new Map<number, UnitStanding[]>();
  for (const s of standings) {
    const level = byDepth.get(s.depth);
    if (level) level.push(s);
    else byDepth.set(s.depth, [s]);
  }
  for (const level of byDepth.values()) {
    level.sort(compareForRank).forEach((s, i) => {
      s.rank = i + 1;
    });
  }
}

export type Composition = Record<ClearanceKind, number>;

/** How the baseline of some units left the list in [launch, as-of]: by arrest, surrender, death or cancellation. */
export function composition(
  listings: Iterable<ListingFacts>,
  unitIds: ReadonlySet<number>,
  c: CampaignTerms,
  asOf: IsoDate,
): Composition {
  const out: Composition = { arrest: 0, surrender: 0, death: 0, cancellation: 0 };
  for (const f of listings) {
    if (unitIds.has(f.listingUnitId) && isBaseline(f, c) && inCampaign(f.exit, c, asOf))
      out[f.exit.kind] += f.count;
  }
  return out;
}

/** Dates from launch to the as-of date (at most `points` of them, always both ends) for a trend line. */
export function trendDates(c: CampaignTerms, asOf: IsoDate, points = 24): IsoDate[] {
  const end = asOf < c.deadlineOn ? asOf : c.deadlineOn;
  const days = daysBetween(c.startOn, end);
  if (days < 0) return [];
  const step = Math.max(1, Math.ceil(days / (points - 1)));
  const dates: IsoDate[] = [];
  for (let d = 0; d < days; d += step) dates.push(addDays(c.startOn, d));
  dates.push(end);
  return dates;
}
