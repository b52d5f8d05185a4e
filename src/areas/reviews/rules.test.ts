import { describe, expect, it } from 'vitest';
import { stationStanding } from '../campaigns/standing-fixture.test-support.ts';
import { closingProblem, mayClose, reviewOwner, reviewsDue, roundDates, underWay } from './rules.ts';

const unit = stationStanding;

describe('reviewsDue', () => {
  it('sends lagging units and zero-result stations and squads to review, never the bureau', () => {
    const due = reviewsDue([
      unit('B', { kind: 'bureau', depth: 0, onTrack: false }),
      unit('S1', { kind: 'sub_bureau', depth: 1, onTrack: false, declineRate: 0.2 }),
      unit('P1', {}),
      unit('P2', {
        onTrack: false,
        zeroResult: true,
        declineRate: 0.1,
        captures: { local: 0, remote: 0, arrests: 0, surrenders: 0 },
      }),
      unit('P3', { onTrack: null, declineRate: null, baseline: 0, zeroResult: true }),
    ]);
    expect(due).toEqual([
      { code: 'S1', grounds: 'lagging', declineRate: 0.2, target: 0.5 },
      { code: 'P2', grounds: 'zero_result', declineRate: 0.1, target: 0.5 },
      { code: 'P3', grounds: 'zero_result', declineRate: null, target: 0.5 },
    ]);
  });

  it("reads the unit's own target, as the figures judged it", () => {
    // Signed for 90%: lagging at 30%, and the review says against which target.
    expect(reviewsDue([unit('P1', { target: 0.9, onTrack: false })])).toEqual([
      { code: 'P1', grounds: 'lagging', declineRate: 0.3, target: 0.9 },
    ]);
  });
});

describe('when reviews are held', () => {
  it('only while the campaign is under way, from launch to the deadline', () => {
    const c = { startOn: '2011-10-17', deadlineOn: '2011-12-20' };
    expect(underWay(c, '2011-10-16')).toBe(false);
    expect(underWay(c, '2011-10-17')).toBe(true);
    expect(underWay(c, '2011-12-20')).toBe(true);
    expect(underWay(c, '2011-12-21')).toBe(false);
  });

  it('once a week (the Monday names the week), due within 7 days', () => {
    expect(roundDates('2011-12-01')).toEqual({ weekOf: '2011-11-28', dueOn: '2011-12-08' }); // a Thursday
    expect(roundDates('2011-11-28')).toEqual({ weekOf: '2011-11-28', dueOn: '2011-12-05' });
    expect(roundDates('2011-12-04').weekOf).toBe('2011-11-28'); // Sunday still belongs to that week
  });
});

describe('reviewOwner', () => {
  // B → S1 → P1, P2; D → Q.
  const parentOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 1],
    [6, 5],
  ]);

  it('is the leader who has the unit as a liaison unit (the first by name among several)', () => {
    const leaders = {
      liaison: new Map([[3, ['li.wei', 'zhang.san']]]),
      members: new Map([[2, ['wang.fang']]]),
      parentOf,
    };
    expect(reviewOwner(3, leaders)).toBe('li.wei');
  });

  it('else the nearest leader above: the parent, then the grandparent', () => {
    const leaders = {
      liaison: new Map(),
      members: new Map([
        [2, ['wang.fang']],
        [1, ['chen.ju']],
      ]),
      parentOf,
    };
    expect(reviewOwner(4, leaders)).toBe('wang.fang'); // P2 has no liaison leader: its sub-bureau's
    expect(reviewOwner(6, leaders)).toBe('chen.ju'); // Q's detachment has no leader: the bureau's
    expect(reviewOwner(2, leaders)).toBe('chen.ju'); // the sub-bureau's own leader does not review it
  });

  it('is nobody when no leader is found', () => {
    expect(reviewOwner(3, { liaison: new Map(), members: new Map(), parentOf })).toBeNull();
  });
});

describe('closing a review', () => {
  it('needs the reasons found and a catch-up plan, once', () => {
    const filled = { reasons: '警力不足，线索未落实', catchUpPlan: '抽调10人专班，两周内落实全部线索' };
    expect(closingProblem('open', filled)).toBeNull();
    expect(closingProblem('open', { ...filled, reasons: ' ' })).toMatchObject({ field: 'reasons' });
    expect(closingProblem('open', { ...filled, catchUpPlan: '' })).toMatchObject({
      field: 'catchUpPlan',
    });
    expect(closingProblem('closed', filled)).toMatchObject({ field: 'status' });
  });

  it('by its owner or a commander', () => {
    expect(mayClose('li.wei', { username: 'li.wei', commander: false })).toBe(true);
    expect(mayClose('li.wei', { username: 'wang.fang', commander: false })).toBe(false);
    expect(mayClose(null, { username: 'wang.fang', commander: false })).toBe(false);
    expect(mayClose(null, { username: 'commander', commander: true })).toBe(true);
  });
});
