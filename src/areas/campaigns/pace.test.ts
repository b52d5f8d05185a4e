import { describe, expect, it } from 'vitest';
import { pace, paceDates, projectionLine, reachesByDeadline, remainingToTarget, unitPaces } from './pace.ts';

// Hand-computed cases on the seed's dates: launch 17 October, deadline 20 December 2011.
const campaign = { startOn: '2011-10-17', deadlineOn: '2011-12-20' };

describe('pace and forecast', () => {
  it('on pace: 6 to go at 4 a week reaches the target on 1 December, before the deadline', () => {
    // target 50% of 40 = 20 persons; 14 cleared, 10 a week ago, 6 a fortnight ago.
    const p = pace({
      ...campaign,
      baseline: 40,
      target: 0.5,
      cleared: 14,
      clearedWeekAgo: 10,
      clearedFortnightAgo: 6,
      asOf: '2011-11-20',
    });
    expect(p.remaining).toBe(6);
    expect(p.requiredPerDay).toBeCloseTo(6 / 30); // 30 days from 20 November to 20 December
    expect(p.last7PerDay).toBeCloseTo(4 / 7);
    expect(p.last14PerDay).toBeCloseTo(8 / 14);
    expect(p.projectedOn).toBe('2011-12-01'); // ceil(6 / (4/7)) = ceil(10.5) = 11 days
    expect(reachesByDeadline(p, campaign.deadlineOn)).toBe(true);
  });

  it('behind: a 90% letter target at one person a week is reached only in 2013', () => {
    const p = pace({
      ...campaign,
      baseline: 100,
      target: 0.9,
      cleared: 30,
      clearedWeekAgo: 29,
      clearedFortnightAgo: 27,
      asOf: '2011-12-10',
    });
    expect(p.remaining).toBe(60);
    expect(p.requiredPerDay).toBe(6); // 60 persons in 10 days
    expect(p.last7PerDay).toBeCloseTo(1 / 7);
    expect(p.last14PerDay).toBeCloseTo(3 / 14);
    expect(p.projectedOn).toBe('2013-02-02'); // 420 days after 10 December 2011 (2012 is a leap year)
    expect(reachesByDeadline(p, campaign.deadlineOn)).toBe(false);
  });

  it('no results in the last week: "not at this pace", although the fortnight had some', () => {
    const p = pace({
      ...campaign,
      baseline: 20,
      target: 0.5,
      cleared: 5,
      clearedWeekAgo: 5,
      clearedFortnightAgo: 3,
      asOf: '2011-11-20',
    });
    expect(p.last7PerDay).toBe(0);
    expect(p.last14PerDay).toBeCloseTo(2 / 14);
    expect(p.projectedOn).toBeNull();
    expect(reachesByDeadline(p, campaign.deadlineOn)).toBe(false);
  });

  it('after the deadline with persons remaining, no daily pace can reach it in time', () => {
    const p = pace({
      ...campaign,
      baseline: 20,
      target: 0.5,
      cleared: 8,
      clearedWeekAgo: 6,
      clearedFortnightAgo: 4,
      asOf: '2011-12-25',
    });
    expect(p.remaining).toBe(2);
    expect(p.requiredPerDay).toBeNull();
    expect(p.projectedOn).toBe('2012-01-01'); // 2 to go at 2 a week: 7 days
  });

  it('in the first days of the campaign the window is the days since launch', () => {
    // Launch day, the day after and the day after that: 3 days, 6 persons.
    const p = pace({
      ...campaign,
      baseline: 40,
      target: 0.5,
      cleared: 6,
      clearedWeekAgo: 0,
      clearedFortnightAgo: 0,
      asOf: '2011-10-19',
    });
    expect(p.last7PerDay).toBe(2);
    expect(p.last14PerDay).toBe(2);
    expect(p.projectedOn).toBe('2011-10-26'); // 14 to go at 2 a day
  });

  it('before launch there is no pace yet', () => {
    const p = pace({
      ...campaign,
      baseline: 40,
      target: 0.5,
      cleared: 0,
      clearedWeekAgo: 0,
      clearedFortnightAgo: 0,
      asOf: '2011-10-16',
    });
    expect(p.last7PerDay).toBeNull();
    expect(p.last14PerDay).toBeNull();
    expect(p.projectedOn).toBeNull();
    expect(p.requiredPerDay).toBeCloseTo(20 / 65);
  });

  it('once the target is reached nothing remains and the projection is the as-of date', () => {
    const p = pace({
      ...campaign,
      baseline: 10,
      target: 0.5,
      cleared: 6,
      clearedWeekAgo: 2,
      clearedFortnightAgo: 1,
      asOf: '2011-11-20',
    });
    expect(p).toMatchObject({ remaining: 0, requiredPerDay: 0, projectedOn: '2011-11-20' });
  });

  it('counts persons to the target as onTrack compares rates, without floating-point surprises', () => {
    expect(remainingToTarget(10, 0.3, 0)).toBe(3); // 0.3 × 10 is 3.0000000000000004 in floating point
    expect(remainingToTarget(7, 0.5, 0)).toBe(4); // 3.5 persons means 4
    expect(remainingToTarget(0, 0.5, 0)).toBe(0);
  });
});

describe('pace of every unit and the projection line', () => {
  it("reads each unit's cleared count 7 and 14 days back, each against its own target", () => {
    expect(paceDates('2011-11-20')).toEqual({ weekAgo: '2011-11-13', fortnightAgo: '2011-11-06' });
    const paces = unitPaces(
      [
        { code: 'A', baseline: 40, cleared: 14, target: 0.5 },
        { code: 'B', baseline: 10, cleared: 2, target: 0.9 }, // a letter's target
      ],
      [
        { code: 'A', cleared: 10 },
        { code: 'B', cleared: 2 },
      ],
      [
        { code: 'A', cleared: 6 },
        { code: 'B', cleared: 1 },
      ],
      campaign,
      '2011-11-20',
    );
    // A: the on-pace case above.
    expect(paces.get('A')).toMatchObject({ remaining: 6, projectedOn: '2011-12-01' });
    // B: 9 of 10 needed, 7 to go in 30 days; nothing in the last week, one in the fortnight.
    expect(paces.get('B')!.remaining).toBe(7);
    expect(paces.get('B')!.requiredPerDay).toBeCloseTo(7 / 30);
    expect(paces.get('B')!.last7PerDay).toBe(0);
    expect(paces.get('B')!.last14PerDay).toBeCloseTo(1 / 14);
    expect(paces.get('B')!.projectedOn).toBeNull();
  });

  it("draws the decline rate from the as-of date to the deadline at the last week's pace, capped at 100%", () => {
    // 14 of 40 cleared, 4 a week: 30 days on, 14 + 30 × 4/7 = 31.14… of 40.
    const line = projectionLine(
      { baseline: 40, cleared: 14 },
      { last7PerDay: 4 / 7 },
      '2011-11-20',
      '2011-12-20',
    );
    expect(line).toHaveLength(2);
    expect(line[0]).toEqual({ date: '2011-11-20', declineRate: 14 / 40 });
    expect(line[1]!.date).toBe('2011-12-20');
    expect(line[1]!.declineRate).toBeCloseTo((14 + (30 * 4) / 7) / 40);
    // 7 a day for 30 days would clear far more than the baseline: the line stops at 100%.
    expect(
      projectionLine({ baseline: 40, cleared: 14 }, { last7PerDay: 7 }, '2011-11-20', '2011-12-20')[1]!
        .declineRate,
    ).toBe(1);
  });

  it('has no projection without a baseline, before launch, or from the deadline on', () => {
    expect(
      projectionLine({ baseline: 0, cleared: 0 }, { last7PerDay: 1 }, '2011-11-20', '2011-12-20'),
    ).toEqual([]);
    expect(
      projectionLine({ baseline: 40, cleared: 0 }, { last7PerDay: null }, '2011-10-16', '2011-12-20'),
    ).toEqual([]);
    expect(
      projectionLine({ baseline: 40, cleared: 20 }, { last7PerDay: 1 }, '2011-12-20', '2011-12-20'),
    ).toEqual([]);
  });
});
