// Upkeep of single listings in a browser (issue 14): a correction on the case page, refused in the
// reader's words next to the field, then saved and shown in the timeline with old and new values;
// the registry's roster downloaded as .xlsx with the filter chosen on the page; and the national
// list compared on the reconciliation page, its differences listed in Chinese.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roster } from '../../src/areas/registry/service.ts';
import { rosterCsv } from '../../src/reports/roster.ts';
import { contextFor } from '../support/stores.ts';
import { type E2E, TODAY, browserAvailable, downloaded, startE2E } from './harness.ts';

const NOW = new Date(`${TODAY}T04:00:00Z`);

describe.skipIf(!browserAvailable())('upkeep of listings in a browser', () => {
  let e2e: E2E;
  let listings: { listing_no: string; name: string }[];
  beforeAll(async () => {
    e2e = await startE2E();
    listings = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select(['f.listing_no', 'f.name'])
      .where('u.code', '=', '630102-01') // the demo officer's station
      .orderBy('f.listing_no')
      .limit(2)
      .execute();
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const [i, lang] of (['zh-CN', 'en'] as const).entries()) {
    it(`corrects a listing on its case page, old and new values in the timeline (${lang})`, async () => {
      const { listing_no: listingNo, name } = listings[i]!;
      const page = await e2e.signIn('officer', lang);
      await page.goto(`${e2e.url}/fugitives/${encodeURIComponent(listingNo)}`);
      const form = page.getByRole('form', {
        name: lang === 'en' ? 'Correct this listing' : '更正在逃人员信息',
      });
      await page.getByRole('button', { name: lang === 'en' ? 'Correct the fields' : '更正信息' }).click();
      const idNumber = await form.locator('input[name=idNumber]').inputValue();
      await form.locator('input[name=idNumber]').fill('110105194912310021');
      await form.locator('textarea[name=reason]').fill(lang === 'en' ? 'typed wrong' : '录入错误');
      await form.locator('button[type=submit]').click();
      const idError = form.locator('#idNumber-error');
      await idError.waitFor();
      expect(await idError.textContent()).toBe(
        lang === 'en' ? 'The check digit is 1; it should be X.' : '身份证号校验位为 1，应为 X。',
      );

      await form.locator('input[name=idNumber]').fill(idNumber);
      await form.locator('input[name=name]').fill(`${name}甲`);
      await form.locator('button[type=submit]').click();
      await page
        .getByRole('status')
        .filter({ hasText: lang === 'en' ? 'was corrected' : '已更正' })
        .waitFor();
      // The timeline reloads after the save: its last entry is the correction, old and new values.
      const shown = lang === 'en' ? `Name: ${name} → ${name}甲` : `姓名: ${name} → ${name}甲`;
      await page.locator('ol.timeline li', { hasText: shown }).waitFor();
      expect(await page.locator('ol.timeline li').last().textContent()).toContain(shown);
      const stored = await e2e.store.db
        .selectFrom('fugitives')
        .select('name')
        .where('listing_no', '=', listingNo)
        .executeTakeFirstOrThrow();
      expect(stored.name).toBe(`${name}甲`);
      await page.context().close();
    });
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`enters a single new listing from the registry, refusals next to their fields (${lang})`, async () => {
      const listingNo = `E2E-NEW-${lang}`;
      const page = await e2e.signIn('officer', lang);
      await page.goto(`${e2e.url}/registry`);
      await page.getByRole('link', { name: lang === 'en' ? 'Enter a new listing' : '登记在逃人员' }).click();
      const form = page.getByRole('form', { name: lang === 'en' ? 'Enter a new listing' : '登记在逃人员' });
      await form.locator('input[name=listingNo]').fill(listingNo);
      await form.locator('select[name=crimeCategory]').selectOption('theft');
      await form.locator('input[name=offence]').fill('盗窃');
      // The form offers the browser's today; the test server's clock stands a few days earlier.
      await form.locator('input[name=listedOn]').fill('2026-11-20');
      await form.locator('button[type=submit]').click();
      const nameError = form.locator('#name-error');
      await nameError.waitFor();
      expect(await nameError.textContent()).toBe(lang === 'en' ? 'Required.' : '此项必填。');

      await form.locator('input[name=name]').fill('新登记');
      await form.locator('button[type=submit]').click();
      await page.waitForURL(`**/fugitives/${listingNo}`);
      await page.getByRole('heading', { name: new RegExp(`新登记 · ${listingNo}`) }).waitFor();
      const stored = await e2e.store.db
        .selectFrom('fugitives as f')
        .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
        .select(['f.name', 'f.crime_category', 'u.code'])
        .where('f.listing_no', '=', listingNo)
        .executeTakeFirstOrThrow();
      // The unit defaults to the officer's own.
      expect(stored).toEqual({ name: '新登记', crime_category: 'theft', code: '630102-01' });
      await page.context().close();
    });
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`asks for a listing's withdrawal and a commander approves it (${lang})`, async () => {
      const en = lang === 'en';
      // A listing of the officer's station with no claim on it (the corrections above take the first ones).
      const { listing_no: listingNo } = await e2e.store.db
        .selectFrom('fugitives as f')
        .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
        .select('f.listing_no')
        .where('u.code', '=', '630102-01')
        .where('f.exit_on', 'is', null)
        .where('f.listing_no', 'not like', 'E2E-%')
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('clearances as c').select('c.id').whereRef('c.fugitive_id', '=', 'f.id')),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('listing_withdrawals as w').select('w.id').whereRef('w.fugitive_id', '=', 'f.id'),
            ),
          ),
        )
        .orderBy('f.listing_no', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const officer = await e2e.signIn('officer', lang);
      await officer.goto(`${e2e.url}/fugitives/${encodeURIComponent(listingNo)}`);
      const askName = en ? 'Ask for withdrawal' : '申请撤回';
      await officer.getByRole('button', { name: askName }).click();
      const form = officer.getByRole('form', { name: askName });
      await form.locator('textarea[name=reason]').fill(en ? 'entered twice' : '重复录入');
      await form.locator('button[type=submit]').click();
      await officer
        .getByText(
          en ? 'A withdrawal of this listing waits for a commander.' : '此记录的撤回申请正在等待指挥长审批。',
        )
        .waitFor();
      await officer.context().close();

      const commander = await e2e.signIn('commander', lang);
      await commander.goto(`${e2e.url}/registry`);
      await commander.getByRole('link', { name: new RegExp(listingNo) }).click();
      const panels = en ? ['Case owner', 'The four ones'] : ['包案领导', '“四个一”'];
      for (const panel of panels)
        await commander.getByRole('heading', { name: panel, exact: true }).waitFor();
      await commander
        .getByRole('button', { name: en ? 'Approve the withdrawal' : '同意撤回', exact: true })
        .click();
      await commander
        .getByRole('status')
        .filter({ hasText: en ? 'The listing is withdrawn.' : '该记录已撤回。' })
        .waitFor();
      await commander
        .getByRole('heading', {
          name: new RegExp(en ? 'Withdrawn \\(entered by mistake\\)' : '已撤回（误录）'),
        })
        .waitFor();
      await commander
        .locator('ol.timeline li', { hasText: en ? 'Withdrawal approved' : '同意撤回' })
        .waitFor();
      // Nobody's case any more: no owner to take it, no four ones to keep.
      for (const panel of panels)
        expect(await commander.getByRole('heading', { name: panel, exact: true }).count()).toBe(0);
      const stored = await e2e.store.db
        .selectFrom('listing_withdrawals as w')
        .innerJoin('fugitives as f', 'f.id', 'w.fugitive_id')
        .select(['w.status', 'w.asked_by', 'w.decided_by'])
        .where('f.listing_no', '=', listingNo)
        .execute();
      expect(stored).toEqual([{ status: 'approved', asked_by: 'officer', decided_by: 'commander' }]);
      await commander.context().close();
    });
  }

  it("downloads the roster of the registry's filter as .xlsx, headed and worded in Chinese", async () => {
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/registry`);
    await page.locator('#registry-unit').selectOption('630103');
    await page.locator('#registry-category').selectOption('theft');
    const link = page.getByTestId('roster-xlsx');
    await expect.poll(() => link.getAttribute('href')).toMatch(/unit=630103&category=theft/);
    const file = await downloaded(page, link);
    expect(file.name).toBe('在逃人员名单-630103.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('在逃人员名单')!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const [header, ...body] = rows;
    expect(header!.slice(0, 3)).toEqual(['在逃人员编号', '姓名', '案件类别']);
    const status = header!.indexOf('状态');
    expect(header!.slice(status)).toEqual(['状态', '到案日期', '到案方式']);
    // The filter's listings, no more: the sub-bureau and its stations, thefts only, each worded in Chinese.
    const expected = await roster(contextFor(e2e.store, NOW), { unit: '630103', category: 'theft' });
    expect(expected.length).toBeGreaterThan(0);
    expect(body.map((r) => r[0])).toEqual(expected.map((r) => r.listingNo));
    expect(new Set(body.map((r) => r[2]))).toEqual(new Set(['盗窃']));
    expect(body.every((r) => ['在逃', '已到案'].includes(r[status] as string))).toBe(true);
    await page.context().close();
  });

  it('compares an uploaded national list and lists the differences in Chinese', async () => {
    // The national export: a station's own roster, one listing missing, one more, one name changed.
    const ours = await roster(contextFor(e2e.store, NOW), { unit: '630103-01' });
    const [header, ...rows] = Papa.parse<string[]>(
      rosterCsv(ours, 'zh-CN')
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
      { skipEmptyLines: true },
    ).data;
    expect(rows.length).toBeGreaterThan(3);
    const [missing, renamed] = [rows.shift()!, rows[0]!];
    const oldName = renamed[1]!;
    renamed[1] = `${oldName}甲`;
    const extra = [...rows[1]!];
    extra[0] = 'E2E-NATIONAL-1';
    rows.push(extra);
    const page = await e2e.signIn('commander');
    await page.goto(`${e2e.url}/reconciliation`);
    await page.locator('#national-file').setInputFiles({
      name: '全国在逃人员.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${Papa.unparse([header!, ...rows])}\r\n`),
    });
    await page.locator('#reconcile-unit').fill('630103-01');
    await page.getByRole('button', { name: '比对', exact: true }).click();
    const report = page.getByTestId('reconciliation');
    await report.getByText(`全国系统在册 ${rows.length} 条；本系统在册 ${ours.length} 条`).waitFor();
    const listed = async (heading: string) =>
      report
        .getByRole('heading', { name: heading })
        .locator('xpath=following-sibling::ul[1]/li')
        .allTextContents();
    expect(await listed('仅全国系统有 (1)')).toEqual([expect.stringMatching(/^E2E-NATIONAL-1 /)]);
    expect(await listed('仅本系统有 (1)')).toEqual([expect.stringMatching(new RegExp(`^${missing[0]} `))]);
    expect(await listed('状态不一致 (0)')).toEqual([]);
    expect(await listed('字段不一致 (1)')).toEqual([
      `${renamed[0]} 姓名: 本系统 ${oldName}，全国系统 ${oldName}甲`,
    ]);
    await page.context().close();
  });
});
