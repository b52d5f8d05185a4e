// Persons over listings: a person may carry several listings (warrants), in several units, and
// every figure counts persons. Listings with one resident ID number are one person, always.
import type { Context } from '../../shared/context.ts';
import * as repo from './repo.ts';

/**
 * Links the listings an import has just added to their persons (same ID number, same person) and
 * brings the persons' figures up to date. Runs inside the import's transaction.
 */
export async function linkNewListings(tx: Context): Promise<{ persons: number }> {
  const fresh = await repo.unlinkedListings(tx.db);
  if (fresh.length === 0) return { persons: 0 };
  await repo.linkListings(tx.db, tx.now.toISOString());
  const persons = await repo.personsOfListings(tx.db, fresh);
  await repo.refreshPersons(tx.db, persons);
  return { persons: persons.length };
}
