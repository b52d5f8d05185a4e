// The review round and its items (点评), and responsibility letters brought in from their signed
// paper originals through the import page, then downloaded as the official PDF, in a browser on the
// demo city.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standings } from '../../src/areas/campaigns/service.ts';
import { contextFor } from '../support/stores.ts';
import { type E2E, TODAY, browserAvailable, downloaded, isPdf, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('reviews and the letters import in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  /** A station without a letter in the demo campaign, and the campaign's launch day. */
  async function unsignedStation() {
    const campaign = await e2e.store.db
      .selectFrom('campaigns')
      .select(['id', 'start_on'])
      .executeTakeFirstOrThrow();
    const unit = await e2e.store.db
      .selectFrom('units')
      .select('code')
      .where('kind', '=', 'station')
      .where('id', 'not in', (eb) =>
        eb.selectFrom('letters').select('unit_id').where('campaign_id', '=', campaign.id),
      )
      .orderBy('code')
      .executeTakeFirstOrThrow();
    return { unit: unit.code, signedOn: campaign.start_on };
  }
  const lettersOf = async (unit: string) =>
    e2e.store.db
      .selectFrom('letters as l')
      .innerJoin('units as u', 'u.id', 'l.unit_id')
      .select(['l.target', 'l.signed_by', 'l.provenance'])
      .where('u.code', '=', unit)
      .execute();
  const upload = async (page: Awaited<ReturnType<E2E['signIn']>>, lines: string[]) => {
    await page.goto(`${e2e.url}/import`);
    await page.locator('select[name=table]').selectOption('letters');
    await page.locator('input[type=file]').setInputFiles({
      name: 'letters.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.locator('button[type=submit]').click();
  };

  it('imports nothing from a letters file with a bad row, and shows the row (zh-CN)', async () => {
    const { unit, signedOn } = await unsignedStation();
    const page = await e2e.signIn('commander', 'zh-CN');
    await upload(page, [
      '单位,目标,签订人,签订日期',
      `${unit},90%,所长 张某,${signedOn}`,
      `NO-SUCH-UNIT,60%,所长 李某,${signedOn}`,
    ]);
    await page.getByTestId('row-error-3').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('row-error-3').textContent()).toContain('NO-SUCH-UNIT');
    expect(await lettersOf(unit)).toEqual([]); // all or nothing
    await page.context().close();
  });

  it("imports a signed letter, which the letters page shows and the unit's figures are judged by (en)", async () => {
    const { unit, signedOn } = await unsignedStation();
    const page = await e2e.signIn('commander', 'en');
    await upload(page, ['unit,target,signed_by,signed_on', `${unit},90%,Station head Zhang,${signedOn}`]);
    await expect
      .poll(() => page.getByRole('status').last().textContent(), { timeout: 60_000 })
      .toContain('1 imported');
    expect(await lettersOf(unit)).toEqual([
      { target: 0.9, signed_by: 'Station head Zhang', provenance: 'import' },
    ]);
    await page.goto(`${e2e.url}/letters`);
    const row = page.getByTestId(`letter-${unit}`);
    await expect.poll(() => row.textContent()).toContain('90%');
    expect(await page.getByTestId(`unsigned-${unit}`).count()).toBe(0);
    // Its official document, printed from the letter as registered: a PDF named after the unit.
    const official = await downloaded(page, page.getByTestId(`letter-pdf-${unit}`));
    expect(official.name).toBe(`letter-${unit}.pdf`);
    expect(isPdf(official.bytes)).toBe(true);
    const figures = await standings(contextFor(e2e.store, new Date(`${TODAY}T04:00:00Z`)), {});
    expect(figures.units.find((u) => u.code === unit)!.target).toBe(0.9);
    await page.context().close();
  });

  it("runs the week's review round and lists the new items, which their owner closes (en, zh-CN)", async () => {
    const commander = await e2e.signIn('commander', 'en');
    await commander.goto(`${e2e.url}/reviews`);
    await commander.getByRole('button', { name: "Run this week's review round" }).click();
    const status = commander.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/units to review, \d+ new review items\./);
    const [, created] = /(\d+) new review items/.exec((await status.textContent())!)!;
    const stored = await e2e.store.db.selectFrom('reviews').select(['id', 'owner', 'unit_id']).execute();
    expect(stored.length).toBe(Number(created));
    expect(stored.length).toBeGreaterThan(0);
    await expect.poll(() => commander.locator('[data-testid^=review-]').count()).toBe(stored.length);
    // A second round the same week adds nothing.
    await commander.getByRole('button', { name: "Run this week's review round" }).click();
    await expect.poll(() => status.textContent()).toContain(', 0 new review items.');
    await commander.context().close();

    // The leader closes one of the items they own: both the reasons and the plan are required.
    const mine = stored.find((r) => r.owner === 'leader')!;
    expect(mine).toBeDefined();
    const { code } = await e2e.store.db
      .selectFrom('units')
      .select('code')
      .where('id', '=', mine.unit_id)
      .executeTakeFirstOrThrow();
    const leader = await e2e.signIn('leader', 'zh-CN');
    await leader.goto(`${e2e.url}/reviews`);
    const item = leader.getByTestId(`review-${code}`);
    await item.getByRole('button', { name: '办结', exact: true }).click();
    await item.getByLabel('与单位共同查找的原因').fill('警力不足，追逃线索少');
    await item.getByRole('button', { name: '办结点评' }).click();
    await expect.poll(() => item.textContent()).toContain('请填写追赶计划。');
    await item.getByLabel('追赶措施').fill('抽调警力组建专班，每周研判');
    await item.getByRole('button', { name: '办结点评' }).click();
    await expect.poll(() => leader.getByRole('status').textContent()).toContain('点评已办结。');
    const closed = await e2e.store.db
      .selectFrom('reviews')
      .select(['status', 'reasons', 'closed_by'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', reasons: '警力不足，追逃线索少', closed_by: 'leader' });
    await leader.context().close();
  });
});
