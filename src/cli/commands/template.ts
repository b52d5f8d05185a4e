import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { IMPORT_TABLE_NAMES } from '../../import/table-names.ts';
import type { ImportTable } from '../../import/tables.ts';
import type { Lang } from '../../reports/labels.ts';
import { DomainError } from '../../shared/errors.ts';
import { langArg } from '../args.ts';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('an .xlsx import template: headers, drop-down lists and a sheet explaining each column')
    .argument('<what>', `${IMPORT_TABLE_NAMES.join(', ')}`)
    .requiredOption('-o, --output <file>', 'the .xlsx file to write')
    .option('--lang <lang>', 'zh-CN (default: Chinese headers and values) or en', langArg, 'zh-CN' as Lang)
    .action(async (what: string, o: { output: string; lang: Lang }) => {
      if (!(IMPORT_TABLE_NAMES as readonly string[]).includes(what))
        throw new DomainError('usage', `no template for ${what}: use ${IMPORT_TABLE_NAMES.join(', ')}`);
      const { importTemplate } = await import('../../import/template.ts');
      await writeFile(o.output, await importTemplate(what as ImportTable, o.lang));
      console.log(`${what} template written to ${o.output}`);
    });
}
