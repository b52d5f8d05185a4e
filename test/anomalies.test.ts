import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearanceRow } from '../src/areas/clearances/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { findAnomalies } from '../src/areas/integrity/service.ts';
import { fugitiveRow } from '../src/areas/registry/schema.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { unitRow } from '../src/areas/units/schema.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { asRows } from '../src/demo/load-demo.ts';
import { parseRows } from '../src/import/parsed-rows.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const id = (first17: string) => first17 + idCheckCharacter(first17);
const PERSON = id('63010219800101001');

const fugitive = (listingNo: string, unit: string, listedOn: string, idNumber = '') => ({
  listing_no: listingNo,
  name: '某甲',
  sex: '',
  birth_date: '',
  id_number: idNumber,
  crime_category: 'theft',
  offence: '盗窃',
  case_no: '',
  listing_agency: unit,
  listed_on: listedOn,
  published: 'no',
  reward: '',
});
const clearance = (listingNo: string, kind: string, on: string, unit: string, evidence = 'E-1') => ({
  listing_no: listingNo,
  kind,
  occurred_on: on,
  capturing_unit: unit,
  persuading_unit: '',
  place: '',
  evidence_ref: evidence,
  entered_at: on, // history from an older system, entered the same day…
});

describe.each(DIALECTS)('anomalies over imported history on %s', (dialect) => {
  let store: TestStore;
  const ctx = () => contextFor(store, new Date('2011-12-01T04:00:00Z'));

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(
      ctx(),
      parseRows(
        unitRow,
        asRows([
          { code: 'B', name: '市局', kind: 'bureau', parent_code: '' },
          { code: 'P1', name: '一所', kind: 'station', parent_code: 'B' },
          { code: 'P2', name: '二所', kind: 'station', parent_code: 'B' },
        ]),
      ),
    );
    await importFugitives(
      ctx(),
      parseRows(
        fugitiveRow,
        asRows([
          fugitive('D1', 'P1', '2010-01-01'),
          fugitive('E1', 'P1', '2010-01-01'),
          fugitive('B1', 'P2', '2010-01-01'),
          fugitive('R1', 'P1', '2010-01-01', PERSON),
          fugitive('R2', 'P2', '2011-11-20', PERSON), // the same person, listed again 50 days later
        ]),
      ),
    );
    await importClearances(
      ctx(),
      parseRows(
        clearanceRow,
        asRows([
          clearance('D1', 'arrest', '2011-11-25', 'P1'),
          clearance('D1', 'arrest', '2011-11-26', 'P2'), // a second unit claims the same person
          clearance('E1', 'arrest', '2011-11-27', 'P1', ''), // verified without evidence
          clearance('R1', 'arrest', '2011-10-01', 'P1'),
          { ...clearance('B1', 'arrest', '2011-10-20', 'P2'), entered_at: '2011-11-30T09:00:00+08:00' }, // …but this one 41 days late
        ]),
      ),
      { verified: true },
    );
    await createCampaign(ctx(), {
      name: 'C',
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
  });
  afterAll(() => store.dispose());

  it('flags the planted cases, each with a reason, and imports the duplicate rather than refusing it', async () => {
    const found = await findAnomalies(ctx());
    const key = (rule: string, listingNo: string) =>
      found.find((a) => a.rule === rule && a.listingNo === listingNo);
    expect(key('duplicate-claim', 'D1')?.reason).toMatch(/P1|P2/);
    expect(key('missing-evidence', 'E1')).toBeDefined();
    expect(
      found.some((a) => a.rule === 'relisted-after-clearance' && ['R1', 'R2'].includes(a.listingNo ?? '')),
    ).toBe(true);
    expect(found.every((a) => a.reason.length > 10)).toBe(true);
    expect(found.filter((a) => a.rule === 'backdated-entry').map((a) => a.listingNo)).toEqual(['B1']);
    expect(found.filter((a) => a.rule === 'missing-evidence').map((a) => a.listingNo)).toEqual(['E1']);
  });
});
