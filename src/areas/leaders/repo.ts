import type { Executor } from '../../db/connection.ts';

/** A leader's page belongs to the leader's unit. */
export async function ownerUnitsOfLeader(db: Executor, username: string) {
  const user = await db
    .selectFrom('users')
    .select('unit_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return user && { units: [user.unit_id] };
}
