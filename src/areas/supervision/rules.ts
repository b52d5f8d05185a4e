// Supervision (measure 6): inspection records, and praise and criticism notices (通报表扬/批评)
// proposed from the standings and issued by a commander.
import type { UnitStanding } from '../campaigns/rules.ts';

export const NOTICE_KINDS = ['praise', 'criticism'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How far above the straight line to the target a unit must be to count as ahead of schedule. */
export const AHEAD_MARGIN = 0.1;

export interface NoticeProposal {
  code: string;
  name: string;
  kind: NoticeKind;
  /** Why, as a reader of the notice would put it: the figures behind the proposal. */
  grounds: 'target_reached' | 'ahead_of_schedule' | 'lagging' | 'zero_result';
  declineRate: number | null;
  trajectory: number;
}

/**
 * Proposals from the standings, for units below the bureau, each judged against its own target
 * (`UnitStanding.target`: its letter's, else the campaign's): praise for a unit that has reached
 * its target or is ahead of schedule (its decline rate at least its trajectory plus a tenth of its
 * target); criticism for a zero-result unit or one below its trajectory. Best first, worst first.
 */
export function proposeNotices(units: readonly UnitStanding[], share: number): NoticeProposal[] {
  const praise: NoticeProposal[] = [];
  const criticism: NoticeProposal[] = [];
  for (const u of units) {
    if (u.depth === 0) continue;
    const { target } = u;
    const trajectory = target * share;
    const base = { code: u.code, name: u.name, declineRate: u.declineRate, trajectory };
    if (u.zeroResult) criticism.push({ ...base, kind: 'criticism', grounds: 'zero_result' });
    else if (u.onTrack === false) criticism.push({ ...base, kind: 'criticism', grounds: 'lagging' });
    else if (u.declineRate !== null && u.declineRate >= target - 1e-12)
      praise.push({ ...base, kind: 'praise', grounds: 'target_reached' });
    else if (u.declineRate !== null && u.declineRate >= trajectory + AHEAD_MARGIN * target - 1e-12)
      praise.push({ ...base, kind: 'praise', grounds: 'ahead_of_schedule' });
  }
  const rate = (p: NoticeProposal) => p.declineRate ?? -1;
  praise.sort((a, b) => rate(b) - rate(a) || (a.code < b.code ? -1 : 1));
  criticism.sort((a, b) => rate(a) - rate(b) || (a.code < b.code ? -1 : 1));
  return [...praise, ...criticism];
}
