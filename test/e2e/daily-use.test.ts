// Issue 15, "Daily use by the people in the bureau": one test for each of its ten numbered problems,
// each run in Chinese and in English, on a desktop (1440×900) and on a phone (390×844). The other
// browser tests go deeper into each area (errors, limits, phones, tables, dashboard, bulletins…);
// these hold the issue's "done when" in one place.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardOut } from '../../src/areas/campaigns/schema.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import { type E2E, TODAY, browserAvailable, screenshot, startE2E } from './harness.ts';
import { expectIn, foreignWords } from './language.ts';

const SCREENS = [
  [1440, 900],
  [390, 844],
] as const;

/** A document number stored before there were limits (the one that broke the queue and the case page). */
const LONG = '西公拘字'.padEnd(10_000, '0123456789');

/** The demo's logins: never shown where a person is meant. */
const LOGINS = /\b(?:commander|leader(?!’s)|officer2?|inspector|publicity|admin|demo)\b/g;

/** How far the page reaches past the right edge of its window (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opens a page and waits for its data. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
}

/** WCAG contrast ratio of two CSS colours (rgb()/rgba() as the browser computes them). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!browserAvailable())(
  'issue 15: daily use, in both languages, on a desktop and a phone',
  () => {
    let e2e: E2E;
    /** The pending arrest given the 10,000-character document number. */
    let longClaim: { id: number; listingNo: string };
    /** A listing of the officer's station with a claim pending. */
    let pendingListing: string;
    /** A verified arrest. */
    let verifiedListing: string;
    /** Pending cancellations in the leader's sub-bureau, one for each run to refuse. */
    const cancellations: number[] = [];

    beforeAll(async () => {
      e2e = await startE2E();
      const db = e2e.store.db;
      const newest = await db
        .selectFrom('clearances as c')
        .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
        .select(['c.id', 'f.listing_no'])
        .where('c.status', '=', 'pending')
        .where('c.kind', '=', 'arrest')
        .orderBy('c.id', 'desc')
        .executeTakeFirstOrThrow();
      longClaim = { id: newest.id, listingNo: newest.listing_no };
      await db.updateTable('clearances').set({ evidence_ref: LONG }).where('id', '=', newest.id).execute();

      const pending = await db
        .selectFrom('clearances as c')
        .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
        .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
        .select('f.listing_no')
        .where('c.status', '=', 'pending')
        .where('u.code', '=', '630102-01')
        .orderBy('f.listing_no')
        .executeTakeFirstOrThrow();
      pendingListing = pending.listing_no;
      const verified = await db
        .selectFrom('clearances as c')
        .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
        .select('f.listing_no')
        .where('c.status', '=', 'verified')
        .where('c.kind', '=', 'arrest')
        .orderBy('c.id')
        .executeTakeFirstOrThrow();
      verifiedListing = verified.listing_no;

      // Four cancellations filed by 东关派出所 on listings of its own that no claim holds.
      const unit = await db
        .selectFrom('units')
        .select('id')
        .where('code', '=', '630102-01')
        .executeTakeFirstOrThrow();
      const free = await db
        .selectFrom('fugitives as f')
        .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
        .select('f.id')
        .where('f.listing_unit_id', '=', unit.id)
        .where('f.exit_on', 'is', null)
        .where('c.id', 'is', null)
        .orderBy('f.listing_no', 'desc')
        .limit(4)
        .execute();
      for (const f of free) {
        const row = await db
          .insertInto('clearances')
          .values({
            fugitive_id: f.id,
            kind: 'cancellation',
            occurred_on: TODAY,
            capturing_unit_id: null,
            capturing_agency: null,
            persuading_unit_id: null,
            place: null,
            evidence_ref: null,
            status: 'pending',
            provenance: 'entered',
            claimed_by: 'officer',
            entered_at: new Date(`${TODAY}T02:00:00Z`).toISOString(),
            decided_by: null,
            decided_at: null,
            decision_reason: null,
            claim_unit_id: unit.id,
            reason_code: 'warrant_withdrawn',
            reason_text: null,
            approved_by: null,
            approved_at: null,
            supersedes_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        cancellations.push(row.id);
      }
      expect(cancellations).toHaveLength(4);
    }, 120_000);
    afterAll(() => e2e?.close());

    let run = 0;
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [width, height] of SCREENS) {
        const phone = width < 720;
        /** The text in the run's language. */
        const say = (zh: string, en: string) => (lang === 'en' ? en : zh);
        const as = async (user: string): Promise<Page> => {
          const page = await e2e.signIn(user, lang);
          await page.setViewportSize({ width, height });
          return page;
        };
        const mine = run++;

        describe(`${lang} at ${width}×${height}`, () => {
          it('1. words the server’s refusals, sign-in, form errors, "not found" and buttons in the reader’s language', async () => {
            // Sign-in.
            const context = await e2e.browser.newContext({ locale: lang, viewport: { width, height } });
            await context.addInitScript((l) => localStorage.setItem('qingwang.lang', l), lang);
            const login = await context.newPage();
            await login.goto(e2e.url);
            await login.locator('input[name=username]').fill('officer');
            await login.locator('input[name=password]').fill('not the password');
            await login.locator('button[type=submit]').click();
            expect(await login.getByRole('alert').textContent()).toBe(
              say('用户名或密码错误。', 'Wrong username or password.'),
            );
            await context.close();

            const page = await as('officer');
            // A refusal outside one's units.
            await page.goto(`${e2e.url}/units/630103`);
            const refusal = await page.getByRole('alert').first().textContent();
            expect(refusal).toContain('630103');
            expectIn(lang, refusal!.replace('630103', ''));
            // "Not found".
            await page.goto(`${e2e.url}/fugitives/T0000000000`);
            const missing = await page.getByRole('alert').first().textContent();
            expect(missing).toContain('T0000000000');
            expectIn(lang, missing!.replace('T0000000000', ''));
            // A form error next to its field.
            const free = await e2e.store.db
              .selectFrom('fugitives as f')
              .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
              .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
              .select('f.listing_no')
              .where('u.code', '=', '630102-01')
              .where('c.id', 'is', null)
              .orderBy('f.listing_no')
              .executeTakeFirstOrThrow();
            await page.goto(`${e2e.url}/fugitives/${free.listing_no}/claim`);
            await page.locator('#claim-occurredOn').fill('2026-11-27');
            await page.locator('form button[type=submit]').click();
            expectIn(lang, await page.locator('#evidenceRef-error').textContent());
            await page.context().close();

            // Buttons and pages: a Chinese page has no English word; an English page's buttons no Chinese.
            const commander = await as('commander');
            for (const path of ['/', '/import', '/bulletins', '/sanctions']) {
              await open(commander, `${e2e.url}${path}`);
              if (lang === 'zh-CN') expect(await foreignWords(commander), path).toEqual([]);
              else {
                const buttons = await commander.getByRole('button').allInnerTexts();
                expect(
                  buttons.filter((b) => /\p{Script=Han}/u.test(b)),
                  path,
                ).toEqual([]);
              }
            }
            await commander.context().close();
          });

          it('2. bounds the document number in the form, and keeps a 10,000-character one from breaking the queue and the case page', async () => {
            const officer = await as('officer');
            const free = await e2e.store.db
              .selectFrom('fugitives as f')
              .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
              .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
              .select('f.listing_no')
              .where('u.code', '=', '630102-01')
              .where('c.id', 'is', null)
              .orderBy('f.listing_no')
              .executeTakeFirstOrThrow();
            await open(officer, `${e2e.url}/fugitives/${free.listing_no}/claim`);
            const evidence = officer.locator('#claim-evidenceRef');
            expect(await evidence.getAttribute('maxlength')).toBe(String(LIMITS.documentNumber));
            // The limit is shown in the form, not only enforced.
            expect(await officer.locator('.field', { has: evidence }).textContent()).toContain(
              String(LIMITS.documentNumber),
            );
            await evidence.fill(LONG);
            expect((await evidence.inputValue()).length).toBe(LIMITS.documentNumber);
            await officer.context().close();

            const inspector = await as('inspector');
            await open(inspector, `${e2e.url}/queue`);
            const row = inspector.getByTestId(`claim-${longClaim.id}`);
            await row.waitFor();
            const verify = row.getByRole('button', { name: say('核实', 'Verify') });
            await verify.scrollIntoViewIfNeeded();
            const box = (await verify.boundingBox())!;
            expect(box.x).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width).toBeLessThanOrEqual(width);
            expect(await overflow(inspector)).toBe(0);
            expect(await row.locator(`[title="${LONG}"]`).count()).toBe(1); // the whole value a hover away

            await open(inspector, `${e2e.url}/fugitives/${longClaim.listingNo}`);
            await inspector.locator(`[data-testid=claim-${longClaim.id}]`).waitFor();
            expect(await overflow(inspector)).toBe(0);
            expect(await inspector.locator(`[title="${LONG}"]`).count()).toBeGreaterThan(0);
            await inspector.context().close();
          });

          it('3. fits the width, keeps unit names readable, the header short and liaison units choosable by ticking', async () => {
            const commander = await as('commander');
            for (const path of [
              '/',
              '/registry',
              `/fugitives/${pendingListing}`,
              '/ledger',
              '/leaders/leader',
            ]) {
              await open(commander, `${e2e.url}${path}`);
              expect(await overflow(commander), path).toBe(0);
            }
            await open(commander, e2e.url);
            const header = (await commander.locator('header.top').boundingBox())!.height;
            expect(header).toBeLessThan(phone ? 60 : 100);
            const table = commander.locator('table.ranking');
            await table.locator('tbody tr').first().waitFor();
            const lines = await table.locator('tbody tr td:nth-child(2)').evaluateAll((cells) =>
              cells.map((c) => {
                const style = getComputedStyle(c);
                const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
                const inner = c.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
                return { name: c.textContent, lines: Math.round(inner / line) };
              }),
            );
            expect(lines.filter((l) => l.lines > 2)).toEqual([]);
            await open(commander, `${e2e.url}/leaders/leader`);
            const liaison = commander.getByRole('group', {
              name: say('选择联系点', 'Choose the liaison units'),
            });
            expect(await liaison.getByRole('checkbox').count()).toBeGreaterThan(1);
            expect(await commander.locator('select[multiple]').count()).toBe(0); // no Ctrl-click
            await commander.context().close();
          });

          it('4. keeps the demo’s integrity queue to a few weekly jumps, each finding linking to its claims', async () => {
            const inspector = await as('inspector');
            const open_ = (await (
              await inspector.request.get(`${e2e.url}/api/anomalies?status=open&pageSize=200`)
            ).json()) as {
              items: { id: number; rule: string; claims: { id: number; listingNo: string }[] }[];
            };
            const jumps = open_.items.filter((a) => a.rule === 'results-jump');
            expect(jumps.length).toBeLessThan(5);
            await open(inspector, `${e2e.url}/integrity`);
            await inspector.locator('[data-testid^=finding-]').first().waitFor();
            for (const finding of open_.items.filter((a) => a.claims.length > 0)) {
              const row = inspector.getByTestId(`finding-${finding.id}`);
              for (const claim of finding.claims)
                expect(
                  await row.locator(`a[href="/fugitives/${encodeURIComponent(claim.listingNo)}"]`).count(),
                  claim.listingNo,
                ).toBeGreaterThan(0);
            }
            expect(await overflow(inspector)).toBe(0);
            if (lang === 'zh-CN') expect(await foreignWords(inspector)).toEqual([]);
            await inspector.context().close();
          });

          it('5. has a wall that survives a reload, says how fresh its figures are, refreshes, and goes full screen', async () => {
            const page = await as('commander');
            await page.goto(`${e2e.url}/wall?rotate=0`);
            const wall = page.getByTestId('wall');
            await wall.locator('svg text').first().waitFor();
            expect(await page.locator('header.top').count()).toBe(0);
            expect(await overflow(page)).toBe(0);
            if (!phone)
              // One screen, no scrolling.
              expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(height);
            const asOf = await page.getByTestId('wall-as-of').textContent();
            expect(asOf).toContain(say('数据截至', 'Figures as of'));
            expect(asOf).toContain(say('更新于', 'Updated at'));
            expect(await page.locator('.wall-meta').textContent()).toContain(
              say('每 60 秒刷新', 'Refreshed every 60 s'),
            );
            expect(await page.getByRole('button', { name: say('全屏', 'Full screen') }).count()).toBe(1);
            await page.reload();
            await wall.locator('svg text').first().waitFor();
            expect(new URL(page.url()).pathname).toBe('/wall');
            await page.context().close();
          });

          it('6. gives official acts their weight: confirmations, success messages, a corrected bulletin, a refused cancellation, no impossible buttons', async () => {
            // The day's bulletin: issued once, then only corrected, each act confirmed first.
            const commander = await as('commander');
            await open(commander, `${e2e.url}/bulletins`);
            const before = await e2e.store.db
              .selectFrom('bulletins')
              .select(['id', 'number'])
              .where('as_of', '=', TODAY)
              .orderBy('number', 'desc')
              .execute();
            const issue = commander.getByRole('button', {
              name:
                before.length === 0
                  ? say('签发通报', 'Issue bulletin')
                  : say('签发更正通报', 'Issue a corrected bulletin'),
              exact: true,
            });
            await issue.click();
            const dialog = commander.getByRole('dialog');
            await dialog.waitFor();
            const latest = before[0];
            if (latest)
              expect(await dialog.textContent()).toContain(
                say(`第 ${latest.number} 期`, `No. ${latest.number}`),
              );
            await dialog
              .getByRole('button')
              .filter({ hasText: say('签发', 'Issue') })
              .click();
            await commander
              .getByRole('status')
              .filter({ hasText: say('已签发', 'issued') })
              .first()
              .waitFor();
            expect(
              await commander
                .getByRole('button', { name: say('签发通报', 'Issue bulletin'), exact: true })
                .count(),
            ).toBe(0);
            const after = await e2e.store.db
              .selectFrom('bulletins')
              .select(['id', 'number', 'corrects_id'])
              .where('as_of', '=', TODAY)
              .orderBy('number', 'desc')
              .executeTakeFirstOrThrow();
            expect(after.corrects_id).toBe(latest?.id ?? null);
            await commander.context().close();

            // A leader refuses a cancellation with a reason.
            const leader = await as('leader');
            await open(leader, `${e2e.url}/queue`);
            const id = cancellations[mine]!;
            const row = leader.getByTestId(`claim-${id}`);
            await row.waitFor();
            await row.getByRole('button', { name: say('不予批准', 'Refuse'), exact: true }).click();
            await row
              .getByLabel(say('不予批准的理由', 'Reason for refusing'))
              .fill(say('撤销依据不足', 'The withdrawal is not on file'));
            await row.getByRole('button', { name: say('不予批准', 'Refuse'), exact: true }).click();
            const confirm = leader.getByRole('dialog');
            await confirm.waitFor();
            await confirm.getByRole('button', { name: say('不予批准', 'Refuse'), exact: true }).click();
            await row
              .getByRole('status')
              .filter({ hasText: say('已不予批准。', 'Refused.') })
              .waitFor();
            const refused = await e2e.store.db
              .selectFrom('clearances')
              .select(['status', 'decision_reason', 'decided_by'])
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            const audited = await e2e.store.db
              .selectFrom('audit_events')
              .select(['actor', 'action'])
              .where('entity_id', '=', String(id))
              .where('action', 'like', 'clearance.%')
              .execute();
            expect(audited).toContainEqual({ actor: 'leader', action: 'clearance.refuse' });
            // A refused claim is closed as a rejected one is: it never counts.
            expect(refused).toEqual({
              status: 'rejected',
              decision_reason: say('撤销依据不足', 'The withdrawal is not on file'),
              decided_by: 'leader',
            });
            await leader.context().close();

            // No reject on a verified claim; no second claim while one is pending.
            const inspector = await as('inspector');
            await open(inspector, `${e2e.url}/fugitives/${verifiedListing}`);
            await inspector.locator('[data-testid^=claim-]').first().waitFor();
            expect(await inspector.getByRole('button', { name: say('驳回', 'Reject') }).count()).toBe(0);
            await open(inspector, `${e2e.url}/queue?tab=decided`);
            await inspector.locator('table.claims tbody tr').first().waitFor();
            expect(
              await inspector
                .locator('table.claims')
                .getByRole('button', { name: say('驳回', 'Reject') })
                .count(),
            ).toBe(0);
            await inspector.context().close();
            const officer = await as('officer');
            await open(officer, `${e2e.url}/fugitives/${pendingListing}`);
            await officer
              .getByText(say('该在逃人员已有申报待处理。', 'A claim on this listing waits for a decision.'))
              .waitFor();
            expect(
              await officer.getByRole('link', { name: say('申报到案', 'Claim a clearance') }).count(),
            ).toBe(0);
            await officer.context().close();
          });

          it('7. names people and units, never logins, and every demo claim its claiming unit', async () => {
            const inspector = await as('inspector');
            await open(inspector, `${e2e.url}/queue`);
            const table = inspector.locator('table.claims');
            await table.locator('tbody tr').first().waitFor();
            expect((await table.textContent())!.match(LOGINS) ?? []).toEqual([]);
            const units = await table
              .locator(`td[data-label="${say('申报单位', 'Claiming unit')}"]`)
              .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));
            expect(units.length).toBeGreaterThan(0);
            expect(units.filter((u) => u.trim() === '' || u.trim() === '—')).toEqual([]);
            expect(await inspector.locator('header.top').textContent()).toContain('督察 马明亮');
            await open(inspector, `${e2e.url}/fugitives/${verifiedListing}`);
            await inspector.locator('[data-testid^=claim-]').first().waitFor();
            // In English the page's prose says "a leader"; the claims name who acted.
            const said = await inspector
              .locator(lang === 'en' ? '[data-testid^=claim-]' : 'main')
              .allTextContents();
            expect(said.join('\n').match(LOGINS) ?? []).toEqual([]);
            await inspector.context().close();
          });

          it('8. offers "up one level" only where the level above is the reader’s, and it never leads to a refusal', async () => {
            const up = say('返回上级', 'Up one level');
            const officer = await as('officer');
            await open(officer, e2e.url);
            await officer.locator('.kpi').first().waitFor();
            expect(await officer.locator('h1').first().textContent()).toContain('东关派出所');
            expect(await officer.getByRole('link', { name: up }).count()).toBe(0);
            await officer.context().close();
            const leader = await as('leader');
            await open(leader, `${e2e.url}/units/630102-01`);
            await leader.getByRole('link', { name: up }).click();
            await leader.waitForURL(/\/units\/630102$/);
            await expect.poll(() => leader.locator('h1').first().textContent()).toContain('城东分局');
            expect(await leader.getByRole('alert').count()).toBe(0);
            expect(await leader.getByRole('link', { name: up }).count()).toBe(0);
            await leader.context().close();
          });

          it('9. sorts, filters and exports tables, groups the sanctions and keeps the ledger short', async () => {
            const page = await as('commander');
            await open(page, e2e.url);
            const ranking = page.locator('table.ranking');
            await ranking.locator('tbody tr').first().waitFor();
            const cleared = ranking.getByRole('columnheader', { name: say('已清', 'Cleared') }).first();
            await cleared.getByRole('button').click();
            expect(await cleared.getAttribute('aria-sort')).toBe('ascending');
            const section = page.locator('section', { has: ranking });
            await section.getByLabel(say('筛选', 'Filter')).fill('城东');
            await expect.poll(() => ranking.locator('tbody tr').count()).toBe(1);

            // The sanctions: grouped by unit under a summary, not one flat list of thousands of pixels.
            await open(page, `${e2e.url}/sanctions`);
            await page.getByTestId('sanction-group').first().waitFor();
            expect(await page.getByTestId('sanctions-summary').textContent()).toMatch(/\d/);
            const tall = () => page.evaluate(() => document.documentElement.scrollHeight);
            expect(await tall()).toBeLessThan(5000);

            // The ledger: paged, filterable and exported whole as .xlsx, and short on a phone.
            await open(page, `${e2e.url}/ledger`);
            const entries = page.getByRole('table', { name: say('台账记录', 'Entries') });
            await entries.locator('tbody tr').first().waitFor();
            expect(await entries.locator('tbody tr').count()).toBeLessThanOrEqual(50);
            expect(await tall()).toBeLessThan(phone ? 15_000 : 8000);
            const ledger = page.locator('section', { has: entries });
            const [download] = await Promise.all([
              page.waitForEvent('download'),
              ledger.getByRole('button', { name: say('导出（Excel）', 'Export (Excel)') }).click(),
            ]);
            expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
            const XLSX = await import('@e965/xlsx');
            const book = XLSX.read(readFileSync(await download.path()));
            expect(XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!).length).toBeGreaterThan(50);
            await page.context().close();

            // The queue: verified several at once (each claim decided on its own).
            const inspector = await as('inspector');
            await open(inspector, `${e2e.url}/queue`);
            await inspector.locator('table.claims tbody tr').first().waitFor();
            expect(
              await inspector.getByRole('group', { name: say('批量核实', 'Verify several claims') }).count(),
            ).toBe(1);
            await inspector.context().close();
          });

          it('10. shows the dashboard as of a date, with labelled pie, marked partial weeks, status in words, visible focus, a skip link and the right lang', async () => {
            const page = await as('commander');
            await open(page, e2e.url);
            await page.locator('.kpis').waitFor();
            expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
            // The skip link is the first stop, and the focus ring stands out (≥ 3:1).
            await page.keyboard.press('Tab');
            const skip = page.getByRole('link', { name: say('跳到正文', 'Skip to the content') });
            expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
            await page.keyboard.press('Enter');
            expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
            await page.keyboard.press('Tab');
            const ring = await page.evaluate(() => {
              const el = document.activeElement as HTMLElement;
              const style = getComputedStyle(el);
              return {
                color: style.outlineColor,
                width: parseFloat(style.outlineWidth),
                style: style.outlineStyle,
              };
            });
            expect(ring.style).not.toBe('none');
            expect(ring.width).toBeGreaterThanOrEqual(2);
            const page_ = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
            expect(contrast(ring.color, page_)).toBeGreaterThanOrEqual(3);
            expect(contrast(ring.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
            // The as-of date, kept in the address.
            await page.getByLabel(say('统计截至', 'Figures as of')).fill('2026-11-10');
            await page.waitForURL(/asOf=2026-11-10/);
            const board = (await (
              await page.request.get(`${e2e.url}/api/dashboard?asOf=2026-11-10`)
            ).json()) as DashboardOut;
            const number = new Intl.NumberFormat(lang);
            await expect
              .poll(() => page.locator('.kpis').textContent())
              .toContain(`${number.format(board.unit.cleared)} / ${number.format(board.unit.baseline)}`);
            // The pie says its numbers.
            const pie = page.getByRole('img', {
              name: say('到案方式构成', 'How the baseline left the list'),
            });
            await pie.locator('svg text').first().waitFor();
            expect(await pie.locator('svg text').allTextContents()).toContainEqual(
              expect.stringMatching(/\d+ \(\d/),
            );
            // On track or lagging is written, not told by colour alone.
            expect(await page.locator('table.ranking').textContent()).toMatch(
              lang === 'en' ? /On track|Lagging|Zero result/ : /达进度|落后|零战果/,
            );
            // The publicity chart marks its partial last week as partial.
            await open(page, `${e2e.url}/publicity`);
            const chart = page.getByRole('img', {
              name: say('每周投案自首与宣传活动对照', 'Surrenders per week against publicity'),
            });
            await chart.locator('svg text').first().waitFor();
            expect(await chart.locator('svg text').allTextContents()).toContainEqual(
              expect.stringMatching(lang === 'en' ? /^partial: \d of 7 days$/ : /^不完整：\d\/7 天$/),
            );
            if (phone && lang === 'zh-CN') {
              await open(page, `${e2e.url}/fugitives/${longClaim.listingNo}`);
              await screenshot(page, 'case-phone-zh');
            }
            await page.context().close();
          });
        });
      }
    }
  },
);
