// Daily returns in a browser, and the official (GB/T 9704) PDFs of a return and of the surrender
// notice, downloaded from their pages as a reader would (a letter's: reviews-letters.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, downloaded, isPdf, screenshot, startE2E } from './harness.ts';

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

  it('downloads the official PDFs of the surrender notice and of a return from their pages', async () => {
    const { version } = await e2e.store.db
      .selectFrom('notices')
      .select('version')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/publicity`);
    const notice = await downloaded(page, page.getByTestId(`notice-pdf-${version}`));
    expect(notice.name).toBe(`notice-v${version}.pdf`);
    expect(isPdf(notice.bytes)).toBe(true);
    await page.goto(`${e2e.url}/returns`);
    const row = page.locator('tr[data-unit="630103"]');
    const daily = await downloaded(page, row.getByRole('link', { name: '公文 PDF' }));
    expect(daily.name).toBe('daily-return-630103-2026-11-28.pdf');
    expect(isPdf(daily.bytes)).toBe(true);
    await page.context().close();
  });
});
