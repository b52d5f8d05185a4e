import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

/** The first screen of a long page (the whole of it would be megabytes). */
async function firstScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

describe.skipIf(!browserAvailable())('bulletins, ledger, sanctions and supervision in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('lets a commander issue the day’s bulletin and download it as a PDF', async () => {
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/bulletins`);
    await page.getByText('尚未签发通报。').waitFor();
    await page.getByRole('button', { name: '签发通报' }).click();
    // An official act: a dialog says what will happen before anything does.
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('第 1 期');
    await dialog.getByRole('button', { name: '签发通报' }).click();
    await page.getByText('第 1 期通报已签发').waitFor();
    // One bulletin a date: now only a corrected bulletin is offered for it.
    await page.getByRole('button', { name: '签发更正通报' }).waitFor();
    expect(await page.getByRole('button', { name: '签发通报', exact: true }).count()).toBe(0);
    const row = page.locator('tbody tr').first();
    expect(await row.locator('td').first().textContent()).toBe('1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'PDF', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bulletin-1-2026-11-28.pdf');
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The official document (公文) beside it: a PDF of its own, not the quick-reading one.
    const [official] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: '公文 PDF' }).click(),
    ]);
    expect(official.suggestedFilename()).toBe('bulletin-1-2026-11-28-official.pdf');
    const officialBytes = await readFile(await official.path());
    expect(officialBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(officialBytes.equals(bytes)).toBe(false);
    await screenshot(page, 'bulletins-zh');
    // The list pages and filters on the server: a range after today finds nothing, clearing it finds it again.
    const pager = page.getByTestId('bulletins-page');
    expect(await pager.textContent()).toBe('第 1 页，共 1 页 · 通报 1 期');
    await page.locator('input[name=from]').fill('2026-11-29');
    await expect.poll(() => pager.textContent()).toBe('第 1 页，共 1 页 · 通报 0 期');
    expect(await page.locator('tbody tr').count()).toBe(0);
    await page.locator('input[name=from]').fill('2026-11-28');
    await expect.poll(() => pager.textContent()).toBe('第 1 页，共 1 页 · 通报 1 期');
    const issued = await e2e.store.db.selectFrom('bulletins').select(['number', 'issued_by']).execute();
    expect(issued).toEqual([{ number: 1, issued_by: 'commander' }]);
    await page.context().close();
  });

  it('lets a commander save new reward rules, and the ledger follows', async () => {
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/ledger`);
    await page.getByText('奖励规则', { exact: true }).click();
    const editor = page.getByRole('textbox', { name: '奖励规则' });
    const rules = JSON.parse(await editor.inputValue()) as { rules: { id: string; points: number }[] };
    for (const r of rules.rules) if (r.id === 'arrest-local') r.points = 11;
    await editor.fill(JSON.stringify(rules));
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('奖励规则第 2 版已保存').waitFor();
    const live = await e2e.store.db
      .selectFrom('ledger_entries as e')
      .select(['e.rule_set_version', 'e.points'])
      .where('e.rule_id', '=', 'arrest-local')
      .where('e.reverses_id', 'is', null)
      .where('e.rule_set_version', '=', 2)
      .execute();
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((e) => Number(e.points) === 11)).toBe(true);
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows the ledger, sanctions, supervision and assessment pages (${lang})`, async () => {
      const page = await e2e.signIn('commander', lang);
      const suffix = lang === 'en' ? 'en' : 'zh';
      await page.goto(`${e2e.url}/ledger`);
      await page.getByRole('heading', { name: lang === 'en' ? 'Balances' : '各单位积分' }).waitFor();
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(5);
      await firstScreen(page, `ledger-${suffix}`);
      await page.goto(`${e2e.url}/sanctions`);
      await page.getByText(lang === 'en' ? 'If the checkpoint' : '假如今天即为节点').waitFor();
      await firstScreen(page, `sanctions-${suffix}`);
      await page.goto(`${e2e.url}/supervision`);
      await page.getByRole('heading', { name: lang === 'en' ? 'Inspections' : '督察记录' }).waitFor();
      await firstScreen(page, `supervision-${suffix}`);
      await page.goto(`${e2e.url}/assessment`);
      await page
        .getByRole('heading', { name: lang === 'en' ? 'Year-end assessment' : '年终考核' })
        .first()
        .waitFor();
      await firstScreen(page, `assessment-${suffix}`);
      await page.context().close();
    });
  }
});
