import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { insertClearances, refreshExits } from '../src/areas/clearances/repo.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { ImportRejected, formatRowError } from '../src/shared/errors.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-store-'));
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const UNITS = csv('units.csv', [
  'code,name,kind,parent_code',
  'P1,城中派出所,station,S1', // child before parent: the importer orders them
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P2,城东派出所,station,S1',
]);
const FUGITIVES = csv('fugitives.csv', [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  'T1,张三,M,1949-12-31,,homicide,故意杀人,A1,P1,2005-03-01,1,50000',
  'T2,李四,F,1949-12-31,11010519491231002X,robbery,抢劫,A2,P1,2011-10-16,0,',
  'T3,王五,,,,theft,盗窃,,P1,2009-06-01,no,',
  'T4,赵六,,,,fraud,诈骗,,P2,2008-08-08,yes,',
  'R1,外地人,,,,drugs,贩毒,,兰州市公安局,2011-01-05,,',
]);
const CLEARANCES = csv('clearances.csv', [
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
  'T1,arrest,2011-10-20,P1,,西宁,J-1',
  'T2,surrender,2011-11-02,P2,P1,西宁,J-2',
  'T3,arrest,2011-09-30,P1,,西宁,J-3', // before launch: T3 is not in the baseline
  'R1,arrest,2011-11-15,P2,,西宁,J-4', // remote capture for P2
]);

describe.each(DIALECTS)('campaign store on %s', (dialect) => {
  let store: TestStore;
  const ctx = () => contextFor(store);

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(ctx(), parseFile('units', UNITS));
    await importFugitives(ctx(), parseFile('fugitives', FUGITIVES));
    await importClearances(ctx(), parseFile('clearances', CLEARANCES), { verified: true });
    await createCampaign(ctx(), {
      name: '清网行动',
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
  });
  afterAll(() => store.dispose());

  it('computes the standings from imported files', async () => {
    const s = await standings(ctx(), { asOf: '2011-12-01' });
    expect(s).toMatchObject({ campaign: '清网行动', asOf: '2011-12-01', target: 0.5 });
    expect(s.elapsedShare).toBeCloseTo(45 / 64, 10);
    const byCode = new Map(s.units.map((u) => [u.code, u]));
    expect(byCode.get('P1')).toMatchObject({
      parent: 'S1',
      depth: 2,
      baseline: 2,
      cleared: 2,
      declineRate: 1,
      activeNow: 0,
      captures: { local: 1, remote: 0 },
    });
    expect(byCode.get('P2')).toMatchObject({
      baseline: 1,
      cleared: 0,
      captures: { local: 1, remote: 1 },
      rank: 2,
    });
    expect(byCode.get('B')).toMatchObject({ baseline: 3, cleared: 2, captures: { local: 2, remote: 1 } });
  });

  it('skips rows already registered when the same files are imported again', async () => {
    expect(await importUnits(ctx(), parseFile('units', UNITS))).toEqual({
      rows: 4,
      inserted: 0,
      unchanged: 4,
    });
    expect(await importFugitives(ctx(), parseFile('fugitives', FUGITIVES))).toEqual({
      rows: 5,
      inserted: 0,
      unchanged: 5,
    });
    expect(await importClearances(ctx(), parseFile('clearances', CLEARANCES), { verified: true })).toEqual({
      rows: 4,
      inserted: 0,
      unchanged: 4,
    });
  });

  it('refuses a file with bad rows as a whole, naming every bad row and field', async () => {
    const before = await store.db
      .selectFrom('fugitives')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const bad = csv(`bad-${dialect}.csv`, [
      'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
      'N1,好人,,,,theft,盗窃,,P1,2010-01-01,,', // fine, but must not be imported
      'N2,错号,,,110105194912310021,theft,盗窃,,P1,2010-01-01,,',
      'N3,坏日期,,,,theft,盗窃,,P1,2010-02-30,,',
      'N4,无类别,,,,piracy,海盗,,P1,2010-01-01,,',
      'N1,重复,,,,theft,盗窃,,P1,2010-01-01,,',
      'T1,张三,M,1949-12-31,,homicide,故意杀人,A1,P2,2005-03-01,1,50000', // registered with another agency
      'N5,未来,,,,theft,盗窃,,P1,2030-01-01,,',
    ]);
    const error = await importFugitives(ctx(), parseFile('fugitives', bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).errors.map(formatRowError)).toEqual([
      'row 3, field id_number: check digit is 1, expected X',
      'row 4, field listed_on: must be a real date such as 2011-10-17, 2011/10/17 or 2011年10月17日',
      'row 5, field crime_category: must be one of 故意杀人, 杀人, 抢劫, 强奸, 绑架, 放火, 毒品, 诈骗, 盗窃, 故意伤害, 伤害, 其他, homicide, robbery, rape, kidnapping, arson, drugs, fraud, theft, assault, other',
      'row 6, field listing_no: duplicate listing number N1 (first on row 2)',
      'row 7, field listing_agency: listing T1 is already registered with a different listing_agency',
      'row 8, field listed_on: is in the future (2030-01-01)',
    ]);
    const after = await store.db
      .selectFrom('fugitives')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses clearances dated before the listing, in the future, or for unknown people', async () => {
    const bad = csv(`bad-clearances-${dialect}.csv`, [
      'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
      'T4,arrest,2007-01-01,P2,,,', // T4 was listed 2008-08-08
      'T4,death,2012-01-01,,,,死亡证明-1', // after "now" (2011-12-01); a death names its record (issue 11)
      'X9,arrest,2011-11-01,P2,,,',
      'T4,surrender,2011-11-01,P2,NOPE,,',
      'T4,arrest,2011-11-01,,,,',
    ]);
    const error = (await importClearances(ctx(), parseFile('clearances', bad), { verified: false }).catch(
      (e: unknown) => e,
    )) as ImportRejected;
    expect(error.errors.map(formatRowError)).toEqual([
      'row 2, field occurred_on: is before the listing date 2008-08-08',
      'row 3, field occurred_on: is in the future (2012-01-01)',
      'row 4, field listing_no: unknown listing X9',
      'row 5, field persuading_unit: unknown unit NOPE',
      'row 6, field capturing_unit: is required for arrest',
    ]);
    expect(
      await store.db.selectFrom('clearances').select('id').where('status', '=', 'pending').execute(),
    ).toEqual([]);
  });

  it('counts only verified clearances; pending claims change nothing', async () => {
    const pending = csv(`pending-${dialect}.csv`, [
      'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
      'T4,arrest,2011-11-20,P2,,西宁,J-9',
    ]);
    await importClearances(ctx(), parseFile('clearances', pending), { verified: false });
    const p2 = (await standings(ctx(), { asOf: '2011-12-01' })).units.find((u) => u.code === 'P2');
    expect(p2).toMatchObject({ cleared: 0, captures: { local: 1, remote: 1 } });
  });

  it('counts the standing verified claim, not a rejected one or one held as a conflict', async () => {
    const t4 = await store.db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', '=', 'T4')
      .executeTakeFirstOrThrow();
    const base = {
      fugitive_id: t4.id,
      capturing_agency: null,
      persuading_unit_id: null,
      place: null,
      evidence_ref: 'J-10',
      provenance: 'entry',
      claimed_by: 'test',
      entered_at: '2011-12-01T00:00:00.000Z',
      decided_by: 'inspector',
      decided_at: '2011-12-01T00:00:00.000Z',
      decision_reason: null,
      claim_unit_id: null,
      reason_code: null,
      reason_text: null,
      approved_by: null,
      approved_at: null,
      supersedes_id: null,
    };
    const p2 = await store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'P2')
      .executeTakeFirstOrThrow();
    // The pending claim of the test before is turned down first: only one claim stands at a time.
    await store.db
      .updateTable('clearances')
      .set({ status: 'rejected' })
      .where('fugitive_id', '=', t4.id)
      .execute();
    await insertClearances(store.db, [
      { ...base, kind: 'arrest', occurred_on: '2011-11-05', capturing_unit_id: p2.id, status: 'rejected' },
      { ...base, kind: 'death', occurred_on: '2011-11-19', capturing_unit_id: null, status: 'conflict' },
      { ...base, kind: 'arrest', occurred_on: '2011-11-21', capturing_unit_id: p2.id, status: 'verified' },
    ]);
    await refreshExits(store.db, [t4.id]);
    const before = (await standings(ctx(), { asOf: '2011-11-20' })).units.find((u) => u.code === 'P2');
    expect(before).toMatchObject({ cleared: 0, captures: { local: 1, remote: 1 } }); // the rejected arrest is ignored
    const after = (await standings(ctx(), { asOf: '2011-12-01' })).units.find((u) => u.code === 'P2');
    expect(after).toMatchObject({ cleared: 1, captures: { local: 2, remote: 1 } }); // the arrest of 21 November
  });

  it('names missing columns and malformed files instead of importing them', async () => {
    const noColumn = csv('no-column.csv', ['code,name', 'X,x']);
    await expect(importUnits(ctx(), parseFile('units', noColumn))).rejects.toThrow(
      'row 1: missing column kind',
    );
    const broken = csv('broken.csv', [
      'code,name,kind,parent_code',
      'X,"unclosed,station,B',
      'Y,y,station,B',
    ]);
    await expect(importUnits(ctx(), parseFile('units', broken))).rejects.toThrow(/row \d+: .*quote/i);
    await expect(importUnits(ctx(), parseFile('units', join(dir, 'missing.csv')))).rejects.toThrow(
      `no such file ${join(dir, 'missing.csv')}`,
    );
    expect(
      await store.db.selectFrom('units').select('code').where('code', 'in', ['X', 'Y']).execute(),
    ).toEqual([]);
  });

  it('records every import in an audit chain that verifies, and detects an edited event', async () => {
    const check = await verifyAuditChain(store.db);
    expect(check).toMatchObject({ ok: true });
    const events = await store.db
      .selectFrom('audit_events')
      .select(['seq', 'action'])
      .orderBy('seq')
      .execute();
    expect(events.slice(0, 4).map((e) => e.action)).toEqual([
      'units.import',
      'fugitives.import',
      'clearances.import',
      'campaign.create',
    ]);
    await store.db
      .updateTable('audit_events')
      .set({ after_json: '{"rows":99}' })
      .where('seq', '=', 2)
      .execute();
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
