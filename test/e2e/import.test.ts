import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
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
      expect(await page.getByTestId('row-error-3').textContent()).toContain(
        lang === 'en' ? 'The check digit is 1; it should be X.' : '身份证号校验位为 1，应为 X。',
      );
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

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`takes the valid rows on request and hands the refused ones back as a file (${lang})`, async () => {
      const n = lang === 'en' ? 'E' : 'Z';
      const page = await e2e.signIn('commander', lang);
      await page.goto(`${e2e.url}/import`);
      await page.locator('select[name=table]').selectOption('fugitives');
      await page.locator('input[name=acceptValid]').check();
      await page.locator('input[type=file]').setInputFiles({
        name: 'mixed.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            '在逃人员编号,姓名,案件类别,简要案情,上网单位,上网日期',
            `AV${n}1,好甲,盗窃,盗窃,630102-01,2020-01-01`,
            `AV${n}2,坏乙,海盗,劫船,630102-01,2020-01-01`,
          ].join('\n'),
        ),
      });
      await page.locator('button[type=submit]').click();
      // The import runs on a worker thread: allow for a busy machine.
      await page.getByTestId('refused-3').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('refused-3').textContent()).toContain(
        lang === 'en' ? 'Row 3 · 案件类别: Must be one of' : '第 3 行 · 案件类别：只能是以下之一',
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('rejects-link').click(),
      ]);
      expect(download.suggestedFilename()).toBe('mixed-rejects.csv');
      const lines = (await readFile(await download.path(), 'utf8')).split('\r\n');
      expect(lines[0]).toBe(
        `\uFEFF在逃人员编号,姓名,案件类别,简要案情,上网单位,上网日期,${lang === 'en' ? 'Error' : '错误'}`,
      );
      expect(lines[1]).toMatch(new RegExp(`^AV${n}2,坏乙,海盗,劫船,630102-01,2020-01-01,`));
      const stored = await e2e.store.db
        .selectFrom('fugitives')
        .select('listing_no')
        .where('listing_no', 'in', [`AV${n}1`, `AV${n}2`])
        .execute();
      expect(stored).toEqual([{ listing_no: `AV${n}1` }]);
      await page.context().close();
    });
  }

  it('says how many rows were bad in all when there are more than it lists', async () => {
    const header = BAD.split('\n')[0]!;
    const rows = Array.from(
      { length: 1_200 },
      (_, i) => `Y${i},坏日期,,,,theft,盗窃,,630102-01,2020-02-30,no,`,
    );
    const page = await e2e.signIn('commander', 'en');
    await page.goto(`${e2e.url}/import`);
    await page.locator('select[name=table]').selectOption('fugitives');
    await page.locator('input[type=file]').setInputFiles({
      name: 'many-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n')),
    });
    await page.locator('button[type=submit]').click();
    await page.getByTestId('row-errors-total').waitFor();
    expect(await page.getByTestId('row-errors-total').textContent()).toBe(
      '1,200 bad rows in all; the first 1,000 are listed.',
    );
    expect(await page.locator('[data-testid^=row-error-]:not([data-testid=row-errors-total])').count()).toBe(
      1_000,
    );
    await page.context().close();
  });

  it('reads a GBK file with Chinese values, shows its bad row as written, and offers the template', async () => {
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.goto(`${e2e.url}/import`);
    await page.locator('select[name=table]').selectOption('fugitives');
    expect(await page.getByTestId('template-link').getAttribute('href')).toBe(
      '/api/imports/fugitives/template?lang=zh-CN',
    );
    const gbk = iconv.encode(
      [
        '在逃人员编号,姓名,性别,案件类别,简要案情,上网单位,上网日期',
        'G1,甲某,男,盗窃,入室盗窃,630102-01,2020年1月2日',
        'G2,乙某,女,海盗,劫船,630102-01,2020/01/03',
      ].join('\r\n'),
      'gbk',
    );
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk });
    await page.locator('button[type=submit]').click();
    // The server loads its encoding detector on the first GBK file: allow for a busy machine.
    await page.getByTestId('row-error-3').waitFor({ timeout: 60_000 });
    const row3 = await page.getByTestId('row-error-3').textContent();
    expect(row3).toContain('第 3 行 · 案件类别：');
    expect(row3).toContain('G2,乙某,女,海盗,劫船');
    const g1 = await e2e.store.db
      .selectFrom('fugitives')
      .select('id')
      .where('listing_no', '=', 'G1')
      .execute();
    expect(g1).toEqual([]);
    await page.context().close();
  });
});
