// An independent check of the campaign figures. The oracle below is written only from DESIGN.md
// ("Core model" and "The figures"), not from the campaigns area's rules or queries: it computes
// every unit's figures the slow, obvious way over a random city, and the standings service must
// agree with it on every field, on SQLite and on PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import type { StandingsOut } from '../src/areas/campaigns/schema.ts';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { fugitiveRow } from '../src/areas/registry/schema.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import type { Context } from '../src/shared/context.ts';
import { DIALECTS, type TestStore, freshStore } from './support/stores.ts';

// ---------------------------------------------------------------------------------------------
// The city, as plain records
// ---------------------------------------------------------------------------------------------

type UnitKind = 'bureau' | 'sub_bureau' | 'detachment' | 'station' | 'squad';
type ClearanceKind = 'arrest' | 'surrender' | 'death' | 'cancellation';

interface Unit {
  code: string;
  kind: UnitKind;
  parent: string | null;
}

interface Fugitive {
  listingNo: string;
  /** A unit code (a local fugitive) or the name of an outside agency (a remote one). */
  agency: string;
  listedOn: string;
}

interface Clearance {
  listingNo: string;
  kind: ClearanceKind;
  on: string;
  /** A unit code, an outside agency's name, or '' (deaths and cancellations may name none). */
  capturingUnit: string;
  persuadingUnit: string;
  verified: boolean;
  /** Imported in the second batch of verified history (after the pending claims). */
  lateBatch: boolean;
}

interface City {
  units: Unit[];
  fugitives: Fugitive[];
  clearances: Clearance[];
}

interface Terms {
  name: string;
  baselineOn: string;
  startOn: string;
  deadlineOn: string;
  target: number;
  countedKinds: ClearanceKind[];
}

type UnitFigures = StandingsOut['units'][number];

// ---------------------------------------------------------------------------------------------
// The oracle: DESIGN.md, "The figures", line by line
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const wholeDays = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const CAPTURE_KINDS: ClearanceKind[] = ['arrest', 'surrender'];

/** The codes of `code` and of every unit below it. */
function subtreeOf(units: Unit[], code: string): Set<string> {
  const subtree = new Set([code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (u.parent !== null && subtree.has(u.parent) && !subtree.has(u.code)) {
        subtree.add(u.code);
        grew = true;
      }
    }
  }
  return subtree;
}

function depthOf(units: Unit[], code: string): number {
  const parent = units.find((u) => u.code === code)?.parent ?? null;
  return parent === null ? 0 : 1 + depthOf(units, parent);
}

/**
 * The clearance that took each person off the list: only verified clearances count, and a person
 * with several verified clearances left the list by the earliest one (figures count persons).
 */
function exitsOf(clearances: Clearance[]): Map<string, Clearance> {
  const exits = new Map<string, Clearance>();
  for (const c of clearances) {
    if (!c.verified) continue;
    const earlier = exits.get(c.listingNo);
    if (!earlier || c.on < earlier.on) exits.set(c.listingNo, c);
  }
  return exits;
}

function expectedStandings(city: City, terms: Terms, asOf: string): StandingsOut {
  const { baselineOn: b, startOn: s, deadlineOn: d, target } = terms;
  const t = asOf;
  const ours = new Set(city.units.map((u) => u.code));
  const exits = exitsOf(city.clearances);
  const exitOf = (f: Fugitive) => exits.get(f.listingNo);
  const inWindow = (date: string) => s <= date && date <= t; // [s, t]

  // elapsedShare = (t − s) / (d − s) in whole days, clamped to [0, 1].
  const elapsedShare = Math.min(1, Math.max(0, wholeDays(s, t) / wholeDays(s, d)));

  const figures = city.units.map((unit) => {
    const subtree = subtreeOf(city.units, unit.code);
    const listedByU = city.fugitives.filter((f) => subtree.has(f.agency));

    // baseline(U): local fugitives listed by U on or before b and not cleared (verified) before s.
    const baseline = listedByU.filter((f) => {
      const exit = exitOf(f);
      return f.listedOn <= b && !(exit && exit.on < s);
    });
    // cleared(U): those baseline fugitives with a verified clearance of a counted kind in [s, t].
    const cleared = baseline.filter((f) => {
      const exit = exitOf(f);
      return exit !== undefined && terms.countedKinds.includes(exit.kind) && inWindow(exit.on);
    });
    // cancellations(U): verified cancellations of baseline fugitives of U dated in [s, t].
    const cancellations = baseline.filter((f) => {
      const exit = exitOf(f);
      return exit?.kind === 'cancellation' && inWindow(exit.on);
    });
    // Fugitives listed by U and still active at t (new listings included).
    const activeNow = listedByU.filter((f) => {
      const exit = exitOf(f);
      return f.listedOn <= t && !(exit && exit.on <= t);
    });
    // captures(U): verified arrests and surrenders in [s, t] whose capturing unit is in U,
    // local (listed by one of our units) or remote (listed by an outside agency).
    const captured = city.fugitives.filter((f) => {
      const exit = exitOf(f);
      return (
        exit !== undefined &&
        CAPTURE_KINDS.includes(exit.kind) &&
        inWindow(exit.on) &&
        subtree.has(exit.capturingUnit)
      );
    });
    const local = captured.filter((f) => ours.has(f.agency)).length;
    const remote = captured.length - local;

    const declineRate = baseline.length === 0 ? null : cleared.length / baseline.length;
    const netDeclineRate =
      baseline.length === 0 ? null : (baseline.length - activeNow.length) / baseline.length;
    return {
      code: unit.code,
      name: unitName(unit.code),
      kind: unit.kind,
      parent: unit.parent,
      depth: depthOf(city.units, unit.code),
      baseline: baseline.length,
      cleared: cleared.length,
      declineRate,
      netDeclineRate,
      activeNow: activeNow.length,
      captures: { local, remote },
      cancellations: cancellations.length,
      // On track when declineRate ≥ target × elapsedShare (no rate, no verdict).
      onTrack: declineRate === null ? null : declineRate >= target * elapsedShare,
      // Zero-result units are stations and squads with no captures so far.
      zeroResult: (unit.kind === 'station' || unit.kind === 'squad') && local + remote === 0,
      rank: 0,
    } satisfies UnitFigures;
  });

  // Ranking among units at the same depth: declineRate (null last), then total captures, then code.
  const better = (x: UnitFigures, y: UnitFigures): number => {
    if (x.declineRate !== y.declineRate) {
      if (x.declineRate === null) return 1;
      if (y.declineRate === null) return -1;
      return y.declineRate - x.declineRate;
    }
    const capturesOf = (u: UnitFigures) => u.captures.local + u.captures.remote;
    if (capturesOf(x) !== capturesOf(y)) return capturesOf(y) - capturesOf(x);
    return x.code < y.code ? -1 : 1;
  };
  for (const u of figures) {
    const peers = figures.filter((p) => p.depth === u.depth).sort(better);
    u.rank = peers.indexOf(u) + 1;
  }

  return { campaign: terms.name, asOf, target, elapsedShare, units: byCode(figures) };
}

const byCode = (units: UnitFigures[]): UnitFigures[] =>
  [...units].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
const unitName = (code: string) => `单位${code}`;

// ---------------------------------------------------------------------------------------------
// A random city around the 2011 campaign
// ---------------------------------------------------------------------------------------------

const BASELINE = '2011-10-16';
const START = '2011-10-17';
const DEADLINE = '2011-12-20';
const NOW = new Date('2012-06-01T04:00:00Z'); // 2012-06-01 in the bureau's time zone
const TODAY = '2012-06-01';

const DEFAULT_TERMS: Terms = {
  name: '清网行动',
  baselineOn: BASELINE,
  startOn: START,
  deadlineOn: DEADLINE,
  target: 0.5,
  countedKinds: ['arrest', 'surrender', 'death'],
};
/** A second campaign over the same data that counts cancellations and asks for less. */
const WITH_CANCELLATIONS: Terms = {
  ...DEFAULT_TERMS,
  name: '清网行动（含撤销）',
  target: 0.3,
  countedKinds: ['arrest', 'surrender', 'death', 'cancellation'],
};

const AS_OF = [
  '2011-10-01', // before launch
  BASELINE, // the baseline day, still before launch
  START, // launch day
  '2011-11-18', // mid-campaign
  DEADLINE,
  '2012-03-01', // after the deadline
];

const OUTSIDE_AGENCIES = ['兰州市公安局', '公安部刑侦局', '成都市公安局铁路分局'];
const CODE_POOL = ['QA', 'QB', 'QC', 'QD', 'QE', 'QF', 'QG', 'QH', 'QJ', 'QK', 'QL', 'QM', 'QN'];
const CRIME_CATEGORIES = ['homicide', 'robbery', 'drugs', 'fraud', 'theft', 'other'];

const day = (from: string, n: number) => new Date(Date.parse(from) + n * DAY_MS).toISOString().slice(0, 10);

/** Dates spread around the campaign, with its key dates (and the days either side) often. */
const dateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    day(BASELINE, -1),
    BASELINE,
    START,
    day(START, 1),
    day(DEADLINE, -1),
    DEADLINE,
    day(DEADLINE, 1),
    ...AS_OF,
  ),
  fc.integer({ min: -1500, max: 0 }).map((n) => day(BASELINE, n)), // long before
  fc.integer({ min: 0, max: wholeDays(START, DEADLINE) }).map((n) => day(START, n)), // during
  fc.integer({ min: 1, max: wholeDays(DEADLINE, TODAY) }).map((n) => day(DEADLINE, n)), // after
);

/** Listing dates: mostly long before the baseline, so that units have a baseline to clear. */
const listedOnArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1500, max: 0 }).map((n) => day(BASELINE, n)) },
  { weight: 1, arbitrary: fc.constantFrom(day(BASELINE, -1), BASELINE, START) },
  { weight: 2, arbitrary: dateArb },
);

/** A reference to a unit by position in the tree (resolved once the tree is known). */
type UnitRef = { unit: number } | { own: true } | { outside: string } | { none: true };
const unitRefArb = (canBeNone: boolean): fc.Arbitrary<UnitRef> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({ own: true as const }) },
    { weight: 3, arbitrary: fc.nat().map((unit) => ({ unit })) },
    { weight: 1, arbitrary: fc.constantFrom(...OUTSIDE_AGENCIES).map((outside) => ({ outside })) },
    { weight: canBeNone ? 2 : 0, arbitrary: fc.constant({ none: true as const }) },
  );

const clearanceArb = fc.record({
  kind: fc.constantFrom<ClearanceKind>('arrest', 'surrender', 'arrest', 'death', 'cancellation'),
  on: dateArb,
  capturing: unitRefArb(true),
  persuading: fc.option(fc.nat(), { freq: 3 }),
  verified: fc.constantFrom(true, true, false),
  lateBatch: fc.boolean(),
});

const fugitiveArb = fc.record({
  agency: fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((unit) => ({ unit })) },
    { weight: 1, arbitrary: fc.constantFrom(...OUTSIDE_AGENCIES).map((outside) => ({ outside })) },
  ),
  listedOn: listedOnArb,
  clearances: fc.array(clearanceArb, { maxLength: 3 }),
});

const treeArb = fc.record({
  codes: fc.shuffledSubarray(CODE_POOL, { minLength: CODE_POOL.length, maxLength: CODE_POOL.length }),
  middle: fc.array(
    fc.record({
      kind: fc.constantFrom<UnitKind>('sub_bureau', 'detachment'),
      leaves: fc.array(fc.constantFrom<UnitKind>('station', 'squad'), { maxLength: 3 }),
    }),
    { minLength: 2, maxLength: 3 },
  ),
});

const cityArb: fc.Arbitrary<City> = fc
  .record({ tree: treeArb, fugitives: fc.array(fugitiveArb, { minLength: 40, maxLength: 80 }) })
  .map(({ tree, fugitives }) => {
    const codes = [...tree.codes];
    const next = () => codes.shift() ?? 'QZ';
    const bureau: Unit = { code: next(), kind: 'bureau', parent: null };
    const units: Unit[] = [bureau];
    for (const m of tree.middle) {
      const middle: Unit = { code: next(), kind: m.kind, parent: bureau.code };
      units.push(middle);
      for (const kind of m.leaves) units.push({ code: next(), kind, parent: middle.code });
    }
    const unitAt = (i: number) => units[i % units.length]?.code ?? bureau.code;

    const city: City = { units, fugitives: [], clearances: [] };
    fugitives.forEach((g, i) => {
      const listingNo = `T${String(i + 1).padStart(3, '0')}`;
      const agency = 'unit' in g.agency ? unitAt(g.agency.unit) : g.agency.outside;
      city.fugitives.push({ listingNo, agency, listedOn: g.listedOn });
      const dates = new Set<string>(); // one clearance a day per person: no ties for "earliest"
      for (const c of g.clearances) {
        const on = c.on < g.listedOn ? g.listedOn : c.on; // never before the listing
        if (dates.has(on)) continue;
        dates.add(on);
        const ref = c.capturing;
        const needsUnit = c.kind === 'arrest' || c.kind === 'surrender';
        const capturingUnit =
          'unit' in ref
            ? unitAt(ref.unit)
            : 'outside' in ref
              ? ref.outside
              : 'own' in ref && units.some((u) => u.code === agency)
                ? agency
                : needsUnit
                  ? unitAt(i)
                  : '';
        city.clearances.push({
          listingNo,
          kind: c.kind,
          on,
          capturingUnit,
          persuadingUnit: c.kind === 'surrender' && c.persuading !== null ? unitAt(c.persuading) : '',
          verified: c.verified,
          lateBatch: c.lateBatch,
        });
      }
    });
    return city;
  });

// ---------------------------------------------------------------------------------------------
// Loading the city through the real imports, as the demo loader does
// ---------------------------------------------------------------------------------------------

const unitRecords = (city: City) =>
  city.units.map((u) => ({
    code: u.code,
    name: unitName(u.code),
    kind: u.kind,
    parent_code: u.parent ?? '',
  }));

const fugitiveRecords = (city: City) =>
  city.fugitives.map((f, i) => ({
    listing_no: f.listingNo,
    name: `在逃人员${i + 1}`,
    sex: '',
    birth_date: '',
    id_number: '',
    crime_category: CRIME_CATEGORIES[i % CRIME_CATEGORIES.length] ?? 'other',
    offence: '涉嫌犯罪',
    case_no: '',
    listing_agency: f.agency,
    listed_on: f.listedOn,
    published: i % 2 === 0 ? '1' : '0',
    reward: '',
  }));

const clearanceRecords = (clearances: Clearance[]) =>
  clearances.map((c, i) => ({
    listing_no: c.listingNo,
    kind: c.kind,
    occurred_on: c.on,
    capturing_unit: c.capturingUnit,
    persuading_unit: c.persuadingUnit,
    place: '西宁',
    evidence_ref: `J-${i + 1}`,
  }));

async function loadCity(ctx: Context, city: City): Promise<void> {
  const verified = city.clearances.filter((c) => c.verified);
  await importUnits(ctx, parseRows(unitRow, asRows(unitRecords(city))));
  await importFugitives(ctx, parseRows(fugitiveRow, asRows(fugitiveRecords(city))));
  await importClearances(
    ctx,
    parseRows(clearanceRow, asRows(clearanceRecords(verified.filter((c) => !c.lateBatch)))),
    { verified: true },
  );
  await importClearances(
    ctx,
    parseRows(clearanceRow, asRows(clearanceRecords(city.clearances.filter((c) => !c.verified)))),
    { verified: false },
  );
  // More verified history after the pending claims: may move a person's exit to an earlier day.
  await importClearances(
    ctx,
    parseRows(clearanceRow, asRows(clearanceRecords(verified.filter((c) => c.lateBatch)))),
    { verified: true },
  );
  for (const terms of [DEFAULT_TERMS, WITH_CANCELLATIONS]) {
    await createCampaign(ctx, {
      name: terms.name,
      baselineOn: terms.baselineOn,
      startOn: terms.startOn,
      deadlineOn: terms.deadlineOn,
      target: terms.target,
      countedKinds: terms.countedKinds,
    });
  }
}

async function actualStandings(ctx: Context, terms: Terms, asOf: string): Promise<StandingsOut> {
  const s = await standings(ctx, { campaign: terms.name, asOf });
  return { ...s, units: byCode(s.units) };
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('the figures oracle itself', () => {
  // The small city of test/store.test.ts, whose figures were worked out by hand there.
  const city: City = {
    units: [
      { code: 'B', kind: 'bureau', parent: null },
      { code: 'S1', kind: 'sub_bureau', parent: 'B' },
      { code: 'P1', kind: 'station', parent: 'S1' },
      { code: 'P2', kind: 'station', parent: 'S1' },
    ],
    fugitives: [
      { listingNo: 'T1', agency: 'P1', listedOn: '2005-03-01' },
      { listingNo: 'T2', agency: 'P1', listedOn: '2011-10-16' },
      { listingNo: 'T3', agency: 'P1', listedOn: '2009-06-01' },
      { listingNo: 'T4', agency: 'P2', listedOn: '2008-08-08' },
      { listingNo: 'R1', agency: '兰州市公安局', listedOn: '2011-01-05' },
    ],
    clearances: [
      ['T1', 'arrest', '2011-10-20', 'P1', true],
      ['T2', 'surrender', '2011-11-02', 'P2', true],
      ['T3', 'arrest', '2011-09-30', 'P1', true],
      ['R1', 'arrest', '2011-11-15', 'P2', true],
      ['T4', 'arrest', '2011-11-20', 'P2', false],
    ].map(([listingNo, kind, on, capturingUnit, verified]) => ({
      listingNo: String(listingNo),
      kind: kind as ClearanceKind,
      on: String(on),
      capturingUnit: String(capturingUnit),
      persuadingUnit: '',
      verified: verified === true,
      lateBatch: false,
    })),
  };

  it('gives the hand-computed figures', () => {
    const s = expectedStandings(city, DEFAULT_TERMS, '2011-12-01');
    expect(s.elapsedShare).toBe(45 / 64);
    const unit = (code: string) => s.units.find((u) => u.code === code);
    expect(unit('P1')).toMatchObject({
      depth: 2,
      baseline: 2,
      cleared: 2,
      declineRate: 1,
      activeNow: 0,
      captures: { local: 1, remote: 0 },
      onTrack: true,
      zeroResult: false,
      rank: 1,
    });
    expect(unit('P2')).toMatchObject({
      baseline: 1,
      cleared: 0,
      declineRate: 0,
      netDeclineRate: 0,
      activeNow: 1,
      captures: { local: 1, remote: 1 },
      onTrack: false,
      rank: 2,
    });
    expect(unit('B')).toMatchObject({ baseline: 3, cleared: 2, captures: { local: 2, remote: 1 }, rank: 1 });
  });
});

describe.each(DIALECTS)('standings agree with the DESIGN.md oracle on %s', (dialect) => {
  // One database per dialect; each random city lives in a transaction that is rolled back, so
  // every run starts from an empty, migrated database.
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(() => store.dispose());

  it(
    'for random cities, every unit, every field, at the key dates and one random day',
    { timeout: 600_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(cityArb, dateArb, async (city, someDay) => {
          const trx = await store.db.startTransaction().execute();
          try {
            const ctx: Context = { db: trx, actor: 'test', now: NOW };
            await loadCity(ctx, city);
            for (const terms of [DEFAULT_TERMS, WITH_CANCELLATIONS]) {
              for (const asOf of [...AS_OF, someDay]) {
                expect(await actualStandings(ctx, terms, asOf)).toEqual(expectedStandings(city, terms, asOf));
              }
            }
          } finally {
            await trx.rollback().execute();
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
