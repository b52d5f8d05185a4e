import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

/** "920 / 2,777" on the Cleared / baseline card → 920. */
async function clearedOf(page: Page, unit: string): Promise<number> {
  await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/units/${unit}`);
  // The card whose label (not a note, as on the homicide card) is "Cleared / baseline".
  const label = page.locator('.kpi-label', { hasText: /^(Cleared \/ baseline|已清.*)$/ });
  const card = page.locator('.kpi', { has: label });
  await card.waitFor();
  const text = (await card.locator('.kpi-value').textContent()) ?? '';
  return Number(text.split('/')[0]!.replace(/\D/g, ''));
}

describe.skipIf(!browserAvailable())('the claim → verify workflow in a browser', () => {
  let e2e: E2E;
  let listingNo: string;

  beforeAll(async () => {
    e2e = await startE2E();
    // A baseline fugitive of 东关派出所 that no claim holds yet.
    const row = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .leftJoin('clearances as c', (join) =>
        join.onRef('c.fugitive_id', '=', 'f.id').on('c.status', 'in', ['pending', 'approved', 'verified']),
      )
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is', null)
      .where('f.listed_on', '<=', '2026-10-18')
      .where('c.id', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    listingNo = row.listing_no;
  }, 120_000);
  afterAll(() => e2e?.close());

  it('an officer claims, an inspector of another unit verifies, and the dashboard moves', async () => {
    const inspector = await e2e.signIn('inspector', 'en');
    const before = await clearedOf(inspector, '630102-01');

    const officer = await e2e.signIn('officer', 'en');
    await officer.goto(`${e2e.url}/registry?q=${listingNo}`);
    await officer.getByTestId(`fugitive-${listingNo}`).waitFor();
    await screenshot(officer, 'registry-en');
    await officer.getByTestId(`fugitive-${listingNo}`).getByRole('link').first().click();
    await officer.getByRole('link', { name: 'Claim a clearance' }).click();
    await officer.getByLabel('Date', { exact: true }).fill('2026-11-27');
    await officer.getByLabel('Evidence reference').fill('西公拘字〔2026〕0420号');
    await screenshot(officer, 'claim-form-en');
    await officer.getByRole('button', { name: 'File the claim' }).click();
    await officer.waitForURL(`**/fugitives/${listingNo}`);
    const claim = officer.locator('[data-testid^=claim-]').first();
    await claim.waitFor();
    const claimId = (await claim.getAttribute('data-testid'))!.replace('claim-', '');
    await screenshot(officer, 'case-en');
    // While the claim waits, no second claim is offered.
    await officer.getByText('A claim on this listing waits for a decision.').waitFor();
    expect(await officer.getByRole('link', { name: 'Claim a clearance' }).count()).toBe(0);
    expect(await clearedOf(inspector, '630102-01')).toBe(before); // pending counts for nothing

    await inspector.goto(`${e2e.url}/queue`);
    const row = inspector.getByTestId(`claim-${claimId}`);
    await row.waitFor();
    await screenshot(inspector, 'queue-en');
    await row.getByRole('button', { name: 'Verify' }).click();
    // Confirm: the dialog names the listing and the figure that will move; nothing moves before.
    const dialog = inspector.getByRole('dialog', { name: 'Verify this claim?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(listingNo);
    expect(await dialog.textContent()).toContain('rises by 1');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    // Success, and the act is no longer offered: no verify, and no reject on a verified claim.
    await row.getByRole('status').filter({ hasText: 'Verified.' }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await dialog.count()).toBe(0);
    expect(await clearedOf(inspector, '630102-01')).toBe(before + 1);
    await officer.context().close();
    await inspector.context().close();
  });

  it('names the officers of a surrender by choosing people by name, and stores accounts and typed names (zh)', async () => {
    const other = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is', null)
      .where('f.listing_no', '!=', listingNo)
      .where('c.id', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    const officer = await e2e.signIn('officer');
    await officer.goto(`${e2e.url}/fugitives/${encodeURIComponent(other.listing_no)}/claim`);
    await officer.getByRole('radio', { name: '投案自首' }).check();
    await officer.getByLabel('日期', { exact: true }).fill('2026-11-27');
    await officer.getByLabel('法律文书编号').fill('西公拘字〔2026〕0421号');
    // The officers of the receiving unit are offered by name, never by login.
    const receivers = officer.getByRole('group', { name: '接收民警（选填）' });
    await receivers.getByRole('checkbox', { name: '东关派出所民警 张海军' }).check();
    expect(await receivers.textContent()).not.toMatch(/\bofficer\b/);
    await receivers.getByRole('textbox').fill('马国庆、 冶成林');
    await officer.getByLabel('劝投单位（选填）').selectOption('630102-01');
    const persuader = officer.getByLabel('劝投民警（选填）');
    await persuader.selectOption({ label: '东关派出所民警 张海军' });
    await officer.getByRole('button', { name: '提交申报' }).click();
    await officer.waitForURL(`**/fugitives/${encodeURIComponent(other.listing_no)}`);
    await officer.getByTestId('claim-officers').getByText('东关派出所民警 张海军、马国庆、冶成林').waitFor();

    // The officer with an account is stored as the account; the typed names as names.
    const stored = await e2e.store.db
      .selectFrom('claim_officers as o')
      .innerJoin('clearances as c', 'c.id', 'o.clearance_id')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .leftJoin('users as u', 'u.id', 'o.user_id')
      .select(['o.role', 'u.username', 'o.name'])
      .where('f.listing_no', '=', other.listing_no)
      .orderBy('o.role')
      .orderBy('o.position')
      .execute();
    expect(stored).toEqual([
      { role: 'capture', username: 'officer', name: '东关派出所民警 张海军' },
      { role: 'capture', username: null, name: '马国庆' },
      { role: 'capture', username: null, name: '冶成林' },
      { role: 'persuasion', username: 'officer', name: '东关派出所民警 张海军' },
    ]);
    await officer.context().close();
  });

  it('shows the same pages in Chinese', async () => {
    const officer = await e2e.signIn('officer', 'zh-CN');
    await officer.goto(`${e2e.url}/registry`);
    await officer.locator('[data-testid^=fugitive-]').first().waitFor();
    expect(await officer.locator('h1').first().textContent()).toMatch(/在逃人员/);
    await screenshot(officer, 'registry-zh');
    await officer.goto(`${e2e.url}/fugitives/${listingNo}`);
    await officer.locator('[data-testid^=claim-]').first().waitFor();
    await screenshot(officer, 'case-zh');
    const inspector = await e2e.signIn('inspector', 'zh-CN');
    await inspector.goto(`${e2e.url}/queue`);
    await inspector.locator('main').waitFor();
    await screenshot(inspector, 'queue-zh');
    await officer.context().close();
    await inspector.context().close();
  });

  it('does not show an officer the cases of another sub-bureau', async () => {
    const other = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.listing_no')
      .where('u.code', '=', '630103-01')
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    const officer = await e2e.signIn('officer', 'en');
    await officer.goto(`${e2e.url}/fugitives/${other.listing_no}`);
    await expect
      .poll(() => officer.locator('[role=alert]').first().textContent())
      .toMatch(/may not|outside/i);
    await officer.goto(`${e2e.url}/registry?q=${other.listing_no}`);
    await officer.locator('main').waitFor();
    await expect.poll(() => officer.getByTestId(`fugitive-${other.listing_no}`).count()).toBe(0);
    await officer.context().close();
  });
});
