// A withdrawn listing (entered by mistake) leaves the other areas too, on SQLite and PostgreSQL:
// the four ones' compliance and case gaps (and so the bulletin's table), the leaders' owned cases,
// the reminders, the integrity rules' listings; and nothing more is done on it (no four ones, no
// case owner, no staff-entered tip, no tip linked to it at triage). Each is seen before the
// withdrawal and gone after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, parseRoles } from '../src/areas/accounts/rules.ts';
import { addUser } from '../src/areas/accounts/service.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { importClearances, listClaims, rejectClaim } from '../src/areas/clearances/service.ts';
import { compliance, updateFourOnes } from '../src/areas/four-ones/service.ts';
import { findAnomalies } from '../src/areas/integrity/service.ts';
import { assignCaseOwner, leaderPage, listLeaders } from '../src/areas/leaders/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { askWithdrawal, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { triageTip } from '../src/areas/publicity/service.ts';
import { refreshNotifications } from '../src/areas/reminders/service.ts';
import { enterTip } from '../src/areas/staff-tips/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const csv = csvFileWriter('qingwang-withdrawn-elsewhere-');
const id = (first17: string) => first17 + idCheckCharacter(first17);
const SAME = id('63010219700101002');

const UNITS = csv([
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'P1,城中派出所,station,B',
  'P2,城东派出所,station,B',
]);
const FUGITIVES = csv([
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  // H1 is withdrawn; H2, a homicide of the same unit, stays beside it.
  `H1,张三,,,${id('63010219800101001')},homicide,故意杀人,A1,P1,2005-03-01,0,`,
  'H2,李四,,,,homicide,故意杀人,A2,P1,2006-03-01,0,',
  // C1 is cleared on 2011-11-02; R1, the same person listed again three days later, is withdrawn.
  `C1,王五,,,${SAME},theft,盗窃,,P1,2005-01-01,0,`,
  `R1,王五,,,${SAME},theft,盗窃,,P1,2011-11-05,0,`,
]);
const VERIFIED = csv([
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
  'C1,arrest,2011-11-02,P1,,西宁,J-1',
]);
const PENDING = csv([
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
  'H1,arrest,2011-11-03,P1,,西宁,J-2',
]);
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const NOW = new Date('2011-11-10T04:00:00Z');
const TIP = { channel: 'telephone' as const, receivedAt: NOW.toISOString(), seen: '在城东见过' };

describe.each(DIALECTS)('a withdrawn listing in the other areas on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;
  const as: Record<string, Context> = {};

  const complianceOf = async () => {
    const out = await compliance(ctx, {});
    return {
      p1: out.units.find((u) => u.code === 'P1')!.fugitives,
      lacking: out.nonCompliant.items.map((i) => i.listingNo).sort(),
    };
  };
  const ownedOf = async () => ({
    counts: (await listLeaders(ctx)).leaders.find((l) => l.username === 'lead-p1')!.ownedCases,
    cases: (await leaderPage(ctx, 'lead-p1')).cases.map((c) => c.listingNo).sort(),
  });
  const reminded = async () =>
    (await refreshNotifications(ctx)).reminders
      .filter((r) => r.kind === 'claim_rejected' || r.kind === 'four_ones_gap')
      .map((r) => `${r.kind} ${String(r.params.listingNo)}`)
      .sort();
  const relisted = async () =>
    (await findAnomalies(ctx))
      .filter((a) => a.rule === 'relisted-after-clearance')
      .map((a) => `${a.listingNo} ${String(a.facts.newListingNo)}`);

  let tipOnH1: number; // a tip received about H1 before its withdrawal
  let before: {
    compliance: Awaited<ReturnType<typeof complianceOf>>;
    owned: Awaited<ReturnType<typeof ownedOf>>;
    reminded: string[];
    relisted: string[];
  };

  beforeAll(async () => {
    store = await freshStore(dialect);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    await createCampaign(contextFor(store, new Date('2011-10-01T04:00:00Z')), TERMS);
    await standings(ctx, { asOf: '2011-11-10' });
    for (const [username, unitCode, role] of [
      ['lead-p1', 'P1', 'leader'],
      ['officer-p1', 'P1', 'officer'],
      ['inspector-p2', 'P2', 'inspector'],
    ] as const) {
      const row = await addUser(ctx, {
        username,
        displayName: username,
        unitCode,
        roles: [role],
        password: 'a-long-password-1',
      });
      const user: Actor = {
        id: row.id,
        username,
        displayName: username,
        unitId: row.unit_id,
        roles: parseRoles(row.roles),
      };
      as[username] = {
        ...ctx,
        actor: username,
        user,
        scope: { all: false, unitIds: new Set([row.unit_id]) },
      };
    }
    await importClearances(ctx, parseFile('clearances', VERIFIED), { verified: true });
    // The officer's claim on H1 is turned down by an inspector: the claimant is reminded of it.
    await importClearances(as['officer-p1']!, parseFile('clearances', PENDING), { verified: false });
    const claim = (await listClaims(ctx, { listingNo: 'H1', page: 1, pageSize: 10 })).items[0]!;
    await rejectClaim(as['inspector-p2']!, claim.id, '无拘留证');
    for (const listingNo of ['H1', 'H2']) await assignCaseOwner(as['lead-p1']!, listingNo, 'lead-p1');
    tipOnH1 = (await enterTip(as['officer-p1']!, { ...TIP, listingNo: 'H1' })).id;

    before = {
      compliance: await complianceOf(),
      owned: await ownedOf(),
      reminded: await reminded(),
      relisted: await relisted(),
    };
    for (const listingNo of ['H1', 'R1']) {
      await askWithdrawal(as['officer-p1']!, listingNo, { reason: '误录' });
      await decideWithdrawal(ctx, listingNo, { approve: true });
    }
  });
  afterAll(() => store.dispose());

  it('leaves the four ones: no longer counted or listed as lacking, and its record is not kept', async () => {
    expect(before.compliance).toEqual({ p1: 2, lacking: ['H1', 'H2'] });
    expect(await complianceOf()).toEqual({ p1: 1, lacking: ['H2'] });
    await expect(
      updateFourOnes(as['officer-p1']!, 'H1', { version: 0, dossier: {}, planText: '抓捕方案', team: [] }),
    ).rejects.toMatchObject({ code: 'listing_withdrawn', params: { listingNo: 'H1' } });
  });

  it("leaves a leader's owned cases, counted and listed, and cannot be owned again", async () => {
    expect(before.owned).toEqual({ counts: { active: 2, cleared: 0 }, cases: ['H1', 'H2'] });
    expect(await ownedOf()).toEqual({ counts: { active: 1, cleared: 0 }, cases: ['H2'] });
    await expect(assignCaseOwner(as['lead-p1']!, 'H1', 'lead-p1')).rejects.toMatchObject({
      code: 'listing_withdrawn',
    });
  });

  it('is reminded about no more: neither its rejected claim nor its case gaps', async () => {
    expect(before.reminded).toEqual(['claim_rejected H1', 'four_ones_gap H1', 'four_ones_gap H2']);
    expect(await reminded()).toEqual(['four_ones_gap H2']);
  });

  it('is not a person listed again after a clearance for the integrity rules', async () => {
    expect(before.relisted).toEqual(['C1 R1']);
    expect(await relisted()).toEqual([]);
  });

  it('takes no staff-entered tip, and no new tip is linked to it at triage', async () => {
    await expect(enterTip(as['officer-p1']!, { ...TIP, listingNo: 'H1' })).rejects.toMatchObject({
      code: 'listing_withdrawn',
      params: { listingNo: 'H1' },
    });
    // A tip received about it before is triaged as usual, its link kept.
    await expect(
      triageTip(as['officer-p1']!, tipOnH1, { triage: 'not_credible', listingNo: 'H1' }),
    ).resolves.toMatchObject({ id: tipOnH1 });
    const { id } = await enterTip(as['officer-p1']!, TIP);
    await expect(
      triageTip(as['officer-p1']!, id, { triage: 'credible', listingNo: 'H1' }),
    ).rejects.toMatchObject({ code: 'listing_withdrawn', params: { listingNo: 'H1' } });
    await expect(
      triageTip(as['officer-p1']!, id, { triage: 'credible', listingNo: 'H2' }),
    ).resolves.toMatchObject({ id });
  });
});
