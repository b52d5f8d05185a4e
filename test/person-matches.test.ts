// Suggested matches of persons (issue 11, "Persons"): listings without a resident ID number that
// share a name, sex and birth date with another person's are suggested as one person; an inspector
// confirms (the persons merge) or rejects, with a reason, audited. Loaded through the real imports,
// on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { up as backfill } from '../src/db/migrations/2026-12-02-20-person-match-backfill.ts';
import { backfillMergeRecords } from '../src/db/migrations/2026-12-02-30-person-splits.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import type { StandingsOut } from '../src/areas/campaigns/schema.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { confirmMatch, listMatches, rejectMatch, splitMatch } from '../src/areas/persons/service.ts';
import type { MatchOut } from '../src/areas/persons/schema.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { fugitiveDetail, importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-matches-');
const HEADER =
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward';
const id = (first17: string) => first17 + idCheckCharacter(first17);

const UNITS = [
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,城东派出所,station,S1',
  'P3,城西派出所,station,S1',
];
const BEFORE_FREEZE = [
  HEADER,
  // Same name, sex and birth date, no ID numbers, two units: both in the baseline once frozen.
  'M1,王明,M,1980-01-01,,theft,盗窃,,P1,2005-01-01,0,',
  'M2,王明,M,1980-01-01,,fraud,诈骗,,P2,2006-01-01,0,',
  // One listing of 刘强 now; another turns up after the freeze.
  'N1,刘强,M,1970-02-02,,robbery,抢劫,,P1,2005-01-01,0,',
  // One of the two has an ID number: still a suggestion.
  'C1,陈红,F,1985-03-03,,theft,盗窃,,P3,2007-01-01,0,',
  `C2,陈红,F,1985-03-03,${id('63010219850303002')},theft,盗窃,,P2,2008-01-01,0,`,
  // Two different ID numbers: two persons, never suggested.
  `D1,周丽,F,1990-04-04,${id('63010219900404002')},theft,盗窃,,P1,2007-01-01,0,`,
  `D2,周丽,F,1990-04-04,${id('63010219900404004')},theft,盗窃,,P2,2007-01-01,0,`,
  // No birth date on one, another sex on the other: not suggested.
  'E1,吴刚,M,1975-05-05,,theft,盗窃,,P1,2007-01-01,0,',
  'E2,吴刚,M,,,theft,盗窃,,P2,2007-01-01,0,',
  'E3,吴刚,F,1975-05-05,,theft,盗窃,,P3,2007-01-01,0,',
];
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const BEFORE_LAUNCH = new Date('2011-10-10T04:00:00Z');
const AFTER_LAUNCH = new Date('2011-11-10T04:00:00Z');

const unitOf = (s: StandingsOut, code: string) => s.units.find((u) => u.code === code)!;
const listingNos = (m: MatchOut) => m.persons.map((p) => p.listings.map((l) => l.listingNo).sort());
const pairOf = (items: MatchOut[], a: string, b: string) =>
  items.find((m) => {
    const nos = listingNos(m).flat();
    return nos.includes(a) && nos.includes(b);
  });

describe.each(DIALECTS)('suggested matches of persons on %s', (dialect) => {
  let store: TestStore;
  const at = (now: Date): Context => contextFor(store, now, 'inspector1');
  const open = async () => (await listMatches(at(AFTER_LAUNCH), { status: 'suggested' })).items;
  const importListings = (lines: string[]) =>
    importFugitives(at(AFTER_LAUNCH), parseFile('fugitives', csv([HEADER, ...lines])));
  const importClaims = (lines: string[], options: { verified: boolean }) =>
    importClearances(
      at(AFTER_LAUNCH),
      parseFile(
        'clearances',
        csv(['listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref', ...lines]),
      ),
      options,
    );
  /** The audit events of an action, oldest first. */
  const eventsOf = (action: string) =>
    store.db
      .selectFrom('audit_events')
      .select(['actor', 'after_json'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    store = await freshStore(dialect);
    const ctx = at(BEFORE_LAUNCH);
    await importUnits(ctx, parseFile('units', csv(UNITS)));
    await importFugitives(ctx, parseFile('fugitives', csv(BEFORE_FREEZE)));
    await createCampaign(ctx, TERMS);
    await standings(at(AFTER_LAUNCH), {}); // the first request after launch freezes the baseline
  });
  afterAll(() => store.dispose());

  it('suggests a pair for the same name, sex and birth date unless both carry ID numbers', async () => {
    const items = await open();
    expect(items.map(listingNos).sort()).toEqual([
      [['C1'], ['C2']],
      [['M1'], ['M2']],
    ]);
  });

  it('suggests a listing entered after the freeze, and merging it keeps the frozen baseline', async () => {
    const before = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    // An older listing of 刘强 by P3, entered after the freeze.
    await importListings(['N2,刘强,M,1970-02-02,,robbery,抢劫,,P3,2004-01-01,0,']);
    const match = pairOf(await open(), 'N1', 'N2')!;
    expect(match).toBeDefined();

    const merged = await confirmMatch(at(AFTER_LAUNCH), match.id, { reason: '指纹比对为同一人' });
    expect(merged).toMatchObject({
      status: 'confirmed',
      decidedBy: 'inspector1',
      reason: '指纹比对为同一人',
    });
    // The survivor (N1's person: the frozen baseline names them) holds both listings.
    expect(listingNos(merged)).toEqual([['N1', 'N2'], []]);
    const detail = await fugitiveDetail(at(AFTER_LAUNCH), 'N2');
    expect(detail.personListings.map((l) => l.listingNo)).toEqual(['N2', 'N1']);

    const after = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    for (const code of ['P1', 'P2', 'P3', 'B'])
      expect(unitOf(after, code).baseline, code).toBe(unitOf(before, code).baseline);
    // The registry counts one person, now in the unit of the earliest listing (P3's).
    expect(unitOf(after, 'P1').activeNow).toBe(unitOf(before, 'P1').activeNow - 1);
    expect(unitOf(after, 'P3').activeNow).toBe(unitOf(before, 'P3').activeNow + 1);
    expect(unitOf(after, 'B').activeNow).toBe(unitOf(before, 'B').activeNow);

    // One arrest on the new listing clears P1's baseline person.
    await importClaims(['N2,arrest,2011-10-25,P3,,西宁,J-1'], { verified: true });
    const cleared = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    expect(unitOf(cleared, 'P1').cleared).toBe(unitOf(after, 'P1').cleared + 1);
    expect(unitOf(cleared, 'P3').captures.local).toBe(unitOf(after, 'P3').captures.local + 1);
  });

  it('audits the merge with its reason, in an intact chain', async () => {
    const event = (await eventsOf('person.merge'))[0]!;
    expect(event.actor).toBe('inspector1');
    expect(JSON.parse(event.after_json!)).toMatchObject({ reason: '指纹比对为同一人' });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('refuses to merge two persons of a frozen baseline', async () => {
    const match = pairOf(await open(), 'M1', 'M2')!;
    await expect(confirmMatch(at(AFTER_LAUNCH), match.id, { reason: '同一人' })).rejects.toMatchObject({
      code: 'match_in_two_baselines',
    });
    expect(pairOf(await open(), 'M1', 'M2')).toBeDefined(); // still open
  });

  it('rejects a pair for good: a further listing is suggested with each, the rejected pair never again', async () => {
    const match = pairOf(await open(), 'C1', 'C2')!;
    const rejected = await rejectMatch(at(AFTER_LAUNCH), match.id, { reason: '出生地不同' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: '出生地不同' });
    await expect(rejectMatch(at(AFTER_LAUNCH), match.id, { reason: '再次' })).rejects.toMatchObject({
      code: 'match_decided',
    });
    await expect(confirmMatch(at(AFTER_LAUNCH), match.id, { reason: '再次' })).rejects.toMatchObject({
      code: 'match_decided',
    });
    await importListings(['C3,陈红,F,1985-03-03,,theft,盗窃,,P1,2011-11-01,0,']);
    const cPairs = (await open()).filter((m) =>
      listingNos(m)
        .flat()
        .some((no) => no.startsWith('C')),
    );
    expect(cPairs.map(listingNos).sort()).toEqual([
      [['C1'], ['C3']],
      [['C2'], ['C3']],
    ]);
    const all = (await listMatches(at(AFTER_LAUNCH), { status: 'all' })).items;
    expect(all.filter((m) => pairOf([m], 'C1', 'C2'))).toHaveLength(1);
  });

  it('drops an open suggestion of a merged person that repeats a decided pair', async () => {
    // C1 and C2 are different persons (rejected above). Once C3 is confirmed as C1, the open
    // suggestion C2 = C3 would ask again whether C1's person is C2: it is dropped, and audited so.
    const c1c3 = pairOf(await open(), 'C1', 'C3')!;
    const c2c3 = pairOf(await open(), 'C2', 'C3')!;
    await confirmMatch(at(AFTER_LAUNCH), c1c3.id, { reason: '同一人' });
    expect(
      (await open()).filter((m) =>
        listingNos(m)
          .flat()
          .some((no) => no.startsWith('C')),
      ),
    ).toEqual([]);
    const events = await eventsOf('person.merge');
    expect(JSON.parse(events.at(-1)!.after_json!)).toMatchObject({
      match: c1c3.id,
      droppedSuggestions: [c2c3.id],
    });
  });

  it('refuses to merge two persons each with a verified clearance (one person is cleared once)', async () => {
    await importListings([
      'K1,孙立,M,1988-08-08,,theft,盗窃,,P1,2011-11-02,0,',
      'K2,孙立,M,1988-08-08,,theft,盗窃,,P2,2011-11-03,0,',
    ]);
    await importClaims(['K1,arrest,2011-11-05,P1,,西宁,J-5', 'K2,arrest,2011-11-06,P2,,西宁,J-6'], {
      verified: true,
    });
    const match = pairOf(await open(), 'K1', 'K2')!;
    await expect(confirmMatch(at(AFTER_LAUNCH), match.id, { reason: '同一人' })).rejects.toMatchObject({
      code: 'match_both_cleared',
    });
  });

  it('shows a unit only the matches with a listing in its units', async () => {
    const p3 = await store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'P3')
      .executeTakeFirstOrThrow();
    const scoped = { ...at(AFTER_LAUNCH), scope: { all: false as const, unitIds: new Set([p3.id]) } };
    const items = (await listMatches(scoped, { status: 'all' })).items;
    expect(items.length).toBeGreaterThan(0);
    for (const m of items)
      expect(m.persons.flatMap((p) => p.listings).some((l) => l.listingUnit?.code === 'P3')).toBe(true);
    expect(pairOf(items, 'M1', 'M2')).toBeUndefined();
  });

  it('backfills by migration the suggestions of listings registered before, never a decided pair', async () => {
    const pairs = async () =>
      (await listMatches(at(AFTER_LAUNCH), { status: 'all' })).items
        .map((m) => `${m.status} ${JSON.stringify(listingNos(m))}`)
        .sort();
    const before = await pairs();
    await store.db.deleteFrom('person_matches').where('status', '=', 'suggested').execute();
    expect((await open()).length).toBe(0);
    await backfill(store.db as unknown as Kysely<unknown>);
    expect(await pairs()).toEqual(before);
    expect(pairOf(await open(), 'M1', 'M2')).toBeDefined();
  });

  const claimsOf = async (...listings: string[]) =>
    (
      await store.db
        .selectFrom('clearances as c')
        .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
        .select(['f.listing_no', 'c.status'])
        .where('f.listing_no', 'in', listings)
        .orderBy('c.id')
        .execute()
    ).map((c) => `${c.listing_no} ${c.status}`);
  const personOf = async (listingNo: string) =>
    (
      await store.db
        .selectFrom('fugitives')
        .select('person_id')
        .where('listing_no', '=', listingNo)
        .executeTakeFirstOrThrow()
    ).person_id;

  it('splits a wrong merge back: the listings, the cleared person and the figures, not the frozen baseline', async () => {
    // N1 (P1's baseline person) was merged with N2, entered after the freeze, and cleared by the
    // arrest on N2 (above). The merge was wrong: split, N1 is at large again and P1 is not cleared.
    const merged = (await listMatches(at(AFTER_LAUNCH), { status: 'confirmed' })).items;
    const match = pairOf(merged, 'N1', 'N2')!;
    const before = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    await expect(splitMatch(at(AFTER_LAUNCH), match.id, { reason: '' })).rejects.toThrow(); // a reason is required
    const split = await splitMatch(at(AFTER_LAUNCH), match.id, { reason: 'DNA 比对不符' });
    expect(split).toMatchObject({
      status: 'split',
      reason: '指纹比对为同一人', // the confirmation stays on record
      split: { by: 'inspector1', reason: 'DNA 比对不符' },
    });
    expect(listingNos(split)).toEqual([['N1'], ['N2']]);
    expect(await personOf('N1')).not.toBe(await personOf('N2'));
    expect((await fugitiveDetail(at(AFTER_LAUNCH), 'N1')).personListings.map((l) => l.listingNo)).toEqual([
      'N1',
    ]);
    expect((await fugitiveDetail(at(AFTER_LAUNCH), 'N1')).status).toBe('active');

    const after = await standings(at(AFTER_LAUNCH), { asOf: '2011-11-01' });
    for (const code of ['P1', 'P2', 'P3', 'B'])
      expect(unitOf(after, code).baseline, code).toBe(unitOf(before, code).baseline);
    // P1's baseline person is no longer cleared by an arrest on someone else's listing; the arrest
    // still counts as P3's capture of its own (new) fugitive, N2's person.
    expect(unitOf(after, 'P1').cleared).toBe(unitOf(before, 'P1').cleared - 1);
    expect(unitOf(after, 'P1').activeNow).toBe(unitOf(before, 'P1').activeNow + 1);
    expect(unitOf(after, 'P3').captures.local).toBe(unitOf(before, 'P3').captures.local);

    // Decided for good: not split twice, not suggested again.
    await expect(splitMatch(at(AFTER_LAUNCH), match.id, { reason: '再次' })).rejects.toMatchObject({
      code: 'match_not_merged',
    });
    expect(pairOf(await open(), 'N1', 'N2')).toBeUndefined();
    const event = (await eventsOf('person.split'))[0]!;
    expect(event.actor).toBe('inspector1');
    expect(JSON.parse(event.after_json!)).toMatchObject({ match: match.id, reason: 'DNA 比对不符' });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('refuses to split a match that was never merged', async () => {
    const match = pairOf(await open(), 'M1', 'M2')!;
    await expect(splitMatch(at(AFTER_LAUNCH), match.id, { reason: '误合并' })).rejects.toMatchObject({
      code: 'match_not_merged',
      params: { status: 'suggested' },
    });
  });

  it('holds a second standing claim as a conflict when two persons merge, and lets it stand again when split', async () => {
    // Two units each claim an arrest of "their" 何平, not yet verified: two persons, two claims.
    await importListings([
      'Q1,何平,M,1983-09-09,,theft,盗窃,,P1,2011-11-02,0,',
      'Q2,何平,M,1983-09-09,,theft,盗窃,,P2,2011-11-03,0,',
    ]);
    await importClaims(['Q1,arrest,2011-11-05,P1,,西宁,J-7', 'Q2,arrest,2011-11-05,P2,,西宁,J-7'], {
      verified: false,
    });
    expect(await claimsOf('Q1', 'Q2')).toEqual(['Q1 pending', 'Q2 pending']);

    // One person now: the second claim is the same event, held for an inspector, never a second capture.
    const match = pairOf(await open(), 'Q1', 'Q2')!;
    await confirmMatch(at(AFTER_LAUNCH), match.id, { reason: '同一人' });
    expect(await claimsOf('Q1', 'Q2')).toEqual(['Q1 pending', 'Q2 conflict']);
    const held = (await eventsOf('clearance.hold-as-conflict'))[0]!;
    expect(JSON.parse(held.after_json!)).toMatchObject({
      listingNo: 'Q2',
      status: 'conflict',
      cause: { personMatch: match.id },
    });

    // Split: Q2's claim was a conflict only because of the merge, so it stands again.
    await splitMatch(at(AFTER_LAUNCH), match.id, { reason: '身份核实为两人' });
    expect(await claimsOf('Q1', 'Q2')).toEqual(['Q1 pending', 'Q2 pending']);
    const released = (await eventsOf('clearance.release-conflict'))[0]!;
    expect(JSON.parse(released.after_json!)).toMatchObject({ listingNo: 'Q2', status: 'pending' });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('decides a match once when two inspectors decide it at the same moment', async () => {
    await importListings([
      'R1,钟敏,F,1992-02-02,,theft,盗窃,,P1,2011-11-02,0,',
      'R2,钟敏,F,1992-02-02,,theft,盗窃,,P2,2011-11-03,0,',
      'V1,钱进,M,1986-06-06,,theft,盗窃,,P1,2011-11-02,0,',
      'V2,钱进,M,1986-06-06,,theft,盗窃,,P3,2011-11-03,0,',
    ]);
    const refusedOnce = (outcomes: PromiseSettledResult<MatchOut>[], codes: string[]) => {
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [refused] = outcomes.filter((o) => o.status === 'rejected');
      expect(codes).toContain(((refused as PromiseRejectedResult).reason as { code: string }).code);
    };
    // A merge and a rejection at once: one of them, and the persons as that one left them.
    const r = pairOf(await open(), 'R1', 'R2')!;
    refusedOnce(
      await Promise.allSettled([
        confirmMatch(at(AFTER_LAUNCH), r.id, { reason: '同一人' }),
        rejectMatch(at(AFTER_LAUNCH), r.id, { reason: '不是同一人' }),
      ]),
      ['stale', 'match_decided'],
    );
    const decided = pairOf((await listMatches(at(AFTER_LAUNCH), { status: 'all' })).items, 'R1', 'R2')!;
    expect((await personOf('R1')) === (await personOf('R2'))).toBe(decided.status === 'confirmed');

    // Two splits of one merge at once: split once.
    const v = pairOf(await open(), 'V1', 'V2')!;
    await confirmMatch(at(AFTER_LAUNCH), v.id, { reason: '同一人' });
    refusedOnce(
      await Promise.allSettled([
        splitMatch(at(AFTER_LAUNCH), v.id, { reason: '两人' }),
        splitMatch(at(AFTER_LAUNCH), v.id, { reason: '两人' }),
      ]),
      ['stale', 'match_not_merged'],
    );
    const splits = await eventsOf('person.split');
    expect(
      splits.filter((e) => (JSON.parse(e.after_json!) as { match: number }).match === v.id),
    ).toHaveLength(1);
  });

  it('records by migration what merges made before it moved, from their audit events', async () => {
    const records = () =>
      store.db
        .selectFrom('person_merge_listings')
        .select(['match_id', 'fugitive_id'])
        .orderBy('match_id')
        .orderBy('fugitive_id')
        .execute();
    const absorbed = () =>
      store.db.selectFrom('person_matches').select(['id', 'absorbed_person_id']).orderBy('id').execute();
    const [recorded, persons] = [await records(), await absorbed()];
    expect(recorded.length).toBeGreaterThan(0);
    await store.db.deleteFrom('person_merge_listings').execute();
    await store.db.updateTable('person_matches').set({ absorbed_person_id: null }).execute();
    await backfillMergeRecords(store.db as unknown as Kysely<unknown>);
    // Split matches keep their record too (the split event does not erase the merge's).
    expect(await records()).toEqual(recorded);
    expect(await absorbed()).toEqual(persons);
  });
});
