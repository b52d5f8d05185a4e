// The API's refusals reach the reader in the reader's language: a form error, an import error, a
// wrong password and a refusal outside one's units, in Chinese and in English; and no page shown in
// Chinese carries an English word outside a short allow-list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, startE2E } from './harness.ts';
import { ALLOWED, LATIN_WORD, appText, expectIn } from './language.ts';

/** The file's own headers are Chinese in the Chinese test and English in the English one. */
const IMPORT = {
  'zh-CN': [
    '在逃人员编号,姓名,身份证号,案件类别,简要案情,上网单位,上网日期',
    'E1,错号,110105194912310021,盗窃,盗窃,630102-01,2020-01-01',
  ],
  en: [
    'listing_no,name,id_number,crime_category,offence,listing_agency,listed_on',
    'E1,错号,110105194912310021,theft,盗窃,630102-01,2020-01-01',
  ],
};

describe.skipIf(!browserAvailable())('refusals in the reader’s language', () => {
  let e2e: E2E;
  let listingNo: string;

  beforeAll(async () => {
    e2e = await startE2E();
    const row = await e2e.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.listing_no')
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    listingNo = row.listing_no;
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`words a wrong password in ${lang}`, async () => {
      const context = await e2e.browser.newContext({ locale: lang });
      await context.addInitScript((l) => localStorage.setItem('qingwang.lang', l), lang);
      const page = await context.newPage();
      await page.goto(e2e.url);
      await page.locator('input[name=username]').fill('officer');
      await page.locator('input[name=password]').fill('not the password');
      await page.locator('button[type=submit]').click();
      const text = await page.getByRole('alert').textContent();
      expectIn(lang, text);
      expect(text).toBe(lang === 'en' ? 'Wrong username or password.' : '用户名或密码错误。');
      await context.close();
    });

    it(`words a form error next to its field in ${lang}`, async () => {
      const page = await e2e.signIn('officer', lang);
      await page.goto(`${e2e.url}/fugitives/${listingNo}/claim`);
      await page.locator('#claim-occurredOn').fill('2026-11-27');
      await page.locator('form button[type=submit]').click();
      const text = await page.locator('#evidenceRef-error').textContent();
      expectIn(lang, text);
      expect(text).toContain(lang === 'en' ? 'detention notice' : '拘留通知书');
      await page.context().close();
    });

    it(`words each bad row of an import with the file's own header in ${lang}`, async () => {
      const page = await e2e.signIn('commander', lang);
      await page.goto(`${e2e.url}/import`);
      await page.locator('select[name=table]').selectOption('fugitives');
      await page.locator('input[type=file]').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(IMPORT[lang].join('\n')),
      });
      await page.locator('button[type=submit]').click();
      const problem = page.getByTestId('row-error-2').locator('td').first();
      await problem.waitFor();
      const text = await problem.textContent();
      expect(text).toBe(
        lang === 'en'
          ? 'Row 2 · id_number: The check digit is 1; it should be X.'
          : '第 2 行 · 身份证号：身份证号校验位为 1，应为 X。',
      );
      expectIn(lang, await page.locator('#row-errors').textContent());
      await page.context().close();
    });

    it(`words a refusal outside one's units in ${lang}`, async () => {
      const page = await e2e.signIn('officer', lang);
      await page.goto(`${e2e.url}/units/630103`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.textContent();
      expect(text).toContain('630103');
      expectIn(lang, text!.replace('630103', ''));
      await page.context().close();
    });
  }

  it('shows every page in Chinese without an English word outside the allow-list', async () => {
    const tip = await e2e.store.db.selectFrom('tips').select('id').orderBy('id').executeTakeFirst();
    const pages: Record<string, string[]> = {
      commander: [
        '/',
        '/units/630102',
        '/import',
        '/leaders',
        '/leaders/leader',
        '/letters',
        '/registry',
        `/fugitives/${listingNo}`,
        '/queue',
        '/integrity',
        '/publicity',
        '/tips',
        ...(tip ? [`/tips/${tip.id}`] : []),
        '/ledger',
        '/sanctions',
        '/reviews',
        '/supervision',
        '/bulletins',
        '/assessment',
        '/meetings',
        '/guidance',
        '/returns',
        '/wall?rotate=0',
        '/rectification',
        '/merits',
        '/notifications',
        '/account',
      ],
      officer: [`/fugitives/${listingNo}/claim`],
      admin: ['/service-accounts'],
    };
    const found: Record<string, string[]> = {};
    for (const [user, paths] of Object.entries(pages)) {
      const page = await e2e.signIn(user, 'zh-CN');
      for (const path of paths) {
        await page.goto(`${e2e.url}${path}`);
        await page.waitForLoadState('networkidle');
        const words = (await appText(page)).match(LATIN_WORD) ?? [];
        const foreign = [...new Set(words)].filter((w) => !ALLOWED.has(w));
        if (foreign.length > 0) found[path] = foreign;
      }
      await page.context().close();
    }
    expect(found).toEqual({});
  }, 180_000);
});
