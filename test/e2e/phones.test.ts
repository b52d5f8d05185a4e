// Phones (360–414 px wide): the sections fold behind a menu, tables scroll inside themselves and
// forms fit, so no page scrolls sideways — in Chinese and in English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

const PHONES = [
  ['zh-CN', 360, 780],
  ['en', 390, 844],
] as const;

/** How far the page reaches past the right edge of the window (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opens a page at phone size and waits for its data to arrive. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
}

describe.skipIf(!browserAvailable())('on a phone', () => {
  let e2e: E2E;
  let listingNo: string;

  beforeAll(async () => {
    e2e = await startE2E();
    // A case of the officer's station with a claim on it: the case page at its fullest.
    const row = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .innerJoin('clearances as c', 'c.fugitive_id', 'f.id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    listingNo = row.listing_no;
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const [lang, width, height] of PHONES) {
    it(`never scrolls sideways at ${width}×${height} (${lang})`, async () => {
      const pages: [string, string][] = [
        ['commander', '/'],
        ['commander', '/registry'],
        ['commander', `/fugitives/${listingNo}`],
        ['commander', '/tips'],
        ['commander', '/ledger'],
        ['commander', '/assessment'],
        ['commander', '/import'],
        ['commander', '/letters'],
        ['commander', '/meetings'],
        ['commander', '/notifications'],
        ['inspector', '/queue'],
        ['officer', `/fugitives/${listingNo}`],
        ['officer', `/fugitives/${listingNo}/claim`],
      ];
      const wide: string[] = [];
      for (const user of new Set(pages.map(([u]) => u))) {
        const page = await e2e.signIn(user, lang);
        await page.setViewportSize({ width, height });
        for (const [, path] of pages.filter(([u]) => u === user)) {
          await open(page, `${e2e.url}${path}`);
          const by = await overflow(page);
          if (by > 0) wide.push(`${user} ${path}: ${by} px too wide`);
        }
        await page.context().close();
      }
      expect(wide).toEqual([]);
    }, 180_000);
  }

  it('folds the sections behind a menu button that opens them and closes on the way to a page', async () => {
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.setViewportSize({ width: 360, height: 780 });
    await open(page, e2e.url);
    const header = page.locator('header.top');
    const nav = page.getByRole('navigation', { name: '栏目' });
    expect(await nav.isVisible()).toBe(false);
    expect(await header.locator('.bell').isVisible()).toBe(true); // unread notifications stay in view
    // One line of header, not the 175 px the sections took when they all wrapped.
    expect((await header.boundingBox())!.height).toBeLessThan(60);
    const menu = page.getByRole('button', { name: '菜单' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: '在逃人员库' }).click();
    await page.waitForURL(/\/registry$/);
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // The account (language, sign-out) folds with the sections and comes back with them.
    expect(await page.getByRole('button', { name: '退出' }).isVisible()).toBe(false);
    await menu.click();
    expect(await page.getByRole('button', { name: '退出' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('scrolls the wide ranking table inside itself, on a screen', async () => {
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.setViewportSize({ width: 360, height: 780 });
    await open(page, e2e.url);
    const table = page.locator('table.ranking');
    await table.waitFor();
    const box = await table.evaluate((el) => ({
      right: el.getBoundingClientRect().right,
      scrolls: el.scrollWidth > el.clientWidth,
    }));
    expect(box.scrolls).toBe(true);
    expect(box.right).toBeLessThanOrEqual(360);
    await screenshot(page, 'dashboard-phone');
    await page.context().close();
  });
});
