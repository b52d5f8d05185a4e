// What the HTML and PDF bulletins print in their tables and criticism lines: the same headers and
// cells for both, so the two formats cannot drift apart. (The XLSX keeps typed cells of its own.)
import type { BulletinSection } from '../areas/bulletins/rules.ts';
import { type Labels, count, fabricationText, perDay, percent } from './labels.ts';

type Section<K extends BulletinSection['kind']> = Extract<BulletinSection, { kind: K }>;

export interface TextTable {
  headers: string[];
  rows: string[][];
}

/** The projected day of reaching the target, or the words for none. */
export const projected = (on: string | null | undefined, l: Labels) =>
  on === undefined ? l.none : on === null ? l.notAtThisPace : on;

/**
 * The headline figures as one-row tables: the decline, then captures and what is shown apart, then
 * (on bulletins that print it) the pace and forecast.
 */
export function headlineTables(s: Section<'headline'>, l: Labels): TextTable[] {
  const pace: TextTable[] = s.pace
    ? [
        {
          headers: [l.remaining, l.requiredPerDay, l.last7PerDay, l.last14PerDay, l.projectedOn],
          rows: [
            [
              String(s.pace.remaining),
              s.pace.requiredPerDay === null ? l.deadlinePassed : perDay(s.pace.requiredPerDay),
              perDay(s.pace.last7PerDay),
              perDay(s.pace.last14PerDay),
              projected(s.pace.projectedOn, l),
            ],
          ],
        },
      ]
    : [];
  return [
    {
      headers: [l.baseline, l.cleared, l.declineRate, l.trajectory, l.netDeclineRate, l.activeNow],
      rows: [
        [
          String(s.baseline),
          String(s.cleared),
          percent(s.declineRate),
          percent(s.trajectory),
          percent(s.netDeclineRate),
          String(s.activeNow),
        ],
      ],
    },
    {
      headers: [
        l.capturesLocal,
        l.capturesRemote,
        l.arrests,
        l.surrenders,
        l.newListings,
        l.cancellations,
        l.daysLeft,
      ],
      rows: [
        [
          String(s.capturesLocal),
          String(s.capturesRemote),
          count(s.arrests),
          count(s.surrenders),
          count(s.newListings),
          String(s.cancellations),
          String(s.daysLeft),
        ],
      ],
    },
    ...pace,
  ];
}

const progress = (onTrack: boolean | null, l: Labels) => (onTrack === null ? l.none : onTrack ? l.yes : l.no);

/** The ranking of one level: each kind is ranked on its own, so the kind is printed beside the rank. */
export function rankingTable(s: Section<'ranking'>, l: Labels): TextTable {
  return {
    headers: [
      l.rank,
      l.unit,
      l.kindOfUnit,
      l.baseline,
      l.cleared,
      l.declineRate,
      l.unitTarget,
      l.arrests,
      l.surrenders,
      l.captures,
      l.newListings,
      l.onTrack,
      l.projectedOn,
    ],
    rows: s.units.map((u) => [
      String(u.rank),
      u.name,
      u.kind ? (l.unitKinds[u.kind] ?? u.kind) : l.none,
      String(u.baseline),
      String(u.cleared),
      percent(u.declineRate),
      percent(u.target ?? null),
      count(u.arrests),
      count(u.surrenders),
      String(u.captures),
      count(u.newListings),
      progress(u.onTrack, l),
      projected(u.projectedOn, l),
    ]),
  };
}

/** The appendix: every station and squad, with its parent so that a name is unambiguous. */
export function appendixTable(s: Section<'appendix'>, l: Labels): TextTable {
  return {
    headers: [
      l.kindOfUnit,
      l.rank,
      l.unit,
      l.parent,
      l.baseline,
      l.cleared,
      l.declineRate,
      l.unitTarget,
      l.captures,
      l.onTrack,
    ],
    rows: s.units.map((u) => [
      u.kind ? (l.unitKinds[u.kind] ?? u.kind) : l.none,
      String(u.rank),
      u.name,
      u.parentName ?? l.none,
      String(u.baseline),
      String(u.cleared),
      percent(u.declineRate),
      percent(u.target ?? null),
      String(u.captures),
      progress(u.onTrack, l),
    ]),
  };
}

export function homicideTable(s: Section<'homicide'>, l: Labels): TextTable {
  return {
    headers: [l.unit, l.homicideBaseline, l.homicideCleared, l.homicideDeclineRate, l.homicideCaptures],
    rows: s.units.map((u) => [
      u.name,
      String(u.baseline),
      String(u.cleared),
      percent(u.declineRate),
      String(u.captures),
    ]),
  };
}

export function fourOnesTable(s: Section<'four-ones'>, l: Labels): TextTable {
  return {
    headers: [l.unit, l.fugitives, l.complete, l.completeShare],
    rows: s.units.map((u) => [u.name, String(u.fugitives), String(u.complete), percent(u.completeShare)]),
  };
}

/** Verified results, one a row: listing number, name, how, crime, the credited unit's name. */
export function resultsTable(
  items: readonly { listingNo: string; name: string; kind: string; category: string; unit: string | null }[],
  l: Labels,
): TextTable {
  return {
    headers: [l.listingNo, l.name, l.kind, l.category, l.unit],
    rows: items.map((i) => [
      i.listingNo,
      i.name,
      l.kinds[i.kind] ?? i.kind,
      l.categories[i.category] ?? i.category,
      i.unit ?? l.none,
    ]),
  };
}

export function dayResultsTable(s: Section<'day-results'>, l: Labels): TextTable {
  return resultsTable(
    s.items.map((i) => ({ ...i, unit: i.unit?.name ?? null })),
    l,
  );
}

/** The baseline corrections as lines, each naming the listings, the unit, the reason and who made it. */
export function correctionLines(s: Section<'audit'>, l: Labels): string[] {
  return (s.corrections ?? []).map((c) =>
    l.correction({
      listingNos: c.listingNos,
      unit: c.unit.name,
      reason: c.reason,
      by: c.correctedBy,
      on: c.correctedOn,
    }),
  );
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
