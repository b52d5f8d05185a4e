// Phones (360–414 px wide): the sections fold behind a menu, tables scroll inside themselves and
// forms fit, so no page scrolls sideways — in Chinese and in English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

/** Every page at 390×844 (the phone) in both languages, and at 360 px in Chinese, the longer text. */
const PHONES = [
  ['zh-CN', 390, 844],
  ['en', 390, 844],
  ['zh-CN', 360, 780],
] as const;

/** The header stays one line of menu, bell and name: not the 175 px it took when the sections wrapped. */
const HEADER_MAX = 60;

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
  let tipId: number;

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
    const tip = await e2e.store.db.selectFrom('tips').select('id').orderBy('id').executeTakeFirstOrThrow();
    tipId = tip.id;
  }, 120_000);
  afterAll(() => e2e?.close());

  /** Every page of the app, each as a user who sees it at its fullest. */
  const everyPage = (): [string, string][] => [
    ['commander', '/'],
    ['commander', '/units/630102'],
    ['commander', '/registry'],
    ['commander', '/registry/new'],
    ['commander', `/fugitives/${listingNo}`],
    ['commander', '/tips'],
    ['commander', `/tips/${tipId}`],
    ['commander', '/ledger'],
    ['commander', '/sanctions'],
    ['commander', '/supervision'],
    ['commander', '/bulletins'],
    ['commander', '/returns'],
    ['commander', '/assessment'],
    ['commander', '/import'],
    ['commander', '/letters'],
    ['commander', '/leaders'],
    ['commander', '/leaders/leader'],
    ['commander', '/meetings'],
    ['commander', '/guidance'],
    ['commander', '/rectification'],
    ['commander', '/merits'],
    ['commander', '/reviews'],
    ['commander', '/publicity'],
    ['commander', '/notifications'],
    ['commander', '/account'],
    ['inspector', '/queue'],
    ['inspector', '/integrity'],
    ['inspector', '/person-matches'],
    ['leader', '/'],
    ['leader', '/queue'],
    ['officer', '/'],
    ['officer', `/fugitives/${listingNo}`],
    ['officer', `/fugitives/${listingNo}/claim`],
    ['admin', '/service-accounts'],
  ];

  for (const [lang, width, height] of PHONES) {
    it(`never scrolls sideways at ${width}×${height}, and keeps the header one line (${lang})`, async () => {
      const pages = everyPage();
      const wrong: string[] = [];
      for (const user of new Set(pages.map(([u]) => u))) {
        const page = await e2e.signIn(user, lang);
        await page.setViewportSize({ width, height });
        for (const [, path] of pages.filter(([u]) => u === user)) {
          await open(page, `${e2e.url}${path}`);
          const by = await overflow(page);
          if (by > 0) wrong.push(`${user} ${path}: ${by} px too wide`);
          const header = (await page.locator('header.top').boundingBox())!.height;
          if (header >= HEADER_MAX) wrong.push(`${user} ${path}: header ${header} px tall`);
        }
        await page.context().close();
      }
      expect(wrong).toEqual([]);
    }, 300_000);
  }

  it('writes the ranking’s unit names on a line or two, not a character a line', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e2e.signIn('commander', lang);
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, e2e.url);
      const table = page.locator('table.ranking');
      await table.locator('tbody tr').first().waitFor();
      // The unit's cell: lines it takes, from its height and its line height.
      const lines = await table.locator('tbody tr td:nth-child(2)').evaluateAll((cells) =>
        cells.map((c) => {
          const style = getComputedStyle(c);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
          const inner = c.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
          return { name: c.textContent, lines: Math.round(inner / line) };
        }),
      );
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.filter((l) => l.lines > 2)).toEqual([]);
      await page.context().close();
    }
  });

  it('chooses liaison units by ticking boxes, on a phone without a Ctrl key', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, `${e2e.url}/leaders/leader`);
    const list = page.getByRole('group', { name: 'Choose the liaison units' });
    const before = (await (await page.request.get(`${e2e.url}/api/leaders/leader`)).json()) as {
      liaisonUnits: { code: string }[];
    };
    const boxes = list.getByRole('checkbox');
    expect(await list.locator('input:checked').count()).toBe(before.liaisonUnits.length);
    // Tick one more: the others stay chosen (a plain click on a multiple select dropped them).
    const extra = list.locator('input[type=checkbox]:not(:checked)').first();
    const code = await extra.getAttribute('value');
    await extra.check();
    expect(await boxes.evaluateAll((b) => b.filter((x) => (x as HTMLInputElement).checked).length)).toBe(
      before.liaisonUnits.length + 1,
    );
    await page.getByRole('button', { name: 'Save liaison units' }).click();
    await page.getByRole('status').filter({ hasText: 'Liaison units saved.' }).waitFor();
    const after = (await (await page.request.get(`${e2e.url}/api/leaders/leader`)).json()) as {
      liaisonUnits: { code: string }[];
    };
    expect(after.liaisonUnits.map((u) => u.code).sort()).toEqual(
      [...before.liaisonUnits.map((u) => u.code), code!].sort(),
    );
    expect(await overflow(page)).toBe(0);
    await page.context().close();
  });

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
