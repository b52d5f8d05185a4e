import type { Executor } from '../../db/connection.ts';

/** A responsibility letter belongs to the unit that signed it. */
export async function ownerUnitsOfLetter(db: Executor, id: string) {
  if (!/^\d+$/.test(id)) return undefined;
  const letter = await db
    .selectFrom('letters')
    .select('unit_id')
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return letter && { units: [letter.unit_id] };
}
