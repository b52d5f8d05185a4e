import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClearanceKind } from '../clearances/rules.ts';
import {
  type CampaignTerms,
  type PersonFacts,
  type UnitNode,
  type UnitStanding,
  computeStandings,
  clearedOn,
  declineRates,
  elapsedShare,
  factsOf,
  onTrack,
} from './rules.ts';

// A small city: bureau B; sub-bureau S1 with stations P1, P2; detachment D (no children); squad Q under D.
const units: UnitNode[] = [
  { id: 1, code: 'B', name: 'Bureau', kind: 'bureau', parentId: null },
  { id: 2, code: 'S1', name: 'Sub-bureau 1', kind: 'sub_bureau', parentId: 1 },
  { id: 3, code: 'P1', name: 'Station 1', kind: 'station', parentId: 2 },
  { id: 4, code: 'P2', name: 'Station 2', kind: 'station', parentId: 2 },
  { id: 5, code: 'D', name: 'Detachment', kind: 'detachment', parentId: 1 },
  { id: 6, code: 'Q', name: 'Squad', kind: 'squad', parentId: 5 },
];

const campaign: CampaignTerms = {
  baselineOn: '2011-10-16',
  startOn: '2011-10-17',
  deadlineOn: '2011-12-20', // 64 days after launch
  target: 0.5,
  countedKinds: ['arrest', 'surrender', 'death'],
};

/** One person: their home unit (null: listed only by outside agencies), first listing and exit. */
function fugitive(
  homeUnitId: number | null,
  listedOn: string,
  exit?: [on: string, kind: ClearanceKind, capturingUnitId?: number, persuadingUnitId?: number],
  homicide = false,
): PersonFacts {
  return {
    homeUnitId,
    listedOn,
    homicide,
    exit: exit
      ? { on: exit[0], kind: exit[1], capturingUnitId: exit[2] ?? null, persuadingUnitId: exit[3] ?? null }
      : null,
  };
}

const byCode = (standings: UnitStanding[]) => new Map(standings.map((s) => [s.code, s]));

describe('campaign figures on a hand-made city', () => {
  const fugitives: PersonFacts[] = [
    // P1 lists five people before the baseline.
    fugitive(3, '2005-03-01', ['2011-10-20', 'arrest', 3]), // cleared, captured by P1 (local)
    fugitive(3, '2011-10-16', ['2011-11-02', 'surrender', 4]), // listed ON the baseline day: in; P2 receives the surrender
    fugitive(3, '2009-06-01', ['2011-09-30', 'arrest', 3]), // cleared BEFORE launch: not baseline, not a capture
    fugitive(3, '2010-01-01', ['2011-11-10', 'cancellation']), // cancellation: shown apart, not cleared
    fugitive(3, '2010-02-02'), // still active
    // P1 lists one more after the baseline (new listing): affects activeNow, not baseline.
    fugitive(3, '2011-10-25'),
    // P2: two baseline fugitives, one died, one captured by an outside agency (no unit of ours).
    fugitive(4, '2008-08-08', ['2011-12-01', 'death']),
    fugitive(4, '2007-07-07', ['2011-11-11', 'arrest']),
    // Q captures a remote fugitive (listed by an outside agency).
    fugitive(null, '2011-01-05', ['2011-11-15', 'arrest', 6]),
    // A remote fugitive captured by P1 after the as-of date: not yet counted.
    fugitive(null, '2011-02-01', ['2011-12-15', 'arrest', 3]),
  ];
  const asOf = '2011-12-01'; // 45 of 64 days
  const s = byCode(computeStandings(units, factsOf(fugitives), campaign, asOf));

  it('counts a station from its own listings', () => {
    expect(s.get('P1')).toMatchObject({
      baseline: 4, // 2005, baseline-day, cancellation, 2010-02-02 (the one cleared before launch is out)
      cleared: 2,
      cancellations: 1,
      activeNow: 2, // 2010-02-02 and the new 2011-10-25 listing
      captures: { local: 1, remote: 0, arrests: 1, surrenders: 0 },
      newListings: 1, // the 2011-10-25 listing
      declineRate: 0.5,
      netDeclineRate: 0.5, // (4 - 2) / 4
      zeroResult: false,
    });
  });

  it('credits a surrender to the receiving unit and a clearance to the listing unit', () => {
    expect(s.get('P2')).toMatchObject({
      baseline: 2,
      cleared: 2, // the death and the outside arrest both count for the listing unit
      captures: { local: 1, remote: 0, arrests: 0, surrenders: 1 }, // the surrender of P1's fugitive
      declineRate: 1,
      activeNow: 0,
    });
  });

  it('counts remote captures for the capturing unit and rolls everything up the tree', () => {
    expect(s.get('Q')).toMatchObject({
      baseline: 0,
      declineRate: null,
      onTrack: null,
      captures: { local: 0, remote: 1, arrests: 1, surrenders: 0 },
    });
    expect(s.get('D')).toMatchObject({ baseline: 0, captures: { local: 0, remote: 1 }, zeroResult: false });
    expect(s.get('S1')).toMatchObject({ baseline: 6, cleared: 4, cancellations: 1, activeNow: 2 });
    expect(s.get('B')).toMatchObject({
      baseline: 6,
      cleared: 4,
      captures: { local: 2, remote: 1 },
      parent: null,
      depth: 0,
    });
    expect(s.get('P1')).toMatchObject({ parent: 'S1', depth: 2 });
  });

  it('judges on-track against the straight line to the target', () => {
    // elapsed 45/64 = 0.703; trajectory = 0.5 * 0.703 = 0.352
    expect(s.get('P1')!.onTrack).toBe(true);
    const later = byCode(computeStandings(units, factsOf(fugitives), { ...campaign, target: 0.8 }, asOf));
    expect(later.get('P1')!.onTrack).toBe(false); // 0.5 < 0.8 * 0.703
  });

  it('ranks within each kind and depth by decline rate, null last, then captures, then code', () => {
    expect([s.get('P2')!.rank, s.get('P1')!.rank]).toEqual([1, 2]);
    // A squad is not ranked with stations, nor a detachment with sub-bureaus: each leads its kind.
    expect([s.get('Q')!.rank, s.get('S1')!.rank, s.get('D')!.rank]).toEqual([1, 1, 1]);
    expect(s.get('B')!.rank).toBe(1);
  });

  it('lists units parent-first with siblings by code', () => {
    expect(computeStandings(units, factsOf(fugitives), campaign, asOf).map((u) => u.code)).toEqual([
      'B',
      'D',
      'Q',
      'S1',
      'P1',
      'P2',
    ]);
  });
});

describe('edge cases of the figures', () => {
  it('counts nothing as cleared when the as-of date is before launch', () => {
    const f = [fugitive(3, '2005-01-01', ['2011-10-20', 'arrest', 3])];
    const s = byCode(computeStandings(units, factsOf(f), campaign, '2011-10-10'));
    expect(s.get('P1')).toMatchObject({
      baseline: 1,
      cleared: 0,
      declineRate: 0,
      activeNow: 1,
      onTrack: true,
    });
    expect(s.get('P1')!.zeroResult).toBe(true);
  });

  it('keeps counting after the deadline with the elapsed share clamped to 1', () => {
    const f = [fugitive(3, '2005-01-01', ['2011-12-25', 'arrest', 3]), fugitive(3, '2005-01-01')];
    const s = byCode(computeStandings(units, factsOf(f), campaign, '2012-01-31'));
    expect(s.get('P1')).toMatchObject({ cleared: 1, declineRate: 0.5, onTrack: true });
    expect(elapsedShare(campaign, '2012-01-31')).toBe(1);
  });

  it('counts cancellations as cleared only when the campaign says so', () => {
    const f = [fugitive(3, '2005-01-01', ['2011-11-01', 'cancellation'])];
    const counted = { ...campaign, countedKinds: [...campaign.countedKinds, 'cancellation' as const] };
    expect(byCode(computeStandings(units, factsOf(f), campaign, '2011-12-01')).get('P1')!.cleared).toBe(0);
    expect(byCode(computeStandings(units, factsOf(f), counted, '2011-12-01')).get('P1')).toMatchObject({
      cleared: 1,
      cancellations: 1,
    });
  });

  it('leaves out people listed after the baseline date, even before launch', () => {
    const f = [fugitive(3, '2011-10-17'), fugitive(3, '2011-10-16')];
    expect(byCode(computeStandings(units, factsOf(f), campaign, '2011-12-01')).get('P1')).toMatchObject({
      baseline: 1,
      activeNow: 2,
      netDeclineRate: -1, // new listings can push the net rate below zero
    });
  });

  it('does not count a clearance dated exactly on launch day as before launch', () => {
    const f = [fugitive(3, '2005-01-01', ['2011-10-17', 'arrest', 3])];
    expect(byCode(computeStandings(units, factsOf(f), campaign, '2011-10-17')).get('P1')).toMatchObject({
      baseline: 1,
      cleared: 1,
    });
  });

  it('gives every figure of an empty unit as zero or null', () => {
    const s = byCode(computeStandings(units, factsOf([]), campaign, '2011-11-01'));
    expect(s.get('P2')).toMatchObject({
      baseline: 0,
      cleared: 0,
      declineRate: null,
      netDeclineRate: null,
      onTrack: null,
      zeroResult: true,
      activeNow: 0,
    });
    expect(s.get('S1')!.zeroResult).toBe(false); // only stations and squads can be zero-result
  });

  it('counts a unit exactly on the line as on track, whatever the rounding', () => {
    // 7/40 = 0.175 and 0.3 × 7/12 = 0.17500000000000002 in floating point.
    expect(onTrack(7 / 40, 0.3, 7 / 12)).toBe(true);
    expect(onTrack(0.174, 0.3, 7 / 12)).toBe(false);
  });

  it('measures elapsed time in whole days from launch to deadline', () => {
    expect(elapsedShare(campaign, '2011-10-17')).toBe(0);
    expect(elapsedShare(campaign, '2011-11-18')).toBe(0.5);
    expect(elapsedShare(campaign, '2011-10-01')).toBe(0);
  });
});

describe('invariants (property tests)', () => {
  const dates = fc
    .integer({ min: 0, max: 200 })
    .map((d) => new Date(Date.UTC(2011, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const unitIds = fc.constantFrom(...units.map((u) => u.id));
  const facts = fc.record({
    homeUnitId: fc.option(unitIds, { nil: null }),
    listedOn: dates,
    homicide: fc.boolean(),
    exit: fc.option(
      fc.record({
        on: dates,
        kind: fc.constantFrom<ClearanceKind>('arrest', 'surrender', 'death', 'cancellation'),
        capturingUnitId: fc.option(unitIds, { nil: null }),
        persuadingUnitId: fc.option(unitIds, { nil: null }),
      }),
      { nil: null },
    ),
  });

  it('never clears more than the baseline, and parents sum their children plus their own', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 60 }), dates, (fugitives, asOf) => {
        const standings = computeStandings(units, factsOf(fugitives), campaign, asOf);
        const s = byCode(standings);
        for (const u of standings) {
          expect(u.cleared + u.cancellations).toBeLessThanOrEqual(u.baseline);
          if (u.declineRate !== null) expect(u.declineRate).toBeLessThanOrEqual(1);
        }
        const ownOnly = computeStandings(
          units.map((u) => ({ ...u, parentId: null })),
          factsOf(fugitives),
          campaign,
          asOf,
        );
        const own = byCode(ownOnly);
        for (const parent of units) {
          const kids = units.filter((u) => u.parentId === parent.id).map((u) => s.get(u.code)!);
          for (const key of ['baseline', 'cleared', 'activeNow', 'cancellations'] as const) {
            const sum = kids.reduce((acc, k) => acc + k[key], own.get(parent.code)![key]);
            expect(s.get(parent.code)![key]).toBe(sum);
          }
          const captured = kids.reduce(
            (acc, k) => acc + k.captures.remote,
            own.get(parent.code)!.captures.remote,
          );
          expect(s.get(parent.code)!.captures.remote).toBe(captured);
        }
      }),
    );
  });

  it("gives every unit's cleared count and decline rate on each date of a trend as the figures of that date do", () => {
    fc.assert(
      fc.property(
        fc.array(facts, { maxLength: 60 }),
        fc.array(dates, { maxLength: 12 }),
        (fugitives, some) => {
          const trend = [...new Set(some)].sort();
          const rates = declineRates(units, factsOf(fugitives), campaign, trend);
          const cleared = clearedOn(units, factsOf(fugitives), campaign, trend);
          for (const [i, date] of trend.entries())
            for (const u of computeStandings(units, factsOf(fugitives), campaign, date)) {
              expect(rates.get(u.code)![i]).toBe(u.declineRate);
              expect(cleared.get(u.code)).toMatchObject({ baseline: u.baseline });
              expect(cleared.get(u.code)!.cleared[i]).toBe(u.cleared);
            }
        },
      ),
    );
  });

  it('gives ranks 1..n among the units of each kind at each depth', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 40 }), dates, (fugitives, asOf) => {
        const standings = computeStandings(units, factsOf(fugitives), campaign, asOf);
        for (const key of new Set(standings.map((u) => `${u.depth}:${u.kind}`))) {
          const ranks = standings.filter((u) => `${u.depth}:${u.kind}` === key).map((u) => u.rank);
          expect(ranks.sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i + 1));
        }
      }),
    );
  });
});

describe("each unit's own target", () => {
  // P1: 4 baseline persons, 2 cleared by 2011-12-01 (45 of 64 days): declineRate 0.5.
  const fugitives: PersonFacts[] = [
    fugitive(3, '2005-03-01', ['2011-10-20', 'arrest', 3]),
    fugitive(3, '2006-03-01', ['2011-10-21', 'arrest', 3]),
    fugitive(3, '2007-03-01'),
    fugitive(3, '2008-03-01'),
  ];
  const asOf = '2011-12-01';
  const standingsWith = (targets: Map<number, number>) =>
    byCode(computeStandings(units, factsOf(fugitives), campaign, asOf, targets));

  it("is the campaign's for a unit without a letter in force", () => {
    const s = standingsWith(new Map());
    expect(s.get('P1')).toMatchObject({ target: 0.5, declineRate: 0.5, onTrack: true });
  });

  it("judges on-track against a letter's target above the unit's rate", () => {
    // Signed for 90%: the line stands at 0.9 × 45/64 = 0.633 > 0.5.
    const s = standingsWith(new Map([[3, 0.9]]));
    expect(s.get('P1')).toMatchObject({ target: 0.9, declineRate: 0.5, onTrack: false });
    // Only the signing unit: its parent and sibling keep the campaign's target.
    expect(s.get('S1')).toMatchObject({ target: 0.5, onTrack: true });
    expect(s.get('P2')!.target).toBe(0.5);
  });

  it("judges on-track against a letter's target below the unit's rate", () => {
    const s = standingsWith(new Map([[3, 0.6]])); // the line at 0.422 < 0.5
    expect(s.get('P1')).toMatchObject({ target: 0.6, onTrack: true });
  });
});
