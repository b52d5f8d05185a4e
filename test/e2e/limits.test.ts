// A value far over today's limits, stored before they existed, must not break the verification
// queue: the claim's row keeps its Verify button on screen and the page never scrolls sideways,
// on a desktop and on a phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

const LONG = '西公拘字'.padEnd(10_000, '0123456789');

/** Whether the page is wider than its window (it scrolls sideways). */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe.skipIf(!browserAvailable())('long stored values in the verification queue', () => {
  let e2e: E2E;
  let claimId: number;

  beforeAll(async () => {
    e2e = await startE2E();
    // The demo's most recent pending arrest, given a 10,000-character evidence reference.
    const claim = await e2e.store.db
      .selectFrom('clearances')
      .select('id')
      .where('status', '=', 'pending')
      .where('kind', '=', 'arrest')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    claimId = claim.id;
    await e2e.store.db
      .updateTable('clearances')
      .set({ evidence_ref: LONG })
      .where('id', '=', claimId)
      .execute();
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`keeps the Verify button on screen and the page from scrolling sideways at ${width}×${height}`, async () => {
      const page = await e2e.signIn('inspector', 'zh-CN');
      await page.setViewportSize({ width, height });
      await page.goto(`${e2e.url}/queue`);
      const row = page.getByTestId(`claim-${claimId}`);
      await row.waitFor();
      const verify = row.getByRole('button', { name: '核实' });
      await verify.scrollIntoViewIfNeeded();
      const box = await verify.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      expect(await scrollsSideways(page)).toBe(false);
      // The whole value stays one hover away.
      expect(await row.locator(`[title="${LONG}"]`).count()).toBe(1);
      if (width === 1440) await screenshot(page, 'queue-long-document-number-zh');
      await page.context().close();
    });
  }
});

describe.skipIf(!browserAvailable())('nasty stored values on the page', () => {
  let e2e: E2E;
  let claimId: number;
  const PLACE = '<img src=x onerror="window.__xss=1">';
  const EVIDENCE = '<script>window.__xss=1</script>';

  beforeAll(async () => {
    e2e = await startE2E();
    const claim = await e2e.store.db
      .selectFrom('clearances')
      .select('id')
      .where('status', '=', 'pending')
      .where('kind', '=', 'arrest')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    claimId = claim.id;
    await e2e.store.db
      .updateTable('clearances')
      .set({ place: PLACE, evidence_ref: EVIDENCE })
      .where('id', '=', claimId)
      .execute();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('are shown as text, never run as markup', async () => {
    const page = await e2e.signIn('inspector', 'en');
    await page.goto(`${e2e.url}/queue`);
    const row = page.getByTestId(`claim-${claimId}`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(PLACE);
    expect(text).toContain(EVIDENCE);
    expect(await row.locator('img[src=x], script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.context().close();
  });
});
