import { importClearances } from '../areas/clearances/service.ts';
import { createCampaign } from '../areas/campaigns/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { countUnits } from '../areas/units/repo.ts';
import { importUnits } from '../areas/units/service.ts';
import { parseRows } from '../import/parsed-rows.ts';
import type { SourceRow } from '../import/read-table.ts';
import { clearanceRow } from '../areas/clearances/schema.ts';
import { fugitiveRow } from '../areas/registry/schema.ts';
import { unitRow } from '../areas/units/schema.ts';
import { type Context, inTransaction } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { type DemoOptions, demoCity } from './demo-city.ts';

export interface DemoSummary {
  units: number;
  fugitives: number;
  verified: number;
  pending: number;
  campaign: string;
}

/**
 * Loads the demo city through the same validated, audited imports a bureau would use, in one
 * transaction. Refuses a database that already holds units.
 */
export async function loadDemo(ctx: Context, options: DemoOptions): Promise<DemoSummary> {
  const city = demoCity(options);
  return inTransaction(ctx, async (tx) => {
    if ((await countUnits(tx.db)) > 0) {
      throw new DomainError(
        'not_empty',
        'the database already holds units: the demo loads only into an empty one',
      );
    }
    await importUnits(tx, parseRows(unitRow, asRows(city.units)));
    await importFugitives(tx, parseRows(fugitiveRow, asRows(city.fugitives)));
    await importClearances(tx, parseRows(clearanceRow, asRows(city.verified)), { verified: true });
    await importClearances(tx, parseRows(clearanceRow, asRows(city.pending)), { verified: false });
    await createCampaign(tx, city.campaign);
    return {
      units: city.units.length,
      fugitives: city.fugitives.length,
      verified: city.verified.length,
      pending: city.pending.length,
      campaign: city.campaign.name,
    };
  });
}

/** Presents in-memory records as the rows of a file (row numbers as a spreadsheet shows them). */
export function* asRows(records: Record<string, string>[], batch = 500): Generator<SourceRow[]> {
  for (let start = 0; start < records.length; start += batch) {
    yield records.slice(start, start + batch).map((values, i) => ({ row: start + i + 2, values }));
  }
}
