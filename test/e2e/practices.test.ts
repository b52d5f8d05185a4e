// Meetings, guidance visits, rectification, officers' merits and staff-entered tips in a browser,
// each flow in Chinese and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, TODAY, browserAvailable, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('the campaign practices in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('shows the mobilisation meeting and lets a leader record a meeting with a task (zh)', async () => {
    const page = await e2e.signIn('leader');
    await page.goto(`${e2e.url}/meetings`);
    await page.getByRole('heading', { name: /全市追逃“清网行动”动员部署会议/ }).waitFor();
    await page.getByText('记录会议', { exact: true }).click();
    const form = page.getByRole('form', { name: '记录会议' });
    await form.locator('select[name=kind]').selectOption('review');
    await form.locator('input[name=title]').fill('东关派出所点评会');
    await form.locator('input[name=chair]').fill('李志强');
    await form.locator('textarea[name=minutes]').fill('逐人分析未到案原因。');
    await form.getByRole('button', { name: '添加任务' }).click();
    await form.getByRole('textbox', { name: '任务' }).fill('一周内走访逃犯亲属外的知情人');
    await form.getByRole('textbox', { name: '责任人（用户名）' }).fill('officer');
    await form.getByRole('textbox', { name: '单位代码' }).fill('630102-01');
    await form.getByRole('button', { name: '保存会议' }).click();
    await page.getByText('会议已记录。').waitFor();
    const meeting = page.getByRole('region', { name: '东关派出所点评会' });
    await meeting.getByText('一周内走访逃犯亲属外的知情人').waitFor();
    // Who gave the task, by name (not login), and the unit that held the meeting.
    const from = meeting.locator('tr', { hasText: '一周内走访逃犯亲属外的知情人' }).getByTestId('task-from');
    await expect.poll(() => from.textContent()).toMatch(/^城东分局局长 李志强 · \S+/);
    const stored = await e2e.store.db
      .selectFrom('tasks')
      .select(['owner', 'due_on', 'status'])
      .where('title', '=', '一周内走访逃犯亲属外的知情人')
      .execute();
    expect(stored).toEqual([{ owner: 'officer', due_on: TODAY, status: 'open' }]);
    await page.context().close();
  });

  it('shows liaison units waiting for a visit and records one (en)', async () => {
    const page = await e2e.signIn('leader', 'en');
    await page.goto(`${e2e.url}/guidance`);
    const waiting = page.locator('tr[data-unit="630105-01"]');
    await waiting.getByText('Never visited').waitFor();
    await waiting.getByText('Visit due').waitFor();
    await page.getByText('Record a visit', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Record a visit' });
    await form.locator('select[name=unitCode]').selectOption('630105-01');
    await form.locator('textarea[name=findings]').fill('No pursuit team yet.');
    await form.getByRole('button', { name: 'Record visit' }).click();
    await page.getByText('Visit recorded.').waitFor();
    await waiting.getByText('Visit due').waitFor({ state: 'detached' });
    expect(await waiting.locator('td').nth(2).textContent()).toBe('1');
    await page.context().close();
  });
  it('shows overdue rectification items and lets the unit report one (zh), which the inspector sends back (en)', async () => {
    const leader = await e2e.signIn('leader');
    await leader.goto(`${e2e.url}/rectification`);
    const overdue = leader.locator('tr', { hasText: '在逃人员档案未按月更新' });
    await overdue.getByText('逾期 4 天').waitFor();
    await overdue.getByRole('textbox', { name: '整改了什么' }).fill('已逐人更新档案并建立月度核查制度。');
    await overdue.getByRole('button', { name: '报告整改情况' }).click();
    await leader.getByText('整改情况已报督察。').waitFor();
    await overdue.getByText('已报告，待督察验收').waitFor();
    await leader.context().close();

    const inspector = await e2e.signIn('inspector', 'en');
    await inspector.goto(`${e2e.url}/rectification`);
    const item = inspector.locator('tr', { hasText: '在逃人员档案未按月更新' });
    await item
      .getByRole('textbox', { name: 'What is still to change' })
      .fill('No record of the monthly checks.');
    await item.getByRole('button', { name: 'Send back' }).click();
    await inspector.getByRole('dialog').getByRole('button', { name: 'Send back' }).click();
    await inspector.getByText('Rectification returned.').waitFor();
    await item.getByText('No record of the monthly checks.').waitFor();
    const stored = await e2e.store.db
      .selectFrom('rectification_items')
      .select(['status', 'reported_by', 'decided_by'])
      .where('problem', '=', '在逃人员档案未按月更新')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'returned', reported_by: 'leader', decided_by: 'inspector' });
    await inspector.context().close();
  });

  it('lets an inspector turn an inspection into rectification items (zh)', async () => {
    const page = await e2e.signIn('inspector');
    await page.goto(`${e2e.url}/rectification`);
    await page.getByText('将督察发现的问题列为整改事项', { exact: true }).click();
    const form = page.getByRole('form', { name: '将督察发现的问题列为整改事项' });
    await form.getByRole('textbox', { name: '问题', exact: true }).fill('抓捕方案未备案');
    await form.getByRole('button', { name: '添加整改事项' }).click();
    await page.getByText('整改事项已添加。').waitFor();
    await page.locator('tr', { hasText: '抓捕方案未备案' }).waitFor();
    const stored = await e2e.store.db
      .selectFrom('rectification_items')
      .select(['status', 'deadline_on', 'created_by'])
      .where('problem', '=', '抓捕方案未备案')
      .execute();
    expect(stored).toEqual([{ status: 'open', deadline_on: TODAY, created_by: 'inspector' }]);
    await page.context().close();
  });
  it("lets the commander approve an officer's proposed award (zh)", async () => {
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/merits`);
    // 张海军 has an account (officer): his row is his account's, named by his name.
    const row = page.locator('tr[data-officer="officer"]');
    await row.getByText('东关派出所民警 张海军').waitFor();
    await row.getByText('记功', { exact: true }).waitFor();
    await row.getByRole('button', { name: '审批通过' }).click();
    await page
      .getByRole('dialog')
      .getByText(/张海军记功/)
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '审批通过' }).click();
    await page.getByText('奖励已批准。').waitFor();
    await row.getByRole('button', { name: '审批通过' }).waitFor({ state: 'detached' });
    const decided = await e2e.store.db
      .selectFrom('merit_decisions as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.award', 'd.decision', 'd.decided_by'])
      .where('u.username', '=', 'officer')
      .execute();
    expect(decided).toEqual([{ award: 'merit', decision: 'approved', decided_by: 'commander' }]);
    await page.context().close();
  });

  it("shows a leader their officers' tally without deciding, and exports it (en)", async () => {
    const page = await e2e.signIn('leader', 'en');
    await page.goto(`${e2e.url}/merits`);
    const row = page.locator('tr[data-officer="马国庆"]');
    await row.getByText('Merit citation', { exact: true }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    // 马国庆 has no account and says so; 赵文华 (officer2) is of another sub-bureau.
    await row.getByText('no account').waitFor();
    expect(await page.locator('tr[data-officer="officer2"]').count()).toBe(0);
    const href = await page.getByRole('link', { name: 'Merits as Excel' }).getAttribute('href');
    const xlsx = await page.request.get(`${e2e.url}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await page.context().close();
  });
  it('lets an officer enter a tip taken in person, triage and close it, and reward the tipster (zh)', async () => {
    const person = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .leftJoin('tips as t', 't.fugitive_id', 'f.id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is not', null)
      .where('t.id', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    const page = await e2e.signIn('officer');
    await page.goto(`${e2e.url}/tips`);
    await page.getByText('登记电话、来信、来访线索', { exact: true }).click();
    const form = page.getByRole('form', { name: '登记电话、来信、来访线索' });
    await form.locator('select[name=channel]').selectOption('in_person');
    await form.locator('input[name=receivedAt]').fill(`${TODAY}T09:30`);
    await form.locator('input[name=listingNo]').fill(person.listing_no);
    await form.locator('textarea[name=seen]').fill('群众到所反映该人在其亲戚家出现。');
    await form.locator('input[name=contactPhone]').fill('13800970000');
    await form.getByRole('button', { name: '登记线索' }).click();
    expect(await page.getByTestId('receipt').textContent()).toMatch(/^\d{16}$/);
    const tip = await e2e.store.db
      .selectFrom('tips')
      .select(['id', 'channel', 'entered_by', 'contact_sealed', 'received_at'])
      .where('seen_text', '=', '群众到所反映该人在其亲戚家出现。')
      .executeTakeFirstOrThrow();
    expect(tip).toMatchObject({
      channel: 'in_person',
      entered_by: 'officer',
      received_at: `${TODAY}T01:30:00.000Z`,
    });
    expect(tip.contact_sealed).not.toContain('13800970000');

    await page.getByRole('link', { name: '查看线索' }).click();
    await page.getByText('来访 · 东关派出所民警 张海军 登记').waitFor(); // by name, not login
    expect(await page.getByTestId('contact').textContent()).toBe('13800970000');
    await page.getByRole('button', { name: '保存研判' }).click();
    await page.locator('select[name=outcome]').selectOption('led_to_clearance');
    await page.getByRole('button', { name: '办结线索' }).click();
    const reward = page.getByRole('region', { name: '举报奖励' });
    await reward.locator('input[name=amount]').fill('1500');
    await reward.getByRole('button', { name: '核定奖励' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '核定奖励' }).click();
    await reward.getByText('奖励已核定。').waitFor();
    await reward.locator('input[name=paidBy]').fill('张海军');
    await reward.locator('input[name=receiptRef]').fill('JL-2026-0031');
    await reward.getByRole('button', { name: '登记兑现' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '登记兑现' }).click();
    await reward
      .getByTestId('payout')
      .getByText(/JL-2026-0031/)
      .waitFor();
    const paid = await e2e.store.db
      .selectFrom('tip_rewards')
      .select(['amount', 'paid_on', 'paid_by', 'receipt_ref'])
      .where('tip_id', '=', tip.id)
      .executeTakeFirstOrThrow();
    expect({ ...paid, amount: Number(paid.amount) }).toEqual({
      amount: 1500,
      paid_on: TODAY,
      paid_by: '张海军',
      receipt_ref: 'JL-2026-0031',
    });
    await page.context().close();
  });

  it("shows a tip's reward to the assigned unit's officers only (en)", async () => {
    const { tip_id } = await e2e.store.db
      .selectFrom('tip_rewards')
      .select('tip_id')
      .where('receipt_ref', '=', 'JL-2026-0017')
      .executeTakeFirstOrThrow();
    const tipUrl = `${e2e.url}/tips/${tip_id}`;
    const officer = await e2e.signIn('officer', 'en');
    await officer.goto(`${e2e.url}/tips`);
    const row = officer.locator(`tr[data-tip="${tip_id}"]`);
    await row.getByText('In person').waitFor();
    await row.getByText('东关派出所民警 张海军').waitFor(); // who entered it, by name
    // The status filter goes to the server: the closed tip is listed under Closed and not under New.
    const status = officer.locator('.filters select');
    await status.selectOption('new');
    await row.waitFor({ state: 'detached' });
    await officer.locator('tr[data-tip]').first().waitFor();
    await status.selectOption('closed');
    await row.getByText('In person').waitFor();
    await officer.goto(tipUrl);
    await officer.getByText('In person · entered by 东关派出所民警 张海军').waitFor();
    await officer
      .getByTestId('payout')
      .getByText(/JL-2026-0017/)
      .waitFor();
    await officer.context().close();

    const leader = await e2e.signIn('leader', 'en');
    await leader.goto(tipUrl);
    await leader.getByText('Contact details are shown only to officers of the assigned unit.').waitFor();
    expect(await leader.getByRole('region', { name: 'Reward to the tipster' }).count()).toBe(0);
    await leader.context().close();
  });
});
