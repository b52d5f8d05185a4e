/** The names of the files Qingwang imports, light to load (tables.ts gives each its columns and row schema). */
export const IMPORT_TABLE_NAMES = ['units', 'fugitives', 'clearances', 'letters'] as const;
