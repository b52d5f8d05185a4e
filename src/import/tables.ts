import { clearanceColumns, clearanceRow } from '../areas/clearances/schema.ts';
import { fugitiveColumns, fugitiveRow } from '../areas/registry/schema.ts';
import { letterColumns, letterRow } from '../areas/letters/schema.ts';
import { unitColumns, unitRow } from '../areas/units/schema.ts';

/** The files Qingwang imports: their columns and the schema of one row. */
export const IMPORT_TABLES = {
  units: { columns: unitColumns, schema: unitRow },
  fugitives: { columns: fugitiveColumns, schema: fugitiveRow },
  clearances: { columns: clearanceColumns, schema: clearanceRow },
  letters: { columns: letterColumns, schema: letterRow },
} as const;

export type ImportTable = keyof typeof IMPORT_TABLES;
