import { clearanceColumns, clearanceRow } from '../areas/clearances/schema.ts';
import { fugitiveColumns, fugitiveRow } from '../areas/registry/schema.ts';
import { letterColumns, letterRow } from '../areas/letters/schema.ts';
import { unitColumns, unitRow } from '../areas/units/schema.ts';
import type { IMPORT_TABLE_NAMES } from './table-names.ts';

/** The files Qingwang imports: their columns and the schema of one row. */
export const IMPORT_TABLES = {
  units: { columns: unitColumns, schema: unitRow },
  fugitives: { columns: fugitiveColumns, schema: fugitiveRow },
  clearances: { columns: clearanceColumns, schema: clearanceRow },
  letters: { columns: letterColumns, schema: letterRow },
} as const satisfies Record<(typeof IMPORT_TABLE_NAMES)[number], unknown>;

export type ImportTable = keyof typeof IMPORT_TABLES;
