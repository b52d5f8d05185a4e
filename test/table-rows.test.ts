import { describe, expect, it } from 'vitest';
import {
  type ColumnValues,
  filterRows,
  groupRows,
  nextSort,
  pageOf,
  rowsCsv,
  rowsLines,
  sortRows,
} from '../src/web/table-rows.ts';

interface Unit {
  name: string;
  rate: number | null;
  cleared: number;
}
const UNITS: Unit[] = [
  { name: '城西分局', rate: 0.25, cleared: 9 },
  { name: '城东分局', rate: null, cleared: 10 },
  { name: '湟中县公安局', rate: 0.4, cleared: 2 },
  { name: '城北分局', rate: 0.05, cleared: 100 },
];
const COLUMNS: ColumnValues<Unit>[] = [
  { key: 'name', header: '单位', value: (u) => u.name },
  {
    key: 'rate',
    header: '下降率',
    value: (u) => u.rate,
    text: (u) => (u.rate === null ? '—' : `${Math.round(u.rate * 100)}%`),
  },
  { key: 'cleared', header: '已清', value: (u) => u.cleared },
  { key: 'actions', header: '操作', value: () => null, noExport: true },
];
const names = (rows: Unit[]) => rows.map((u) => u.name);

describe('the rows a table shows', () => {
  it('sorts numbers as numbers, not as text (100 after 10)', () => {
    expect(names(sortRows(UNITS, COLUMNS, { key: 'cleared', direction: 'asc' }, 'zh-CN'))).toEqual([
      '湟中县公安局',
      '城西分局',
      '城东分局',
      '城北分局',
    ]);
    expect(names(sortRows(UNITS, COLUMNS, { key: 'cleared', direction: 'desc' }, 'zh-CN'))[0]).toBe(
      '城北分局',
    );
  });

  it('puts empty cells last in both directions', () => {
    for (const direction of ['asc', 'desc'] as const)
      expect(names(sortRows(UNITS, COLUMNS, { key: 'rate', direction }, 'zh-CN')).at(-1)).toBe('城东分局');
    expect(names(sortRows(UNITS, COLUMNS, { key: 'rate', direction: 'desc' }, 'zh-CN'))[0]).toBe(
      '湟中县公安局',
    );
  });

  it('sorts Chinese text in pinyin order (bei, dong, xi, huang)', () => {
    expect(names(sortRows(UNITS, COLUMNS, { key: 'name', direction: 'asc' }, 'zh-CN'))).toEqual([
      '城北分局',
      '城东分局',
      '城西分局',
      '湟中县公安局',
    ]);
  });

  it('keeps the given order without a sort or for an unknown column, and never changes its input', () => {
    const before = [...UNITS];
    expect(sortRows(UNITS, COLUMNS, null, 'en')).toEqual(UNITS);
    expect(sortRows(UNITS, COLUMNS, { key: 'nope', direction: 'asc' }, 'en')).toEqual(UNITS);
    sortRows(UNITS, COLUMNS, { key: 'name', direction: 'desc' }, 'en');
    expect(UNITS).toEqual(before);
  });

  it('filters on the cells as read, every word, any column', () => {
    expect(names(filterRows(UNITS, COLUMNS, '城'))).toHaveLength(3);
    expect(names(filterRows(UNITS, COLUMNS, '城 25%'))).toEqual(['城西分局']);
    expect(names(filterRows(UNITS, COLUMNS, '—'))).toEqual(['城东分局']); // the shown dash, not "null"
    expect(filterRows(UNITS, COLUMNS, 'null')).toEqual([]);
    expect(filterRows(UNITS, COLUMNS, '   ')).toEqual(UNITS);
  });

  it('turns a header press into ascending, then descending', () => {
    expect(nextSort(null, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'desc' }, 'rate')).toEqual({ key: 'rate', direction: 'asc' });
  });

  it('exports the cells as read, numbers as numbers, without the actions, formulas defused', () => {
    const rows = [...UNITS.slice(0, 2), { name: '=HYPERLINK("x")', rate: 0, cleared: 1 }];
    const csv = rowsCsv(rows, COLUMNS);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '单位,下降率,已清',
      '城西分局,25%,9',
      '城东分局,—,10',
      `"'=HYPERLINK(""x"")",0%,1`,
      '',
    ]);
  });

  it('gives a workbook counts as numbers, and rates as read', () => {
    const columns: ColumnValues<Unit>[] = [
      ...COLUMNS,
      {
        key: 'grouped',
        header: '已清（千分位）',
        value: (u) => u.cleared * 1000,
        text: (u) => (u.cleared * 1000).toLocaleString('en'),
      },
    ];
    expect(rowsLines(UNITS.slice(0, 2), columns, { numbers: true })).toEqual([
      ['单位', '下降率', '已清', '已清（千分位）'],
      ['城西分局', '25%', 9, 9000],
      ['城东分局', '—', 10, 10000],
    ]);
    // Without it (a CSV), every cell as read.
    expect(rowsLines(UNITS.slice(0, 1), columns)[1]).toEqual(['城西分局', '25%', 9, '9,000']);
  });

  it('cuts the rows into pages, a page past either end showing the nearest', () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    expect(pageOf(rows, 1, 3)).toEqual({ rows: [0, 1, 2], page: 1, pages: 3 });
    expect(pageOf(rows, 3, 3)).toEqual({ rows: [6], page: 3, pages: 3 });
    expect(pageOf(rows, 9, 3)).toEqual({ rows: [6], page: 3, pages: 3 });
    expect(pageOf(rows, 0, 3).page).toBe(1);
    expect(pageOf([], 1, 3)).toEqual({ rows: [], page: 1, pages: 1 });
  });

  it('groups rows by a key, groups in the order of their first row, rows in theirs', () => {
    const groups = groupRows(UNITS, (u) => u.name.slice(0, 1));
    expect(groups.map((g) => [g.key, names(g.rows)])).toEqual([
      ['城', ['城西分局', '城东分局', '城北分局']],
      ['湟', ['湟中县公安局']],
    ]);
    expect(groupRows([], (u: Unit) => u.name)).toEqual([]);
  });
});
