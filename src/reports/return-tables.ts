// A daily or weekly return's figures table for its renderers: the unit and the level below (its
// results use the bulletin's resultsTable).
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
