// What the HTML and PDF bulletins print in their tables and criticism lines: the same headers and
// cells for both, so the two formats cannot drift apart. (The XLSX keeps typed cells of its own.)
import type { BulletinSection } from './bulletin-data.ts';
import { type Labels, fabricationText, percent } from './labels.ts';

type Section<K extends BulletinSection['kind']> = Extract<BulletinSection, { kind: K }>;

export interface TextTable {
  headers: string[];
  rows: string[][];
}

export function rankingTable(s: Section<'ranking'>, l: Labels): TextTable {
  return {
    headers: [l.rank, l.unit, l.baseline, l.cleared, l.declineRate, l.captures, l.onTrack],
    rows: s.units.map((u) => [
      String(u.rank),
      u.name,
      String(u.baseline),
      String(u.cleared),
      percent(u.declineRate),
      String(u.captures),
      u.onTrack === null ? l.none : u.onTrack ? l.yes : l.no,
    ]),
  };
}

export function fourOnesTable(s: Section<'four-ones'>, l: Labels): TextTable {
  return {
    headers: [l.unit, l.fugitives, l.complete, l.completeShare],
    rows: s.units.map((u) => [u.name, String(u.fugitives), String(u.complete), percent(u.completeShare)]),
  };
}

export function dayResultsTable(s: Section<'day-results'>, l: Labels): TextTable {
  return {
    headers: [l.listingNo, l.name, l.kind, l.category, l.unit],
    rows: s.items.map((i) => [
      i.listingNo,
      i.name,
      l.kinds[i.kind] ?? i.kind,
      l.categories[i.category] ?? i.category,
      i.unit?.name ?? l.none,
    ]),
  };
}

/** The praise-and-criticism section as lines: issued notices first, then confirmed fabrications. */
export function noticeLines(
  s: Section<'notices'>,
  l: Labels,
): { kind: 'praise' | 'criticism'; title: string; text: string }[] {
  return [
    ...s.notices.map((n) => ({
      kind: n.kind,
      title: `【${n.kind === 'praise' ? l.praise : l.criticism}】${n.name}${l.paren(n.issuedOn)}`,
      text: n.text,
    })),
    ...s.fabrications.map((f) => ({
      kind: 'criticism' as const,
      title: `【${l.criticism}】`,
      text: fabricationText(l, f),
    })),
    // Bulletins issued before rectification was recorded have no such list.
    ...(s.overdueRectification ?? []).map((r) => ({
      kind: 'criticism' as const,
      title: `【${l.overdueRectification}】${r.name}`,
      text: l.overdueText(r.problem, r.deadlineOn, r.daysOverdue),
    })),
  ];
}
