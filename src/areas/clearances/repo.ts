import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { insertMany } from '../../db/insert-many.ts';
import type { Database, NewClearance } from '../../db/tables.ts';

/** The fields that identify one claimed clearance, so a re-imported file adds nothing twice. */
export type ClearanceKey = Pick<
  NewClearance,
  'fugitive_id' | 'kind' | 'occurred_on' | 'capturing_unit_id' | 'capturing_agency'
>;

export function clearanceKey(c: ClearanceKey): string {
  return [c.fugitive_id, c.kind, c.occurred_on, c.capturing_unit_id ?? '', c.capturing_agency ?? ''].join(
    '|',
  );
}

export function clearancesOf(db: Executor, fugitiveIds: number[]): Promise<ClearanceKey[]> {
  if (fugitiveIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('clearances')
    .select(['fugitive_id', 'kind', 'occurred_on', 'capturing_unit_id', 'capturing_agency'])
    .where('fugitive_id', 'in', fugitiveIds)
    .execute();
}

const INSERTED_COLUMNS = [
  'fugitive_id',
  'kind',
  'occurred_on',
  'capturing_unit_id',
  'capturing_agency',
  'persuading_unit_id',
  'place',
  'evidence_ref',
  'status',
  'provenance',
  'claimed_by',
  'entered_at',
  'decided_by',
  'decided_at',
  'decision_reason',
] as const satisfies readonly (keyof NewClearance)[];

export async function insertClearances(db: Executor, rows: NewClearance[]): Promise<void> {
  await insertMany(db, 'clearances', INSERTED_COLUMNS, rows);
}

/**
 * Keeps each fugitive's exit (the earliest verified clearance, by date and then entry order) in
 * step with its clearances. The one place that decides which clearance took a person off the list.
 */
export async function refreshExits(db: Executor, fugitiveIds: number[]): Promise<void> {
  if (fugitiveIds.length === 0) return;
  await db
    .updateTable('fugitives')
    .set((eb) => ({
      exit_clearance_id: eb
        .selectFrom('clearances as c')
        .select('c.id')
        .whereRef('c.fugitive_id', '=', 'fugitives.id')
        .where('c.status', '=', 'verified')
        .orderBy('c.occurred_on')
        .orderBy('c.id')
        .limit(1),
    }))
    .where('id', 'in', fugitiveIds)
    .execute();
  const exit = (eb: ExpressionBuilder<Database, 'fugitives'>) =>
    eb.selectFrom('clearances as c').whereRef('c.id', '=', 'fugitives.exit_clearance_id');
  await db
    .updateTable('fugitives')
    .set((eb) => ({
      exit_on: exit(eb).select('c.occurred_on'),
      exit_kind: exit(eb).select('c.kind'),
      exit_unit_id: exit(eb).select('c.capturing_unit_id'),
    }))
    .where('id', 'in', fugitiveIds)
    .execute();
}
