// Property tests of the frozen baseline (DESIGN.md, "The figures", principle 2): once a campaign's
// snapshot is frozen, no sequence of records entered later — clearances back-dated before launch,
// further listings of a person already listed (in another unit, dated earlier, as a homicide),
// cancellations — changes any unit's baseline, while the live (provisional) count would move.
//
// The registry below is a small model of the store: listings with one resident ID number are one
// person, who belongs to the unit of their earliest local listing and leaves by their earliest
// verified clearance (the persons area keeps these columns in SQL). The freeze and the figures are
// the rules' own: `isBaseline`, `baselineOf` and `computeStandings`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClearanceKind } from '../clearances/rules.ts';
import {
  type BaselineFacts,
  type CampaignTerms,
  type PersonFacts,
  type UnitNode,
  type UnitStanding,
  baselineOf,
  computeStandings,
  factsOf,
  isBaseline,
} from './rules.ts';

// Bureau B; sub-bureau S with stations P1, P2; detachment D with squad Q.
const units: UnitNode[] = [
  { id: 1, code: 'B', name: 'B', kind: 'bureau', parentId: null },
  { id: 2, code: 'S', name: 'S', kind: 'sub_bureau', parentId: 1 },
  { id: 3, code: 'P1', name: 'P1', kind: 'station', parentId: 2 },
  { id: 4, code: 'P2', name: 'P2', kind: 'station', parentId: 2 },
  { id: 5, code: 'D', name: 'D', kind: 'detachment', parentId: 1 },
  { id: 6, code: 'Q', name: 'Q', kind: 'squad', parentId: 5 },
];

const terms: CampaignTerms = {
  baselineOn: '2011-10-16',
  startOn: '2011-10-17',
  deadlineOn: '2011-12-20',
  target: 0.5,
  countedKinds: ['arrest', 'surrender', 'death'],
};

interface Listing {
  no: number;
  /** A unit of ours, or null: listed by an outside agency. */
  unitId: number | null;
  listedOn: string;
  idNumber: string | null;
  homicide: boolean;
}

interface Clearance {
  listingNo: number;
  on: string;
  kind: ClearanceKind;
  capturingUnitId: number | null;
}

interface Registry {
  listings: Listing[];
  /** Verified clearances, in the order they were recorded. */
  clearances: Clearance[];
}

/** A person's key: their ID number, or for a listing without one the listing itself. */
const personKey = (l: Listing) => (l.idNumber === null ? `listing:${l.no}` : `id:${l.idNumber}`);

/** The persons of the registry, keyed as above, with what the figures read of each. */
function personsOf(r: Registry): Map<string, PersonFacts> {
  const byKey = new Map<string, Listing[]>();
  for (const l of r.listings) byKey.set(personKey(l), [...(byKey.get(personKey(l)) ?? []), l]);
  const keyOfListing = new Map(r.listings.map((l) => [l.no, personKey(l)]));
  const out = new Map<string, PersonFacts>();
  for (const [key, listings] of byKey) {
    const local = listings
      .filter((l) => l.unitId !== null)
      .sort((a, b) => (a.listedOn === b.listedOn ? a.no - b.no : a.listedOn < b.listedOn ? -1 : 1));
    const exit = r.clearances
      .map((c, seq) => ({ c, seq }))
      .filter(({ c }) => keyOfListing.get(c.listingNo) === key)
      .sort((a, b) => (a.c.on === b.c.on ? a.seq - b.seq : a.c.on < b.c.on ? -1 : 1))[0]?.c;
    out.set(key, {
      homeUnitId: local[0]?.unitId ?? null,
      listedOn: local[0]?.listedOn ?? listings.map((l) => l.listedOn).sort()[0]!,
      homicide: listings.some((l) => l.homicide),
      exit: exit
        ? { on: exit.on, kind: exit.kind, capturingUnitId: exit.capturingUnitId, persuadingUnitId: null }
        : null,
    });
  }
  return out;
}

interface SnapshotRow {
  key: string;
  unitId: number;
  homicide: boolean;
}

/** The freeze: each person the rules put in the baseline now, with the unit and flag they have now. */
function freeze(r: Registry): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const [key, p] of personsOf(r)) {
    if (p.homeUnitId !== null && isBaseline(p, terms))
      rows.push({ key, unitId: p.homeUnitId, homicide: p.homicide });
  }
  return rows;
}

/** The frozen snapshot as the store hands it to the rules: each row with its person's exit today. */
function frozenFacts(snapshot: SnapshotRow[], r: Registry): BaselineFacts[] {
  const persons = personsOf(r);
  return snapshot.map((s) => {
    const exit = persons.get(s.key)!.exit;
    return {
      unitId: s.unitId,
      homicide: s.homicide,
      exit: exit && { on: exit.on, kind: exit.kind },
      count: 1,
    };
  });
}

const standingsOf = (r: Registry, snapshot: SnapshotRow[] | null, asOf: string) =>
  computeStandings(units, factsOf(personsOf(r).values(), snapshot && frozenFacts(snapshot, r)), terms, asOf);

const baselines = (standings: UnitStanding[]) =>
  Object.fromEntries(standings.map((u) => [u.code, [u.baseline, u.homicide.baseline]]));

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2011, 9, 16) + n * DAY_MS).toISOString().slice(0, 10);
/** Long before the baseline date, around the baseline date and launch, and during the campaign. */
const dateArb = fc.oneof(
  fc.integer({ min: -800, max: -2 }).map(day),
  fc.constantFrom(day(-1), day(0), day(1), day(2)),
  fc.integer({ min: 2, max: 70 }).map(day),
);
const ourUnit = fc.constantFrom(...units.map((u) => u.id));
const ID_POOL = ['A', 'B', 'C', 'D', 'E', 'F'];
const kindArb = fc.constantFrom<ClearanceKind>('arrest', 'surrender', 'death', 'cancellation');

const listingArb = fc.record({
  unitId: fc.option(ourUnit, { nil: null, freq: 5 }),
  listedOn: dateArb,
  idNumber: fc.option(fc.constantFrom(...ID_POOL), { nil: null }),
  homicide: fc.boolean(),
});

const clearanceArb = (on: fc.Arbitrary<string>) =>
  fc.record({
    listing: fc.nat(),
    on,
    kind: kindArb,
    capturingUnitId: fc.option(ourUnit, { nil: null }),
  });

/** What can be recorded after the freeze. `listing` picks an existing listing (modulo their count). */
const laterEventArb = fc.oneof(
  // A clearance dated before launch, recorded weeks later.
  clearanceArb(fc.integer({ min: -400, max: 0 }).map(day)).map((c) => ({ type: 'clearance' as const, ...c })),
  // A clearance of any date, during the campaign or not.
  clearanceArb(dateArb).map((c) => ({ type: 'clearance' as const, ...c })),
  // A cancelled warrant, of any date.
  clearanceArb(dateArb).map((c) => ({ type: 'clearance' as const, ...c, kind: 'cancellation' as const })),
  // Another listing of a person already listed (same ID number), by any unit, of any date.
  fc
    .record({
      listing: fc.nat(),
      unitId: fc.option(ourUnit, { nil: null }),
      listedOn: dateArb,
      homicide: fc.boolean(),
    })
    .map((d) => ({ type: 'duplicate' as const, ...d })),
  // A listing of someone new, back-dated or not.
  listingArb.map((l) => ({ type: 'listing' as const, ...l })),
);
type LaterEvent = typeof laterEventArb extends fc.Arbitrary<infer T> ? T : never;

const registryArb: fc.Arbitrary<Registry> = fc
  .tuple(
    fc.array(listingArb, { minLength: 1, maxLength: 25 }),
    fc.array(clearanceArb(dateArb), { maxLength: 10 }),
  )
  .map(([listings, clearances]) => {
    const withNos = listings.map((l, i) => ({ ...l, no: i + 1 }));
    return {
      listings: withNos,
      clearances: clearances.map(({ listing, ...c }) => ({
        ...c,
        listingNo: (listing % withNos.length) + 1,
      })),
    };
  });

/** The registry after one later record. */
function record(r: Registry, e: LaterEvent): Registry {
  const pick = (n: number) => r.listings[n % r.listings.length]!;
  const no = r.listings.length + 1;
  switch (e.type) {
    case 'clearance': {
      const c = { on: e.on, kind: e.kind, capturingUnitId: e.capturingUnitId };
      return { ...r, clearances: [...r.clearances, { ...c, listingNo: pick(e.listing).no }] };
    }
    case 'duplicate': {
      const { idNumber } = pick(e.listing);
      const l = { no, unitId: e.unitId, listedOn: e.listedOn, homicide: e.homicide, idNumber };
      return { ...r, listings: [...r.listings, l] };
    }
    case 'listing': {
      const l = { no, unitId: e.unitId, listedOn: e.listedOn, homicide: e.homicide, idNumber: e.idNumber };
      return { ...r, listings: [...r.listings, l] };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('the frozen baseline under later records (property tests)', () => {
  it('freezes exactly the baseline the rules read from the records at the freeze', () => {
    fc.assert(
      fc.property(registryArb, (r) => {
        const live = standingsOf(r, null, terms.startOn);
        const frozen = standingsOf(r, freeze(r), terms.startOn);
        expect(baselines(frozen)).toEqual(baselines(live));
        const listings = factsOf(personsOf(r).values()).listings;
        expect(freeze(r).length).toBe(baselineOf(listings, terms).length);
      }),
    );
  });

  it("never changes any unit's baseline or homicide baseline, whatever is recorded later", () => {
    fc.assert(
      fc.property(
        registryArb,
        fc.array(laterEventArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 70 }).map(day),
        (r, events, asOf) => {
          const snapshot = freeze(r);
          const atFreeze = baselines(standingsOf(r, snapshot, asOf));
          let now = r;
          for (const e of events) {
            now = record(now, e);
            expect(baselines(standingsOf(now, snapshot, asOf))).toEqual(atFreeze);
          }
        },
      ),
    );
  });

  it('counts a frozen person as cleared only for a counted exit dated from launch to the as-of date', () => {
    fc.assert(
      fc.property(
        registryArb,
        fc.array(laterEventArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 70 }).map(day),
        (r, events, asOf) => {
          const snapshot = freeze(r);
          const now = events.reduce(record, r);
          const s = new Map(standingsOf(now, snapshot, asOf).map((u) => [u.code, u]));
          const facts = frozenFacts(snapshot, now);
          for (const unit of units) {
            const below = subtree(unit.id);
            const mine = facts.filter((f) => below.has(f.unitId));
            const inCampaign = mine.filter((f) => f.exit && f.exit.on >= terms.startOn && f.exit.on <= asOf);
            expect(s.get(unit.code)).toMatchObject({
              baseline: mine.length,
              cleared: inCampaign.filter((f) => terms.countedKinds.includes(f.exit!.kind)).length,
              cancellations: inCampaign.filter((f) => f.exit!.kind === 'cancellation').length,
            });
          }
        },
      ),
    );
  });
});

function subtree(id: number): Set<number> {
  const out = new Set([id]);
  for (const u of units) if (u.parentId !== null && out.has(u.parentId)) out.add(u.id); // parents come first
  return out;
}

describe('what the freeze protects against', () => {
  // P1 lists 张 (ID A) and 李 (no ID) before the baseline date; nothing is cleared before launch.
  const before: Registry = {
    listings: [
      { no: 1, unitId: 3, listedOn: day(-300), idNumber: 'A', homicide: false },
      { no: 2, unitId: 3, listedOn: day(-200), idNumber: null, homicide: false },
    ],
    clearances: [],
  };
  const snapshot = freeze(before);
  // Entered after the freeze: 李's arrest dated the day before launch, and an older listing of 张
  // by P2 (so his earliest local listing is now P2's).
  const later: LaterEvent[] = [
    { type: 'clearance', listing: 1, on: day(0), kind: 'arrest', capturingUnitId: 3 },
    { type: 'duplicate', listing: 0, unitId: 4, listedOn: day(-900), homicide: true },
  ];
  const after = later.reduce(record, before);
  const asOf = day(30);
  const code = (s: UnitStanding[], c: string) => s.find((u) => u.code === c)!;

  it('moves the live count: a back-dated exit and a back-dated listing elsewhere', () => {
    const live = standingsOf(after, null, asOf);
    expect(code(live, 'P1').baseline).toBe(0);
    expect(code(live, 'P2')).toMatchObject({ baseline: 1, homicide: { baseline: 1 } });
  });

  it('keeps the frozen count, and counts the pre-launch exit for nothing', () => {
    const frozen = standingsOf(after, snapshot, asOf);
    expect(code(frozen, 'P1')).toMatchObject({ baseline: 2, cleared: 0, homicide: { baseline: 0 } });
    expect(code(frozen, 'P2').baseline).toBe(0);
    expect(code(frozen, 'P1').activeNow).toBe(0); // the registry stays true: 李 left, 张 is now P2's
  });
});
