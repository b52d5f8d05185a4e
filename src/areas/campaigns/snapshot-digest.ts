import { createHash } from 'node:crypto';

/**
 * The digest of a frozen baseline snapshot: its persons and their units, in person order. Printed on
 * bulletins and written into the audit chain, so a snapshot changed afterwards no longer matches.
 */
export function snapshotDigest(rows: readonly { person_id: number; unit_id: number }[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.person_id}:${r.unit_id}\n`);
  return hash.digest('hex');
}
