// The campaign figures of DESIGN.md ("The figures"). Each figure has exactly this one
// implementation; the CLI, the API, bulletins and the dashboard all read them from here.
// Every figure counts persons, not listings: a person's listings are taken together by the store.
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

/** What the figures need to know of one person (all of their listings taken together). */
export interface PersonFacts {
  /**
   * The unit of the person's earliest local listing (ties: lowest listing number); null for a
   * remote person, listed only by outside agencies. A person belongs to this one unit, so a
   * parent's persons are the union of its children's and no one is counted twice.
   */
  homeUnitId: number | null;
  /** The date of that earliest local listing (any listing's for a remote person). */
  listedOn: IsoDate;
  /** The person has a homicide listing (命案逃犯). */
  homicide: boolean;
  /** The person's earliest verified clearance, on any of their listings. */
  exit: (Exit & { capturingUnitId: number | null; persuadingUnitId: number | null }) | null;
}

/**
 * A person plays up to four parts in the figures: as a person on one of our units' list
 * (active, new listings; before the freeze also the baseline), as a person of the frozen
 * baseline (baseline, cleared, cancellations), as a capture of the unit that caught them, and as a
 * surrender a unit persuaded. The figures read each part on its own; `count` says how many persons
 * share the same facts.
 */
export interface ListingFacts {
  listingUnitId: number;
  listedOn: IsoDate;
  homicide: boolean;
  exit: Exit | null;
  count: number;
}

/** A person of the frozen baseline snapshot, with the unit the snapshot gave them. */
export interface BaselineFacts {
  unitId: number;
  homicide: boolean;
  exit: Exit | null;
  count: number;
}

export interface CaptureFacts {
  capturingUnitId: number;
  /** Listed only by outside agencies, caught by us. */
  remote: boolean;
  homicide: boolean;
  exit: Exit;
  count: number;
}

/** A surrender a unit of ours persuaded (劝投): a result of that unit for the zero-result test. */
export interface PersuasionFacts {
  persuadingUnitId: number;
  exit: Exit;
  count: number;
}

export interface Facts {
  listings: Iterable<ListingFacts>;
  /** The frozen snapshot; null while the campaign is not frozen (provisional figures). */
  baseline: Iterable<BaselineFacts> | null;
  captures: Iterable<CaptureFacts>;
  persuasions: Iterable<PersuasionFacts>;
}

/** Splits person-level facts into the parts the figures read; `baseline` is the frozen snapshot, if any. */
export function factsOf(persons: Iterable<PersonFacts>, baseline: BaselineFacts[] | null = null): Facts {
  const listings: ListingFacts[] = [];
  const captures: CaptureFacts[] = [];
  const persuasions: PersuasionFacts[] = [];
  for (const p of persons) {
    const exit = p.exit && { on: p.exit.on, kind: p.exit.kind };
    if (p.homeUnitId !== null)
      listings.push({
        listingUnitId: p.homeUnitId,
        listedOn: p.listedOn,
        homicide: p.homicide,
        exit,
        count: 1,
      });
    if (p.exit?.capturingUnitId != null) {
      captures.push({
        capturingUnitId: p.exit.capturingUnitId,
        remote: p.homeUnitId === null,
        homicide: p.homicide,
        exit: exit!,
        count: 1,
      });
    }
    if (p.exit?.persuadingUnitId != null)
      persuasions.push({ persuadingUnitId: p.exit.persuadingUnitId, exit: exit!, count: 1 });
  }
  return { listings, baseline, captures, persuasions };
}

/**
 * The baseline snapshot the records show now: each person listed by one of our units on or before
 * the baseline date and not cleared before launch, in the unit of their earliest local listing.
 * Freezing stores exactly this; until then the figures read it live (provisional).
 */
export function baselineOf(listings: Iterable<ListingFacts>, c: CampaignTerms): BaselineFacts[] {
  const out: BaselineFacts[] = [];
  for (const f of listings) {
    if (isBaseline(f, c))
      out.push({ unitId: f.listingUnitId, homicide: f.homicide, exit: f.exit, count: f.count });
  }
  return out;
}

/** The frozen snapshot, or while there is none the one the records show now. */
export function baselineFacts(facts: Facts, c: CampaignTerms): Iterable<BaselineFacts> {
  return facts.baseline ?? baselineOf(facts.listings, c);
}

/**
 * The only dates the figures compare facts against. Any two dates that fall on the same side of
 * each of these give the same figures, which lets the store hand over compressed facts.
 */
export function keyDates(c: CampaignTerms, asOf: IsoDate): IsoDate[] {
  return [c.baselineOn, c.startOn, asOf];
}

/**
 * The days a campaign's kept counts hold exactly (the store folds earlier and later days onto the
 * day before and after): from its baseline date or launch, whichever is earlier, to its deadline.
 */
export function factsWindow(c: CampaignTerms): { from: IsoDate; to: IsoDate } {
  return { from: c.baselineOn < c.startOn ? c.baselineOn : c.startOn, to: c.deadlineOn };
}

/** Whether the kept counts give the facts for these key dates exactly: all of them in the window. */
export function keptFactsServe(c: CampaignTerms, keys: readonly IsoDate[]): boolean {
  const { from, to } = factsWindow(c);
  return keys.every((d) => d >= from && d <= to);
}

/** One count that differs between the facts read from the persons and the kept counts. */
export interface FactDifference {
  kind: 'listings' | 'baseline' | 'captures' | 'persuasions';
  /** The fact's fields other than its count. */
  fact: Record<string, unknown>;
  expected: number;
  kept: number;
}

type FactLists = Record<FactDifference['kind'], readonly { count: number }[] | null>;

/** Every count that differs between two readings of the same facts (none when they agree). */
export function factDifferences(expected: FactLists, kept: FactLists): FactDifference[] {
  const out: FactDifference[] = [];
  for (const kind of ['listings', 'baseline', 'captures', 'persuasions'] as const) {
    const counts = new Map<string, { fact: Record<string, unknown>; expected: number; kept: number }>();
    const add = (list: readonly { count: number }[] | null, side: 'expected' | 'kept') => {
      for (const { count, ...fact } of list ?? []) {
        const key = JSON.stringify(fact);
        const entry = counts.get(key) ?? { fact, expected: 0, kept: 0 };
        entry[side] += count;
        counts.set(key, entry);
      }
    };
    add(expected[kind], 'expected');
    add(kept[kind], 'kept');
    for (const entry of counts.values()) if (entry.expected !== entry.kept) out.push({ kind, ...entry });
  }
  return out;
}

export interface UnitNode {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

export interface Captures {
  /** Persons on our own list, caught by the unit. */
  local: number;
  /** Persons listed only by outside agencies, caught by the unit. */
  remote: number;
  /** The same persons again, split by how they were taken. */
  arrests: number;
  surrenders: number;
}

/** The seed's third measure: the same figures restricted to persons with a homicide listing. */
export interface HomicideFigures {
  baseline: number;
  cleared: number;
  declineRate: number | null;
  captures: number;
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
  newListings: number;
  captures: Captures;
  homicide: HomicideFigures;
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
export function isBaseline(f: Pick<ListingFacts, 'listedOn' | 'exit'>, c: CampaignTerms): boolean {
  return f.listedOn <= c.baselineOn && !(f.exit !== null && f.exit.on < c.startOn);
}

function inCampaign(exit: Exit | null, c: CampaignTerms, asOf: IsoDate): exit is Exit {
  return exit !== null && exit.on >= c.startOn && exit.on <= asOf;
}

/**
 * cleared: a baseline person whose exit, of a counted kind, falls in [launch, as-of]. A frozen
 * baseline person whose exit is dated before launch (recorded after the freeze) counts for nothing.
 */
export function isCleared(f: Pick<BaselineFacts, 'exit'>, c: CampaignTerms, asOf: IsoDate): boolean {
  return inCampaign(f.exit, c, asOf) && c.countedKinds.includes(f.exit.kind);
}

/** cancellations: baseline persons whose warrant was withdrawn in [launch, as-of]; shown apart. */
export function isCancellation(f: Pick<BaselineFacts, 'exit'>, c: CampaignTerms, asOf: IsoDate): boolean {
  return inCampaign(f.exit, c, asOf) && f.exit.kind === 'cancellation';
}

/** Still on the list at the as-of date: listed by then and not yet cleared. */
export function isActive(f: ListingFacts, asOf: IsoDate): boolean {
  return f.listedOn <= asOf && !(f.exit !== null && f.exit.on <= asOf);
}

/** newListings (新增上网): persons first listed by one of our units in [launch, as-of]. */
export function isNewListing(f: ListingFacts, c: CampaignTerms, asOf: IsoDate): boolean {
  return f.listedOn >= c.startOn && f.listedOn <= asOf;
}

/** captures: an arrest or surrender in [launch, as-of] by one of our units. */
export function isCaptureInCampaign(f: { exit: Exit }, c: CampaignTerms, asOf: IsoDate): boolean {
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

/** Zero result: a station or squad with no captures and no persuaded surrenders so far. */
export function zeroResult(kind: UnitKind, captures: Captures, persuaded: number): boolean {
  return (kind === 'station' || kind === 'squad') && captures.local + captures.remote + persuaded === 0;
}

interface Tally {
  baseline: number;
  cleared: number;
  activeNow: number;
  newListings: number;
  cancellations: number;
  local: number;
  remote: number;
  arrests: number;
  surrenders: number;
  persuaded: number;
  homicideBaseline: number;
  homicideCleared: number;
  homicideCaptures: number;
}

const emptyTally = (): Tally => ({
  baseline: 0,
  cleared: 0,
  activeNow: 0,
  newListings: 0,
  cancellations: 0,
  local: 0,
  remote: 0,
  arrests: 0,
  surrenders: 0,
  persuaded: 0,
  homicideBaseline: 0,
  homicideCleared: 0,
  homicideCaptures: 0,
});

/** Adds each fact's count to the tally of its unit, for the facts that pass the test. */
function tallyEach<F extends { count: number }>(
  own: Map<number, Tally>,
  facts: Iterable<F>,
  unitOf: (f: F) => number,
  add: (t: Tally, f: F) => void,
): void {
  for (const f of facts) {
    const t = own.get(unitOf(f));
    if (t) add(t, f);
  }
}

/**
 * All figures for every unit of the tree (each unit counts its whole subtree), ranked among units
 * of the same kind at the same depth, each unit judged against its own target (`targets`: the
 * letters in force). Units come back in tree order: each parent before its children, siblings by code.
 */
export function computeStandings(
  units: readonly UnitNode[],
  facts: Facts,
  c: CampaignTerms,
  asOf: IsoDate,
  targets: UnitTargets = new Map(),
): UnitStanding[] {
  const own = new Map<number, Tally>(units.map((u) => [u.id, emptyTally()]));

  tallyEach(
    own,
    facts.listings,
    (f) => f.listingUnitId,
    (t, f) => {
      if (isActive(f, asOf)) t.activeNow += f.count;
      if (isNewListing(f, c, asOf)) t.newListings += f.count;
    },
  );
  tallyEach(
    own,
    baselineFacts(facts, c),
    (f) => f.unitId,
    (t, f) => {
      const cleared = isCleared(f, c, asOf) ? f.count : 0;
      t.baseline += f.count;
      t.cleared += cleared;
      if (isCancellation(f, c, asOf)) t.cancellations += f.count;
      if (f.homicide) {
        t.homicideBaseline += f.count;
        t.homicideCleared += cleared;
      }
    },
  );
  tallyEach(
    own,
    facts.captures,
    (f) => f.capturingUnitId,
    (t, f) => {
      if (!isCaptureInCampaign(f, c, asOf)) return;
      t[f.remote ? 'remote' : 'local'] += f.count;
      t[f.exit.kind === 'arrest' ? 'arrests' : 'surrenders'] += f.count;
      if (f.homicide) t.homicideCaptures += f.count;
    },
  );
  tallyEach(
    own,
    facts.persuasions,
    (f) => f.persuadingUnitId,
    (t, f) => {
      if (isCaptureInCampaign(f, c, asOf)) t.persuaded += f.count;
    },
  );

  const ordered = treeOrder(units);
  const totals = rollUp(ordered, (id) => ({ ...(own.get(id) ?? emptyTally()) }), addTally);
  const share = elapsedShare(c, asOf);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));

  const standings = ordered.map(({ unit, depth }): UnitStanding => {
    const t = totals.get(unit.id) ?? emptyTally();
    const rate = declineRate(t.cleared, t.baseline);
    const captures = { local: t.local, remote: t.remote, arrests: t.arrests, surrenders: t.surrenders };
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
      newListings: t.newListings,
      captures,
      homicide: {
        baseline: t.homicideBaseline,
        cleared: t.homicideCleared,
        declineRate: declineRate(t.homicideCleared, t.homicideBaseline),
        captures: t.homicideCaptures,
      },
      cancellations: t.cancellations,
      target,
      onTrack: onTrack(rate, target, share),
      zeroResult: zeroResult(unit.kind, captures, t.persuaded),
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

/**
 * Each unit's totals: its own (a copy, from `own`) plus those of all its descendants, `add` adding
 * a child's totals into its parent's. `ordered` is in tree order, so adding from the end rolls each
 * subtree up into its root.
 */
function rollUp<T>(
  ordered: { unit: UnitNode }[],
  own: (unitId: number) => T,
  add: (parent: T, child: T) => void,
): Map<number, T> {
  const totals = new Map<number, T>();
  for (const { unit } of ordered) totals.set(unit.id, own(unit.id));
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const unit = ordered[i]!.unit;
    const parent = unit.parentId === null ? undefined : totals.get(unit.parentId);
    if (parent) add(parent, totals.get(unit.id)!);
  }
  return totals;
}

function addTally(parent: Tally, child: Tally): void {
  for (const key of Object.keys(child) as (keyof Tally)[]) parent[key] += child[key];
}

/** The first index of `sorted` whose item passes `test`, a test that once passed stays passed. */
function firstPassing<T>(sorted: readonly T[], test: (item: T) => boolean): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (test(sorted[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Every unit's baseline (by code) and how many of it count as cleared on each of `dates`, ascending,
 * each unit counting its whole subtree: the `cleared` computeStandings gives on each date, in one
 * pass over the baseline instead of one computation of every figure per date (a trend line has two
 * dozen dates; the pace compares two more).
 */
export function clearedOn(
  units: readonly UnitNode[],
  facts: Facts,
  c: CampaignTerms,
  dates: readonly IsoDate[],
): Map<string, { baseline: number; cleared: number[] }> {
  // Per unit: its baseline, and how many of them count as cleared from each date on (a person
  // cleared by one date is cleared by every later one).
  const own = new Map(units.map((u) => [u.id, { baseline: 0, clearedFrom: dates.map(() => 0) }]));
  for (const f of baselineFacts(facts, c)) {
    const t = own.get(f.unitId);
    if (!t) continue;
    t.baseline += f.count;
    const from = firstPassing(dates, (date) => isCleared(f, c, date));
    if (from < dates.length) t.clearedFrom[from]! += f.count;
  }
  const totals = rollUp(
    treeOrder(units),
    (id) => {
      const t = own.get(id)!;
      return { baseline: t.baseline, clearedFrom: [...t.clearedFrom] };
    },
    (parent, child) => {
      parent.baseline += child.baseline;
      child.clearedFrom.forEach((n, i) => (parent.clearedFrom[i]! += n));
    },
  );
  return new Map(
    units.map((u) => {
      const { baseline, clearedFrom } = totals.get(u.id) ?? { baseline: 0, clearedFrom: dates.map(() => 0) };
      let cleared = 0;
      return [u.code, { baseline, cleared: clearedFrom.map((n) => (cleared += n)) }];
    }),
  );
}

/** Every unit's decline rate (by code) on each of `dates`, ascending: that of computeStandings on each. */
export function declineRates(
  units: readonly UnitNode[],
  facts: Facts,
  c: CampaignTerms,
  dates: readonly IsoDate[],
): Map<string, (number | null)[]> {
  return new Map(
    [...clearedOn(units, facts, c, dates)].map(([code, { baseline, cleared }]) => [
      code,
      cleared.map((n) => declineRate(n, baseline)),
    ]),
  );
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranking among units of one kind at one depth: declineRate (null last), then total captures, then code. */
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

/** Sub-bureaus are ranked with sub-bureaus, detachments with detachments, each at its own depth. */
function assignRanks(standings: UnitStanding[]): void {
  const peers = new Map<string, UnitStanding[]>();
  for (const s of standings) {
    const key = `${s.depth}:${s.kind}`;
    const group = peers.get(key);
    if (group) group.push(s);
    else peers.set(key, [s]);
  }
  for (const group of peers.values()) {
    group.sort(compareForRank).forEach((s, i) => {
      s.rank = i + 1;
    });
  }
}

export type Composition = Record<ClearanceKind, number>;

/** How the baseline of some units left the list in [launch, as-of]: by arrest, surrender, death or cancellation. */
export function composition(
  baseline: Iterable<BaselineFacts>,
  unitIds: ReadonlySet<number>,
  c: CampaignTerms,
  asOf: IsoDate,
): Composition {
  const out: Composition = { arrest: 0, surrender: 0, death: 0, cancellation: 0 };
  for (const f of baseline) {
    if (unitIds.has(f.unitId) && inCampaign(f.exit, c, asOf)) out[f.exit.kind] += f.count;
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
