import { describe, expect, it } from 'vitest';
import { type Role, scopeOf } from '../accounts/rules.ts';
import { subtreeIds } from '../units/rules.ts';
import {
  type ClaimFact,
  DEFAULT_REMINDER_SETTINGS,
  type Recipient,
  type ReminderFacts,
  factsFor,
  recipientsFor,
  reminders,
} from './rules.ts';

// The city (1) with sub-bureaus A (2) and B (3); station A1 (4) under A.
const units = [
  { id: 1, parent_id: null, code: 'C', name: '市局' },
  { id: 2, parent_id: 1, code: 'A', name: '城东分局' },
  { id: 3, parent_id: 1, code: 'B', name: '城西分局' },
  { id: 4, parent_id: 2, code: 'A1', name: '东关派出所' },
];
const person = (id: number, username: string, unitId: number, roles: Role[]): Recipient => ({
  id,
  username,
  unitId,
  roles,
  scope: scopeOf({ unitId, roles }, (u) => subtreeIds(units, u)),
});
const users = [
  person(1, 'commander', 1, ['commander']),
  person(2, 'insp_city', 1, ['inspector']),
  person(3, 'insp_a', 2, ['inspector']),
  person(4, 'lead_a', 2, ['leader']),
  person(5, 'lead_a1', 4, ['leader']),
  person(6, 'lead_b', 3, ['leader']),
  person(7, 'off_a1', 4, ['officer']),
  person(8, 'insp_b', 3, ['inspector']),
];
const nameOf = new Map(users.map((u) => [u.id, u.username]));

// Noon, local time, on 10 June 2011.
const NOW = new Date('2011-06-10T04:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const none: ReminderFacts = {
  now: NOW,
  units,
  claims: [],
  dueItems: [],
  tips: [],
  fourOnesGaps: [],
  unsignedUnits: [],
  missingReturns: [],
};

const claim = (over: Partial<ClaimFact>): ClaimFact => ({
  id: 1,
  listingNo: 'T630100201106010001',
  kind: 'arrest',
  status: 'pending',
  claimedBy: 'off_a1',
  claimUnitId: 4,
  capturingUnitId: 4,
  persuadingUnitId: null,
  listingUnitId: 4,
  approvedBy: null,
  enteredAt: daysAgo(3),
  approvedAt: null,
  decidedAt: null,
  decisionReason: null,
  ...over,
});

/** Who is reminded of what: `user key` lines. */
function told(facts: Partial<ReminderFacts>, settings = DEFAULT_REMINDER_SETTINGS): string[] {
  return reminders({ ...none, ...facts }, users, settings).map((r) => `${nameOf.get(r.userId)} ${r.key}`);
}

describe('reminders', () => {
  it('tells the independent inspectors of a claim waiting for verification N days, nobody before', () => {
    // Station A1's arrest: the city's inspectorate decides it; A's inspector is above A1, B's does not see it.
    expect(told({ claims: [claim({})] })).toEqual(['insp_city claim_to_verify:1']);
    expect(told({ claims: [claim({ enteredAt: daysAgo(2) })] })).toEqual([]);
    expect(
      told(
        { claims: [claim({ enteredAt: daysAgo(2) })] },
        { ...DEFAULT_REMINDER_SETTINGS, claimWaitDays: 2 },
      ),
    ).toEqual(['insp_city claim_to_verify:1']);
    // B's arrest of A1's fugitive: B's inspector is of the claimant's unit, A's above the listing station.
    expect(told({ claims: [claim({ claimedBy: 'lead_b', claimUnitId: 3, capturingUnitId: 3 })] })).toEqual([
      'insp_city claim_to_verify:1',
    ]);
    // Nor does the claimant decide their own claim, inspector or not.
    expect(told({ claims: [claim({ claimedBy: 'insp_city', claimUnitId: 1, capturingUnitId: 1 })] })).toEqual(
      [],
    );
  });

  it('tells the nearest leaders of a cancellation waiting for its second approver, not the claimant', () => {
    const cancellation = claim({ kind: 'cancellation', capturingUnitId: null });
    expect(told({ claims: [cancellation] })).toEqual(['lead_a1 claim_to_approve:1']);
    // Filed by A1's own leader: there is nobody else in A1 to approve it.
    expect(told({ claims: [{ ...cancellation, claimedBy: 'lead_a1' }] })).toEqual([]);
    // Approved two days ago, three since filed: it waits for the inspector from its approval.
    const approved = { ...cancellation, status: 'approved', approvedBy: 'lead_a1', approvedAt: daysAgo(2) };
    expect(told({ claims: [approved] })).toEqual([]);
    expect(told({ claims: [{ ...approved, approvedAt: daysAgo(3) }] })).toEqual([
      'insp_city claim_to_verify:1',
    ]);
  });

  it("tells the claimant of their claim's rejection for a week", () => {
    const rejected = claim({ status: 'rejected', decidedAt: daysAgo(7), decisionReason: '无拘留证' });
    expect(told({ claims: [rejected] })).toEqual(['off_a1 claim_rejected:1']);
    expect(
      reminders({ ...none, claims: [rejected] }, users, DEFAULT_REMINDER_SETTINGS)[0]!.params,
    ).toMatchObject({
      reason: '无拘留证',
    });
    expect(told({ claims: [{ ...rejected, decidedAt: daysAgo(8) }] })).toEqual([]);
  });

  it('tells owners of reviews, sanctions, rectification and tasks due within N days, again once overdue', () => {
    const task = {
      kind: 'task_due' as const,
      id: 9,
      unitId: 3,
      owner: 'lead_b',
      about: '走访',
      dueOn: '2011-06-13',
    };
    expect(told({ dueItems: [task] })).toEqual(['lead_b task_due:9:due']);
    expect(told({ dueItems: [{ ...task, dueOn: '2011-06-14' }] })).toEqual([]);
    expect(told({ dueItems: [{ ...task, dueOn: '2011-06-10' }] })).toEqual(['lead_b task_due:9:due']);
    expect(told({ dueItems: [{ ...task, dueOn: '2011-06-09' }] })).toEqual(['lead_b task_due:9:overdue']);
    // No owner: the unit's leaders; a unit without leaders: the nearest leaders above.
    const item = {
      kind: 'rectification_due' as const,
      id: 3,
      unitId: 4,
      owner: null,
      about: '卷宗不全',
      dueOn: '2011-06-01',
    };
    expect(told({ dueItems: [item] })).toEqual(['lead_a1 rectification_due:3:overdue']);
    const review = {
      kind: 'review_due' as const,
      id: 4,
      unitId: 1,
      owner: null,
      about: 'lagging',
      dueOn: '2011-06-11',
    };
    expect(told({ dueItems: [review] })).toEqual([]);
    const sanction = {
      kind: 'sanction_due' as const,
      id: 5,
      unitId: 2,
      owner: 'lead_a',
      about: 'talk',
      dueOn: '2011-06-12',
    };
    expect(told({ dueItems: [sanction] })).toEqual(['lead_a sanction_due:5:due']);
  });

  it("tells a tip's unit's handlers when it waited N days untriaged", () => {
    const tip = { id: 12, assignedUnitId: 4, receivedAt: daysAgo(2) };
    expect(told({ tips: [tip] })).toEqual(['lead_a1 tip_unhandled:12', 'off_a1 tip_unhandled:12']);
    expect(told({ tips: [{ ...tip, receivedAt: daysAgo(1) }] })).toEqual([]);
  });

  it('tells the leader who owns a case of its four-ones gaps, again when the gaps change', () => {
    const gap = { listingNo: 'T1', name: '张三', ownerId: 4, missing: ['plan', 'team'] as const };
    expect(told({ fourOnesGaps: [gap] })).toEqual(['lead_a four_ones_gap:T1:plan,team']);
  });

  it("tells a unit's leaders of its unsigned letter, and confirmers of a return missing at the cut-off", () => {
    expect(told({ unsignedUnits: [3, 4] })).toEqual([
      'lead_a1 letter_unsigned:4',
      'lead_b letter_unsigned:3',
    ]);
    expect(
      told({
        missingReturns: [
          { unitId: 1, on: '2011-06-09' },
          { unitId: 2, on: '2011-06-09' },
        ],
      }),
    ).toEqual(['commander return_missing:1:2011-06-09', 'lead_a return_missing:2:2011-06-09']);
  });

  it("works one user's reminders out from their facts and the leaders alone, the same as for everyone", () => {
    const facts: ReminderFacts = {
      ...none,
      claims: [
        claim({ id: 1, enteredAt: daysAgo(5) }),
        claim({
          id: 2,
          kind: 'cancellation',
          claimUnitId: 3,
          capturingUnitId: null,
          listingUnitId: 3,
          claimedBy: 'insp_b',
          enteredAt: daysAgo(4),
        }),
        claim({
          id: 3,
          status: 'rejected',
          claimedBy: 'off_a1',
          claimUnitId: 3,
          capturingUnitId: 3,
          listingUnitId: 3,
          decidedAt: daysAgo(1),
          decisionReason: '证据不足',
        }),
      ],
      dueItems: [
        { kind: 'task_due', id: 1, unitId: 3, owner: 'lead_a', dueOn: '2011-06-09', about: '跨区任务' },
        { kind: 'review_due', id: 2, unitId: 4, owner: null, dueOn: '2011-06-11', about: 'lagging' },
        { kind: 'sanction_due', id: 3, unitId: 3, owner: null, dueOn: '2011-06-08', about: 'review_meeting' },
      ],
      tips: [
        { id: 1, assignedUnitId: 4, receivedAt: daysAgo(3) },
        { id: 2, assignedUnitId: 3, receivedAt: daysAgo(3) },
      ],
      fourOnesGaps: [{ listingNo: 'T1', name: '甲', ownerId: 5, missing: ['plan'] }],
      unsignedUnits: [2, 3, 4],
      missingReturns: [
        { unitId: 1, on: '2011-06-09' },
        { unitId: 2, on: '2011-06-09' },
        { unitId: 3, on: '2011-06-09' },
      ],
    };
    const everyone = reminders(facts, users, DEFAULT_REMINDER_SETTINGS);
    for (const user of users) {
      const own = reminders(factsFor(facts, user), recipientsFor(users, user.id), DEFAULT_REMINDER_SETTINGS);
      expect(
        own.filter((r) => r.userId === user.id),
        user.username,
      ).toEqual(everyone.filter((r) => r.userId === user.id));
    }
    // The case is not empty: most users have reminders, and some only from outside their own unit.
    expect(new Set(everyone.map((r) => r.userId)).size).toBeGreaterThanOrEqual(6);
    expect(everyone.some((r) => r.userId === 7 && r.key === 'claim_rejected:3')).toBe(true);
    expect(everyone.some((r) => r.userId === 4 && r.key.startsWith('task_due:1'))).toBe(true);
  });
});
