import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { standings } from '../src/areas/campaigns/service.ts';
import { demoCity } from '../src/demo/demo-city.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { listMatches } from '../src/areas/persons/service.ts';
import { localDate } from '../src/shared/dates.ts';
import { DomainError } from '../src/shared/errors.ts';
import { contextFor, freshStore } from './support/stores.ts';

const anchor = '2026-11-28';

describe('the demo city', () => {
  it('is the same city for the same seed and anchor, and another for another seed', () => {
    expect(demoCity({ seed: 1, anchor })).toEqual(demoCity({ seed: 1, anchor }));
    expect(demoCity({ seed: 2, anchor }).fugitives).not.toEqual(demoCity({ seed: 1, anchor }).fugitives);
  });

  it('has the shape of a city bureau with a campaign 40 days in', () => {
    const city = demoCity({ seed: 2011, anchor });
    const kinds = city.units.map((u) => u.kind);
    expect(kinds.filter((k) => k === 'bureau')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'sub_bureau' || k === 'detachment').length).toBeGreaterThanOrEqual(8);
    expect(kinds.filter((k) => k === 'station' || k === 'squad').length).toBeGreaterThanOrEqual(50);
    // 5,000 made by the dice, and 3 that repeat someone already listed without the ID number (the
    // suggested matches of persons, issue 11).
    expect(city.fugitives).toHaveLength(5003);
    expect(new Set(city.fugitives.map((f) => f.crime_category)).size).toBe(10);
    expect(city.pending.length).toBeGreaterThan(10);
    expect(city.campaign).toMatchObject({ startOn: '2026-10-19', deadlineOn: '2026-12-22' });
  });

  it('loads just after midnight on the bureau’s clock (UTC is still the day before)', async () => {
    const store = await freshStore('sqlite');
    const now = new Date(`${anchor}T16:30:00Z`); // 00:30 the next day in the bureau (UTC+8)
    try {
      await loadDemo(contextFor(store, now, 'demo'), { seed: 2011, anchor: localDate(now) });
      // Among them the claims entered on the bureau's today, which were refused as in the future.
      const entered = await store.db.selectFrom('clearances').select('entered_at').execute();
      expect(entered.some((c) => localDate(new Date(c.entered_at)) === localDate(now))).toBe(true);
    } finally {
      await store.dispose();
    }
  });

  it('loads through the validated imports, with lagging, on-track and zero-result units', async () => {
    const store = await freshStore('sqlite');
    const ctx = contextFor(store, new Date(`${anchor}T04:00:00Z`), 'demo');
    try {
      await loadDemo(ctx, { seed: 2011, anchor });
      const s = await standings(ctx, {});
      const stations = s.units.filter((u) => u.kind === 'station' || u.kind === 'squad');
      expect(stations.some((u) => u.onTrack === true)).toBe(true);
      expect(stations.some((u) => u.onTrack === false)).toBe(true);
      expect(stations.some((u) => u.zeroResult)).toBe(true);
      expect(s.units[0]!.captures.remote).toBeGreaterThan(0);
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
      // The inspectors' 疑似同一人 queue has something to show: a listing by an outside agency, and
      // listings by another unit during the campaign, each beside the person it may repeat.
      const matches = (await listMatches(ctx, { status: 'suggested' })).items;
      expect(matches.length).toBeGreaterThanOrEqual(3);
      for (const m of matches) {
        const [a, b] = m.persons.map((p) => p.listings[0]!);
        expect([a!.name, a!.sex, a!.birthDate]).toEqual([b!.name, b!.sex, b!.birthDate]);
      }
      expect(matches.some((m) => m.persons.some((p) => p.listings.some((l) => l.listingUnit === null)))).toBe(
        true,
      );
      // The inspectors' queue is not drowned in weekly jumps of short histories (issue 15).
      const jumps = await store.db
        .selectFrom('anomalies')
        .select('finding_key')
        .where('rule', '=', 'results-jump')
        .where('status', '=', 'open')
        .execute();
      expect(jumps.length).toBeLessThan(5);
      await expect(loadDemo(ctx, { seed: 2011, anchor })).rejects.toBeInstanceOf(DomainError);
    } finally {
      await store.dispose();
    }
  });
});
