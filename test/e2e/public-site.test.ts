// The public site in a real browser with JavaScript switched off: a member of the public reads the
// notice, sends a tip in Chinese and one in English and gets receipts; no cookie is ever set. Then
// the officer of the owning unit finds both tips (with the contact), and an officer of another unit
// finds neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('the public site and the tip inbox in a browser', () => {
  let e2e: E2E;
  let person: { listing_no: string; name: string };

  beforeAll(async () => {
    e2e = await startE2E();
    // A published, active person of 东关派出所 (the demo officer's station) with no claim standing.
    person = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .leftJoin('clearances as c', (join) =>
        join.onRef('c.fugitive_id', '=', 'f.id').on('c.status', 'in', ['pending', 'approved', 'verified']),
      )
      .select(['f.listing_no', 'f.name'])
      .where('u.code', '=', '630102-01')
      .where('f.published', '=', 1)
      .where('f.exit_on', 'is', null)
      .where('c.id', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    // The highest reward, so the person is on the first page of the public list.
    await e2e.store.db
      .updateTable('fugitives')
      .set({ reward: 1_000_000 })
      .where('listing_no', '=', person.listing_no)
      .execute();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('a member of the public reads the notice and sends tips in Chinese and English; only the owning unit sees them', async () => {
    const context = await e2e.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 }, // a phone
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${e2e.url}/public`);
    await expect(page.locator('.notice h1').textContent()).resolves.toContain('敦促在逃人员投案自首');
    await page.locator(`[data-listing="${person.listing_no}"]`).waitFor();
    await screenshot(page, 'public-zh');

    // Chinese tip, from the person's card.
    await page.locator(`[data-listing="${person.listing_no}"] a`).click();
    await expect(page.locator('#listingNo').inputValue()).resolves.toBe(person.listing_no);
    await expect(page.locator('.note').textContent()).resolves.toContain('带 * 的为必填项');
    await page.locator('#seen').fill('浏览器测试：在东关大街面馆看到此人');
    await page.locator('#where').fill('东关大街');
    await page.locator('#phone').fill('13700001111');
    await screenshot(page, 'public-tip-zh');
    await page.getByRole('button', { name: '提交线索' }).click();
    const zhReceipt = ((await page.locator('#receipt').textContent()) ?? '').replaceAll(' ', '');
    expect(zhReceipt).toMatch(/^\d{16}$/);
    await screenshot(page, 'public-receipt-zh');

    // English tip.
    await page.goto(`${e2e.url}/public?lang=en`);
    await expect(page.locator('.notice h1').textContent()).resolves.toContain(
      'urging fugitives to surrender',
    );
    await screenshot(page, 'public-en');
    await page.getByRole('link', { name: 'Send a tip', exact: true }).click();
    await expect(page.locator('.note').textContent()).resolves.toBe(
      'Your email address will not be published. Required fields are marked *',
    );
    await page.locator('#listingNo').fill(person.listing_no);
    await page.locator('#seen').fill('Browser test: saw this man at the railway station');
    await page.locator('#email').fill('e2e-tipster@example.org');
    await page.getByRole('button', { name: 'Send the tip' }).click();
    const enReceipt = ((await page.locator('#receipt').textContent()) ?? '').replaceAll(' ', '');
    expect(enReceipt).toMatch(/^\d{16}$/);
    expect(enReceipt).not.toBe(zhReceipt);
    await screenshot(page, 'public-receipt-en');

    // Checking the tip with the receipt.
    await page.goto(`${e2e.url}/public/receipt?lang=en`);
    await page.locator('#receipt').fill(enReceipt);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.locator('.state').textContent()).resolves.toBe('Received, waiting to be handled');
    expect(await context.cookies()).toEqual([]);
    await context.close();

    // The officer of the owning unit sees both, with the contact details.
    const officer = await e2e.signIn('officer', 'en');
    await officer.goto(`${e2e.url}/tips`);
    await officer.getByText('Browser test: saw this man at the railway station').waitFor();
    await officer.getByText('浏览器测试：在东关大街面馆看到此人').waitFor();
    await screenshot(officer, 'tips-en');
    await officer.getByText('Browser test: saw this man at the railway station').click();
    await expect(officer.getByTestId('contact').textContent()).resolves.toContain('e2e-tipster@example.org');
    const tipUrl = officer.url();

    // A follow-up question; the tipster reads it with the receipt (still without JavaScript) and answers.
    await officer.getByLabel('Ask the tipster a follow-up question').fill('Which bus did he board?');
    await officer.getByRole('button', { name: 'Send the question' }).click();
    await officer.getByText('Which bus did he board?', { exact: false }).first().waitFor();
    const tipster = await (await e2e.browser.newContext({ javaScriptEnabled: false })).newPage();
    await tipster.goto(`${e2e.url}/public/receipt?lang=en`);
    await tipster.locator('#receipt').fill(enReceipt);
    await tipster.getByRole('button', { name: 'Look up' }).click();
    await expect(tipster.locator('.state').textContent()).resolves.toBe('An officer has a question for you');
    await tipster.getByText('Which bus did he board?').waitFor();
    await tipster.locator('#answer').fill('The number 12 bus to Huangzhong');
    await tipster.getByRole('button', { name: 'Send', exact: true }).click();
    await tipster.getByRole('status').waitFor();
    await screenshot(tipster, 'public-status-en');
    await tipster.context().close();
    await officer.reload();
    await officer.getByText('The number 12 bus to Huangzhong', { exact: false }).waitFor();
    await screenshot(officer, 'tip-en');

    // An officer of another unit sees neither, and cannot open one.
    const other = await e2e.signIn('officer2', 'en');
    await other.goto(`${e2e.url}/tips`);
    await other.locator('h1', { hasText: 'Tips from the public' }).waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.getByText('Browser test').count()).toBe(0);
    expect(await other.getByText('浏览器测试').count()).toBe(0);
    await other.goto(tipUrl);
    await other.getByRole('alert').waitFor();
    await expect(other.getByRole('alert').textContent()).resolves.toBe(
      'This tip belongs to a unit outside yours.',
    );
    expect(await other.getByText('e2e-tipster@example.org').count()).toBe(0);
  }, 90_000); // four browsers and two sign-ins: ~30 s on a busy machine

  it('shows the publicity page with its chart, in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e2e.signIn('publicity', lang);
      await page.goto(`${e2e.url}/publicity`);
      await page.locator('[role=img] svg').first().waitFor();
      await page.locator('[data-notice="1"]').waitFor();
      await screenshot(page, `publicity-${lang === 'en' ? 'en' : 'zh'}`);
    }
  }, 90_000); // two browsers and two sign-ins: over 30 s on a busy machine
});
