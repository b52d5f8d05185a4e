import { describe, expect, it } from 'vitest';
import { stationStanding } from '../campaigns/standing-fixture.test-support.ts';
import { proposeNotices } from './rules.ts';

const unit = stationStanding;

describe('proposeNotices', () => {
  // Target 0.5, half the campaign gone: the trajectory stands at 0.25, "ahead" from 0.30.
  it('praises units at target or ahead of schedule and criticises lagging and zero-result ones', () => {
    const proposals = proposeNotices(
      [
        unit('0', { depth: 0, kind: 'bureau', declineRate: 0.9 }),
        unit('a', { declineRate: 0.6 }),
        unit('b', { declineRate: 0.3 }),
        unit('c', { declineRate: 0.27 }), // on track, not ahead: nothing
        unit('d', { declineRate: 0.1, onTrack: false }),
        unit('e', { declineRate: 0, onTrack: false, zeroResult: true }),
      ],
      0.5,
    );
    expect(proposals.map((p) => [p.code, p.kind, p.grounds])).toEqual([
      ['a', 'praise', 'target_reached'],
      ['b', 'praise', 'ahead_of_schedule'],
      ['e', 'criticism', 'zero_result'],
      ['d', 'criticism', 'lagging'],
    ]);
    expect(proposals[0]!.trajectory).toBeCloseTo(0.25);
  });

  it("judges each unit against its own letter's target", () => {
    // Signed for 90%: at 69% late in the campaign it is lagging, not praised as "target reached".
    const [above] = proposeNotices([unit('a', { declineRate: 0.69, target: 0.9, onTrack: false })], 0.9);
    expect(above).toMatchObject({ kind: 'criticism', grounds: 'lagging' });
    expect(above!.trajectory).toBeCloseTo(0.81);
    // Signed for 30% (a commander allowed it): at 30% it has reached its target, below the campaign's.
    const [below] = proposeNotices([unit('b', { declineRate: 0.3, target: 0.3 })], 0.9);
    expect(below).toMatchObject({ kind: 'praise', grounds: 'target_reached' });
  });
});
