import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardOut } from '../../src/areas/campaigns/schema.ts';
import { createCampaign } from '../../src/areas/campaigns/service.ts';
import { contextFor } from '../support/stores.ts';
import { type E2E, TODAY, browserAvailable, screenshot, startE2E } from './harness.ts';

describe.skipIf(!browserAvailable())('the dashboard in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('shows the city figures in Chinese by default, and in English on request', async () => {
    const page = await e2e.signIn('commander');
    await page.locator('.kpis').waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toContain('西宁市公安局');
    expect(await page.locator('nav').textContent()).toContain('作战态势');
    expect(await page.locator('.kpis').textContent()).toContain('下降率');
    await page.locator('svg').first().waitFor(); // the charts rendered
    await screenshot(page, 'dashboard-zh');

    await page.getByLabel('语言').first().selectOption('en');
    await expect.poll(() => page.locator('nav').textContent()).toContain('Dashboard');
    expect(await page.locator('.kpis').textContent()).toContain('Decline rate');
    await screenshot(page, 'dashboard-en');
    await page.context().close();
  });

  it('drills down from the city to a sub-bureau to a station', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.locator('table.ranking').waitFor();
    await page.locator('table.ranking a', { hasText: '城东分局' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('城东分局');
    await page.locator('table.ranking a', { hasText: '东关派出所' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('东关派出所');
    expect(page.url()).toContain('/units/630102-01');
    await page.context().close();
  });

  it('opens on the officer’s own station, and refuses another sub-bureau', async () => {
    const page = await e2e.signIn('officer', 'en');
    await expect.poll(() => page.locator('h1').textContent()).toContain('东关派出所');
    await page.goto(`${e2e.url}/units/630103`);
    await expect
      .poll(() => page.locator('[role=alert]').textContent())
      .toBe('Unit 630103 is outside your units.');
    await page.context().close();
  });

  it('offers "up one level" only where the level above is the reader’s (not above an officer’s own station)', async () => {
    const officer = await e2e.signIn('officer', 'zh-CN');
    await expect.poll(() => officer.locator('h1').textContent()).toContain('东关派出所');
    await officer.locator('.kpis, .kpi').first().waitFor();
    expect(await officer.getByRole('link', { name: '返回上级' }).count()).toBe(0);
    await officer.context().close();
    const leader = await e2e.signIn('leader', 'zh-CN');
    await leader.goto(`${e2e.url}/units/630102-01`);
    await leader.getByRole('link', { name: '返回上级' }).click();
    await leader.waitForURL(/\/units\/630102$/);
    await expect.poll(() => leader.locator('h1').textContent()).toContain('城东分局');
    expect(await leader.getByRole('link', { name: '返回上级' }).count()).toBe(0);
    await leader.context().close();
  });

  it('has a wall (/wall) that fits 1920×1080 and 3840×2160 without scrolling, in large type, and survives a reload', async () => {
    for (const [lang, width, height] of [
      ['zh-CN', 1920, 1080],
      ['en', 3840, 2160],
    ] as const) {
      const page = await e2e.signIn('commander', lang);
      await page.setViewportSize({ width, height });
      await page.goto(`${e2e.url}/wall?rotate=0`);
      const wall = page.getByTestId('wall');
      await wall.locator('svg text').first().waitFor();
      expect(await page.locator('header.top').count()).toBe(0); // no menus on the wall
      const fits = () =>
        page.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          width: document.documentElement.scrollWidth,
        }));
      expect(await fits()).toEqual({ width, height });
      // …and nothing is cut off at the edges: every tile and chart lies inside the screen.
      const outside = await wall.evaluate(
        (el) =>
          [...el.querySelectorAll('.kpi, .panel')].filter((box) => {
            const r = box.getBoundingClientRect();
            return (
              r.right > window.innerWidth ||
              r.bottom > window.innerHeight ||
              box.scrollWidth > box.clientWidth
            );
          }).length,
      );
      expect(outside).toBe(0);
      // Chart labels in proportion to the screen: never the ~10 px of a desktop chart.
      const smallest = await wall.evaluate((el) =>
        Math.min(
          ...[...el.querySelectorAll('svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize)),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(height / 60);
      const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
      const date = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(
        new Date(`${board.asOf}T00:00:00`),
      );
      const asOf = page.getByTestId('wall-as-of');
      expect(await asOf.textContent()).toContain(
        lang === 'en' ? `Figures as of ${date}` : `数据截至 ${date}`,
      );
      expect(await asOf.textContent()).toContain(lang === 'en' ? 'Updated at' : '更新于');
      // Each unit's status is written beside its bar, not told by colour alone.
      expect(
        await wall.getByRole('img', { name: lang === 'en' ? 'Ranking of units' : '单位排名' }).textContent(),
      ).toMatch(lang === 'en' ? /On track|Lagging|Zero result/ : /达进度|落后|零战果/);
      if (width === 1920) await screenshot(page, 'wall-1920');
      await page.reload();
      await wall.locator('svg text').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/wall');
      await page.context().close();
    }
  }, 120_000);

  it('refreshes the wall on its interval and rotates from the city through the units below', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.setViewportSize({ width: 1920, height: 1080 });
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/dashboard')) asked.push(new URL(r.url()).searchParams.get('unit') ?? 'home');
    });
    await page.goto(`${e2e.url}/wall?refresh=5&rotate=5`);
    await expect.poll(() => page.locator('.wall h1').textContent()).toContain('西宁市公安局');
    const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    const views = board.children.map((c) => `${c.name} · ${board.campaign.name}`);
    await expect.poll(() => page.locator('.wall h1').textContent(), { timeout: 15_000 }).toBeOneOf(views);
    expect(await page.locator('.wall-meta').textContent()).toMatch(
      new RegExp(` (?:[2-9]|\\d{2,}) / ${views.length + 1}`),
    );
    // Reloaded on the interval, not only when the view turned.
    await expect.poll(() => asked.filter((u) => u === 'home').length, { timeout: 15_000 }).toBeGreaterThan(1);
    await page.context().close();
  }, 90_000);

  it('shows the dashboard as of an earlier date, kept in the address', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.locator('.kpis').waitFor();
    const earlier = '2026-11-10';
    const then = (await (
      await page.request.get(`${e2e.url}/api/dashboard?asOf=${earlier}`)
    ).json()) as DashboardOut;
    const now = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    expect(then.unit.cleared).toBeLessThan(now.unit.cleared); // the demo cleared persons since
    await page.getByLabel('Figures as of').fill(earlier);
    const number = new Intl.NumberFormat('en');
    const cleared = page
      .locator('.kpi')
      .filter({ has: page.locator('.kpi-label', { hasText: /^Cleared \/ baseline$/ }) })
      .locator('.kpi-value');
    await expect
      .poll(() => cleared.textContent())
      .toBe(`${number.format(then.unit.cleared)} / ${number.format(then.unit.baseline)}`);
    expect(page.url()).toContain(`asOf=${earlier}`);
    await page.reload();
    await expect
      .poll(() => cleared.textContent())
      .toBe(`${number.format(then.unit.cleared)} / ${number.format(then.unit.baseline)}`);
    await page.getByRole('button', { name: 'Today' }).click();
    await expect
      .poll(() => cleared.textContent())
      .toBe(`${number.format(now.unit.cleared)} / ${number.format(now.unit.baseline)}`);
    await page.context().close();
  });

  it('follows the language in the page’s lang, and offers a skip link to the content', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.locator('.kpis').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByLabel('Language').first().selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.context().close();
  });

  it('shows the homicide tile, arrests and surrenders apart and new listings, from the figures', async () => {
    const page = await e2e.signIn('commander', 'en');
    const tile = page.getByTestId('homicide-tile');
    await tile.waitFor();
    const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    const h = board.unit.homicide;
    expect(h.baseline).toBeGreaterThan(0);
    const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    const number = new Intl.NumberFormat('en');
    expect(await tile.locator('.kpi-label').textContent()).toBe('Homicide fugitives');
    expect(await tile.locator('.kpi-value').textContent()).toBe(percent.format(h.declineRate!));
    expect(await tile.locator('.kpi-note').textContent()).toBe(
      `Cleared / baseline ${number.format(h.cleared)} / ${number.format(h.baseline)} · Captures ${number.format(h.captures)}`,
    );
    const kpis = await page.locator('.kpis').textContent();
    expect(kpis).toContain(`Arrests ${number.format(board.unit.captures.arrests)}`);
    expect(kpis).toContain(`Surrenders ${number.format(board.unit.captures.surrenders)}`);
    expect(kpis).toContain('New listings');
    // The demo campaign launched weeks ago: its figures rest on a frozen baseline.
    expect(board.provisional).toBe(false);
    expect(await page.getByTestId('provisional').count()).toBe(0);
    // The charts people compare: captures and homicide decline by unit.
    await page.getByRole('img', { name: 'Homicide fugitives by unit' }).locator('svg').waitFor();
    await page
      .getByRole('img', { name: 'Captures by unit: arrests and surrenders' })
      .locator('svg')
      .waitFor();
    await page.context().close();
  });

  it("shows the pace and forecast, and projects the last week's pace to the deadline on the trend chart", async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e2e.signIn('commander', lang);
      const tile = page.getByTestId('pace-tile');
      await tile.waitFor();
      const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
      const number = new Intl.NumberFormat(lang);
      expect(await tile.locator('.kpi-value').textContent()).toBe(number.format(board.unit.pace.remaining));
      const note = await tile.locator('.kpi-note').textContent();
      const projected =
        board.unit.pace.projectedOn === null
          ? lang === 'en'
            ? 'Not at this pace'
            : '按此进度无法达标'
          : new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(
              new Date(`${board.unit.pace.projectedOn}T00:00:00`),
            );
      expect(note).toContain(projected);
      expect(note).toContain(lang === 'en' ? 'Last 7 days, a day' : '近7日日均');
      // The demo campaign runs to a deadline after today, with results last week: a projection to draw.
      expect(board.projection.map((p) => p.date)).toEqual([board.asOf, board.campaign.deadlineOn]);
      const chart = page.getByRole('img', { name: lang === 'en' ? 'Decline rate over time' : '下降率走势' });
      await expect
        .poll(() => chart.textContent())
        .toContain(lang === 'en' ? "Projection at the last 7 days' pace" : '按近7日进度预测');
      if (lang === 'zh-CN') await screenshot(page, 'dashboard-pace-zh');
      await page.context().close();
    }
  });

  it("marks the mobilisation meetings on every unit's trend chart, and not before they were held", async () => {
    const station = '630102-01';
    for (const [lang, path, label] of [
      ['zh-CN', '/', '动员会'],
      ['en', `/units/${station}`, 'Mobilisation meeting'],
    ] as const) {
      const page = await e2e.signIn('commander', lang);
      await page.goto(`${e2e.url}${path}`);
      const board = (await (
        await page.request.get(`${e2e.url}/api/dashboard${path === '/' ? '' : `?unit=${station}`}`)
      ).json()) as DashboardOut;
      // The demo city held its mobilisation meeting on launch day.
      expect(board.mobilisation).toEqual({
        heldOn: board.campaign.startOn,
        title: '全市追逃“清网行动”动员部署会议',
      });
      const chart = page.getByRole('img', { name: lang === 'en' ? 'Decline rate over time' : '下降率走势' });
      await expect.poll(() => chart.textContent()).toContain(label);
      // 城东分局's own mobilisation meeting and the city's re-mobilisation meeting are marked too,
      // and listed under the chart.
      const again = lang === 'en' ? 'Re-mobilisation meeting' : '再动员会';
      expect(board.mobilisations.map((m) => [m.kind, m.unit.code])).toEqual([
        ['mobilization', '630100'],
        ['mobilization', '630102'],
        ['remobilization', '630100'],
      ]);
      await expect.poll(() => chart.textContent()).toContain(again);
      const listed = page.getByTestId('timeline-meetings');
      await expect.poll(() => listed.textContent()).toContain(`城东分局 ${label}`);
      expect(await listed.textContent()).toContain('全市清网行动再动员再部署会议');

      // As of the day before, the meeting had not been held: no mark.
      const before = new Date(Date.parse(`${board.campaign.startOn}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      const then = (await (
        await page.request.get(
          `${e2e.url}/api/dashboard?asOf=${before}${path === '/' ? '' : `&unit=${station}`}`,
        )
      ).json()) as DashboardOut;
      expect(then.mobilisation).toBeNull();
      await page.goto(`${e2e.url}${path}?asOf=${before}`);
      await page.locator('.kpis').waitFor();
      await expect
        .poll(() => chart.locator('svg').textContent())
        .toContain(lang === 'en' ? 'Decline rate' : '下降率');
      expect(await chart.textContent()).not.toContain(label);
      await page.context().close();
    }
  });

  it('shows the leaders and the responsibility letters, in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e2e.signIn('commander', lang);
      const suffix = lang === 'en' ? 'en' : 'zh';
      await page.goto(`${e2e.url}/leaders`);
      await page.getByTestId('leader-leader').waitFor();
      await screenshot(page, `leaders-${suffix}`);
      await page.goto(`${e2e.url}/letters`);
      await page.locator('[data-testid^=unsigned-]').first().waitFor();
      await screenshot(page, `letters-${suffix}`);
      await page.context().close();
    }
  });

  // Last: it adds a campaign, which the dashboard then shows.
  it('labels the figures of a campaign not launched yet as provisional, in Chinese and English', async () => {
    await createCampaign(contextFor(e2e.store, new Date(`${TODAY}T04:00:00Z`), 'commander'), {
      name: '清网行动 2027',
      baselineOn: '2026-12-31',
      startOn: '2027-01-01',
      deadlineOn: '2027-06-30',
    });
    const page = await e2e.signIn('commander');
    await expect.poll(() => page.locator('h1').textContent()).toContain('清网行动 2027');
    expect(await page.getByTestId('provisional').textContent()).toBe('暂定：行动基数尚未冻结');
    await page.getByLabel('语言').first().selectOption('en');
    await expect
      .poll(() => page.getByTestId('provisional').textContent())
      .toBe('Provisional: the baseline is not frozen yet');
    await page.context().close();
  });
});
