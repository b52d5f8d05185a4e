export const UNIT_KINDS = ['bureau', 'sub_bureau', 'detachment', 'station', 'squad'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Units kind by kind, in the order of the tree, and each kind in rank order: each kind is ranked on its own. */
export function byKindThenRank<T extends { kind: UnitKind; rank: number }>(units: readonly T[]): T[] {
  return [...units].sort(
    (a, b) => UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.rank - b.rank,
  );
}

/** 单位类型 as bureaus write them; the first label of each kind is the one templates offer. */
export const UNIT_KIND_LABELS: Readonly<Record<string, UnitKind>> = {
  市局: 'bureau',
  公安局: 'bureau',
  分局: 'sub_bureau',
  支队: 'detachment',
  派出所: 'station',
  大队: 'squad',
  中队: 'squad',
};

export interface UnitDraft {
  code: string;
  parentCode: string | null;
}

/**
 * Orders new units so that every parent comes before its children, and names the units whose
 * parent is unknown or that sit in a cycle. `known` holds codes already in the registry.
 */
export function orderForInsert<T extends UnitDraft>(
  drafts: readonly T[],
  known: ReadonlySet<string>,
): { ordered: T[]; unknownParent: T[]; inCycle: T[] } {
  const byCode = new Map(drafts.map((d) => [d.code, d]));
  const ordered: T[] = [];
  const unknownParent: T[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'bad'>();
  const inCycle: T[] = [];

  const visit = (d: T): boolean => {
    const s = state.get(d.code);
    if (s === 'done') return true;
    if (s === 'bad') return false;
    if (s === 'visiting') return false;
    state.set(d.code, 'visiting');
    let ok = true;
    if (d.parentCode !== null && !known.has(d.parentCode)) {
      const parent = byCode.get(d.parentCode);
      if (!parent) {
        unknownParent.push(d);
        ok = false;
      } else if (state.get(parent.code) === 'visiting') {
        inCycle.push(d);
        ok = false;
      } else {
        ok = visit(parent);
      }
    }
    state.set(d.code, ok ? 'done' : 'bad');
    if (ok) ordered.push(d);
    return ok;
  };
  for (const d of drafts) visit(d);
  return { ordered, unknownParent, inCycle };
}

/** The ids of a unit and every unit below it. */
export function subtreeIds(
  units: readonly { id: number; parent_id: number | null }[],
  rootId: number,
): number[] {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parent_id === null) continue;
    const list = children.get(u.parent_id);
    if (list) list.push(u.id);
    else children.set(u.parent_id, [u.id]);
  }
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Whether an inspector's unit is one of these units, above one of them (short of the bureau,
 * whose inspectorate stands apart from every unit), or below one of them.
 */
export function involvedIn(
  units: readonly { id: number; parent_id: number | null }[],
  unitId: number,
  others: readonly (number | null)[],
): boolean {
  const atBureau = units.find((u) => u.id === unitId)?.parent_id === null;
  const below = new Set(subtreeIds(units, unitId));
  return others.some(
    (o) => o !== null && ((!atBureau && below.has(o)) || subtreeIds(units, o).includes(unitId)),
  );
}

/**
 * Whether a name written where a unit may stand looks like a unit code rather than the name of an
 * outside agency (agencies are written out, e.g. 兰州市公安局). An unknown value that looks like a
 * code is a typo, not a remote agency: taking it for one would silently drop a local fugitive
 * from the baseline.
 */
export function looksLikeUnitCode(text: string): boolean {
  return /^[A-Za-z0-9_.-]+$/.test(text);
}

/**
 * Reads a unit column that holds a unit's code or its exact name: a name stands for its unit's
 * code (when no other unit bears it); anything else is returned as written.
 */
export function unitCodeReader(units: readonly { code: string; name: string }[]): (value: string) => string {
  const codes = new Set(units.map((u) => u.code));
  const byName = new Map<string, string | null>();
  for (const u of units) byName.set(u.name, byName.has(u.name) ? null : u.code);
  return (value) => (codes.has(value) ? value : (byName.get(value) ?? value));
}
