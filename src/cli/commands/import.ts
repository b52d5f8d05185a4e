import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportTable } from '../../import/tables.ts';
import type { ImportOutcome } from '../../import/validate-rows.ts';
import type { Context } from '../../shared/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { withStore } from '../store.ts';

interface ImportOptions {
  verified?: boolean;
  campaign?: string;
  acceptValid?: boolean;
  rejects?: string;
}

/** The rows of a file, read and validated as they are consumed. */
const rowsOf = async <K extends ImportTable>(table: K, file: string) =>
  (await import('../../import/parse-file.ts')).parseFile(table, file);

const importers: Record<
  ImportTable,
  (ctx: Context, file: string, o: ImportOptions) => Promise<ImportOutcome>
> = {
  units: async (ctx, file, o) => {
    const { importUnits } = await import('../../areas/units/service.ts');
    return importUnits(ctx, await rowsOf('units', file), { acceptValid: o.acceptValid });
  },
  fugitives: async (ctx, file, o) => {
    const { importFugitives } = await import('../../areas/registry/service.ts');
    return importFugitives(ctx, await rowsOf('fugitives', file), { acceptValid: o.acceptValid });
  },
  clearances: async (ctx, file, o) => {
    const { importClearances } = await import('../../areas/clearances/service.ts');
    return importClearances(ctx, await rowsOf('clearances', file), {
      verified: !!o.verified,
      acceptValid: o.acceptValid,
    });
  },
  letters: async (ctx, file, o) => {
    if (!o.campaign) throw new DomainError('usage', 'letters: say which campaign with --campaign <name>');
    const { importLetters } = await import('../../areas/letters/service.ts');
    return importLetters(ctx, o.campaign, await rowsOf('letters', file), { acceptValid: o.acceptValid });
  },
};

/** Writes the refused rows beside the file (or where --rejects says), worded in English. */
async function writeRejects(what: ImportTable, file: string, outcome: ImportOutcome, o: ImportOptions) {
  const [{ refusedRowsOf }, { rejectsCsv }, { importLimits }, { formatRowError }] = await Promise.all([
    import('../../import/rejects.ts'),
    import('../../import/rejects-file.ts'),
    import('../../import/limits.ts'),
    import('../../shared/errors.ts'),
  ]);
  const path = o.rejects ?? file.replace(/(\.[^./\\]*)?$/, '-rejects.csv');
  const refused = await refusedRowsOf(what, file, outcome.refusedRows ?? [], importLimits());
  await writeFile(path, rejectsCsv(refused, 'error', formatRowError));
  return path;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a CSV, XLSX or XLS file; any bad row refuses the whole file, unless --accept-valid')
    .argument('<what>', 'units, fugitives, clearances or letters')
    .argument('<file>', 'a .csv (UTF-8 or GBK), .xlsx or .xls file with the canonical (or Chinese) columns')
    .option('--verified', 'clearances only: mark them verified, as history from an older system')
    .option('--campaign <name>', 'letters only: the campaign the signed letters are for')
    .option(
      '--accept-valid',
      'import the valid rows and write the refused ones, with an error column, to fix and import again',
    )
    .option(
      '--rejects <file>',
      'with --accept-valid: where to write the refused rows (default FILE-rejects.csv)',
    )
    .action(async (what: string, file: string, opts: ImportOptions) => {
      if (!(what in importers))
        throw new DomainError('usage', `cannot import ${what}: use units, fugitives, clearances or letters`);
      if (opts.verified && what !== 'clearances')
        throw new DomainError('usage', '--verified applies to clearances only');
      if (opts.campaign && what !== 'letters')
        throw new DomainError('usage', '--campaign applies to letters only');
      if (opts.rejects && !opts.acceptValid)
        throw new DomainError('usage', '--rejects applies with --accept-valid only');
      const started = performance.now();
      const summary = await withStore((ctx) => importers[what as ImportTable](ctx, file, opts));
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${what}: ${summary.rows} rows read, ${summary.inserted} imported, ${summary.unchanged} already registered (${seconds.toFixed(1)} s)`,
      );
      if (summary.refused) {
        const path = await writeRejects(what as ImportTable, file, summary, opts);
        console.log(`${summary.refused} rows refused, written with their errors to ${path}`);
      }
    });
}
