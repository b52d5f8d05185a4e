// 包案 and 联系点: who may own which case, and how a leader's cases are counted.
import type { Role } from '../accounts/rules.ts';
import type { Refusal as KeyedRefusal } from '../../shared/errors.ts';

export type CaseStatus = 'active' | 'cleared';

/** A refusal a service turns into the matching error: 403, 409, or 400 naming the field. */
export interface Refusal extends KeyedRefusal {
  kind: 'forbidden' | 'conflict' | 'invalid';
}

export interface Person {
  username: string;
  roles: readonly Role[];
}

export function isLeader(person: Pick<Person, 'roles'>): boolean {
  return person.roles.includes('leader');
}

/**
 * Why `assigner` may not make `owner` the leader who personally owns a case (or null when they may).
 * A commander assigns any leader; a leader takes a case only for themselves, and never from another
 * leader who already owns it (that reassignment is the commander's call). Only leaders own cases,
 * and a case already off the list needs no owner.
 */
export function assignmentRefusal(
  assigner: Person,
  owner: Person & { disabled: boolean },
  currentOwner: string | null,
  cleared: boolean,
  /** The case's listing unit lies within the owner's own units (remote listings: always). */
  withinOwnersUnits = true,
): Refusal | null {
  const commander = assigner.roles.includes('commander');
  if (!commander && assigner.username !== owner.username)
    return {
      kind: 'forbidden',
      code: 'own_case_only',
      message: 'a leader may take a case only for themselves; a commander assigns other leaders',
    };
  if (!isLeader(owner))
    return {
      kind: 'invalid',
      code: 'not_a_leader',
      message: `${owner.username} is not a leader: only leaders own cases`,
    };
  if (owner.disabled)
    return { kind: 'invalid', code: 'disabled', message: `the account ${owner.username} is disabled` };
  if (!withinOwnersUnits)
    return {
      kind: 'invalid',
      code: 'out_of_owner_scope',
      message: `the case belongs to a unit outside ${owner.username}'s: a leader owns cases of their own units`,
    };
  if (cleared) return { kind: 'conflict', code: 'cleared', message: 'the case is already cleared' };
  if (!commander && currentOwner !== null && currentOwner !== owner.username)
    return {
      kind: 'conflict',
      code: 'owned',
      message: `the case is owned by ${currentOwner}: only a commander can reassign it`,
    };
  return null;
}

/** A case is active while the person is on the list; cleared once a verified clearance took them off. */
export function caseStatus(exitOn: string | null): CaseStatus {
  return exitOn === null ? 'active' : 'cleared';
}

/** How many of a leader's cases are still open and how many are cleared. */
export function countCases(cases: Iterable<{ status: CaseStatus }>): Record<CaseStatus, number> {
  const counts = { active: 0, cleared: 0 };
  for (const c of cases) counts[c.status] += 1;
  return counts;
}

/** Open cases first (those still need the leader), then cleared ones, each by listing number. */
export function compareCases(
  a: { status: CaseStatus; listingNo: string },
  b: { status: CaseStatus; listingNo: string },
): number {
  if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
  return a.listingNo < b.listingNo ? -1 : a.listingNo > b.listingNo ? 1 : 0;
}

/** The latest claim on a person: the one entered last, whatever its state. */
export function latestById<T extends { id: number }>(items: Iterable<T>): T | null {
  let latest: T | null = null;
  for (const item of items) if (latest === null || item.id > latest.id) latest = item;
  return latest;
}
