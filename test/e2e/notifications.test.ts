// The notification centre in a browser: the bell counts the unread reminders, the page lists them in
// the reader's language with a link to the item, marks one or all read, and the bell follows; a user
// sets their own e-mail address and opts in to the daily digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates.ts';
import { type E2E, TODAY, browserAvailable, screenshot, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('the notification centre in a browser', () => {
  let e2e: E2E;
  const title = '走访东关派出所核实在逃人员去向';
  const overdueOn = addDays(TODAY, -2);
  beforeAll(async () => {
    e2e = await startE2E();
    const unit = await e2e.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', '630102')
      .executeTakeFirstOrThrow();
    const at = new Date(`${TODAY}T00:00:00Z`).toISOString();
    await e2e.store.db
      .insertInto('tasks')
      .values({
        source: 'meeting',
        meeting_id: null,
        visit_id: null,
        unit_id: unit.id,
        title,
        owner: 'leader',
        due_on: overdueOn,
        status: 'open',
        note: null,
        created_by: 'commander',
        created_at: at,
        updated_by: 'commander',
        updated_at: at,
      })
      .execute();
  }, 120_000);
  afterAll(() => e2e?.close());

  /** The leader's standing notifications as the server keeps them. */
  const unreadInStore = async () => {
    const leader = await e2e.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const rows = await e2e.store.db
      .selectFrom('notifications')
      .select(['read_at'])
      .where('user_id', '=', leader.id)
      .where('resolved_at', 'is', null)
      .execute();
    return rows.filter((r) => r.read_at === null).length;
  };

  it('counts unread reminders on the bell, lists them with links, marks one and then all read', async () => {
    const page = await e2e.signIn('leader');
    const bell = page.locator('header.top a.bell');
    const count = page.getByTestId('bell-count');
    await count.waitFor();
    const before = Number(await count.textContent());
    expect(before).toBeGreaterThan(0);
    expect(before).toBe(await unreadInStore());

    await bell.click();
    await page.getByRole('heading', { name: '通知' }).waitFor();
    const task = page.locator('li[data-kind="task_due"]', { hasText: title });
    await task.getByText(`任务“${title}”已于${overdueOn}到期，已逾期。`).waitFor();
    expect(await page.locator('ul.notifications li.unread').count()).toBe(before);
    await screenshot(page, 'notifications');

    await task.getByRole('button', { name: '标为已读' }).click();
    await task.getByText('已读', { exact: true }).waitFor();
    expect(await task.getByRole('button', { name: '标为已读' }).count()).toBe(0);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=bell-count]')?.textContent === n,
      String(before - 1),
    );
    expect(await unreadInStore()).toBe(before - 1);

    // The item's link leads to where the task is worked.
    await task.getByRole('link').click();
    await page.waitForURL(`${e2e.url}/meetings`);

    await bell.click();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await count.waitFor({ state: 'detached' });
    expect(await unreadInStore()).toBe(0);
    expect(await page.getByRole('button', { name: '标为已读', exact: true }).count()).toBe(0);
    // Read stays read after a reload: it is kept on the server.
    await page.reload();
    await page.locator('ul.notifications li').first().waitFor();
    expect(await page.locator('ul.notifications li.unread').count()).toBe(0);
    await page.context().close();
  });

  it('words the notifications in English for an English reader, and shows another user only theirs', async () => {
    const page = await e2e.signIn('leader', 'en');
    await page.goto(`${e2e.url}/notifications`);
    await page.getByText(`The task "${title}" is overdue since ${overdueOn}.`).waitFor();
    await page.context().close();

    const officer = await e2e.signIn('officer');
    await officer.goto(`${e2e.url}/notifications`);
    await officer.getByRole('heading', { name: '通知' }).waitFor();
    await officer.locator('p[role=status]').waitFor();
    expect(await officer.getByText(title).count()).toBe(0);
    await officer.context().close();
  });

  it('lets a user opt in to the daily digest on their account page, refusing it without a valid address', async () => {
    const page = await e2e.signIn('officer');
    await page.locator('header.top a.who').click();
    await page.getByRole('heading', { name: '每日待办摘要邮件' }).waitFor();
    const address = page.getByLabel('电子邮箱');
    const save = page.getByRole('button', { name: '保存' });
    await page.getByLabel('每天给我发送待办提醒摘要邮件').check();
    await save.click();
    await page.getByRole('alert').getByText('订阅每日摘要需先填写电子邮箱。').waitFor();
    await address.fill('不是邮箱');
    await save.click();
    await page.getByRole('alert').getByText('不是有效的电子邮箱地址。').waitFor();
    await address.fill('officer@qingwang.test');
    await save.click();
    await page.getByRole('status').getByText('已保存。').waitFor();
    const officer = await e2e.store.db
      .selectFrom('users')
      .select(['email', 'digest'])
      .where('username', '=', 'officer')
      .executeTakeFirstOrThrow();
    expect(officer).toEqual({ email: 'officer@qingwang.test', digest: 1 });
    // The page shows what is kept.
    await page.reload();
    await page.getByLabel('电子邮箱').and(page.locator('[value="officer@qingwang.test"]')).waitFor();
    expect(await page.getByLabel('每天给我发送待办提醒摘要邮件').isChecked()).toBe(true);
    await page.context().close();
  });
});
