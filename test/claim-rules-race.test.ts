// A filed claim runs the integrity rules before its audit event takes the chain's lock, and queues
// what they found after it (issue 12). When another write was committed in between — the chain grew
// by more than the claim's own event — what the rules read may be stale, so they run again under the
// lock; otherwise their findings are queued as found. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { findingsAroundClaim, queueFindings } from '../src/areas/integrity/service.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { type Context, inTransaction } from '../src/shared/context.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-claim-rules-');
const UNITS = csv([
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'P1,城中派出所,station,B',
  'P2,城东派出所,station,B',
]);
const FUGITIVES = csv([
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  'R1,张三,,,,theft,盗窃,,兰州市公安局,2009-03-01,0,',
]);
// Two units claim the same remote listing: the duplicate-claim rule's finding.
const CLAIMS = csv([
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
  'R1,arrest,2011-11-02,P1,,西宁,J-1',
  'R1,arrest,2011-11-03,P2,,西宁,J-2',
]);
const NOW = new Date('2011-11-10T04:00:00Z');

describe.each(DIALECTS)("a claim's rules around the chain's lock on %s", (dialect) => {
  let store: TestStore;
  let ctx: Context;
  let around: { fugitiveId: number; unitId: number };

  beforeAll(async () => {
    store = await freshStore(dialect);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    // Before any campaign: the import's own scan finds nothing to queue.
    await importClearances(ctx, parseFile('clearances', CLAIMS), { verified: false });
    await createCampaign(ctx, {
      name: '清网行动',
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
    const fugitive = await store.db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', '=', 'R1')
      .executeTakeFirstOrThrow();
    const p2 = await store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'P2')
      .executeTakeFirstOrThrow();
    around = { fugitiveId: fugitive.id, unitId: p2.id };
  });
  afterAll(() => store.dispose());

  /** The rules' findings around the claim, handed on as if they had read nothing, then queued. */
  async function queuedWhenTheChainGrewBy(events: number): Promise<string[]> {
    return inTransaction(ctx, async (tx) => {
      const findings = (await findingsAroundClaim(tx, around))!;
      expect(findings.found.map((f) => f.rule)).toContain('duplicate-claim');
      await queueFindings(tx, { ...findings, found: [] }, findings.chainSeq + events);
      const rows = await tx.db.selectFrom('anomalies').select('rule').execute();
      throw new Rollback(rows.map((r) => r.rule));
    }).catch((e: unknown) => {
      if (e instanceof Rollback) return e.rules;
      throw e;
    });
  }

  it("queues what the rules found when the chain grew only by the claim's own event", async () => {
    expect(await queuedWhenTheChainGrewBy(1)).toEqual([]);
  });

  it('runs the rules again under the lock when another write came in between', async () => {
    expect(await queuedWhenTheChainGrewBy(2)).toContain('duplicate-claim');
  });
});

/** Ends a test's transaction without keeping what it wrote, carrying what it read. */
class Rollback extends Error {
  constructor(readonly rules: string[]) {
    super('rolled back');
  }
}
