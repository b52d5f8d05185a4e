import type { ParsedRows } from '../../import/parsed-rows.ts';
import { type ImportOptions, type ImportOutcome, RowErrors, RowsDigest } from '../../import/validate-rows.ts';
import { type Context, inTransactionOnce } from '../../shared/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { recordEvent } from '../audit/service.ts';
import * as repo from './repo.ts';
import { involvedIn, orderForInsert, type UnitKind, unitCodeReader } from './rules.ts';
import type { Executor } from '../../db/connection.ts';
import type { UnitInput } from './schema.ts';

/**
 * Imports the unit tree. Parents may appear after their children in the file. Rows that repeat a
 * unit already registered with the same name, kind and parent are skipped; any difference is an
 * error, as is any bad row: then nothing is imported. The tree comes whole: a refused unit would
 * orphan the units under it, so units cannot be imported taking only the valid rows.
 */
export async function importUnits(
  ctx: Context,
  rows: ParsedRows<UnitInput>,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  if (options.acceptValid)
    throw new DomainError(
      'units_whole_file',
      'units are imported as a whole file: fix the refused rows and import it again',
      'acceptValid',
    );
  // The rows are read from the file inside the transaction: they cannot be read again.
  return inTransactionOnce(ctx, async (tx) => {
    const errors = new RowErrors();
    const existing = new Map((await repo.allUnits(tx.db)).map((u) => [u.code, u]));
    const unitCode = unitCodeReader([...existing.values()]);
    const codeOf = new Map([...existing.values()].map((u) => [u.id, u.code]));
    const seen = new Map<string, number>();
    const drafts: (UnitInput & { row: number; parentCode: string | null })[] = [];
    let total = 0;
    let unchanged = 0;

    for await (const batch of rows) {
      for (const source of batch) {
        total += 1;
        const parsed = errors.valueOf(source);
        if (!parsed) continue;
        const unit = { ...parsed, parent_code: parsed.parent_code && unitCode(parsed.parent_code) };
        const firstRow = seen.get(unit.code);
        if (firstRow !== undefined) {
          errors.add(
            source.row,
            'code',
            'duplicate_in_file',
            `duplicate unit code ${unit.code} (first on row ${firstRow})`,
            { value: unit.code, first: firstRow },
          );
          continue;
        }
        seen.set(unit.code, source.row);
        const old = existing.get(unit.code);
        if (old) {
          const oldParent = old.parent_id === null ? null : (codeOf.get(old.parent_id) ?? null);
          const registered = { name: old.name, kind: old.kind, parent_code: oldParent };
          const diff = (['name', 'kind', 'parent_code'] as const).find((k) => registered[k] !== unit[k]);
          if (diff)
            errors.add(
              source.row,
              diff,
              'registered_differently',
              `unit ${unit.code} already exists with a different ${diff}`,
              { value: unit.code },
            );
          else unchanged += 1;
          continue;
        }
        drafts.push({ ...parsed, row: source.row, parentCode: parsed.parent_code });
      }
    }
    // A parent may be written by its name, also the name of a unit earlier or later in the file.
    const parentCode = unitCodeReader([...existing.values(), ...drafts]);
    for (const d of drafts) d.parentCode = d.parentCode && parentCode(d.parentCode);

    const { ordered, unknownParent, inCycle } = orderForInsert(drafts, new Set(existing.keys()));
    for (const d of unknownParent)
      errors.add(d.row, 'parent_code', 'unknown_unit', `unknown unit ${d.parentCode}`, {
        unit: d.parentCode ?? '',
      });
    for (const d of inCycle)
      errors.add(d.row, 'parent_code', 'unit_cycle', `unit ${d.code} would be its own ancestor`, {
        unit: d.code,
      });
    errors.throwIfAny();

    const idOf = new Map([...existing.values()].map((u) => [u.code, u.id]));
    const digest = new RowsDigest();
    const createdAt = tx.now.toISOString();
    for (const d of ordered) {
      const parentId = d.parentCode === null ? null : (idOf.get(d.parentCode) ?? null);
      const record = { code: d.code, name: d.name, kind: d.kind, parent_id: parentId, created_at: createdAt };
      idOf.set(d.code, await repo.insertUnit(tx.db, record));
      digest.add(record);
    }
    const summary = { rows: total, inserted: ordered.length, unchanged };
    await recordEvent(tx, {
      action: 'units.import',
      entityType: 'unit',
      entityId: '*',
      after: { ...summary, rowsDigest: digest.hex() },
    });
    return summary;
  });
}

/** Whether an inspector's unit is involved in these units (see `involvedIn`). */
export async function inspectorInvolved(
  db: Executor,
  unitId: number,
  others: (number | null)[],
): Promise<boolean> {
  return involvedIn(await repo.allUnits(db), unitId, others);
}

/** True once any unit is registered (the demo loads only into a database without). */
export async function holdsUnits(db: Executor): Promise<boolean> {
  return (await repo.countUnits(db)) > 0;
}

/** The unit tree as every signed-in user sees it: codes, names, kinds and the parent's code. */
export async function unitTree(db: Executor) {
  const units = await repo.allUnits(db);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    kind: u.kind as UnitKind,
    parent: u.parent_id === null ? null : (codeOf.get(u.parent_id) ?? null),
  }));
}
