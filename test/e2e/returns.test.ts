import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('daily returns in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it("lets a sub-bureau's leader confirm the day's return, and the city sees it submitted", async () => {
    const page = await e2e.signIn('leader');
    await page.goto(`${e2e.url}/returns`);
    const row = page.locator('tr[data-unit="630102"]');
    await row.getByText('待报送').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('daily-return-630102-2026-11-28.docx');
    await row.getByRole('button', { name: '确认报送' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认报送' }).click();
    await row.getByText('已报送').waitFor();
    expect(await row.getByRole('button', { name: '确认报送' }).count()).toBe(0);
    await page.context().close();

    const city = await e2e.signIn('commander');
    await city.goto(`${e2e.url}/returns`);
    await city.locator('tr[data-unit="630102"]').getByText('已报送').waitFor();
    // The other sub-bureaus are still due, and the commander confirms only the city's own.
    await city.locator('tr[data-unit="630103"]').getByText('待报送').waitFor();
    expect(
      await city.locator('tr[data-unit="630103"]').getByRole('button', { name: '确认报送' }).count(),
    ).toBe(0);
    expect(
      await city.locator('tr[data-unit="630100"]').getByRole('button', { name: '确认报送' }).count(),
    ).toBe(1);
    await screenshot(city, 'returns-zh');
    await city.context().close();
  });
});
