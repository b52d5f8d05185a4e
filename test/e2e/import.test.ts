import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, browserAvailable, screenshot, startE2E } from './harness.ts';

const BAD = [
  'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
  'X1,正常人,,,,theft,盗窃,,630102-01,2020-01-01,no,',
  'X2,错号,,,110105194912310021,theft,盗窃,,630102-01,2020-01-01,no,',
  'X3,坏日期,,,,robbery,抢劫,,630102-01,2020-02-30,no,',
].join('\n');

describe.skipIf(!browserAvailable())('importing a file in a browser', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows every bad row next to its error, and imports nothing (${lang})`, async () => {
      const page = await e2e.signIn('commander', lang);
      await page.goto(`${e2e.url}/import`);
      await page.locator('select[name=table]').selectOption('fugitives');
      await page.locator('input[type=file]').setInputFiles({
        name: 'fugitives.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(BAD),
      });
      await page.locator('button[type=submit]').click();
      await page.getByTestId('row-error-3').waitFor();
      expect(await page.getByTestId('row-error-3').textContent()).toContain('check digit is 1, expected X');
      expect(await page.getByTestId('row-error-3').textContent()).toContain('110105194912310021');
      expect(await page.getByTestId('row-error-4').textContent()).toContain('listed_on');
      await screenshot(page, `import-errors-${lang === 'en' ? 'en' : 'zh'}`);
      const x1 = await e2e.store.db
        .selectFrom('fugitives')
        .select('id')
        .where('listing_no', '=', 'X1')
        .execute();
      expect(x1).toEqual([]);
      await page.context().close();
    });
  }
});
