import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../campaigns/rules.ts';
import {
  DOSSIER_ITEMS,
  type FourOnesRecord,
  approvalRefusal,
  approved,
  complianceByUnit,
  dossierOf,
  edited,
  emptyRecord,
  isPlanApproved,
  missingDossierItems,
  missingOnes,
  needsFourOnes,
  teamMembers,
} from './rules.ts';

const everyItem = Object.fromEntries(DOSSIER_ITEMS.map((item) => [item, true]));
const PLAN = '布控火车站、长途汽车站；联系其兄劝投；网上追逃同步。';

/** A record with all four in place, as a leader approved it. */
function completeRecord(): FourOnesRecord {
  const saved = edited(emptyRecord(), { dossier: everyItem, planText: PLAN, team: ['张海军', '马明亮'] });
  return approved(saved, 'leader', '2026-11-20T02:00:00.000Z');
}

describe('the four ones of one fugitive', () => {
  it('counts a record with every dossier item, an approved plan, an owner and two members as complete', () => {
    expect(missingOnes(completeRecord(), true)).toEqual([]);
  });

  it('misses all four on a record nobody has worked on', () => {
    expect(missingOnes(emptyRecord(), false)).toEqual(['dossier', 'plan', 'leader', 'team']);
  });

  it('misses the leader when the case has no owner', () => {
    expect(missingOnes(completeRecord(), false)).toEqual(['leader']);
  });

  it('misses the dossier when a single required item is absent', () => {
    const allButOne = { ...everyItem, escape_analysis: undefined };
    const r = edited(completeRecord(), { dossier: allButOne, planText: PLAN, team: ['张海军', '马明亮'] });
    expect(missingDossierItems(r.dossier)).toEqual(['escape_analysis']);
    expect(missingOnes(r, true)).toEqual(['dossier']);
  });

  it('treats an item marked false like an absent one, and ignores unknown materials', () => {
    const dossier = dossierOf({ ...everyItem, photo: false, horoscope: true });
    expect(missingDossierItems(dossier)).toEqual(['photo']);
    expect(Object.keys(dossier)).toEqual([...DOSSIER_ITEMS]);
  });

  it('does not count a team of one as a team, nor the same name twice', () => {
    const one = edited(completeRecord(), { dossier: everyItem, planText: PLAN, team: ['张海军'] });
    expect(missingOnes(one, true)).toEqual(['team']);
    const twice = edited(completeRecord(), {
      dossier: everyItem,
      planText: PLAN,
      team: ['张海军', ' 张海军 ', ''],
    });
    expect(twice.team).toEqual(['张海军']);
    expect(missingOnes(twice, true)).toEqual(['team']);
  });

  it('does not count a plan nobody approved', () => {
    const r = edited(emptyRecord(), { dossier: everyItem, planText: PLAN, team: ['张海军', '马明亮'] });
    expect(isPlanApproved(r)).toBe(false);
    expect(missingOnes(r, true)).toEqual(['plan']);
  });

  it('withdraws the approval when the plan text is edited after it', () => {
    const r = edited(completeRecord(), {
      dossier: everyItem,
      planText: `${PLAN}增派警力。`,
      team: ['张海军', '马明亮'],
    });
    expect(r.planApprovedBy).toBeNull();
    expect(r.planApprovedAt).toBeNull();
    expect(missingOnes(r, true)).toEqual(['plan']);
  });

  it('keeps the approval when other parts change and the plan text stays (surrounding blanks aside)', () => {
    const r = edited(completeRecord(), {
      dossier: everyItem,
      planText: `  ${PLAN}\n`,
      team: ['张海军', '马明亮', '赵文华'],
    });
    expect(r.planApprovedBy).toBe('leader');
    expect(missingOnes(r, true)).toEqual([]);
  });

  it('withdraws the approval when the plan is erased, and does not bring it back with the old text', () => {
    const erased = edited(completeRecord(), {
      dossier: everyItem,
      planText: '  ',
      team: ['张海军', '马明亮'],
    });
    expect(erased.planText).toBeNull();
    expect(erased.planApprovedAt).toBeNull();
    const rewritten = edited(erased, { dossier: everyItem, planText: PLAN, team: ['张海军', '马明亮'] });
    expect(missingOnes(rewritten, true)).toEqual(['plan']);
  });

  it('refuses to approve no plan, or a plan already approved', () => {
    expect(approvalRefusal(emptyRecord())?.code).toBe('no_plan');
    expect(approvalRefusal(completeRecord())?.code).toBe('already_approved');
    const draft = edited(emptyRecord(), { dossier: {}, planText: PLAN, team: [] });
    expect(approvalRefusal(draft)).toBeNull();
  });

  it('needs the four ones only for active local listings of the campaign categories', () => {
    const homicide = { crimeCategory: 'homicide', exitOn: null, listingUnitId: 3 };
    expect(needsFourOnes(homicide, ['homicide'])).toBe(true);
    expect(needsFourOnes({ ...homicide, exitOn: '2026-11-01' }, ['homicide'])).toBe(false);
    expect(needsFourOnes({ ...homicide, listingUnitId: null }, ['homicide'])).toBe(false);
    expect(needsFourOnes({ ...homicide, crimeCategory: 'robbery' }, ['homicide'])).toBe(false);
    expect(needsFourOnes({ ...homicide, crimeCategory: 'robbery' }, ['homicide', 'robbery'])).toBe(true);
  });

  it('names team members as given, trimmed, each once', () => {
    expect(teamMembers([' 张海军', '马明亮', '张海军', '', '马  明亮'])).toEqual([
      '张海军',
      '马明亮',
      '马 明亮',
    ]);
  });
});

describe('compliance per unit', () => {
  // Bureau B; sub-bureau S with stations P1 and P2; detachment D without fugitives.
  const units: UnitNode[] = [
    { id: 1, code: 'B', name: 'Bureau', kind: 'bureau', parentId: null },
    { id: 2, code: 'S', name: 'Sub-bureau', kind: 'sub_bureau', parentId: 1 },
    { id: 3, code: 'S-01', name: 'Station 1', kind: 'station', parentId: 2 },
    { id: 4, code: 'S-02', name: 'Station 2', kind: 'station', parentId: 2 },
    { id: 5, code: 'D', name: 'Detachment', kind: 'detachment', parentId: 1 },
  ];
  const result = complianceByUnit(units, [
    { listingUnitId: 3, missing: [] },
    { listingUnitId: 3, missing: ['plan', 'team'] },
    { listingUnitId: 4, missing: ['leader'] },
    { listingUnitId: 2, missing: [] }, // listed by the sub-bureau itself
    { listingUnitId: 99, missing: ['dossier'] }, // a unit not in the tree: ignored
  ]);
  const byCode = new Map(result.map((u) => [u.code, u]));

  it('counts each unit with its whole subtree', () => {
    expect(byCode.get('S-01')).toMatchObject({
      fugitives: 2,
      complete: 1,
      completeShare: 0.5,
      missing: { dossier: 0, plan: 1, leader: 0, team: 1 },
    });
    expect(byCode.get('S')).toMatchObject({
      fugitives: 4,
      complete: 2,
      completeShare: 0.5,
      missing: { dossier: 0, plan: 1, leader: 1, team: 1 },
    });
    expect(byCode.get('B')).toMatchObject({ fugitives: 4, complete: 2, depth: 0, parent: null });
  });

  it('gives no share to a unit without fugitives that need the four ones', () => {
    expect(byCode.get('D')).toMatchObject({ fugitives: 0, complete: 0, completeShare: null });
  });

  it('lists units in tree order with their depth and parent', () => {
    expect(result.map((u) => [u.code, u.depth, u.parent])).toEqual([
      ['B', 0, null],
      ['D', 1, 'B'],
      ['S', 1, 'B'],
      ['S-01', 2, 'S'],
      ['S-02', 2, 'S'],
    ]);
  });
});
