import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { campaignWeek, drawSample, lastWholeWeek, transitionRefusal } from './queue-rules.ts';
import { driftedFields, foldImages } from './rules.ts';

describe('the anomaly queue', () => {
  const step = (
    to: 'investigating' | 'confirmed' | 'dismissed',
    note = '',
    rejectClaimIds: number[] = [],
  ) => ({
    to,
    note,
    rejectClaimIds,
  });

  it('moves open findings forward and never reopens decided ones', () => {
    expect(transitionRefusal('open', step('investigating'), [1])).toBeNull();
    expect(
      transitionRefusal('investigating', step('dismissed', 'a duplicate listing, merged'), [1]),
    ).toBeNull();
    expect(transitionRefusal('investigating', step('investigating'), [1])).toMatchObject({
      field: 'to',
    });
    expect(transitionRefusal('dismissed', step('investigating'), [1])).toMatchObject({
      field: 'to',
    });
    expect(transitionRefusal('confirmed', step('dismissed', 'n'), [1])).toMatchObject({
      field: 'to',
    });
  });

  it('needs a note to close a finding, and the false claims to confirm one', () => {
    expect(transitionRefusal('open', step('dismissed', '  '), [1])).toMatchObject({ field: 'note' });
    expect(transitionRefusal('open', step('confirmed', 'fabricated', []), [1])).toMatchObject({
      field: 'rejectClaimIds',
    });
    expect(transitionRefusal('open', step('confirmed', 'fabricated', [1, 3]), [1, 2])).toMatchObject({
      field: 'rejectClaimIds',
      message: 'claims 3 are not part of this finding',
    });
    expect(transitionRefusal('open', step('confirmed', 'fabricated', [2]), [1, 2])).toBeNull();
    expect(transitionRefusal('open', step('dismissed', 'n', [1]), [1])).toMatchObject({
      field: 'rejectClaimIds',
    });
  });
});

describe('the quality sample', () => {
  const ids = Array.from({ length: 200 }, (_, i) => 1000 + i * 3);

  it('is the same for the same seed and candidates, whatever their order', () => {
    const a = drawSample('seed-1', ids, 10);
    expect(drawSample('seed-1', [...ids].reverse(), 10)).toEqual(a);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(a.every((id) => ids.includes(id))).toBe(true);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });

  it('differs with the seed, so a unit cannot know it in advance', () => {
    const samples = new Set(['a', 'b', 'c', 'd', 'e'].map((seed) => drawSample(seed, ids, 10).join(',')));
    expect(samples.size).toBe(5);
  });

  it('uses the whole 128-bit seed, not 32 bits of it', () => {
    // Two seeds whose digests fold to the same 32-bit number (what a 32-bit generator seed keeps).
    const folded = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i += 1) {
      const seed = `seed-${i}`;
      const d = createHash('sha256').update(seed).digest();
      const key = d.readInt32BE(0) ^ d.readInt32BE(4);
      const other = folded.get(key);
      if (other) pair = [other, seed];
      else folded.set(key, seed);
    }
    expect(drawSample(pair[0], ids, 10)).not.toEqual(drawSample(pair[1], ids, 10));
  });

  it('takes everything when there are fewer candidates than the sample size', () => {
    expect(drawSample('s', [5, 3, 9], 10)).toEqual([3, 5, 9]);
    expect(drawSample('s', [], 10)).toEqual([]);
  });

  it('reaches every candidate over many seeds (no position is favoured or never drawn)', () => {
    const hits = new Map<number, number>();
    for (let i = 0; i < 2000; i += 1)
      for (const id of drawSample(`seed-${i}`, ids.slice(0, 20), 5)) hits.set(id, (hits.get(id) ?? 0) + 1);
    // Each of 20 candidates is expected 500 times in 2,000 draws of 5; allow a wide margin.
    expect(hits.size).toBe(20);
    for (const n of hits.values()) expect(n).toBeGreaterThan(400);
    for (const n of hits.values()) expect(n).toBeLessThan(600);
  });

  it('counts campaign weeks from the launch date', () => {
    expect(campaignWeek('2011-10-17', 0)).toEqual({ from: '2011-10-17', to: '2011-10-23' });
    expect(campaignWeek('2011-10-17', 2)).toEqual({ from: '2011-10-31', to: '2011-11-06' });
    expect(lastWholeWeek('2011-10-17', '2011-12-20', '2011-10-24')).toBe(0);
    expect(lastWholeWeek('2011-10-17', '2011-12-20', '2011-10-30')).toBe(0);
    expect(lastWholeWeek('2011-10-17', '2011-12-20', '2011-10-31')).toBe(1);
    expect(lastWholeWeek('2011-10-17', '2011-12-20', '2012-03-01')).toBe(8); // the deadline's week is partial
  });
});

describe('records against their history', () => {
  it('lays each after image over the last, starting from the first before image', () => {
    const image = foldImages([
      {
        before: { id: 1, status: 'pending', kind: 'arrest' },
        after: { id: 1, status: 'verified', kind: 'arrest' },
      },
      { before: { status: 'verified' }, after: { status: 'superseded' } },
    ]);
    expect(image).toEqual({ id: 1, status: 'superseded', kind: 'arrest' });
  });

  it('names the fields that differ, comparing units by code and ignoring names that may change', () => {
    const recorded = {
      status: 'verified',
      occurredOn: '2011-11-02',
      claimUnit: { code: 'P1', name: '一所' },
      fugitiveName: '张三',
    };
    expect(
      driftedFields(recorded, {
        ...recorded,
        claimUnit: { code: 'P1', name: '城东一所' },
        fugitiveName: '张叁',
      }),
    ).toEqual([]);
    expect(
      driftedFields(recorded, {
        ...recorded,
        occurredOn: '2011-10-30',
        claimUnit: { code: 'P2', name: '二所' },
      }),
    ).toEqual(['claimUnit', 'occurredOn']);
  });

  it("compares a claim's officers by account, and by the name given where there is none", () => {
    const now = {
      capturingOfficers: [
        { username: 'zw1', namedAs: '张伟' },
        { username: null, namedAs: '李明' },
      ],
      persuadingOfficer: { username: 'zw1', namedAs: '张伟' },
    };
    // Before officers were references, the history held names: the names given then.
    expect(driftedFields({ capturingOfficers: ['张伟', '李明'], persuadingOfficer: '张伟' }, now)).toEqual(
      [],
    );
    // Since then, accounts (whose names may change) and names.
    expect(
      driftedFields(
        {
          capturingOfficers: [
            { username: 'zw1', name: '东关派出所民警 张伟' },
            { username: null, name: '李明' },
          ],
          persuadingOfficer: { username: 'zw1', name: '张伟' },
        },
        now,
      ),
    ).toEqual([]);
    // Another account of the same name, a name changed, an officer added or dropped: drift.
    expect(
      driftedFields(
        {
          capturingOfficers: [
            { username: 'zw2', name: '张伟' },
            { username: null, name: '李明' },
          ],
          persuadingOfficer: null,
        },
        now,
      ),
    ).toEqual(['capturingOfficers', 'persuadingOfficer']);
    expect(driftedFields({ capturingOfficers: ['张伟', '李敏'] }, now)).toEqual(['capturingOfficers']);
    expect(driftedFields({ capturingOfficers: ['张伟'] }, now)).toEqual(['capturingOfficers']);
  });
});
