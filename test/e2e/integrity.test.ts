import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('supervision of results in a browser', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('an inspector works the anomaly queue, re-checks a sample and checks the history', async () => {
    const inspector = await e2e.signIn('inspector', 'en');
    await inspector.goto(`${e2e.url}/integrity`);
    const first = inspector.locator('[data-testid^=finding-]').first();
    await first.waitFor();
    await screenshot(inspector, 'integrity-queue-en');
    const id = (await first.getAttribute('data-testid'))!;
    await first.getByRole('button', { name: 'Dismiss' }).click();
    await first.getByRole('button', { name: 'Dismiss the finding' }).click();
    await expect.poll(() => first.textContent()).toContain('Say what was found.'); // a reason is needed, in the reader's language
    await first
      .getByLabel('Why it is not a problem')
      .fill('a joint operation with the railway police that week');
    await first.getByRole('button', { name: 'Dismiss the finding' }).click();
    await inspector.getByTestId(id).waitFor({ state: 'detached' }); // gone from the open findings
    await inspector.getByRole('button', { name: /^Dismissed \(1\)/ }).click();
    await expect.poll(() => inspector.getByTestId(id).textContent()).toContain('joint operation');

    await inspector.getByRole('link', { name: 'Quality samples' }).click();
    await inspector.getByRole('button', { name: "Draw last week's sample" }).click();
    const check = inspector.locator('.sample tbody tr').first();
    await check.waitFor();
    await check.getByRole('button', { name: 'Matches', exact: true }).click();
    await expect.poll(() => check.textContent()).toContain('Matches the evidence');
    await screenshot(inspector, 'integrity-samples-en');

    await inspector.getByRole('link', { name: 'Audit history' }).click();
    await inspector.getByRole('button', { name: 'Sign an anchor now' }).click();
    await inspector.locator('table.claims tbody tr').first().waitFor();
    await inspector.getByRole('button', { name: 'Check the history' }).click();
    await expect.poll(() => inspector.getByRole('status').textContent()).toContain('History intact');
    // The deep check: rows against the seal the anchor just took, kept figures against the persons.
    await inspector.getByRole('button', { name: 'Deep check: tables and figures' }).click();
    await expect
      .poll(() => inspector.getByRole('status').textContent())
      .toContain("Every campaign's kept figures equal the facts the persons give");
    expect(await inspector.getByRole('status').textContent()).toMatch(
      /Rows compared with the seal of event \d+: [\d,]+, changed with no audited event: 0/,
    );
    await screenshot(inspector, 'integrity-history-en');
    await inspector.context().close();
  });

  it('shows the queue in Chinese, and not to officers', async () => {
    const inspector = await e2e.signIn('inspector', 'zh-CN');
    await inspector.goto(`${e2e.url}/integrity`);
    await inspector.locator('[data-testid^=finding-]').first().waitFor();
    expect(await inspector.locator('h1').textContent()).toBe('战果督察');
    await screenshot(inspector, 'integrity-queue-zh');
    const officer = await e2e.signIn('officer', 'zh-CN');
    // The section sits in the 督察考核 menu: there for the inspector, absent for an officer.
    await inspector.goto(e2e.url);
    await inspector.getByText('督察考核').click();
    await inspector.getByRole('link', { name: '战果核查' }).click();
    await inspector.waitForURL('**/integrity');
    expect(await officer.locator('a[href="/integrity"]').count()).toBe(0);
    await inspector.context().close();
    await officer.context().close();
  });
});
