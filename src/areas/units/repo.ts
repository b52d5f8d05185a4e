import type { Executor } from '../../db/connection.ts';
import { keptByVersion } from '../../db/kept-by-version.ts';
import type { UnitRow } from '../../db/tables.ts';
import { figuresVersion } from '../campaigns/repo.ts';
import { subtreeIds } from './rules.ts';

/** The units as last read through each database handle, at the figures version they were read at. */
const keptUnits = keptByVersion<readonly UnitRow[]>(1);

/**
 * Every unit, in code order. Almost every request reads the tree (for its scope, names, lookups),
 * and at 3,000 units that costs milliseconds of the event loop each time, so outside a transaction
 * the rows are kept until the figures version moves: every change to units moves it (see the
 * figures-version migration). The rows are shared and frozen; the array is the caller's.
 */
export async function allUnits(db: Executor): Promise<UnitRow[]> {
  if (db.isTransaction) return readUnits(db);
  return [...(await keptTree(db))];
}

/** The kept rows themselves (see `allUnits`), read again when the figures version has moved. */
async function keptTree(db: Executor): Promise<readonly UnitRow[]> {
  const version = await figuresVersion(db);
  return keptUnits(db, 'units', version, () =>
    readUnits(db).then((rows) => rows.map((row) => Object.freeze(row))),
  );
}

const keptByCode = new WeakMap<readonly UnitRow[], ReadonlyMap<string, UnitRow>>();

/** Every unit by its code; kept with the tree outside a transaction (every claim looks units up). */
export async function unitsByCode(db: Executor): Promise<ReadonlyMap<string, UnitRow>> {
  const byCode = (rows: readonly UnitRow[]) => new Map(rows.map((u) => [u.code, u]));
  if (db.isTransaction) return byCode(await readUnits(db));
  const tree = await keptTree(db);
  let found = keptByCode.get(tree);
  if (!found) keptByCode.set(tree, (found = byCode(tree)));
  return found;
}

/** Each unit's subtree, kept with the tree it was walked in: every request of a unit's staff asks it. */
const keptSubtrees = new WeakMap<readonly UnitRow[], Map<number, readonly number[]>>();

function readUnits(db: Executor): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('code').execute();
}

export async function insertUnit(
  db: Executor,
  unit: { code: string; name: string; kind: string; parent_id: number | null; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Whether the unit is the root of the tree (the bureau). */
export async function isBureau(db: Executor, unitId: number): Promise<boolean> {
  const unit = await db.selectFrom('units').select('parent_id').where('id', '=', unitId).executeTakeFirst();
  return unit !== undefined && unit.parent_id === null;
}

export async function countUnits(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * The ids of a unit and every unit below it: from the kept tree, or inside a transaction walked in
 * the database (no need to load the tree).
 */
export async function subtreeIdsOf(db: Executor, unitId: number): Promise<number[]> {
  if (!db.isTransaction) {
    const tree = await keptTree(db);
    let subtrees = keptSubtrees.get(tree);
    if (!subtrees) keptSubtrees.set(tree, (subtrees = new Map<number, readonly number[]>()));
    let ids = subtrees.get(unitId);
    if (!ids) subtrees.set(unitId, (ids = Object.freeze(subtreeIds(tree, unitId))));
    return [...ids];
  }
  const rows = await db
    .withRecursive('subtree(id)', (qb) =>
      qb
        .selectFrom('units')
        .select('id')
        .where('id', '=', unitId)
        .unionAll((u) =>
          u.selectFrom('units as c').innerJoin('subtree as s', 's.id', 'c.parent_id').select('c.id'),
        ),
    )
    .selectFrom('subtree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}
