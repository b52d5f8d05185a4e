import type { Executor } from '../../db/connection.ts';
import { insertMany } from '../../db/insert-many.ts';
import type { FugitiveRow, NewFugitive } from '../../db/tables.ts';

/** The fields an import compares to decide whether a listing is already registered as given. */
export const IMPORTED_FIELDS = [
  'listing_no',
  'name',
  'sex',
  'birth_date',
  'id_number',
  'crime_category',
  'offence',
  'case_no',
  'listing_agency',
  'listed_on',
  'published',
  'reward',
] as const satisfies readonly (keyof FugitiveRow)[];

export type ImportedFields = Pick<FugitiveRow, (typeof IMPORTED_FIELDS)[number]>;

export function fugitivesByListingNo(db: Executor, listingNos: string[]): Promise<ImportedFields[]> {
  if (listingNos.length === 0) return Promise.resolve([]);
  return db.selectFrom('fugitives').select(IMPORTED_FIELDS).where('listing_no', 'in', listingNos).execute();
}

const INSERTED_COLUMNS = [...IMPORTED_FIELDS, 'listing_unit_id', 'created_at'] as const;

export async function insertFugitives(db: Executor, rows: NewFugitive[]): Promise<void> {
  await insertMany(db, 'fugitives', INSERTED_COLUMNS, rows);
}

/** Listing number → id and listing date, for validating and linking clearances. */
export function listingsByNo(
  db: Executor,
  listingNos: string[],
): Promise<{ id: number; listing_no: string; listed_on: string }[]> {
  if (listingNos.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('fugitives')
    .select(['id', 'listing_no', 'listed_on'])
    .where('listing_no', 'in', listingNos)
    .execute();
}
