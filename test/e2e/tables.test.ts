// The shared table (components/data-table.tsx) on the ranking, the registry, the queue and the
// ledger: sorted by pressing a header, filtered by a text, exported (the registry's by the server,
// every row of the search).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardOut } from '../../src/areas/campaigns/schema.ts';
import { type E2E, browserAvailable, startE2E } from './harness.ts';

/** The text of one column (1-based) in each body row. */
function column(table: Locator, n: number): Promise<string[]> {
  return table.locator(`tbody tr td:nth-child(${n})`).allTextContents();
}

/** The CSV the export button downloads, as lines of cells (no quoted commas in these tables). */
async function exported(page: Page, scope: Locator): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: 'Export (CSV)' }).click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true); // for Excel and WPS
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));
}

describe.skipIf(!browserAvailable())('sortable, filterable, exportable tables', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('sorts the ranking by a column both ways, filters it, and exports what it shows', async () => {
    const page = await e2e.signIn('commander', 'en');
    const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    await page.goto(e2e.url);
    const table = page.locator('table.ranking');
    await table.waitFor();
    const cleared = table.getByRole('columnheader', { name: /^Cleared/ });
    const number = new Intl.NumberFormat('en');
    const ascending = board.children.map((u) => u.cleared).sort((a, b) => a - b);

    await cleared.getByRole('button').click();
    expect(await cleared.getAttribute('aria-sort')).toBe('ascending');
    expect(await column(table, 5)).toEqual(ascending.map((n) => number.format(n)));
    await cleared.getByRole('button').click();
    expect(await cleared.getAttribute('aria-sort')).toBe('descending');
    expect(await column(table, 5)).toEqual(ascending.reverse().map((n) => number.format(n)));

    const section = page.locator('section', { has: table });
    const one = board.children.find((u) => u.name === '城东分局')!;
    await section.getByLabel('Filter').fill('城东');
    expect(await column(table, 2)).toEqual(['城东分局']);
    expect(await section.getByRole('status').textContent()).toBe(`1 of ${board.children.length} rows`);

    const csv = await exported(page, section);
    expect(csv[0]).toEqual([
      'Rank',
      'Unit',
      'Kind of unit',
      'Baseline',
      'Cleared',
      'Decline rate',
      'Target',
      'Arrests',
      'Surrenders',
      'Remote captures',
      'New listings',
      'Homicide decline rate',
      'Cancellations',
      'Target reached',
      'Status',
    ]);
    expect(csv).toHaveLength(2);
    expect(csv[1]!.slice(0, 5)).toEqual([
      String(one.rank),
      '城东分局',
      'Sub-bureau',
      number.format(one.baseline),
      number.format(one.cleared),
    ]);
    await page.context().close();
  });

  it('sorts the registry on the server by a header, kept in the address', async () => {
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.goto(`${e2e.url}/registry`);
    const table = page.getByRole('table', { name: '在逃人员库' });
    await table.locator('tbody tr').first().waitFor();
    const name = table.getByRole('columnheader', { name: /^姓名/ });
    for (const [sort, aria] of [
      ['name', 'ascending'],
      ['-name', 'descending'],
    ] as const) {
      await name.getByRole('button').click();
      await page.waitForURL((u) => u.searchParams.get('sort') === sort);
      // The address changes first; the table follows once the sorted page has come.
      await expect.poll(() => name.getAttribute('aria-sort')).toBe(aria);
      const api = (await (
        await page.request.get(`${e2e.url}/api/fugitives?sort=${sort}&pageSize=50`)
      ).json()) as { items: { name: string }[] };
      await expect.poll(() => column(table, 2)).toEqual(api.items.map((f) => f.name));
    }
    await page.context().close();
  });

  it('exports the whole filtered registry from the server, not the page shown', async () => {
    const page = await e2e.signIn('commander', 'zh-CN');
    await page.goto(`${e2e.url}/registry?status=active&sort=name`);
    const table = page.getByRole('table', { name: '在逃人员库' });
    await table.locator('tbody tr').first().waitFor();
    const { total } = (await (
      await page.request.get(`${e2e.url}/api/fugitives?status=active&pageSize=1`)
    ).json()) as { total: number };
    expect(total).toBeGreaterThan(50); // more than the page on the screen
    expect(await table.locator('tbody tr').count()).toBe(50);
    // The table offers no export of its one page: the roster buttons export the whole search.
    expect(await page.getByRole('button', { name: /^导出/ }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('roster-csv').click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .slice(1)
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]!.startsWith('在逃人员编号,姓名')).toBe(true);
    expect(lines).toHaveLength(total + 1);
    await page.context().close();
  });

  it('pages the ledger’s entries, filters and sorts all of them, and exports them as Excel', async () => {
    const page = await e2e.signIn('commander', 'en');
    await page.goto(`${e2e.url}/ledger`);
    const table = page.getByRole('table', { name: 'Entries' });
    await table.locator('tbody tr').first().waitFor();
    const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    const ledger = (await (
      await page.request.get(`${e2e.url}/api/campaigns/${encodeURIComponent(board.campaign.name)}/ledger`)
    ).json()) as { entries: { unit: { name: string }; points: number }[] };
    expect(ledger.entries.length).toBeGreaterThan(50);
    expect(await table.locator('tbody tr').count()).toBe(50);
    const section = page.locator('section', { has: table });
    expect(await section.getByRole('navigation').textContent()).toContain(
      `Page 1 of ${Math.ceil(ledger.entries.length / 50)}`,
    );
    const unit = ledger.entries[ledger.entries.length - 1]!.unit.name;
    await section.getByLabel('Filter').fill(unit);
    const mine = ledger.entries.filter((e) => e.unit.name.includes(unit));
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe(`${mine.length} of ${ledger.entries.length.toLocaleString('en')} rows`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export (Excel)' }).click(),
    ]);
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.read(readFileSync(await download.path()));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(rows[0]).toEqual(['Booked on', 'Unit', 'Listing no.', 'Rule', 'Points', 'Money (yuan)', 'Reason']);
    expect(rows).toHaveLength(mine.length + 1); // every filtered entry, not one page of them
    await page.context().close();
  });

  it('filters the verification queue to one claim and sorts it by date', async () => {
    const page = await e2e.signIn('inspector', 'en');
    const pending = (await (
      await page.request.get(`${e2e.url}/api/clearances?status=pending&pageSize=50`)
    ).json()) as { items: { id: number; listingNo: string; occurredOn: string }[] };
    expect(pending.items.length).toBeGreaterThan(1);
    await page.goto(`${e2e.url}/queue`);
    const table = page.locator('table.claims');
    await table.locator('tbody tr').first().waitFor();

    const date = table.getByRole('columnheader', { name: /^Date/ });
    await date.getByRole('button').click();
    const ids = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-testid')!.slice('claim-'.length))));
    const on = new Map(pending.items.map((c) => [c.id, c.occurredOn]));
    const dates = ids.map((id) => on.get(id)!);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(ids)).toEqual(new Set(pending.items.map((c) => c.id)));

    const target = pending.items[pending.items.length - 1]!;
    await page.getByLabel('Filter').fill(target.listingNo);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.getByTestId(`claim-${target.id}`).count()).toBe(1);
    await page.context().close();
  });

  it('groups the sanctions due by unit and by measure, each group folded under its count', async () => {
    const page = await e2e.signIn('commander', 'en');
    const board = (await (await page.request.get(`${e2e.url}/api/dashboard`)).json()) as DashboardOut;
    const preview = (await (
      await page.request.get(
        `${e2e.url}/api/campaigns/${encodeURIComponent(board.campaign.name)}/sanctions/preview?checkpoint=deadline`,
      )
    ).json()) as { items: { unit: { code: string; name: string }; measure: string }[] };
    const units = new Set(preview.items.map((s) => s.unit.code));
    expect(units.size).toBeGreaterThan(1); // the demo has sanctions due in several units
    await page.goto(`${e2e.url}/sanctions`);
    const groups = page.getByTestId('sanction-group');
    await groups.first().waitFor();
    expect(await page.getByTestId('sanctions-summary').textContent()).toBe(
      `${preview.items.length} sanctions for ${units.size} units`,
    );
    expect(await groups.count()).toBe(units.size);
    // Folded: no row of any group is in view until its group is opened.
    expect(await groups.locator('tbody tr').first().isVisible()).toBe(false);
    const first = preview.items[0]!;
    const group = groups.filter({ has: page.locator('summary', { hasText: first.unit.name }) });
    await group.locator('summary').click();
    expect(await group.locator('tbody tr').count()).toBe(
      preview.items.filter((s) => s.unit.code === first.unit.code).length,
    );
    await page.getByLabel('Group by').selectOption('measure');
    await expect.poll(() => groups.count()).toBe(new Set(preview.items.map((s) => s.measure)).size);
    await page.context().close();
  });

  it('marks the publicity chart’s partial weeks as such', async () => {
    const page = await e2e.signIn('commander', 'en');
    const { weeks } = (await (await page.request.get(`${e2e.url}/api/publicity`)).json()) as {
      weeks: { week: string; days: number }[];
    };
    const partial = weeks.filter((w) => w.days < 7);
    expect(partial.length).toBeGreaterThan(0); // the range ends today, mid-week
    await page.goto(`${e2e.url}/publicity`);
    const chart = page.getByRole('img', { name: 'Surrenders per week against publicity' });
    await chart.locator('svg text').first().waitFor();
    const labels = await chart.locator('svg text').allTextContents();
    for (const w of partial) expect(labels).toContain(`partial: ${w.days} of 7 days`);
    expect(labels.filter((l) => l.startsWith('partial:'))).toHaveLength(partial.length);
    await page.context().close();
  });

  it('verifies several claims of the queue with one confirmation, and says how many', async () => {
    const page = await e2e.signIn('inspector', 'en');
    await page.goto(`${e2e.url}/queue`);
    const boxes = page.locator('table.claims tbody tr').filter({ has: page.getByRole('checkbox') });
    await boxes.first().waitFor();
    const ids = await boxes.evaluateAll((rows) =>
      rows.slice(0, 2).map((r) => Number(r.getAttribute('data-testid')!.slice(6))),
    );
    expect(ids).toHaveLength(2);
    for (const id of ids) await page.getByTestId(`claim-${id}`).getByRole('checkbox').check();
    const bulk = page.getByRole('group', { name: 'Verify several claims' });
    expect(await bulk.textContent()).toContain('Selected: 2');
    await bulk.getByRole('button', { name: 'Verify the selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify 2 claims?' });
    expect(await dialog.locator('li').count()).toBe(2);
    // An official act with its basis written: the button waits for it.
    const go = dialog.getByRole('button', { name: 'Verify 2 claims' });
    expect(await go.isDisabled()).toBe(true);
    await dialog
      .getByLabel(/^Basis of the verification/)
      .fill('Arrest notices checked against the custody records');
    await go.click();
    await expect.poll(() => bulk.getByRole('status').textContent()).toContain('Verified: 2.');
    const verified = (await (
      await page.request.get(`${e2e.url}/api/clearances?status=verified&pageSize=200`)
    ).json()) as { items: { id: number; decidedBy: string; decisionReason: string | null }[] };
    for (const id of ids) {
      const claim = verified.items.find((c) => c.id === id);
      expect(claim?.decidedBy).toBe('inspector');
      expect(claim?.decisionReason).toBe('Arrest notices checked against the custody records');
    }
    // The list reloads: the verified claims have left the pending tab.
    await expect.poll(() => page.getByTestId(`claim-${ids[0]}`).count()).toBe(0);
    await page.context().close();
  });
});
