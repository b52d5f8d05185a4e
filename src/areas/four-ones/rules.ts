// Measure 3 of DESIGN.md, the "four ones" (四个一): every fugitive of the campaign's serious
// categories has one dossier, one arrest plan, one responsible leader and one pursuit team. What
// counts as each of the four, and the compliance figures per unit, have their one home here.
import type { CrimeCategory } from '../registry/rules.ts';
import { type UnitNode, treeOrder } from '../campaigns/rules.ts';
import type { UnitKind } from '../units/rules.ts';

/**
 * The dossier checklist (一人一档). The keys are stable: they are stored, audited and sent to
 * clients, so a new material gets a new key and an old key is never renamed.
 */
export const DOSSIER_ITEMS = [
  /** 立案决定书: the decision to open the case. */
  'case_file',
  /** 逮捕证 (or 拘留证): the warrant the person is wanted on. */
  'arrest_warrant',
  /** 照片: a recent photograph. */
  'photo',
  /** 指纹、DNA 信息: fingerprints and DNA on record. */
  'biometrics',
  /** 身份证及户籍资料: identity card and household registration. */
  'identity_record',
  /** 社会关系及联系方式: relatives, associates and their contacts. */
  'social_relations',
  /** 逃跑方向分析: where the person may have gone, and why. */
  'escape_analysis',
] as const;
export type DossierItem = (typeof DOSSIER_ITEMS)[number];
export type Dossier = Record<DossierItem, boolean>;

/** The four ones, in the order a bureau names them. */
export const FOUR_ONES = ['dossier', 'plan', 'leader', 'team'] as const;
export type FourOne = (typeof FOUR_ONES)[number];

/** A pursuit team (追逃专班) is a team only with at least this many named members. */
export const MIN_TEAM_SIZE = 2;

/** The categories that need the four ones when no campaign says otherwise. */
export const DEFAULT_FOUR_ONES_CATEGORIES: readonly CrimeCategory[] = ['homicide'];

/** What is kept for one fugitive: the dossier checklist, the arrest plan and its approval, the team. */
export interface FourOnesRecord {
  dossier: Dossier;
  planText: string | null;
  planApprovedBy: string | null;
  planApprovedAt: string | null;
  team: string[];
}

/** The record of a fugitive nobody has worked on yet. */
export function emptyRecord(): FourOnesRecord {
  return { dossier: dossierOf({}), planText: null, planApprovedBy: null, planApprovedAt: null, team: [] };
}

/** A checklist with every item named: unknown keys are dropped, absent ones are not present. */
export function dossierOf(items: Readonly<Record<string, unknown>>): Dossier {
  return Object.fromEntries(DOSSIER_ITEMS.map((item) => [item, items[item] === true])) as Dossier;
}

export function missingDossierItems(dossier: Dossier): DossierItem[] {
  return DOSSIER_ITEMS.filter((item) => !dossier[item]);
}

/** The members of a team as named: trimmed, blanks dropped, each person once. */
export function teamMembers(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n !== ''))];
}

function planTextOf(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** An approved plan: there is a text, and a leader approved it as it stands. */
export function isPlanApproved(r: Pick<FourOnesRecord, 'planText' | 'planApprovedAt'>): boolean {
  return r.planText !== null && r.planApprovedAt !== null;
}

export interface FourOnesEdit {
  dossier: Readonly<Record<string, unknown>>;
  planText: string | null;
  team: readonly string[];
}

/**
 * The record after an edit. The approval stays only while the plan text stays the same: a leader
 * approved that text, not whatever is written there later.
 */
export function edited(record: FourOnesRecord, edit: FourOnesEdit): FourOnesRecord {
  const planText = planTextOf(edit.planText);
  const keepsApproval = planText !== null && planText === record.planText;
  return {
    dossier: dossierOf(edit.dossier),
    planText,
    planApprovedBy: keepsApproval ? record.planApprovedBy : null,
    planApprovedAt: keepsApproval ? record.planApprovedAt : null,
    team: teamMembers(edit.team),
  };
}

/** Why a leader may not approve the plan now, or null when they may. */
export function approvalRefusal(record: FourOnesRecord): { code: string; message: string } | null {
  if (record.planText === null) return { code: 'no_plan', message: 'there is no arrest plan to approve yet' };
  if (isPlanApproved(record))
    return {
      code: 'already_approved',
      message: `the plan was already approved by ${record.planApprovedBy ?? 'a leader'}`,
    };
  return null;
}

export function approved(record: FourOnesRecord, by: string, at: string): FourOnesRecord {
  return { ...record, planApprovedBy: by, planApprovedAt: at };
}

/** Which of the four ones a fugitive still lacks (empty when all four are in place). */
export function missingOnes(record: FourOnesRecord, hasResponsibleLeader: boolean): FourOne[] {
  const missing: FourOne[] = [];
  if (missingDossierItems(record.dossier).length > 0) missing.push('dossier');
  if (!isPlanApproved(record)) missing.push('plan');
  if (!hasResponsibleLeader) missing.push('leader');
  if (record.team.length < MIN_TEAM_SIZE) missing.push('team');
  return missing;
}

/**
 * Whether a fugitive needs the four ones: one of our own listings (a remote fugitive's case is
 * kept by the agency that listed it), still on the list, of one of the campaign's categories.
 */
export function needsFourOnes(
  f: { crimeCategory: string; exitOn: string | null; listingUnitId: number | null },
  categories: readonly string[],
): boolean {
  return f.listingUnitId !== null && f.exitOn === null && categories.includes(f.crimeCategory);
}

export type MissingCounts = Record<FourOne, number>;

export interface UnitCompliance {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  depth: number;
  /** Fugitives of the unit's subtree that need the four ones. */
  fugitives: number;
  /** Those with all four in place. */
  complete: number;
  /** complete / fugitives; null when the unit has none. */
  completeShare: number | null;
  /** Per one of the four, how many fugitives lack it. */
  missing: MissingCounts;
}

const noneMissing = (): MissingCounts => ({ dossier: 0, plan: 0, leader: 0, team: 0 });

/** complete / fugitives, or null when there are none to comply. */
export function completeShare(complete: number, fugitives: number): number | null {
  return fugitives === 0 ? null : complete / fugitives;
}

/**
 * Compliance for every unit of the tree, each counting its whole subtree, in tree order. `needing`
 * holds one entry per fugitive that needs the four ones: its listing unit and what it lacks.
 */
export function complianceByUnit(
  units: readonly UnitNode[],
  needing: Iterable<{ listingUnitId: number; missing: readonly FourOne[] }>,
): UnitCompliance[] {
  const ordered = treeOrder(units);
  const totals = new Map(
    ordered.map(({ unit }) => [unit.id, { fugitives: 0, complete: 0, missing: noneMissing() }]),
  );
  for (const f of needing) {
    const t = totals.get(f.listingUnitId);
    if (!t) continue;
    t.fugitives += 1;
    if (f.missing.length === 0) t.complete += 1;
    for (const one of f.missing) t.missing[one] += 1;
  }
  // Children come after their parent: adding from the end rolls each subtree up into its root.
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const unit = ordered[i]!.unit;
    const mine = totals.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : totals.get(unit.parentId);
    if (!parent) continue;
    parent.fugitives += mine.fugitives;
    parent.complete += mine.complete;
    for (const one of FOUR_ONES) parent.missing[one] += mine.missing[one];
  }
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return ordered.map(({ unit, depth }) => {
    const t = totals.get(unit.id)!;
    return {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent: unit.parentId === null ? null : (codeOf.get(unit.parentId) ?? null),
      depth,
      fugitives: t.fugitives,
      complete: t.complete,
      completeShare: completeShare(t.complete, t.fugitives),
      missing: t.missing,
    };
  });
}
