import type { Command } from 'commander';
import type { ImportTable } from '../../import/tables.ts';
import type { ImportSummary } from '../../import/validate-rows.ts';
import type { Context } from '../../shared/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { withStore } from '../store.ts';

interface ImportOptions {
  verified?: boolean;
  campaign?: string;
}

/** The rows of a file, read and validated as they are consumed. */
const rowsOf = async <K extends ImportTable>(table: K, file: string) =>
  (await import('../../import/parse-file.ts')).parseFile(table, file);

const importers: Record<
  ImportTable,
  (ctx: Context, file: string, o: ImportOptions) => Promise<ImportSummary>
> = {
  units: async (ctx, file) => {
    const { importUnits } = await import('../../areas/units/service.ts');
    return importUnits(ctx, await rowsOf('units', file));
  },
  fugitives: async (ctx, file) => {
    const { importFugitives } = await import('../../areas/registry/service.ts');
    return importFugitives(ctx, await rowsOf('fugitives', file));
  },
  clearances: async (ctx, file, o) => {
    const { importClearances } = await import('../../areas/clearances/service.ts');
    return importClearances(ctx, await rowsOf('clearances', file), { verified: !!o.verified });
  },
  letters: async (ctx, file, o) => {
    if (!o.campaign) throw new DomainError('usage', 'letters: say which campaign with --campaign <name>');
    const { importLetters } = await import('../../areas/letters/service.ts');
    return importLetters(ctx, o.campaign, await rowsOf('letters', file));
  },
};

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a CSV, XLSX or XLS file; any bad row refuses the whole file')
    .argument('<what>', 'units, fugitives, clearances or letters')
    .argument('<file>', 'a .csv (UTF-8 or GBK), .xlsx or .xls file with the canonical (or Chinese) columns')
    .option('--verified', 'clearances only: mark them verified, as history from an older system')
    .option('--campaign <name>', 'letters only: the campaign the signed letters are for')
    .action(async (what: string, file: string, opts: ImportOptions) => {
      if (!(what in importers))
        throw new DomainError('usage', `cannot import ${what}: use units, fugitives, clearances or letters`);
      if (opts.verified && what !== 'clearances')
        throw new DomainError('usage', '--verified applies to clearances only');
      if (opts.campaign && what !== 'letters')
        throw new DomainError('usage', '--campaign applies to letters only');
      const started = performance.now();
      const summary = await withStore((ctx) => importers[what as ImportTable](ctx, file, opts));
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${what}: ${summary.rows} rows read, ${summary.inserted} imported, ${summary.unchanged} already registered (${seconds.toFixed(1)} s)`,
      );
    });
}
