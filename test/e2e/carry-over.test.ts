import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('carrying the task over at the year end in a browser', () => {
  let e2e: E2E;
  const campaigns = async () =>
    (await e2e.store.db.selectFrom('campaigns').select('name').orderBy('id').execute()).map((c) => c.name);

  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('asks first, and refuses before the year end in the reader’s language (zh-CN)', async () => {
    const before = await campaigns();
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.goto(`${e2e.url}/sanctions`);
    await page.getByLabel('节点').selectOption('year_end');
    const panel = page.getByRole('region', { name: '任务结转' });
    await panel.locator('input[name=name]').fill('清网行动（续）');
    await panel.locator('input[name=startOn]').fill('2027-01-01');
    await panel.locator('input[name=deadlineOn]').fill('2027-06-30');
    await panel.getByRole('button', { name: '结转' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(await campaigns()).toEqual(before);
    await panel.getByRole('button', { name: '结转' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '结转' }).click();
    await expect.poll(() => panel.textContent()).toContain('才能进行此项评定');
    expect(await campaigns()).toEqual(before);
    await page.context().close();
  });

  it('creates the follow-on campaign with the unfinished units’ still-active persons (en)', async () => {
    // The year end has passed (the demo's campaign is assessed on the day before today).
    await e2e.store.db.updateTable('campaigns').set({ year_end_on: '2026-11-27' }).execute();
    const page = await e2e.signIn('commander', 'en');
    await page.goto(`${e2e.url}/sanctions`);
    await page.getByLabel('Checkpoint').selectOption('year_end');
    const panel = page.getByRole('region', { name: 'Carry-over' });
    await panel.locator('input[name=name]').fill('Follow-on 2027');
    await panel.locator('input[name=startOn]').fill('2027-01-01');
    await panel.locator('input[name=deadlineOn]').fill('2027-06-30');
    await panel.getByRole('button', { name: 'Carry over' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Follow-on 2027');
    await dialog.getByRole('button', { name: 'Carry over' }).click();
    const status = panel.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/^Campaign Follow-on 2027 created: /);
    const [, persons] = /created: ([\d,]+) persons/.exec((await status.textContent())!)!;
    const created = await e2e.store.db
      .selectFrom('campaigns')
      .select(['id', 'frozen_at', 'start_on'])
      .where('name', '=', 'Follow-on 2027')
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ start_on: '2027-01-01' });
    expect(created.frozen_at).not.toBeNull();
    const baseline = await e2e.store.db
      .selectFrom('baseline_persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Number(baseline.n)).toBe(Number(persons!.replaceAll(',', '')));
    expect(Number(baseline.n)).toBeGreaterThan(0);
    await page.context().close();
  });
});
