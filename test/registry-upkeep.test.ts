// Upkeep of single listings (issue 14): corrections with a reason, checked as import rows are,
// audited with the old values, followed by the figures but never by a frozen baseline; on SQLite
// and PostgreSQL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../src/areas/accounts/rules.ts';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { figuresVersion } from '../src/areas/campaigns/repo.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { deepCheck, sealFacts } from '../src/areas/integrity/deep-check.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { fugitiveDetail, importFugitives } from '../src/areas/registry/service.ts';
import { correctFugitive, enterFugitive } from '../src/areas/registry/upkeep.ts';
import { listMatches } from '../src/areas/persons/service.ts';
import { allUnits } from '../src/areas/units/repo.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';
import { qingwang } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-upkeep-'));
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const id = (first17: string) => first17 + idCheckCharacter(first17);
const X = id('63010219800101001');
const Y = id('63010219750505002');

const UNITS = csv('units.csv', [
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'P1,城中派出所,station,B',
  'P2,城东派出所,station,B',
]);
const FUGITIVES = csv('fugitives.csv', [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  `U1,张三,,,${X},theft,盗窃,A1,P1,2005-03-01,0,`,
  `U2,李四,,,${Y},theft,盗窃,A2,P1,2006-01-01,0,`,
  `U3,李四,,,${Y},fraud,诈骗,A3,P2,2007-01-01,0,`,
  'U4,王五,,,,theft,盗窃,,P1,2007-01-01,0,',
  'R1,赵六,,,,drugs,贩毒,,兰州市公安局,2007-01-01,0,',
]);
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const NOW = new Date('2011-11-10T04:00:00Z');
const AS_OF = '2011-11-10';

describe.each(DIALECTS)('corrections of listings on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;
  /** A context that sees only one unit, as its officers do. */
  let unitCtx: (code: string) => Promise<Context>;

  beforeAll(async () => {
    store = await freshStore(dialect, dialect === 'sqlite' ? join(dir, 'upkeep.db') : undefined);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    await createCampaign(contextFor(store, new Date('2011-10-01T04:00:00Z')), TERMS);
    await standings(ctx, { asOf: AS_OF }); // the first request after launch freezes the baseline
    unitCtx = async (code) => {
      const unit = (await allUnits(store.db)).find((u) => u.code === code)!;
      const scope: Scope = { all: false, unitIds: new Set([unit.id]) };
      return { ...ctx, actor: `officer-${code}`, scope };
    };
  });
  afterAll(() => store.dispose());

  const unitFigures = async (code: string) =>
    (await standings(ctx, { asOf: AS_OF })).units.find((u) => u.code === code)!;

  it('corrects a name with a reason, shows old and new on the case, and leaves the figures alone', async () => {
    const version = await figuresVersion(store.db);
    const out = await correctFugitive(await unitCtx('P1'), 'U1', {
      changes: { name: '张叁', caseNo: '' },
      reason: '录入时错字',
    });
    expect(out).toMatchObject({
      listingNo: 'U1',
      by: 'officer-P1',
      reason: '录入时错字',
      changes: [
        { field: 'name', from: '张三', to: '张叁' },
        { field: 'caseNo', from: 'A1', to: null },
      ],
      figuresChanged: false,
      frozenBaselines: [],
    });
    expect(await figuresVersion(store.db)).toBe(version);
    const detail = await fugitiveDetail(ctx, 'U1');
    expect(detail).toMatchObject({ name: '张叁', caseNo: null });
    expect(detail.timeline.at(-1)).toMatchObject({
      actor: 'officer-P1',
      action: 'fugitive.correct',
      detail: { reason: '录入时错字', changes: out.changes },
    });
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  });

  it("moves the figures with a corrected unit, but keeps the frozen baseline's unit", async () => {
    const [p1, p2] = [await unitFigures('P1'), await unitFigures('P2')];
    const version = await figuresVersion(store.db);
    const out = await correctFugitive(ctx, 'U4', {
      changes: { listingAgency: '城东派出所' }, // a unit's exact name stands for its code
      reason: '上网单位录错',
    });
    expect(out).toMatchObject({
      changes: [{ field: 'listingAgency', from: 'P1', to: 'P2' }],
      figuresChanged: true,
      frozenBaselines: [{ campaign: TERMS.name, unit: { code: 'P1', name: '城中派出所' } }],
    });
    expect(await figuresVersion(store.db)).not.toBe(version);
    const [q1, q2] = [await unitFigures('P1'), await unitFigures('P2')];
    // Still at large: the person now counts as P2's, but stays in P1's frozen baseline.
    expect([q1.activeNow, q2.activeNow]).toEqual([p1.activeNow - 1, p2.activeNow + 1]);
    expect([q1.baseline, q2.baseline]).toEqual([p1.baseline, p2.baseline]);
    expect((await fugitiveDetail(ctx, 'U4')).listingUnit).toEqual({ code: 'P2', name: '城东派出所' });
  });

  it('checks the corrected values as an import row, and names the field as the API does', async () => {
    const refused = (changes: Record<string, string>) =>
      correctFugitive(ctx, 'U1', { changes, reason: '更正' });
    await expect(refused({ idNumber: X.slice(0, 17) + (X.endsWith('1') ? '2' : '1') })).rejects.toMatchObject(
      {
        code: 'id_check_digit',
        field: 'idNumber',
      },
    );
    await expect(refused({ crimeCategory: '海盗' })).rejects.toMatchObject({
      code: 'not_one_of',
      field: 'crimeCategory',
    });
    await expect(refused({ listedOn: '2011-12-01' })).rejects.toMatchObject({
      code: 'in_future',
      field: 'listedOn',
    });
    await expect(refused({ listingAgency: 'P9' })).rejects.toMatchObject({
      code: 'unknown_unit_or_agency',
      field: 'listingAgency',
    });
    await expect(refused({ name: '张叁' })).rejects.toMatchObject({ code: 'no_change' });
    await expect(correctFugitive(ctx, 'U1', { changes: { name: '张' }, reason: ' ' })).rejects.toThrow();
    // Chinese values are read as the import reads them.
    const out = await correctFugitive(ctx, 'U1', {
      changes: { crimeCategory: '故意杀人', listedOn: '2005年3月2日' },
      reason: '案件类别与上网日期更正',
    });
    expect(out.changes).toEqual([
      { field: 'crimeCategory', from: 'theft', to: 'homicide' },
      { field: 'listedOn', from: '2005-03-01', to: '2005-03-02' },
    ]);
  });

  it("refuses a listing outside the caller's units, a remote one below the city, and a move out of scope", async () => {
    const p2 = await unitCtx('P2');
    await expect(
      correctFugitive(p2, 'U2', { changes: { name: '李肆' }, reason: '错字' }),
    ).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(
      correctFugitive(p2, 'R1', { changes: { name: '赵陆' }, reason: '错字' }),
    ).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(
      correctFugitive(await unitCtx('P1'), 'U2', { changes: { listingAgency: 'P2' }, reason: '移交' }),
    ).rejects.toMatchObject({ code: 'unit_out_of_scope' });
  });

  it('refuses an ID number that would change who the person is', async () => {
    // U1 taking 李四's number would make two persons one.
    await expect(
      correctFugitive(ctx, 'U1', { changes: { idNumber: Y }, reason: '更正' }),
    ).rejects.toMatchObject({ code: 'id_number_of_another_listing', params: { listingNo: 'U2' } });
    // U2 and U3 are one person by their shared number: one of them alone cannot change it.
    await expect(
      correctFugitive(ctx, 'U2', { changes: { idNumber: '' }, reason: '更正' }),
    ).rejects.toMatchObject({ code: 'id_number_shared_by_person' });
    const out = await correctFugitive(ctx, 'U1', { changes: { idNumber: '', sex: '男' }, reason: '更正' });
    expect(out.changes).toEqual([
      { field: 'sex', from: null, to: 'M' },
      { field: 'idNumber', from: X, to: null },
    ]);
  });

  it('explains a corrected row to the deep check, which names an unaudited change', async () => {
    await sealFacts(ctx);
    await correctFugitive(ctx, 'U4', { changes: { listedOn: '2007-01-02' }, reason: '日期更正' });
    expect(await deepCheck(store.db)).toMatchObject({ ok: true, differences: [] });
    await store.db.updateTable('fugitives').set({ name: '篡改' }).where('listing_no', '=', 'U2').execute();
    const check = await deepCheck(store.db);
    expect(check.ok).toBe(false);
    expect(check.differences).toEqual([expect.objectContaining({ table: 'fugitives', change: 'changed' })]);
  });

  it('suggests a person match when a corrected name, sex or birth date makes two persons look alike', async () => {
    const first = await correctFugitive(ctx, 'R1', {
      changes: { name: '王五', sex: '男', birthDate: '1970-01-01' },
      reason: '身份信息补录',
    });
    expect(first.suggestedMatches).toBe(0); // U4 (王五) has no sex or birth date yet
    const second = await correctFugitive(await unitCtx('P2'), 'U4', {
      changes: { sex: '男', birthDate: '1970年1月1日' },
      reason: '身份信息补录',
    });
    expect(second.suggestedMatches).toBe(1);
    const suggested = (await listMatches(ctx, { status: 'suggested' })).items;
    expect(suggested.map((m) => m.persons.map((p) => p.listings.map((l) => l.listingNo)).sort())).toEqual([
      [['R1'], ['U4']],
    ]);
    // A correction that leaves who the person is alone suggests nothing, nor the same pair twice.
    const again = await correctFugitive(ctx, 'U4', {
      changes: { offence: '扒窃', name: '王五' },
      reason: '案情',
    });
    expect(again.suggestedMatches).toBe(0);
    const renamed = await correctFugitive(ctx, 'R1', { changes: { name: '王伍' }, reason: '错字' });
    const back = await correctFugitive(ctx, 'R1', { changes: { name: '王五' }, reason: '错字' });
    expect([renamed.suggestedMatches, back.suggestedMatches]).toEqual([0, 0]);
  });

  it('corrects from the command line', async () => {
    const out = await qingwang(
      store.url,
      ...['fugitive', 'correct', 'U3', '--reason', '罪名更正', '--crime-category', '抢劫', '--json'],
    );
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      by: 'cli-test',
      changes: [{ field: 'crimeCategory', from: 'fraud', to: 'robbery' }],
    });
    const again = await qingwang(
      store.url,
      'fugitive',
      'correct',
      'U3',
      '--reason',
      '再改',
      '--crime-category',
      '抢劫',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('changes nothing');
  }, 60_000);

  it('enters one new listing for a unit, checked and linked to its person as an import row', async () => {
    const before = await unitFigures('P1');
    const out = await enterFugitive(await unitCtx('P1'), {
      listingNo: 'N1',
      name: '张叁',
      idNumber: X, // U1 had this number until it was corrected away; no other listing bears it now
      crimeCategory: '诈骗',
      offence: '合同诈骗',
      listingAgency: '城中派出所',
      listedOn: '2011年11月1日',
    });
    expect(out).toMatchObject({
      listingNo: 'N1',
      crimeCategory: 'fraud',
      listingUnit: { code: 'P1' },
      listedOn: '2011-11-01',
      published: false,
      status: 'active',
    });
    const after = await unitFigures('P1');
    expect([after.newListings, after.activeNow, after.baseline]).toEqual([
      before.newListings + 1,
      before.activeNow + 1,
      before.baseline,
    ]);
    const detail = await fugitiveDetail(ctx, 'N1');
    expect(detail.timeline.at(-1)).toMatchObject({ actor: 'officer-P1', action: 'fugitive.enter' });
    // A second listing with the same ID number is the same person.
    await enterFugitive(ctx, { ...SECOND, idNumber: X });
    expect((await fugitiveDetail(ctx, 'N2')).personListings.map((l) => l.listingNo)).toEqual(['N1', 'N2']);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  });

  it("refuses a new listing as an import would, and one for a unit not the caller's", async () => {
    await expect(enterFugitive(ctx, { ...SECOND, listingNo: 'N1' })).rejects.toMatchObject({
      code: 'listing_exists',
      field: 'listingNo',
    });
    await expect(enterFugitive(ctx, { ...SECOND, listingNo: 'N3', name: '' })).rejects.toMatchObject({
      code: 'required',
      field: 'name',
    });
    await expect(enterFugitive(ctx, { ...SECOND, listingNo: '' })).rejects.toMatchObject({
      code: 'required',
      field: 'listingNo',
    });
    const p1 = await unitCtx('P1');
    await expect(
      enterFugitive(p1, { ...SECOND, listingNo: 'N3', listingAgency: 'P2' }),
    ).rejects.toMatchObject({
      code: 'unit_out_of_scope',
    });
    await expect(
      enterFugitive(p1, { ...SECOND, listingNo: 'N3', listingAgency: '兰州市公安局' }),
    ).rejects.toMatchObject({ code: 'remote_listing_city_only', field: 'listingAgency' });
    const remote = await enterFugitive(ctx, { ...SECOND, listingNo: 'N3', listingAgency: '兰州市公安局' });
    expect(remote).toMatchObject({ listingUnit: null, listingAgency: '兰州市公安局' });
  });

  it('enters a listing from the command line', async () => {
    const args = [
      ...['fugitive', 'add', '--listing-no', `C-${dialect}`, '--name', '孙八', '--crime-category', '盗窃'],
      ...['--offence', '盗窃', '--listing-agency', 'P2', '--listed-on', '2011/11/02'],
    ];
    const out = await qingwang(store.url, ...args, '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ listingNo: `C-${dialect}`, listingUnit: { code: 'P2' } });
    const again = await qingwang(store.url, ...args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`listing C-${dialect} is already registered`);
  }, 60_000);
});

const SECOND = {
  listingNo: 'N2',
  name: '张叁',
  crimeCategory: 'theft',
  offence: '盗窃',
  listingAgency: 'P1',
  listedOn: '2011-11-02',
};
