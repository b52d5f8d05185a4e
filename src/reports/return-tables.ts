// A daily or weekly return's tables, shared by its renderers: the figures of the unit and the level
// below, and the period's verified results.
import type { UnitReturn } from '../areas/returns/rules.ts';
import type { TextTable } from './bulletin-tables.ts';
import { type Labels, percent } from './labels.ts';

export function returnFiguresTable(r: UnitReturn, l: Labels): TextTable {
  return {
    headers: [
      l.unit,
      l.baseline,
      l.clearedInPeriod,
      l.cleared,
      l.declineRate,
      l.target,
      l.arrests,
      l.surrenders,
      l.capturesRemote,
      l.newListingsInPeriod,
      l.homicideBaseline,
      l.homicideCleared,
      l.activeNow,
    ],
    rows: r.rows.map((u) => [
      u.name,
      String(u.baseline),
      String(u.clearedInPeriod),
      String(u.cleared),
      percent(u.declineRate),
      percent(u.target),
      String(u.arrests),
      String(u.surrenders),
      String(u.capturesRemote),
      String(u.newListingsInPeriod),
      String(u.homicideBaseline),
      String(u.homicideCleared),
      String(u.activeNow),
    ]),
  };
}

export function returnResultsTable(r: UnitReturn, l: Labels): TextTable {
  return {
    headers: [l.listingNo, l.name, l.kind, l.category, l.unit],
    rows: r.results.map((x) => [
      x.listingNo,
      x.name,
      l.kinds[x.kind] ?? x.kind,
      l.categories[x.category] ?? x.category,
      x.unit ?? l.none,
    ]),
  };
}
