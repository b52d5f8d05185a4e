import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates.ts';
import {
  backdatedEntry,
  cancellationSpike,
  compareAnomalies,
  duplicateClaim,
  clearedKeys,
  countKeys,
  hashIndex,
  hashSet,
  identityHashes,
  identityKeys,
  indexListings,
  type RelistIndex,
  relistCandidates,
  missingEvidence,
  relistedAfterClearance,
  resultsJump,
  runRules,
  selfVerified,
  unitRanges,
  wholeFugitives,
} from './rules.ts';
import { type ClaimFact, DEFAULT_THRESHOLDS, type IntegrityCampaign, type ListingFact } from './types.ts';

// Launch to the start of the 14-day spike window is exactly 56 days (4 windows), so averages are round.
const campaign: IntegrityCampaign = { startOn: '2011-10-17', deadlineOn: '2011-12-25' };
const t = DEFAULT_THRESHOLDS;

let nextId = 1;
function claim(over: Partial<ClaimFact> = {}): ClaimFact {
  const id = over.id ?? nextId++;
  return {
    id,
    fugitiveId: id,
    listingNo: `L${String(id).padStart(4, '0')}`,
    kind: 'arrest',
    occurredOn: '2011-11-01',
    enteredAt: '2011-11-01T10:00:00+08:00',
    supersedesId: null,
    status: 'verified',
    provenance: 'entry',
    evidenceRef: 'EV-1',
    claimedBy: 'alice',
    unitCode: 'P1',
    claimUnitCode: 'P1',
    capturingUnitCode: 'P1',
    decidedBy: 'victor',
    deciderUnitCode: 'B',
    ...over,
  };
}

function listing(over: Partial<ListingFact> & Pick<ListingFact, 'fugitiveId' | 'listedOn'>): ListingFact {
  return {
    listingNo: `L${String(over.fugitiveId).padStart(4, '0')}`,
    name: 'Zhang San',
    birthDate: '1980-05-06',
    idNumber: '110101198005060011',
    listingUnitCode: 'P1',
    ...over,
  };
}

/** `n` claims of one kind and unit, one a day from `from`. */
function daily(n: number, from: string, over: Partial<ClaimFact> = {}): ClaimFact[] {
  return Array.from({ length: n }, (_, i) => claim({ occurredOn: addDays(from, i), ...over }));
}

describe('duplicate-claim', () => {
  it('fires once for a fugitive claimed by two units, naming both units and every claim', () => {
    const a = claim({ id: 101, fugitiveId: 7, listingNo: 'L0007', unitCode: 'P1', status: 'verified' });
    const b = claim({ id: 102, fugitiveId: 7, listingNo: 'L0007', unitCode: 'P2', status: 'pending' });
    const c = claim({ id: 103, fugitiveId: 7, listingNo: 'L0007', unitCode: 'P1', status: 'approved' });
    const [finding, ...rest] = duplicateClaim([a, b, c]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'duplicate-claim', listingNo: 'L0007', claimIds: [101, 102, 103] });
    expect(finding?.reason).toContain('2 units (P1, P2)');
  });

  it('counts a claim held as a conflict as a second claim', () => {
    const a = claim({ id: 201, fugitiveId: 8, unitCode: 'P1' });
    const b = claim({ id: 202, fugitiveId: 8, unitCode: 'P2', status: 'conflict', provenance: 'import' });
    expect(duplicateClaim([a, b])).toMatchObject([{ unit: 'P2', claimIds: [201, 202] }]);
  });

  it('does not fire for one unit claiming twice, or when the other claim is rejected or superseded', () => {
    const same = [claim({ fugitiveId: 9, unitCode: 'P1' }), claim({ fugitiveId: 9, unitCode: 'P1' })];
    const rejected = [
      claim({ fugitiveId: 10, unitCode: 'P1' }),
      claim({ fugitiveId: 10, unitCode: 'P2', status: 'rejected' }),
      claim({ fugitiveId: 10, unitCode: 'P3', status: 'superseded' }),
    ];
    expect(duplicateClaim([...same, ...rejected])).toEqual([]);
  });

  it('does not count a claim with no unit as a second unit', () => {
    expect(duplicateClaim([claim({ fugitiveId: 11 }), claim({ fugitiveId: 11, unitCode: null })])).toEqual(
      [],
    );
  });
});

describe('relisted-after-clearance', () => {
  const cleared = claim({ id: 301, fugitiveId: 30, listingNo: 'L0030', occurredOn: '2011-11-01' });
  const original = listing({ fugitiveId: 30, listedOn: '2009-01-01' });

  it('fires when the same ID number is listed again 90 days after the clearance', () => {
    const again = listing({ fugitiveId: 31, listingNo: 'L0031', listedOn: '2012-01-30' });
    const [finding, ...rest] = relistedAfterClearance([cleared], [original, again], t);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ unit: 'P1', listingNo: 'L0030', claimIds: [301] });
    expect(finding?.reason).toContain('listed again as L0031 on 2012-01-30, 90 days later (same ID number');
  });

  it('does not fire at 91 days or for a listing made before the clearance', () => {
    const listings = [
      original,
      listing({ fugitiveId: 32, listedOn: '2012-01-31' }),
      listing({ fugitiveId: 34, listedOn: '2011-10-01' }),
    ];
    expect(relistedAfterClearance([cleared], listings, t)).toEqual([]);
  });

  it('fires on the clearance day itself (day 0 is within the limit)', () => {
    const sameDay = listing({ fugitiveId: 33, listedOn: '2011-11-01' });
    expect(relistedAfterClearance([cleared], [original, sameDay], t)).toHaveLength(1);
  });

  it('matches on name and birth date when either listing has no ID number', () => {
    const again = listing({ fugitiveId: 35, listedOn: '2011-12-01', idNumber: null, name: 'Zhang  San' });
    expect(relistedAfterClearance([cleared], [original, again], t)[0]?.reason).toContain(
      'same name and birth date',
    );
  });

  it('does not match different ID numbers, another birth date, or a clearance not verified', () => {
    const listings = [
      original,
      listing({ fugitiveId: 36, listedOn: '2011-12-01', idNumber: '110101198005060038' }),
      listing({ fugitiveId: 37, listedOn: '2011-12-01', idNumber: null, birthDate: '1980-05-07' }),
    ];
    expect(relistedAfterClearance([cleared], listings, t)).toEqual([]);
    const pending = { ...cleared, status: 'pending' as const };
    const again = listing({ fugitiveId: 38, listedOn: '2011-12-01' });
    expect(relistedAfterClearance([pending], [original, again], t)).toEqual([]);
  });
});

describe('cancellation-spike', () => {
  const cancel = { kind: 'cancellation', unitCode: 'P1' } as const;
  // Window: 2011-12-12 … 2011-12-25; earlier period 2011-10-17 … 2011-12-11 (56 days = 4 windows).
  const recent = (n: number, over: Partial<ClaimFact> = {}) => daily(n, '2011-12-12', { ...cancel, ...over });
  const earlier = (n: number) => daily(n, '2011-10-20', cancel);

  it('fires for exactly 3 in the window against 3 earlier (average 0.75, 3 > 2.25)', () => {
    const [finding, ...rest] = cancellationSpike([...recent(3), ...earlier(3)], campaign, t);
    expect(rest).toEqual([]);
    expect(finding?.unit).toBe('P1');
    expect(finding?.claimIds).toHaveLength(3);
    expect(finding?.reason).toBe(
      '3 cancellations in the 14 days before the deadline (2011-12-12 to 2011-12-25), against an average ' +
        'of 0.75 per 14 days earlier (3 in 56 days; limit 3×)',
    );
  });

  it('does not fire for 3 in the window when the factor is only met (4 earlier: average 1, 3 = 3 × 1)', () => {
    expect(cancellationSpike([...recent(3), ...earlier(4)], campaign, t)).toEqual([]);
  });

  it('fires for 3 with no earlier cancellations, but not for 2', () => {
    expect(cancellationSpike(recent(3), campaign, t)).toHaveLength(1);
    expect(cancellationSpike(recent(2), campaign, t)).toEqual([]);
  });

  it('counts pending but not rejected cancellations, and only inside the window', () => {
    const claims = [
      ...recent(2, { status: 'pending' }),
      ...recent(1, { status: 'rejected' }),
      claim({ ...cancel, occurredOn: '2011-12-11' }), // the day before the window: earlier
      claim({ ...cancel, occurredOn: '2011-12-26' }), // after the deadline
    ];
    expect(cancellationSpike(claims, campaign, t)).toEqual([]);
    expect(cancellationSpike([...claims, ...recent(1)], campaign, t)).toHaveLength(1);
  });

  it('keeps units apart', () => {
    const claims = [...recent(2), ...recent(2, { unitCode: 'P2' })];
    expect(cancellationSpike(claims, campaign, t)).toEqual([]);
  });
});

describe('backdated-entry', () => {
  it('fires at 31 days after the date claimed, not at 30', () => {
    const ok = claim({ occurredOn: '2011-11-01', enteredAt: '2011-12-01T23:00:00+08:00' });
    const late = claim({ id: 401, occurredOn: '2011-11-01', enteredAt: '2011-12-02T00:30:00+08:00' });
    const [finding, ...rest] = backdatedEntry([ok, late], t);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'backdated-entry', claimIds: [401] });
    expect(finding?.reason).toContain('entered on 2011-12-02, 31 days later (limit 30)');
  });

  it('reads the entry day in UTC+8, not UTC', () => {
    // 17:00 UTC on 1 December is already 2 December in the bureau.
    expect(backdatedEntry([claim({ enteredAt: '2011-12-01T17:00:00Z' })], t)).toHaveLength(1);
    expect(backdatedEntry([claim({ enteredAt: '2011-12-01T15:59:00Z' })], t)).toEqual([]);
  });
});

describe('missing-evidence', () => {
  it('fires for a verified arrest or surrender with a null or blank evidence reference', () => {
    const claims = [
      claim({ id: 501, evidenceRef: null }),
      claim({ id: 502, kind: 'surrender', evidenceRef: '  ' }),
    ];
    expect(missingEvidence(claims).map((a) => a.claimIds[0])).toEqual([501, 502]);
  });

  it('does not fire with evidence, for a death or cancellation, or before verification', () => {
    const claims = [
      claim(),
      claim({ kind: 'death', evidenceRef: null }),
      claim({ kind: 'cancellation', evidenceRef: null }),
      claim({ status: 'pending', evidenceRef: null }),
    ];
    expect(missingEvidence(claims)).toEqual([]);
  });
});

describe('self-verified', () => {
  it('fires when the claimant verified it, or a user of the claimant unit did', () => {
    const byClaimant = claim({ id: 601, decidedBy: 'alice', deciderUnitCode: 'B' });
    const byOwnUnit = claim({ id: 602, decidedBy: 'bob', deciderUnitCode: 'P1' });
    const found = selfVerified([byClaimant, byOwnUnit]);
    expect(found.map((a) => a.claimIds[0])).toEqual([601, 602]);
    expect(found[0]?.reason).toContain('verified by its claimant alice');
    expect(found[1]?.reason).toContain("by bob of the claimant's own unit P1");
  });

  it('exempts imported history and claims not verified', () => {
    const claims = [
      claim({ provenance: 'import', decidedBy: 'alice', claimUnitCode: null, deciderUnitCode: null }),
      claim({ provenance: 'import', decidedBy: 'bob', deciderUnitCode: 'P1' }),
      claim({ status: 'rejected', decidedBy: 'alice' }),
    ];
    expect(selfVerified(claims)).toEqual([]);
  });

  it('does not fire for a verifier of another unit, or when the units are unknown', () => {
    const claims = [claim(), claim({ decidedBy: 'bob', deciderUnitCode: null, claimUnitCode: null })];
    expect(selfVerified(claims)).toEqual([]);
  });
});

describe('results-jump', () => {
  // Week w runs from launch + 7w to launch + 7w + 6.
  const week = (w: number) => addDays(campaign.startOn, 7 * w);
  // `n` captures within week w, one a day round the week.
  const captures = (n: number, w: number, over: Partial<ClaimFact> = {}) =>
    Array.from({ length: n }, (_, i) => claim({ occurredOn: addDays(week(w), i % 7), ...over }));

  it('does not fire at exactly mean + 3σ (weeks 1–4: mean 2, σ 2, limit 8) and fires just above', () => {
    const history = [...captures(4, 1), ...captures(4, 3)];
    expect(resultsJump([...history, ...captures(8, 4)], campaign, t)).toEqual([]);
    const [finding, ...rest] = resultsJump([...history, ...captures(9, 4)], campaign, t);
    expect(rest).toEqual([]);
    expect(finding?.claimIds).toHaveLength(9);
    expect(finding?.reason).toBe(
      '9 verified captures in week 5 of the campaign (2011-11-14 to 2011-11-20), against a mean of 2 and ' +
        'standard deviation of 2 (floor 1.41) over the 4 earlier weeks (limit 8)',
    );
  });

  it('needs at least 5 captures, counting empty earlier weeks as 0', () => {
    expect(resultsJump(captures(4, 4), campaign, t)).toEqual([]);
    expect(resultsJump(captures(5, 4), campaign, t)).toMatchObject([{ unit: 'P1', rule: 'results-jump' }]);
  });

  it('needs 4 earlier weeks: a real jump after 1 week is not a finding, after 4 it is', () => {
    const jump = (w: number) => [...captures(1, w - 1), ...captures(20, w)];
    for (const w of [1, 2, 3]) expect(resultsJump(jump(w), campaign, t), `week ${w}`).toEqual([]);
    expect(resultsJump(jump(4), campaign, t)).toMatchObject([{ key: 'results-jump:P1:week-4' }]);
    expect(resultsJump(jump(1), campaign, { ...t, jumpMinWeeks: 1 })).toHaveLength(1);
  });

  it('floors the deviation at √mean (chance alone) and at 1, so a steady unit may rise a little', () => {
    const steady = (n: number) => [0, 1, 2, 3].flatMap((w) => captures(n, w));
    // σ 0 over four weeks of 4: the floor is √4 = 2, the limit 4 + 3 × 2 = 10.
    expect(resultsJump([...steady(4), ...captures(5, 4)], campaign, t)).toEqual([]);
    expect(resultsJump([...steady(4), ...captures(10, 4)], campaign, t)).toEqual([]);
    expect(resultsJump([...steady(4), ...captures(11, 4)], campaign, t)).toMatchObject([
      { facts: { sd: '0', floor: '2', limit: '10' } },
    ]);
    // A mean under 1: the floor is 1 (weeks 0, 0, 0, 1: mean 0.25, σ 0.43; the limit 3.25).
    const sparse = [...captures(1, 3)];
    expect(resultsJump([...sparse, ...captures(5, 4)], campaign, t)).toMatchObject([
      { facts: { floor: '1', limit: '3.25' } },
    ]);
    // Without a floor, σ 0 makes any rise of the minimum a jump.
    const bare = { ...t, jumpMinSd: 0, jumpMinSdPoisson: 0 };
    expect(resultsJump([...steady(4), ...captures(5, 4)], campaign, bare)).toHaveLength(1);
  });

  it('counts only verified arrests and surrenders of the same unit', () => {
    const claims = [
      ...captures(3, 4),
      ...captures(1, 4, { kind: 'surrender' }),
      ...captures(1, 4, { kind: 'death' }),
      ...captures(1, 4, { status: 'pending' }),
      ...captures(1, 4, { unitCode: 'P2' }),
    ];
    expect(resultsJump(claims, campaign, t)).toEqual([]);
    expect(resultsJump([...claims, ...captures(1, 4, { kind: 'surrender' })], campaign, t)).toHaveLength(1);
  });
});

describe('runRules', () => {
  it('runs all seven rules and sorts findings by rule, unit, then listing number', () => {
    const claims = [
      claim({ id: 901, listingNo: 'L0902', unitCode: 'P2', evidenceRef: null }),
      claim({ id: 902, listingNo: 'L0901', unitCode: 'P2', evidenceRef: null }),
      claim({ id: 903, listingNo: 'L0903', unitCode: 'P1', evidenceRef: null }),
      claim({ id: 904, listingNo: 'L0904', decidedBy: 'alice' }),
      claim({ id: 905, fugitiveId: 950, listingNo: 'L0950', unitCode: 'P1' }),
      claim({ id: 906, fugitiveId: 950, listingNo: 'L0950', unitCode: 'P3', status: 'pending' }),
      claim({ id: 907, listingNo: 'L0907', enteredAt: '2012-01-01T09:00:00+08:00' }),
    ];
    const found = runRules({ claims, listings: [] }, campaign, t);
    expect(found.map((a) => [a.rule, a.unit, a.listingNo])).toEqual([
      ['duplicate-claim', 'P3', 'L0950'],
      ['backdated-entry', 'P1', 'L0907'],
      ['missing-evidence', 'P1', 'L0903'],
      ['missing-evidence', 'P2', 'L0901'],
      ['missing-evidence', 'P2', 'L0902'],
      ['self-verified', 'P1', 'L0904'],
    ]);
  });
});

describe('review findings', () => {
  it('counts a correction from the entry of the claim it corrects, not its own', () => {
    const original = claim({
      id: 901,
      occurredOn: '2011-11-01',
      enteredAt: '2011-11-02T10:00:00+08:00',
      status: 'superseded',
    });
    const correction = claim({
      id: 902,
      occurredOn: '2011-11-01',
      enteredAt: '2011-12-20T10:00:00+08:00',
      supersedesId: 901,
    });
    expect(backdatedEntry([original, correction], t)).toEqual([]);
    // Without the original in view, the correction alone is judged by its own entry.
    expect(backdatedEntry([correction], t)).toMatchObject([{ claimIds: [902] }]);
  });

  it('counts cancellations a leader approved but no inspector verified yet', () => {
    const approved = Array.from({ length: 3 }, (_, i) =>
      claim({
        kind: 'cancellation',
        status: 'approved',
        occurredOn: addDays(campaign.deadlineOn, -i),
        unitCode: 'P7',
      }),
    );
    expect(cancellationSpike(approved, campaign, t)).toMatchObject([{ unit: 'P7' }]);
  });
});

describe('the rules in parts', () => {
  it('finds a hash in the set of hashes exactly when it is one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 })), fc.nat({ max: 50 }), (hashes, probe) => {
        const set = hashSet(hashes);
        expect([...set]).toEqual([...new Set(hashes)].sort((a, b) => a - b));
        expect(hashIndex(set, probe) >= 0).toBe(hashes.includes(probe));
        if (hashes.includes(probe)) expect(set[hashIndex(set, probe)]).toBe(probe);
      }),
    );
  });

  it('hashes an ID number, and a name with a birth date, as the relisting rule compares them', () => {
    const one = identityHashes({ name: '张 三', birthDate: '1980-05-06', idNumber: ' 11010119800506001x ' });
    const two = identityHashes({ name: '张三', birthDate: '1980-05-06', idNumber: '11010119800506001X' });
    expect(one).toEqual(two);
    expect(identityHashes({ name: '张三', birthDate: null, idNumber: '' })).toEqual([0, 0]);
  });

  it('packs units into ranges of about so many claims, a bigger unit alone', () => {
    const counts = [
      { unitId: 5, n: 4 },
      { unitId: 1, n: 3 },
      { unitId: 2, n: 2 },
      { unitId: 1, n: 1 }, // cancellations and captures are counted apart
      { unitId: 9, n: 30 },
      { unitId: 12, n: 6 },
    ];
    expect(unitRanges(counts, 10)).toEqual([
      { from: 1, to: 5 },
      { from: 9, to: 9 },
      { from: 12, to: 12 },
    ]);
  });

  it('cuts a full page of claims before its last fugitive, who may go on into the next', () => {
    const page = [claim({ fugitiveId: 1 }), claim({ fugitiveId: 2 }), claim({ fugitiveId: 2 })];
    expect(wholeFugitives(page, true).map((c) => c.fugitiveId)).toEqual([1]);
    expect(wholeFugitives(page, false)).toHaveLength(3);
    expect(wholeFugitives(page.slice(1), true)).toEqual([]);
  });

  // Names, birth dates and ID numbers from small sets, written in several ways, so that people
  // share them often; verified claims on some listings. Relisting is judged for the claims of runs
  // of fugitives, each with the listings the index gives for them: together, as over everything.
  it('finds relistings in runs of fugitives as over all listings at once', () => {
    const person = fc.record({
      name: fc.constantFrom('张三', '张 三', ' 张三', '李四', 'li si', 'Li Si'),
      birthDate: fc.constantFrom(null, '1980-05-06', '1981-01-01'),
      idNumber: fc.constantFrom(null, '', '11010119800506001X', ' 11010119800506001x', '110101198101010011'),
      listedOn: fc.constantFrom('2011-09-01', '2011-11-05', '2011-12-01', '2012-06-01'),
    });
    const history = fc.record({
      people: fc.array(person, { minLength: 1, maxLength: 30 }),
      cleared: fc.array(fc.tuple(fc.nat(), fc.constantFrom('2011-10-20', '2011-11-20')), { maxLength: 15 }),
      cuts: fc.array(fc.nat(), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(history, ({ people, cleared, cuts }) => {
        const listings = people.map((p, i) => listing({ ...p, fugitiveId: i + 1, listingNo: `L${i + 1}` }));
        const claims = cleared.map(([n, on], k) =>
          claim({ id: 1000 + k, fugitiveId: (n % listings.length) + 1, occurredOn: on, listingNo: '' }),
        );
        const whole = relistedAfterClearance(claims, listings, t).sort(compareAnomalies);
        const rows = listings.map((l) => ({ ...l, id: l.fugitiveId }));
        const clearedIds = new Set(claims.map((c) => c.fugitiveId));
        // The three passes of the service, over pages of 7 listings.
        const counted = clearedKeys(identityKeys(rows.filter((l) => clearedIds.has(l.id))));
        const pages = [rows.slice(0, 7), rows.slice(7)];
        for (const page of pages) countKeys(counted, page);
        const index: RelistIndex = { ids: [], byId: [], byPerson: [] };
        for (const page of pages) indexListings(index, counted, page);
        const bounds = [...new Set([0, ...cuts.map((c) => c % listings.length), listings.length])].sort(
          (a, b) => a - b,
        );
        const inParts = bounds.slice(1).flatMap((to, i) => {
          const own = claims.filter((c) => c.fugitiveId > bounds[i]! && c.fugitiveId <= to);
          const mine = new Set(own.map((c) => c.fugitiveId));
          const ownListings = listings.filter((l) => mine.has(l.fugitiveId));
          const ids = new Set([...mine, ...relistCandidates(index, ownListings)]);
          return relistedAfterClearance(
            own,
            listings.filter((l) => ids.has(l.fugitiveId)),
            t,
          );
        });
        expect(inParts.sort(compareAnomalies)).toEqual(whole);
      }),
    );
  });
});
