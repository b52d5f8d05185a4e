import type { Executor } from '../../db/connection.ts';
import type { UnitRow } from '../../db/tables.ts';

export function allUnits(db: Executor): Promise<UnitRow[]> {
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

/** The ids of a unit and every unit below it, walked in the database (no need to load the tree). */
export async function subtreeIdsOf(db: Executor, unitId: number): Promise<number[]> {
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
