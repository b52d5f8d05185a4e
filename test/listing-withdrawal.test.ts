// Withdrawal of a listing entered by mistake (issue 14): its unit asks with a reason, a commander
// approves or refuses; a withdrawn listing drops out of the registry's lists, the roster, the public
// list and the live figures, stays on its case page, and leaves a frozen baseline to a baseline
// correction. On SQLite and PostgreSQL, through the services and over HTTP.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../src/areas/accounts/rules.ts';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { figuresVersion } from '../src/areas/campaigns/repo.ts';
import { correctBaseline, createCampaign, standings } from '../src/areas/campaigns/service.ts';
import { importClearances } from '../src/areas/clearances/service.ts';
import { idCheckCharacter } from '../src/areas/registry/rules.ts';
import { fugitiveDetail, importFugitives, roster, searchRegistry } from '../src/areas/registry/service.ts';
import { askWithdrawal, askedWithdrawals, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { allUnits } from '../src/areas/units/repo.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import type { Context } from '../src/shared/context.ts';
import { type TestApp, startApp } from './support/http.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-withdrawal-'));
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const id = (first17: string) => first17 + idCheckCharacter(first17);

const UNITS = csv('units.csv', [
  'code,name,kind,parent_code',
  'B,西宁市公安局,bureau,',
  'P1,城中派出所,station,B',
  'P2,城东派出所,station,B',
]);
const FUGITIVES = csv('fugitives.csv', [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  `U1,张三,,,${id('63010219800101001')},homicide,故意杀人,A1,P1,2005-03-01,1,`,
  'U2,王五,,,,theft,盗窃,,P1,2007-01-01,0,',
  'U3,赵六,,,,theft,盗窃,,P2,2007-01-01,0,',
  // Listed after launch: a new listing of the campaign.
  'N1,孙七,,,,fraud,诈骗,,P1,2011-11-01,0,',
]);
const CLAIMS = csv('claims.csv', [
  'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
  'U2,arrest,2011-11-02,P1,,西宁,J-1',
]);
const TERMS = { name: '清网行动', baselineOn: '2011-10-16', startOn: '2011-10-17', deadlineOn: '2011-12-20' };
const NOW = new Date('2011-11-10T04:00:00Z');
const AS_OF = '2011-11-10';

describe.each(DIALECTS)('withdrawal of listings on %s', (dialect) => {
  let store: TestStore;
  let ctx: Context;
  let unitCtx: (code: string, actor?: string) => Promise<Context>;
  const commander = (actor = 'commander') => ({ ...ctx, actor });

  beforeAll(async () => {
    store = await freshStore(dialect);
    ctx = contextFor(store, NOW, 'clerk');
    await importUnits(ctx, parseFile('units', UNITS));
    await importFugitives(ctx, parseFile('fugitives', FUGITIVES));
    await createCampaign(contextFor(store, new Date('2011-10-01T04:00:00Z')), TERMS);
    await standings(ctx, { asOf: AS_OF }); // the first request after launch freezes the baseline
    await importClearances(ctx, parseFile('clearances', CLAIMS), { verified: false }); // U2: a claim waits for an inspector
    unitCtx = async (code, actor = `officer-${code}`) => {
      const unit = (await allUnits(store.db)).find((u) => u.code === code)!;
      const scope: Scope = { all: false, unitIds: new Set([unit.id]) };
      return { ...ctx, actor, scope };
    };
  });
  afterAll(() => store.dispose());

  const unitFigures = async (code: string) =>
    (await standings(ctx, { asOf: AS_OF })).units.find((u) => u.code === code)!;
  const listed = async (status?: 'withdrawn') =>
    (await searchRegistry(ctx, { sort: 'listingNo', page: 1, pageSize: 50, status })).items.map(
      (f) => f.listingNo,
    );

  it("refuses a request from another unit's officer, and one without a reason", async () => {
    await expect(askWithdrawal(await unitCtx('P2'), 'U1', { reason: '误录' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    await expect(askWithdrawal(await unitCtx('P1'), 'U1', { reason: ' ' })).rejects.toThrow();
    await expect(askWithdrawal(ctx, 'X9', { reason: '误录' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to withdraw a listing while a clearance claim on it is pending', async () => {
    await expect(askWithdrawal(await unitCtx('P1'), 'U2', { reason: '误录' })).rejects.toMatchObject({
      code: 'withdrawal_claim_stands',
      params: { listingNo: 'U2', status: 'pending' },
    });
  });

  it('asks, then a commander approves: out of the lists and live figures, the frozen baseline kept', async () => {
    const before = await unitFigures('P1');
    const asked = await askWithdrawal(await unitCtx('P1'), 'U1', { reason: '重复录入，实为同一案' });
    expect(asked).toMatchObject({ listingNo: 'U1', status: 'asked', askedBy: 'officer-P1', decidedBy: null });
    // Nothing moves while the request waits; a second request waits behind it.
    expect(await unitFigures('P1')).toMatchObject({ activeNow: before.activeNow });
    await expect(askWithdrawal(ctx, 'U1', { reason: '再次' })).rejects.toMatchObject({
      code: 'withdrawal_pending',
    });
    expect((await askedWithdrawals(ctx)).map((w) => [w.listingNo, w.listingUnit?.code])).toEqual([
      ['U1', 'P1'],
    ]);
    // Who asked does not decide.
    await expect(decideWithdrawal(commander('officer-P1'), 'U1', { approve: true })).rejects.toMatchObject({
      code: 'own_withdrawal',
    });

    const version = await figuresVersion(store.db);
    const out = await decideWithdrawal(commander(), 'U1', { approve: true });
    expect(out).toMatchObject({
      status: 'approved',
      decidedBy: 'commander',
      reason: '重复录入，实为同一案',
      frozenBaselines: [{ campaign: TERMS.name, unit: { code: 'P1' } }],
      otherListings: [],
    });
    expect(await figuresVersion(store.db)).not.toBe(version);
    const after = await unitFigures('P1');
    expect([after.activeNow, after.baseline]).toEqual([before.activeNow - 1, before.baseline]);
    expect(await listed()).not.toContain('U1');
    expect(await listed('withdrawn')).toEqual(['U1']);
    expect((await roster(ctx, {})).map((r) => r.listingNo)).not.toContain('U1');
    expect(await askedWithdrawals(ctx)).toEqual([]);

    // Kept, and shown as withdrawn with who asked, who approved, when and why.
    const detail = await fugitiveDetail(ctx, 'U1');
    expect(detail.status).toBe('withdrawn');
    expect(detail.withdrawals).toEqual([
      expect.objectContaining({
        status: 'approved',
        askedBy: 'officer-P1',
        decidedBy: 'commander',
        decidedAt: NOW.toISOString(),
      }),
    ]);
    expect(detail.timeline.slice(-2).map((e) => [e.action, e.actor])).toEqual([
      ['fugitive.withdrawal-ask', 'officer-P1'],
      ['fugitive.withdrawal-approve', 'commander'],
    ]);
    await expect(askWithdrawal(ctx, 'U1', { reason: '再次' })).rejects.toMatchObject({
      code: 'already_withdrawn',
    });
    // The baseline moves only by a baseline correction, which the answer pointed to.
    await correctBaseline(commander(), TERMS.name, { listingNo: 'U1', reason: '误录，已撤回' });
    expect((await unitFigures('P1')).baseline).toBe(before.baseline - 1);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  });

  it('takes a withdrawn new listing out of the new listings, and refuses claims on it', async () => {
    const before = await unitFigures('P1');
    await askWithdrawal(await unitCtx('P1'), 'N1', { reason: '编号录错' });
    await decideWithdrawal(commander(), 'N1', { approve: true });
    const after = await unitFigures('P1');
    expect([after.newListings, after.activeNow]).toEqual([before.newListings - 1, before.activeNow - 1]);
    await expect(
      importClearances(
        ctx,
        parseFile(
          'clearances',
          csv('late.csv', [
            'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
            'N1,arrest,2011-11-05,P1,,西宁,J-2',
          ]),
        ),
        { verified: false },
      ),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ code: 'listing_withdrawn' })] });
  });

  it('refuses with a reason: the listing stays, and may be asked for again', async () => {
    const before = await unitFigures('P2');
    await askWithdrawal(await unitCtx('P2'), 'U3', { reason: '误录' });
    await expect(decideWithdrawal(commander(), 'U3', { approve: false })).rejects.toMatchObject({
      code: 'refusal_reason_required',
    });
    const out = await decideWithdrawal(commander(), 'U3', { approve: false, reason: '确有在逃事实' });
    expect(out).toMatchObject({ status: 'refused', decisionReason: '确有在逃事实' });
    expect(await unitFigures('P2')).toMatchObject({ activeNow: before.activeNow });
    expect(await listed()).toContain('U3');
    expect((await fugitiveDetail(ctx, 'U3')).timeline.at(-1)).toMatchObject({
      action: 'fugitive.withdrawal-refuse',
      detail: { decisionReason: '确有在逃事实' },
    });
    await expect(decideWithdrawal(commander(), 'U3', { approve: true })).rejects.toMatchObject({
      code: 'no_withdrawal_asked',
    });
    expect(await askWithdrawal(await unitCtx('P2'), 'U3', { reason: '补充材料后再次申请' })).toMatchObject({
      status: 'asked',
    });
  });
});

describe.each(DIALECTS)('withdrawal over HTTP on %s', (dialect) => {
  let app: TestApp;
  let listingNo: string;
  let publishedNo: string;
  beforeAll(async () => {
    app = await startApp(dialect, 120);
    // Two listings of the demo leader's sub-bureau with no claim on them, one of them published.
    const free = (published: number) =>
      app.store.db
        .selectFrom('fugitives as f')
        .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
        .select('f.listing_no')
        .where('u.code', 'like', '630102-%') // the demo leader's sub-bureau
        .where('f.published', '=', published)
        .where('f.exit_on', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('clearances as c').select('c.id').whereRef('c.fugitive_id', '=', 'f.id')),
          ),
        )
        .orderBy('f.listing_no')
        .executeTakeFirst();
    listingNo = (await free(0))!.listing_no;
    publishedNo = (await free(1))!.listing_no;
  }, 120_000);
  afterAll(() => app?.close());

  it("refuses another unit's officer, and a non-commander's decision", async () => {
    const other = await (
      await app.as('officer2')
    ).post(`/api/fugitives/${listingNo}/withdrawal`, {
      reason: '误录',
    });
    expect(other.statusCode).toBe(403);
    const asked = await (
      await app.as('leader')
    ).post(`/api/fugitives/${listingNo}/withdrawal`, {
      reason: '误录',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    for (const user of ['officer', 'leader', 'inspector']) {
      const res = await (
        await app.as(user)
      ).post(`/api/fugitives/${listingNo}/withdrawal/decision`, {
        approve: true,
      });
      expect(res.statusCode, user).toBe(403);
    }
    const queue = await (await app.as('commander')).get('/api/withdrawals');
    expect(queue.json<{ listingNo: string }[]>().map((w) => w.listingNo)).toEqual([listingNo]);
  });

  it('approves: the listing leaves the registry, the public list and the standings', async () => {
    const commander = await app.as('commander');
    const officer = await app.as('leader');
    const active = async () =>
      (await commander.get('/api/standings'))
        .json<{ units: { code: string; activeNow: number }[] }>()
        .units.find((u) => u.code === '630102')!.activeNow; // the leader's sub-bureau
    const before = await active();
    const res = await commander.post(`/api/fugitives/${listingNo}/withdrawal/decision`, { approve: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedBy: 'commander' });
    expect(await active()).toBe(before - 1);
    const search = await officer.get(`/api/fugitives?q=${listingNo}`);
    expect(search.json<{ total: number }>().total).toBe(0);
    const detail = await officer.get(`/api/fugitives/${listingNo}`);
    expect(detail.json()).toMatchObject({ status: 'withdrawn', withdrawals: [{ status: 'approved' }] });
    const refused = await officer.post(`/api/fugitives/${listingNo}/withdrawal`, { reason: '再次' });
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([409, 'already_withdrawn']);

    const published = async () =>
      (await commander.get('/api/published-fugitives'))
        .json<{ items: { listingNo: string }[] }>()
        .items.map((f) => f.listingNo);
    expect(publishedNo).not.toBe(listingNo);
    expect(await published()).toContain(publishedNo);
    await officer.post(`/api/fugitives/${publishedNo}/withdrawal`, { reason: '误录' });
    await commander.post(`/api/fugitives/${publishedNo}/withdrawal/decision`, { approve: true });
    expect(await published()).not.toContain(publishedNo);
  });
});
