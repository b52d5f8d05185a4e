// Persons over listings and the frozen baseline (issue 11), on small hand-made cases loaded
// through the real imports, on SQLite and PostgreSQL. Each case says which definition it pins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import {
  baselineCorrections,
  correctBaseline,
  createCampaign,
  freezeCampaign,
  standings,
} from '../src/areas/campaigns/service.ts';
import type { StandingsOut } from '../src/areas/campaigns/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { importLetters } from '../src/areas/letters/service.ts';
import { findAnomalies } from '../src/areas/integrity/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { importFugitives, searchRegistry } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-persons-');
const id = (first17: string) => first17 + idCheckCharacter(first17);
const X = id('63010219800101001');
const Y = id('63010219750505002');
const Z = id('63010419900909003');

const UNITS = [
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,城东派出所,station,S1',
  'P3,城西派出所,station,S1',
  'D,刑侦支队,detachment,B',
];
const FUGITIVES = [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  // Two listings, one ID number, one unit: one person of P1.
  `T1,张三,,,${X},homicide,故意杀人,A1,P1,2005-03-01,1,`,
  `T2,张三,,,${X},theft,盗窃,A2,P1,2008-01-01,1,`,
  // Two listings, one ID number, two units: one person, of P2 (the earlier listing).
  `T3,李四,,,${Y},robbery,抢劫,A3,P1,2006-01-01,1,`,
  `T4,李四,,,${Y},fraud,诈骗,A4,P2,2004-01-01,1,`,
  // A local listing and an outside agency's listing of the same person: a local person of P1.
  `L1,王五,,,${Z},drugs,贩毒,A5,P1,2009-01-01,1,`,
  `R1,王五,,,${Z},drugs,贩毒,A6,兰州市公安局,2007-01-01,1,`,
  // Persons without ID numbers: one each.
  'T5,赵六,,,,theft,盗窃,,P2,2007-01-01,0,',
  'T7,钱七,,,,theft,盗窃,,P2,2007-02-01,0,',
  'T8,孙八,,,,assault,伤害,,D,2007-03-01,0,',
];
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const BEFORE_LAUNCH = new Date('2011-10-10T04:00:00Z');
const AFTER_LAUNCH = new Date('2011-11-10T04:00:00Z');
const LATER = new Date('2011-11-10T05:00:00Z'); // after the freeze at the first request after launch

const unitOf = (s: StandingsOut, code: string) => s.units.find((u) => u.code === code)!;

describe.each(DIALECTS)('persons and the frozen baseline on %s', (dialect) => {
  let store: TestStore;
  const at = (now: Date): Context => contextFor(store, now);

  beforeAll(async () => {
    store = await freshStore(dialect);
    const ctx = at(BEFORE_LAUNCH);
    await importUnits(ctx, parseFile('units', csv(UNITS)));
    await importFugitives(ctx, parseFile('fugitives', csv(FUGITIVES)));
    // Created ahead of its launch: not frozen, its figures provisional.
    await createCampaign(ctx, TERMS);
  });
  afterAll(() => store.dispose());

  it('counts persons, not listings, in the unit of their earliest local listing (provisional before launch)', async () => {
    const s = await standings(at(BEFORE_LAUNCH), { asOf: '2011-10-10' });
    expect(s).toMatchObject({ provisional: true, baselineDigest: null });
    expect(unitOf(s, 'P1')).toMatchObject({ baseline: 2, activeNow: 2 }); // T1+T2 are one; L1(+R1)
    expect(unitOf(s, 'P2')).toMatchObject({ baseline: 3, activeNow: 3 }); // T4(+T3), T5, T7
    // The parent counts the union of its children's persons: 李四 once, not twice.
    expect(unitOf(s, 'S1')).toMatchObject({ baseline: 5, homicide: { baseline: 1 } });
    expect(unitOf(s, 'B').baseline).toBe(6);
  });

  it('freezes at the first request on or after launch, with the digest in the audit chain', async () => {
    const s = await standings(at(AFTER_LAUNCH), { asOf: '2011-10-17' });
    expect(s.provisional).toBe(false);
    expect(s.baselineDigest).toMatch(/^[0-9a-f]{64}$/);
    const event = await store.db
      .selectFrom('audit_events')
      .select(['after_json'])
      .where('action', '=', 'campaign.freeze')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!)).toMatchObject({ persons: 6, baselineDigest: s.baselineDigest });
    await expect(freezeCampaign(at(AFTER_LAUNCH), TERMS.name)).rejects.toMatchObject({
      code: 'already_frozen',
    });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('clears a person by one arrest on any listing, and holds a second claim on them as a conflict', async () => {
    await importClearances(
      at(AFTER_LAUNCH),
      parseFile(
        'clearances',
        csv([
          'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
          'T2,arrest,2011-10-20,P1,,西宁,J-1',
          // The same arrest claimed by another unit on the person's other listing.
          'T1,arrest,2011-10-20,P2,,西宁,J-1',
          // The outside agency's listing of P1's person, caught by P2: a local capture, not remote.
          'R1,arrest,2011-10-25,P2,,西宁,J-2',
        ]),
      ),
      { verified: true },
    );
    const statuses = await store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select(['f.listing_no', 'c.status'])
      .orderBy('c.id')
      .execute();
    expect(statuses).toEqual([
      { listing_no: 'T2', status: 'verified' },
      { listing_no: 'T1', status: 'conflict' },
      { listing_no: 'R1', status: 'verified' },
    ]);
    const s = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    expect(unitOf(s, 'P1')).toMatchObject({
      baseline: 2,
      cleared: 2, // 张三 (one person, two listings) and 王五 (caught on the outside listing)
      activeNow: 0,
      captures: { local: 1, remote: 0, arrests: 1, surrenders: 0 },
      homicide: { baseline: 1, cleared: 1, declineRate: 1, captures: 1 },
    });
    expect(unitOf(s, 'P2').captures).toEqual({ local: 1, remote: 0, arrests: 1, surrenders: 0 });
    // Every listing of a cleared person leaves the active list.
    const active = await searchRegistry(at(AFTER_LAUNCH), {
      status: 'active',
      sort: 'listingNo',
      page: 1,
      pageSize: 50,
    });
    expect(active.items.map((f) => f.listingNo)).toEqual(['T3', 'T4', 'T5', 'T7', 'T8']);
  });

  it('accepts a pre-launch clearance entered after the freeze, counts it for nothing, and flags it', async () => {
    const before = unitOf(await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' }), 'P2');
    await importClearances(
      at(LATER),
      parseFile(
        'clearances',
        csv([
          'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
          'T5,arrest,2011-10-01,P2,,西宁,J-3',
        ]),
      ),
      { verified: true },
    );
    const after = unitOf(await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' }), 'P2');
    expect(after).toMatchObject({ baseline: before.baseline, cleared: before.cleared });
    expect(after.activeNow).toBe(before.activeNow - 1); // the registry stays true: T5 is off the list
    const findings = await findAnomalies(at(AFTER_LAUNCH), TERMS.name);
    expect(findings.filter((f) => f.rule === 'late-baseline-exit')).toEqual([
      expect.objectContaining({ listingNo: 'T5', unit: 'P2' }),
    ]);
  });

  it('counts a persuaded surrender as a result of the persuading station', async () => {
    const before = unitOf(await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' }), 'P3');
    expect(before.zeroResult).toBe(true);
    await importClearances(
      at(AFTER_LAUNCH),
      parseFile(
        'clearances',
        csv([
          'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
          'T7,surrender,2011-11-05,P2,P3,西宁,J-4',
        ]),
      ),
      { verified: true },
    );
    const s = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    expect(unitOf(s, 'P3')).toMatchObject({ captures: { local: 0, remote: 0 }, zeroResult: false });
    expect(unitOf(s, 'P2').captures).toMatchObject({ local: 2, arrests: 1, surrenders: 1 });
  });

  it('ranks a detachment with detachments and sub-bureaus with sub-bureaus', async () => {
    const s = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    // D has a lower decline rate than S1 but is the only detachment: first of its kind.
    expect(unitOf(s, 'D')).toMatchObject({ depth: 1, declineRate: 0, rank: 1 });
    expect(unitOf(s, 'S1')).toMatchObject({ depth: 1, rank: 1 });
  });

  it('takes a listing entered in error out of the baseline only by an audited correction', async () => {
    const before = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    const correction = await correctBaseline(at(AFTER_LAUNCH), TERMS.name, {
      listingNo: 'T3',
      reason: '重复录入，经核实为同一案件',
    });
    expect(correction).toMatchObject({ listingNos: ['T3', 'T4'], unit: { code: 'P2' }, correctedBy: 'test' });
    const after = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    expect(unitOf(after, 'P2').baseline).toBe(unitOf(before, 'P2').baseline - 1);
    expect(after.baselineDigest).toBe(before.baselineDigest); // the snapshot itself is untouched
    expect(await baselineCorrections(at(AFTER_LAUNCH), TERMS.name)).toEqual([correction]);
    await expect(
      correctBaseline(at(AFTER_LAUNCH), TERMS.name, { listingNo: 'T4', reason: '再次' }),
    ).rejects.toMatchObject({ code: 'already_corrected' });
    await expect(
      // An outside agency's listing is not ours to correct, even of a baseline person.
      correctBaseline(at(AFTER_LAUNCH), TERMS.name, { listingNo: 'R1', reason: '外地' }),
    ).rejects.toMatchObject({ code: 'not_in_baseline', field: 'listingNo' });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('adds listings after the freeze to a person, or as new listings, never to the baseline', async () => {
    const before = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    await importFugitives(
      at(AFTER_LAUNCH),
      parseFile(
        'fugitives',
        csv([
          'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
          // An old listing of a new person, recorded only now: not in the frozen baseline.
          'T9,周九,,,,theft,盗窃,,P3,2005-01-01,0,',
          // A new listing during the campaign (新增上网).
          'T10,吴十,,,,theft,盗窃,,P3,2011-11-01,0,',
        ]),
      ),
    );
    const after = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-08' });
    for (const u of after.units) expect(u.baseline).toBe(unitOf(before, u.code).baseline);
    expect(unitOf(after, 'P3')).toMatchObject({ baseline: 0, newListings: 1, activeNow: 2 });
  });
});

describe.each(DIALECTS)('a letter signed before the freeze on %s', (dialect) => {
  let store: TestStore;
  const at = (now: Date): Context => contextFor(store, now);
  const ON_BASELINE_DAY = new Date('2011-10-16T04:00:00Z');

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(at(BEFORE_LAUNCH), parseFile('units', csv(UNITS)));
    await importFugitives(at(BEFORE_LAUNCH), parseFile('fugitives', csv(FUGITIVES)));
    await createCampaign(at(BEFORE_LAUNCH), TERMS);
  });
  afterAll(() => store.dispose());

  it("shows the unit's frozen baseline once frozen, not the provisional one of its signing day", async () => {
    // S1 signs on the baseline date, before launch: the figures are provisional (李四, 赵六, 钱七
    // for P2; 张三, 王五 for P1: 5).
    await importLetters(
      at(ON_BASELINE_DAY),
      TERMS.name,
      parseFile('letters', csv(['unit,target,signed_by,signed_on', 'S1,0.6,城中分局局长,2011-10-16'])),
    );
    const letter = () => store.db.selectFrom('letters').select(['id', 'baseline']).executeTakeFirstOrThrow();
    expect((await letter()).baseline).toBe(5);
    // Later that day P3 enters an older listing: one more baseline person by the freeze.
    await importFugitives(
      at(ON_BASELINE_DAY),
      parseFile('fugitives', csv([FUGITIVES[0]!, 'T9,周九,,,,theft,盗窃,,P3,2010-06-01,0,'])),
    );
    const frozen = await standings(at(AFTER_LAUNCH), {}); // the first request after launch freezes
    expect(frozen.provisional).toBe(false);
    expect(unitOf(frozen, 'S1').baseline).toBe(6);
    expect((await letter()).baseline).toBe(6);
    const event = await store.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'letter.baseline-frozen')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!)).toEqual({ baseline: 5 });
    expect(JSON.parse(event.after_json!)).toMatchObject({
      baseline: 6,
      baselineDigest: frozen.baselineDigest,
    });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });
});
