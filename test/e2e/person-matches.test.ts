import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFugitives } from '../../src/areas/registry/service.ts';
import { asRows } from '../../src/demo/load-demo.ts';
import { fugitiveRow } from '../../src/areas/registry/schema.ts';
import { parseRows } from '../../src/import/parsed-rows.ts';
import { contextFor } from '../support/stores.ts';
import { type E2E, TODAY, browserAvailable, startE2E } from './harness.ts';

const listing = (listing_no: string, name: string, birth_date: string, agency: string) => ({
  listing_no,
  name,
  sex: 'M',
  birth_date,
  id_number: '',
  crime_category: 'theft',
  offence: '盗窃',
  case_no: '',
  listing_agency: agency,
  listed_on: '2026-11-20',
  published: '0',
  reward: '',
});

describe.skipIf(!browserAvailable())('suggested matches of persons in a browser', () => {
  let e2e: E2E;
  const personOf = async (listingNo: string) =>
    (
      await e2e.store.db
        .selectFrom('fugitives')
        .select('person_id')
        .where('listing_no', '=', listingNo)
        .executeTakeFirstOrThrow()
    ).person_id;

  beforeAll(async () => {
    e2e = await startE2E();
    await importFugitives(
      contextFor(e2e.store, new Date(`${TODAY}T04:00:00Z`), 'admin'),
      parseRows(
        fugitiveRow,
        asRows([
          listing('PM-1', '欧阳合并', '1981-06-01', '630102-01'),
          listing('PM-2', '欧阳合并', '1981-06-01', '630103-01'),
          listing('PM-3', '司马分开', '1979-03-03', '630102-01'),
          listing('PM-4', '司马分开', '1979-03-03', '630104-01'),
        ]),
      ),
    );
  }, 120_000);
  afterAll(() => e2e?.close());

  it('an inspector merges a suggested pair after confirming, with a reason (en)', async () => {
    const page = await e2e.signIn('inspector', 'en');
    await page.goto(`${e2e.url}/person-matches`);
    const panel = page.getByRole('region', { name: '欧阳合并' });
    await expect.poll(() => panel.textContent()).toContain('PM-2');
    const merge = panel.getByRole('button', { name: 'Same person: merge' });
    expect(await merge.isDisabled()).toBe(true); // no decision without a reason
    await panel.getByLabel('Reason').fill('Fingerprints match');
    await merge.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('merged into one person');
    await panel.waitFor({ state: 'detached' }); // gone from the open queue
    expect(await personOf('PM-1')).toBe(await personOf('PM-2'));
    await page.locator('select[name=status]').selectOption('confirmed');
    await expect
      .poll(() => page.getByRole('region', { name: '欧阳合并' }).textContent())
      .toContain('Fingerprints match');
    await page.context().close();
  });

  it('an inspector keeps a pair apart; cancelling nothing is merged (zh-CN)', async () => {
    const page = await e2e.signIn('inspector', 'zh-CN');
    await page.goto(`${e2e.url}/person-matches`);
    const panel = page.getByRole('region', { name: '司马分开' });
    await panel.getByLabel('原因').fill('出生地不同');
    // Cancelling the confirmation merges nothing.
    await panel.getByRole('button', { name: '同一人：合并' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(await personOf('PM-3')).not.toBe(await personOf('PM-4'));
    await panel.getByRole('button', { name: '不是同一人' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已确认不是同一人');
    expect(await personOf('PM-3')).not.toBe(await personOf('PM-4'));
    const decided = await e2e.store.db
      .selectFrom('person_matches')
      .select(['status', 'reason', 'decided_by'])
      .where('reason', '=', '出生地不同')
      .executeTakeFirstOrThrow();
    expect(decided).toEqual({ status: 'rejected', reason: '出生地不同', decided_by: 'inspector' });
    await page.context().close();
  });

  it('an inspector splits a wrong merge back into two persons, with a reason (en)', async () => {
    // PM-1 and PM-2 were merged above.
    expect(await personOf('PM-1')).toBe(await personOf('PM-2'));
    const page = await e2e.signIn('inspector', 'en');
    await page.goto(`${e2e.url}/person-matches`);
    await page.locator('select[name=status]').selectOption('confirmed');
    const panel = page.getByRole('region', { name: '欧阳合并' });
    await panel.getByText('Merged in error? Split it').click();
    const split = panel.getByRole('button', { name: 'Split into two persons' });
    expect(await split.isDisabled()).toBe(true); // no split without a reason
    await panel.getByLabel('Reason').fill('DNA does not match');
    await split.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Split' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('split back into two persons');
    expect(await personOf('PM-1')).not.toBe(await personOf('PM-2'));
    await page.locator('select[name=status]').selectOption('split');
    await expect
      .poll(() => page.getByRole('region', { name: '欧阳合并' }).textContent())
      .toContain('DNA does not match');
    await page.context().close();
  });
});
