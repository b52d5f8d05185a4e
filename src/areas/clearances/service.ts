import type { NewClearance } from '../../db/tables.ts';
import type { ParsedRows } from '../../import/parsed-rows.ts';
import { type ImportSummary, RowErrors, RowsDigest } from '../../import/validate-rows.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { recordEvent } from '../audit/service.ts';
import * as registry from '../registry/repo.ts';
import * as units from '../units/repo.ts';
import * as repo from './repo.ts';
import type { ClearanceInput } from './schema.ts';

export interface ClearanceImportOptions {
  /** History from an older system: mark the clearances verified, with provenance "import". */
  verified: boolean;
}

/**
 * Imports clearance claims in one transaction. A clearance dated before the listing or in the
 * future, for an unknown listing, or naming an unknown persuading unit fails its row, and then
 * nothing is imported. A clearance already registered (same person, kind, date, capturing unit)
 * is skipped, so the same file can be imported twice.
 */
export async function importClearances(
  ctx: Context,
  rows: ParsedRows<ClearanceInput>,
  options: ClearanceImportOptions,
): Promise<ImportSummary> {
  return inTransaction(ctx, async (tx) => {
    const errors = new RowErrors();
    const unitId = new Map((await units.allUnits(tx.db)).map((u) => [u.code, u.id]));
    const today = localDate(tx.now);
    const at = tx.now.toISOString();
    const seen = new Set<string>();
    const digest = new RowsDigest();
    let total = 0;
    let inserted = 0;
    let unchanged = 0;

    for await (const batch of rows) {
      const chunk: { row: number; c: ClearanceInput }[] = [];
      for (const source of batch) {
        total += 1;
        const c = errors.valueOf(source);
        if (!c) continue;
        if (c.occurred_on > today)
          errors.add(source.row, 'occurred_on', `is in the future (${c.occurred_on})`);
        else if (c.persuading_unit && !unitId.has(c.persuading_unit))
          errors.add(source.row, 'persuading_unit', `unknown unit ${c.persuading_unit}`);
        else chunk.push({ row: source.row, c });
      }
      const listings = new Map(
        (await registry.listingsByNo(tx.db, [...new Set(chunk.map((x) => x.c.listing_no))])).map((l) => [
          l.listing_no,
          l,
        ]),
      );
      const existing = new Set(
        (
          await repo.clearancesOf(
            tx.db,
            [...listings.values()].map((l) => l.id),
          )
        ).map(repo.clearanceKey),
      );
      const fresh: NewClearance[] = [];
      for (const { row, c } of chunk) {
        const listing = listings.get(c.listing_no);
        if (!listing) {
          errors.add(row, 'listing_no', `unknown listing ${c.listing_no}`);
          continue;
        }
        if (c.occurred_on < listing.listed_on) {
          errors.add(row, 'occurred_on', `is before the listing date ${listing.listed_on}`);
          continue;
        }
        const record = toRecord(c, listing.id, unitId, options, tx.actor, at);
        const key = repo.clearanceKey(record);
        if (existing.has(key)) {
          unchanged += 1;
          continue;
        }
        if (seen.has(key)) {
          errors.add(row, 'listing_no', `the same ${c.kind} of ${c.listing_no} appears twice in the file`);
          continue;
        }
        seen.add(key);
        fresh.push(record);
        digest.add(record);
      }
      if (!errors.any) {
        await repo.insertClearances(tx.db, fresh);
        if (options.verified) await repo.refreshExits(tx.db, [...new Set(fresh.map((r) => r.fugitive_id))]);
        inserted += fresh.length;
      }
    }
    errors.throwIfAny();

    const summary = { rows: total, inserted, unchanged };
    await recordEvent(tx, {
      action: 'clearances.import',
      entityType: 'clearance',
      entityId: '*',
      after: { ...summary, verified: options.verified, rowsDigest: digest.hex() },
    });
    return summary;
  });
}

function toRecord(
  c: ClearanceInput,
  fugitiveId: number,
  unitId: Map<string, number>,
  options: ClearanceImportOptions,
  actor: string,
  at: string,
): NewClearance {
  const capturingUnitId = c.capturing_unit ? (unitId.get(c.capturing_unit) ?? null) : null;
  return {
    fugitive_id: fugitiveId,
    kind: c.kind,
    occurred_on: c.occurred_on,
    capturing_unit_id: capturingUnitId,
    // A capturing unit that is not one of ours is an outside agency, named as given.
    capturing_agency: capturingUnitId === null ? c.capturing_unit : null,
    persuading_unit_id: c.persuading_unit ? (unitId.get(c.persuading_unit) ?? null) : null,
    place: c.place,
    evidence_ref: c.evidence_ref,
    status: options.verified ? 'verified' : 'pending',
    provenance: 'import',
    claimed_by: actor,
    entered_at: at,
    decided_by: options.verified ? actor : null,
    decided_at: options.verified ? at : null,
    decision_reason: options.verified ? 'verified history imported from an older system' : null,
  };
}
