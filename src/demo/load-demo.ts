import { importClearances } from '../areas/clearances/service.ts';
import { createCampaign } from '../areas/campaigns/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { countUnits } from '../areas/units/repo.ts';
import { importUnits } from '../areas/units/service.ts';
import type { SourceRow } from '../import/read-table.ts';
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
    await importUnits(tx, asRows(city.units));
    await importFugitives(tx, asRows(city.fugitives));
    await importClearances(tx, asRows(city.verified), { verified: true });
    await importClearances(tx, asRows(city.pending), { verified: false });
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
export function* asRows(records: Record<string, string>[]): Generator<SourceRow> {
  for (const [i, values] of records.entries()) yield { row: i + 2, values };
}
