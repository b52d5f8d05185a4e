// Reconciliation with the national wanted-persons list (全国在逃人员信息系统): the bureau is judged
// on the national system's figures, so it must see where the two lists disagree. Pure: the service
// reads both lists, this compares them listing by listing (by listing number).

export type ListStatus = 'active' | 'cleared';

/** 在逃/已撤销 as the national system's export writes a listing's state (and the words near them). */
export const NATIONAL_STATUS_LABELS: Readonly<Record<string, ListStatus>> = {
  在逃: 'active',
  active: 'active',
  已撤销: 'cleared',
  撤销: 'cleared',
  已到案: 'cleared',
  到案: 'cleared',
  cleared: 'cleared',
};

/** One listing as one of the two lists holds it: what the reconciliation compares. */
export interface ListedEntry {
  listingNo: string;
  name: string;
  idNumber: string | null;
  /** Our unit's code, or an outside agency's name. */
  listingAgency: string;
  listedOn: string;
  status: ListStatus;
}

export const COMPARED_FIELDS = ['name', 'idNumber', 'listingAgency'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldDifference {
  field: ComparedField;
  here: string | null;
  there: string | null;
}

export interface Differences<T extends ListedEntry, H extends ListedEntry> {
  /** On the national list, not in our registry. */
  onlyThere: T[];
  /** In our registry, not on the national list. */
  onlyHere: H[];
  /** On both, at large on one and off the list on the other. */
  statusDiffers: { here: H; there: T }[];
  /** On both, with a different name, ID number or unit. */
  fieldsDiffer: { here: H; there: T; fields: FieldDifference[] }[];
  /**
   * At large on the national list, withdrawn here as entered by mistake: not missing here (an
   * import would bring the mistake back), but still to be withdrawn in the national system.
   */
  withdrawnHere: T[];
}

/**
 * Where two lists of listings disagree, listing number by listing number: listed on one only, at
 * large on one and cleared on the other, differences of name, ID number or unit, and listings at
 * large there that were withdrawn here (`withdrawn`: their numbers; not in `here`). Listings the
 * two hold alike are not reported, nor one withdrawn here that the national list has off it too.
 */
export function compareLists<T extends ListedEntry, H extends ListedEntry>(
  there: readonly T[],
  here: readonly H[],
  withdrawn: ReadonlySet<string> = new Set(),
): Differences<T, H> {
  const ours = new Map(here.map((h) => [h.listingNo, h]));
  const theirs = new Set(there.map((t) => t.listingNo));
  const out: Differences<T, H> = {
    onlyThere: [],
    onlyHere: [],
    statusDiffers: [],
    fieldsDiffer: [],
    withdrawnHere: [],
  };
  for (const t of there) {
    const h = ours.get(t.listingNo);
    if (!h && withdrawn.has(t.listingNo)) {
      if (t.status === 'active') out.withdrawnHere.push(t);
      continue;
    }
    if (!h) {
      out.onlyThere.push(t);
      continue;
    }
    if (h.status !== t.status) out.statusDiffers.push({ here: h, there: t });
    const fields = COMPARED_FIELDS.filter((f) => (h[f] ?? null) !== (t[f] ?? null)).map((field) => ({
      field,
      here: h[field],
      there: t[field],
    }));
    if (fields.length > 0) out.fieldsDiffer.push({ here: h, there: t, fields });
  }
  for (const h of here) if (!theirs.has(h.listingNo)) out.onlyHere.push(h);
  return out;
}

/**
 * The baseline the national list implies for a campaign: its persons (one ID number, one person;
 * a listing without one, a person of its own) listed by our units on or before the baseline date
 * and still on the list at launch. The national export says only whether a listing is still at
 * large, not since when: a listing it shows cleared counts when our registry has the person leaving
 * the list on or after launch day (or not at all), and not when ours has them leaving before it or
 * does not hold the listing.
 */
export function impliedBaseline(
  there: readonly (ListedEntry & { ours: boolean })[],
  exitHere: ReadonlyMap<string, string | null | undefined>,
  baselineOn: string,
  startOn: string,
): number {
  const persons = new Set<string>();
  for (const t of there) {
    if (!t.ours || t.listedOn > baselineOn) continue;
    if (t.status === 'cleared') {
      if (!exitHere.has(t.listingNo)) continue;
      const exit = exitHere.get(t.listingNo);
      if (exit && exit < startOn) continue;
    }
    persons.add(t.idNumber ? `id:${t.idNumber}` : `no:${t.listingNo}`);
  }
  return persons.size;
}
