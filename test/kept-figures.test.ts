// The incremental figures (issue 12, item 1): the counts kept by triggers in `campaign_facts` must
// equal, after any history of writes, the facts read from the persons themselves, which is what the
// figures were computed from before. Random histories (fast-check) of new listings (some joining a
// person by ID number), verified clearances of every kind, corrections that move a person's unit,
// date or homicide flag, withdrawals, baseline corrections, freezes and a second campaign with
// another window, on SQLite and PostgreSQL. After every write: no drift over the whole window, and
// the facts for random key dates inside it read the same both ways.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptFacts, factsFromPersons } from '../src/areas/campaigns/repo.ts';
import {
  correctBaseline,
  createCampaign,
  freezeDueCampaigns,
  keptFiguresDrift,
  standings,
} from '../src/areas/campaigns/service.ts';
import { factDifferences, keptFactsServe, keyDates } from '../src/areas/campaigns/rules.ts';
import { campaignTerms } from '../src/areas/campaigns/figures.ts';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { fugitiveRow } from '../src/areas/registry/schema.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { correctFugitive } from '../src/areas/registry/upkeep.ts';
import { askWithdrawal, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { deepCheck } from '../src/areas/integrity/deep-check.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { addDays } from '../src/shared/dates.ts';
import { listingRow } from './support/listing-rows.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const STATIONS = ['P1', 'P2', 'P3', 'P4'];
const CAMPAIGNS = [
  { name: 'first', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' },
  { name: 'second', baselineOn: '2011-11-10', startOn: '2011-11-15', deadlineOn: '2012-01-31' },
];
const day = (offset: number) => addDays('2011-10-17', offset);

type Write =
  | { kind: 'listings'; rows: { unit: number; listed: number; homicide: boolean; person: number | null }[] }
  | { kind: 'clearance'; listing: number; what: string; on: number; unit: number; persuaded: boolean }
  | {
      kind: 'correction';
      listing: number;
      field: 'listedOn' | 'listingAgency' | 'crimeCategory';
      value: number;
    }
  | { kind: 'withdrawal'; listing: number }
  | { kind: 'baseline-correction'; listing: number; campaign: number }
  | { kind: 'freeze' }
  | { kind: 'second-campaign' };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({
    kind: fc.constant('listings' as const),
    rows: fc.array(
      fc.record({
        unit: fc.nat(STATIONS.length), // the last: an outside agency
        listed: fc.integer({ min: -400, max: 100 }),
        homicide: fc.boolean(),
        person: fc.option(fc.nat(6)), // a shared ID number joins an earlier person
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({
    kind: fc.constant('clearance' as const),
    listing: fc.nat(),
    what: fc.constantFrom('arrest', 'arrest', 'surrender', 'death', 'cancellation'),
    on: fc.integer({ min: -40, max: 120 }),
    unit: fc.nat(STATIONS.length - 1),
    persuaded: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('correction' as const),
    listing: fc.nat(),
    field: fc.constantFrom('listedOn' as const, 'listingAgency' as const, 'crimeCategory' as const),
    value: fc.integer({ min: -300, max: 90 }),
  }),
  fc.record({ kind: fc.constant('withdrawal' as const), listing: fc.nat() }),
  fc.record({ kind: fc.constant('baseline-correction' as const), listing: fc.nat(), campaign: fc.nat(1) }),
  fc.constant({ kind: 'freeze' as const }),
  fc.constant({ kind: 'second-campaign' as const }),
);

describe.each(DIALECTS)('kept figures over random histories on %s', (dialect) => {
  let store: TestStore;
  const listings: string[] = [];
  const at = (actor = 'officer') => contextFor(store, new Date('2011-12-01T04:00:00Z'), actor);

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(
      at(),
      parseRows(
        unitRow,
        asRows([
          { code: 'B', name: 'Bureau', kind: 'bureau', parent_code: '' },
          { code: 'S1', name: 'Sub 1', kind: 'sub_bureau', parent_code: 'B' },
          { code: 'S2', name: 'Sub 2', kind: 'sub_bureau', parent_code: 'B' },
          ...STATIONS.map((code, i) => ({
            code,
            name: code,
            kind: 'station',
            parent_code: `S${1 + (i % 2)}`,
          })),
        ]),
      ),
    );
    // Persons listed before the first campaign, so that its frozen baseline holds some.
    await apply({
      kind: 'listings',
      rows: Array.from({ length: 8 }, (_, i) => ({
        unit: i % STATIONS.length,
        listed: -30 * i,
        homicide: i % 3 === 0,
        person: null,
      })),
    });
    await createCampaign(at(), CAMPAIGNS[0]!);
  });
  afterAll(() => store.dispose());

  const listingOf = (n: number) => listings[n % Math.max(1, listings.length)];

  /** One write, as the services take it; a refusal (a second clearance, a date before listing…) changes nothing. */
  async function apply(w: Write): Promise<void> {
    const refused = (e: unknown) => {
      if (!(e instanceof Error && 'code' in e)) throw e;
    };
    if (w.kind === 'listings') {
      const rows = w.rows.map((r) => {
        const n = listings.length + 1;
        const no = `L${String(n).padStart(5, '0')}`;
        listings.push(no);
        return listingRow({
          no,
          n,
          person: r.person ?? 100 + (n % 900),
          crime: r.homicide ? 'homicide' : 'theft',
          agency: STATIONS[r.unit] ?? 'Outside PSB',
          listedOn: day(r.listed),
        });
      });
      await importFugitives(at(), parseRows(fugitiveRow, asRows(rows))).catch(refused);
    } else if (w.kind === 'clearance') {
      const no = listingOf(w.listing);
      if (!no) return;
      const captured = w.what === 'arrest' || w.what === 'surrender';
      await importClearances(
        at(),
        parseRows(
          clearanceRow,
          asRows([
            {
              listing_no: no,
              kind: w.what,
              occurred_on: day(w.on),
              capturing_unit: captured ? STATIONS[w.unit]! : '',
              persuading_unit:
                w.what === 'surrender' && w.persuaded ? STATIONS[(w.unit + 1) % STATIONS.length]! : '',
              place: '',
              evidence_ref: `E-${no}`,
              reason: w.what === 'cancellation' ? 'other' : '',
            },
          ]),
        ),
        { verified: true },
      ).catch(refused);
    } else if (w.kind === 'correction') {
      const no = listingOf(w.listing);
      if (!no) return;
      const value =
        w.field === 'listedOn'
          ? day(w.value)
          : w.field === 'listingAgency'
            ? STATIONS[Math.abs(w.value) % STATIONS.length]!
            : w.value % 2 === 0
              ? 'homicide'
              : 'fraud';
      await correctFugitive(at(), no, { changes: { [w.field]: value }, reason: 'checked' }).catch(refused);
    } else if (w.kind === 'withdrawal') {
      const no = listingOf(w.listing);
      if (!no) return;
      await askWithdrawal(at('officer'), no, { reason: 'entered twice' })
        .then(() => decideWithdrawal(at('commander'), no, { approve: true }))
        .catch(refused);
    } else if (w.kind === 'baseline-correction') {
      const no = listingOf(w.listing);
      if (!no) return;
      await correctBaseline(at(), CAMPAIGNS[w.campaign]!.name, {
        listingNo: no,
        reason: 'entered in error',
      }).catch(refused);
    } else if (w.kind === 'freeze') await freezeDueCampaigns(at());
    else await createCampaign(at(), CAMPAIGNS[1]!).catch(refused);
  }

  async function expectNoDrift(asOf: string): Promise<void> {
    expect(await keptFiguresDrift(store.db)).toEqual([]);
    for (const c of await store.db.selectFrom('campaigns').selectAll().execute()) {
      const keys = keyDates(campaignTerms(c), asOf);
      if (!keptFactsServe(campaignTerms(c), keys)) continue; // the figures read the persons then
      const kept = await keptFacts(store.db, c.id, keys);
      expect(factDifferences(await factsFromPersons(store.db, c.id, keys), kept)).toEqual([]);
    }
  }

  it('keeps the counts equal to the facts the persons give after every write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 3, maxLength: 10 }),
        fc.integer({ min: -10, max: 110 }),
        async (writes, asOf) => {
          for (const w of writes) {
            await apply(w);
            await expectNoDrift(day(asOf));
          }
        },
      ),
      { numRuns: 12, endOnFailure: true, seed: 20261203 },
    );
    // The history did move the figures: a frozen baseline, persons cleared from it.
    const city = (await standings(at(), { campaign: 'first', asOf: '2011-12-01' })).units.find(
      (u) => u.code === 'B',
    )!;
    expect(city.baseline).toBeGreaterThan(0);
    expect(city.cleared).toBeGreaterThan(0);
  });

  it('names, in the deep check, a kept count edited behind the triggers', async () => {
    expect((await deepCheck(store.db)).keptFigures).toEqual([]);
    const row = await store.db
      .selectFrom('campaign_facts')
      .selectAll()
      .where('role', '=', 'listing')
      .where('n', '>', 0)
      .orderBy('unit_id')
      .executeTakeFirstOrThrow();
    await sql`update campaign_facts set n = n + 5 where campaign_id = ${row.campaign_id} and role = 'listing'
      and unit_id = ${row.unit_id} and homicide = ${row.homicide} and exit_kind = ${row.exit_kind}
      and listed_on = ${row.listed_on} and exit_on = ${row.exit_on}`.execute(store.db);
    const check = await deepCheck(store.db);
    expect(check.ok).toBe(false);
    expect(check.keptFigures).toHaveLength(1);
    const { differences } = check.keptFigures[0]!;
    expect(differences).toHaveLength(1);
    const [d] = differences;
    expect(d!.kind).toBe('listings');
    expect(d!.fact.listingUnitId).toBe(row.unit_id);
    expect(d!.kept - d!.expected).toBe(5);
    // Put back, so that the store's own check at the end finds the counts right again.
    await sql`update campaign_facts set n = n - 5 where campaign_id = ${row.campaign_id} and role = 'listing'
      and unit_id = ${row.unit_id} and homicide = ${row.homicide} and exit_kind = ${row.exit_kind}
      and listed_on = ${row.listed_on} and exit_on = ${row.exit_on}`.execute(store.db);
    expect((await deepCheck(store.db)).ok).toBe(true);
  });
});
