// Issue 11, part B, on both dialects: each unit's own target from its letter (imported from the
// signed paper originals), evidence and approvals of imported clearances, a cancellation belonging
// to the listing unit, and the review items of the weekly round.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userByName } from '../src/areas/accounts/repo.ts';
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { addUser, toActor } from '../src/areas/accounts/service.ts';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { claimFacts } from '../src/areas/integrity/repo.ts';
import { setLiaisonUnits } from '../src/areas/leaders/service.ts';
import { importLetters, listLetters } from '../src/areas/letters/service.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { closeReview, listReviews, runReviewRound } from '../src/areas/reviews/service.ts';
import { continueCampaign, previewSanctions } from '../src/areas/sanctions/service.ts';
import { noticeProposals } from '../src/areas/supervision/service.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { DomainError, ImportRejected, formatRowError } from '../src/shared/errors.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-targets-'));
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// B → S1 → P1, P2; B → D → Q. P1 lists 10 persons, P2 4, Q 2, all before the baseline date.
const UNITS = csv('units.csv', [
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'S1,城中分局,sub_bureau,B',
  'P1,城中派出所,station,S1',
  'P2,城东派出所,station,S1',
  'D,刑警支队,detachment,B',
  'Q,一大队,squad,D',
]);
const FUGITIVES = csv('fugitives.csv', [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  ...range(10).map((i) => `F${i},甲${i},M,1980-01-0${(i % 9) + 1},,theft,盗窃,,P1,2010-01-01,0,`),
  ...range(4).map((i) => `G${i},乙${i},M,1981-01-0${i},,fraud,诈骗,,P2,2010-01-01,0,`),
  ...range(2).map((i) => `H${i},丙${i},M,1982-01-0${i},,robbery,抢劫,,Q,2010-01-01,0,`),
]);
// P1 clears 6 of 10 (0.6); P2 none, its one cancellation imported with no capturing unit; Q 1 of 2.
const CLEARANCES = csv('clearances.csv', [
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref,reason',
  ...range(6).map((i) => `F${i},arrest,2011-10-2${i},P1,,西宁,J-${i},`),
  'G1,cancellation,2011-11-20,,,,,no_prosecution',
  'H1,arrest,2011-11-02,Q,,西宁,J-9,',
]);

describe.each(DIALECTS)('targets, evidence and reviews on %s', (dialect) => {
  let store: TestStore;
  const ctx = (now?: Date) => contextFor(store, now);
  const campaign = '2011清网行动';
  async function as(username: string): Promise<Context> {
    const user = toActor((await userByName(store.db, username))!);
    return { ...ctx(), actor: username, user, scope: EVERYTHING };
  }
  const unitsOf = async () => new Map((await standings(ctx(), { campaign })).units.map((u) => [u.code, u]));

  beforeAll(async () => {
    store = await freshStore(dialect);
    await importUnits(ctx(), parseFile('units', UNITS));
    await importFugitives(ctx(), parseFile('fugitives', FUGITIVES));
    await importClearances(ctx(), parseFile('clearances', CLEARANCES), { verified: true });
    await createCampaign(ctx(), {
      name: campaign,
      baselineOn: '2011-10-16',
      startOn: '2011-10-17',
      deadlineOn: '2011-12-20',
    });
    const password = 'correct horse battery';
    await addUser(ctx(), {
      username: 'wang.fang',
      displayName: '王芳',
      unitCode: 'S1',
      roles: ['leader'],
      password,
    });
    await addUser(ctx(), {
      username: 'li.wei',
      displayName: '李伟',
      unitCode: 'B',
      roles: ['leader'],
      password,
    });
    await addUser(ctx(), {
      username: 'chief',
      displayName: '局长',
      unitCode: 'B',
      roles: ['commander'],
      password,
    });
    await setLiaisonUnits(ctx(), 'li.wei', ['P2']);
  });
  afterAll(() => store.dispose());

  it("holds every unit to the campaign's target until a letter says otherwise", async () => {
    const s = await unitsOf();
    // 45 of 64 days gone: the line stands at 0.5 × 0.703 = 0.352.
    expect(s.get('P1')).toMatchObject({ target: 0.5, declineRate: 0.6, onTrack: true });
    const proposals = await noticeProposals(ctx(), campaign);
    expect(proposals.proposals.find((p) => p.code === 'P1')).toMatchObject({ grounds: 'target_reached' });
    expect((await previewSanctions(ctx(), campaign, 'deadline')).items.map((i) => i.unit.code)).not.toContain(
      'P1',
    );
  });

  it('refuses a letters file with any bad row, naming each, and imports nothing', async () => {
    const bad = csv(`bad-letters-${dialect}.csv`, [
      'unit,target,signed_by,signed_on',
      'NOPE,0.6,张伟,2011-10-20',
      'P2,1.5,张伟,2011-10-20',
      'Q,0.6,张伟,2011-12-02', // the day after "now"
      'P2,0.6,,2011-10-20',
      'P1,0.8,张伟,2011-10-20',
      'P1,0.7,张伟,2011-10-20',
    ]);
    const error = (await importLetters(ctx(), campaign, parseFile('letters', bad)).catch(
      (e: unknown) => e,
    )) as ImportRejected;
    expect(error).toBeInstanceOf(ImportRejected);
    expect(error.errors.map(formatRowError)).toEqual([
      'row 2, field unit: unknown unit NOPE',
      'row 3, field target: must be a decline rate above 0 and at most 1, e.g. 0.6 or 60%',
      'row 4, field signed_on: is in the future (2011-12-02)',
      'row 5, field signed_by: is required',
      'row 7, field unit: unit P1 appears twice in the file',
    ]);
    expect((await listLetters(ctx(), campaign)).letters).toEqual([]);
  }, 120_000);

  it('imports letters from their paper originals, with Chinese headers, once', async () => {
    const file = csv(`letters-${dialect}.csv`, ['单位,目标,签订人,签订日期', 'P1,90%,张伟,2011-10-20']);
    expect(await importLetters(ctx(), campaign, parseFile('letters', file))).toEqual({
      rows: 1,
      inserted: 1,
      unchanged: 0,
    });
    expect(await importLetters(ctx(), campaign, parseFile('letters', file))).toEqual({
      rows: 1,
      inserted: 0,
      unchanged: 1,
    });
    const [letter] = (await listLetters(ctx(), campaign)).letters;
    expect(letter).toMatchObject({
      unit: { code: 'P1' },
      target: 0.9,
      baseline: 10, // the unit's baseline as the letter's signing date shows it
      signer: { username: null, displayName: '张伟' },
      signedOn: '2011-10-20',
      provenance: 'import',
    });
    const different = csv(`letters-again-${dialect}.csv`, [
      'unit,target,signed_by,signed_on',
      'P1,0.8,张伟,2011-10-20',
    ]);
    const error = (await importLetters(ctx(), campaign, parseFile('letters', different)).catch(
      (e: unknown) => e,
    )) as ImportRejected;
    expect(error.errors.map(formatRowError)).toEqual([
      `row 2, field unit: unit P1 has already signed its letter for ${campaign} (target 0.9, signed on 2011-10-20)`,
    ]);
  }, 120_000);

  it("judges a unit against its letter's target: on-track, proposals and sanctions", async () => {
    const s = await unitsOf();
    // Signed for 90%: the line stands at 0.9 × 0.703 = 0.633 > 0.6.
    expect(s.get('P1')).toMatchObject({ target: 0.9, declineRate: 0.6, onTrack: false });
    expect(s.get('S1')).toMatchObject({ target: 0.5, onTrack: true }); // the letter is P1's alone
    // Before its signing date the letter is not in force yet.
    expect(
      (await standings(ctx(), { campaign, asOf: '2011-10-19' })).units.find((u) => u.code === 'P1')!.target,
    ).toBe(0.5);

    const proposals = (await noticeProposals(ctx(), campaign)).proposals;
    expect(proposals.find((p) => p.code === 'P1')).toMatchObject({ kind: 'criticism', grounds: 'lagging' });
    const sanctions = (await previewSanctions(ctx(), campaign, 'deadline')).items.filter(
      (i) => i.unit.code === 'P1',
    );
    expect(sanctions.map((i) => i.measure)).toEqual([
      'award_ineligible',
      'assessment_deduction',
      'admonishment_talk',
      'self_examination',
      'task_carry_over',
    ]);
    expect(sanctions.find((i) => i.measure === 'task_carry_over')?.carriedOver).toBe(3); // 9 of 10, 6 done
  });

  it('refuses imported cancellations without a reason and deaths without their record', async () => {
    const bad = csv(`bad-clearances-${dialect}.csv`, [
      'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref,reason',
      'G2,cancellation,2011-11-20,,,,,',
      'G3,death,2011-11-20,,,,,',
      'G4,arrest,2011-11-20,P2,,,J-10,warrant_withdrawn',
    ]);
    const error = (await importClearances(ctx(), parseFile('clearances', bad), { verified: false }).catch(
      (e: unknown) => e,
    )) as ImportRejected;
    expect(error.errors.map(formatRowError)).toEqual([
      'row 2, field reason: is required for a cancellation',
      "row 3, field evidence_ref: is required for a death: the death record's number",
      'row 4, field reason: is only for cancellations',
    ]);
  }, 120_000);

  it('gives an imported cancellation with no capturing unit to the unit that listed the person', async () => {
    const { id } = await store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const g1 = (await claimFacts(store.db, id)).find((c) => c.listingNo === 'G1')!;
    expect(g1).toMatchObject({
      kind: 'cancellation',
      claimUnitCode: null,
      capturingUnitCode: null,
      unitCode: 'P2',
    });
    const row = await store.db
      .selectFrom('clearances')
      .select(['reason_code', 'reason_text'])
      .where('kind', '=', 'cancellation')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reason_code: 'no_prosecution', reason_text: null });
    expect((await unitsOf()).get('P2')).toMatchObject({ cancellations: 1, cleared: 0 });
  });

  it('raises a review a week for lagging and zero-result units, owned by the liaison leader or the nearest above', async () => {
    expect(await runReviewRound(ctx(), campaign)).toEqual({
      campaign,
      asOf: '2011-12-01',
      weekOf: '2011-11-28',
      due: 2,
      created: 2,
    });
    const { items } = await listReviews(ctx(), campaign);
    expect(items.map((r) => [r.unit.code, r.grounds, r.owner, r.dueOn, r.target, r.status])).toEqual([
      ['P1', 'lagging', 'wang.fang', '2011-12-08', 0.9, 'open'], // no liaison leader: its sub-bureau's leader
      ['P2', 'zero_result', 'li.wei', '2011-12-08', 0.5, 'open'], // li.wei has P2 as a liaison unit
    ]);
    // On demand again the same week, or a week later while they are still open: nothing new.
    expect((await runReviewRound(ctx(), campaign)).created).toBe(0);
    expect((await runReviewRound(ctx(new Date('2011-12-08T04:00:00Z')), campaign)).created).toBe(0);
  });

  it('closes a review with the reasons and the catch-up plan, by its owner or a commander only', async () => {
    const p1 = (await listReviews(ctx(), campaign)).items.find((r) => r.unit.code === 'P1')!;
    const input = { reasons: '专班人手不足，三条线索未落实', catchUpPlan: '抽调5人，12月10日前落实全部线索' };
    await expect(closeReview(await as('li.wei'), p1.id, input)).rejects.toMatchObject({
      code: 'not_review_owner',
    });
    const empty = await closeReview(await as('wang.fang'), p1.id, { ...input, catchUpPlan: '' }).catch(
      (e: unknown) => e,
    );
    expect(empty).toBeInstanceOf(DomainError);
    expect(empty).toMatchObject({ field: 'catchUpPlan' });
    const closed = await closeReview(await as('wang.fang'), p1.id, input);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'wang.fang', catchUpPlan: input.catchUpPlan });
    await expect(closeReview(await as('chief'), p1.id, input)).rejects.toMatchObject({
      code: 'review_closed',
    });
    // Closed, P1 is reviewed again in a later week if it still lags; P2's review is still open.
    const nextWeek = await runReviewRound(ctx(new Date('2011-12-08T04:00:00Z')), campaign);
    expect(nextWeek).toMatchObject({ weekOf: '2011-12-05', due: 2, created: 1 });
  });

  it('holds no review round outside the campaign, and keeps the audit chain whole', async () => {
    await expect(runReviewRound(ctx(new Date('2011-12-25T04:00:00Z')), campaign)).rejects.toMatchObject({
      code: 'not_under_way',
    });
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it("carries the unfinished units' still-active baseline persons over into next year's campaign", async () => {
    const input = { from: campaign, name: '2012清网行动', startOn: '2012-01-10', deadlineOn: '2012-06-30' };
    await expect(continueCampaign(ctx(new Date('2011-12-25T04:00:00Z')), input)).rejects.toMatchObject({
      code: 'too_early',
    });
    const result = await continueCampaign(ctx(new Date('2012-01-05T04:00:00Z')), input);
    // At the year end S1 (6 of 14), P1 (6 of 10 against its letter's 90%) and P2 (0 of 4) are below
    // their targets; D and Q (1 of 2, at 50%) are not. S1's subtree still has F7–F10 of P1 and
    // G2–G4 of P2 on the list (G1's warrant was withdrawn).
    expect(result).toMatchObject({
      campaign: '2012清网行动',
      from: campaign,
      units: ['S1', 'P1', 'P2'],
      persons: 7,
    });
    expect(result.baselineDigest).toMatch(/^[0-9a-f]{64}$/);
    const next = await standings(ctx(new Date('2012-01-20T04:00:00Z')), { campaign: '2012清网行动' });
    const byCode = new Map(next.units.map((u) => [u.code, u]));
    expect(next.provisional).toBe(false);
    expect([byCode.get('P1')!.baseline, byCode.get('P2')!.baseline, byCode.get('Q')!.baseline]).toEqual([
      4, 3, 0,
    ]);
    expect(byCode.get('B')!.target).toBe(0.5); // the earlier campaign's target; letters are signed anew
  });
});
