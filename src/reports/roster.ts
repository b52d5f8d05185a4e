// The roster (在逃人员名单) of a unit as a file: the import template's own columns and headers, in
// Chinese or English values the import reads, so that a roster imports again as the same listings;
// then the status and exit, which an import ignores. Excel gets date and number cells, CSV text.
import Papa from 'papaparse';
import { CLEARANCE_KIND_LABELS } from '../areas/clearances/rules.ts';
import { CRIME_CATEGORY_LABELS } from '../areas/registry/rules.ts';
import { fugitiveColumns } from '../areas/registry/schema.ts';
import type { RosterRow } from '../areas/registry/service.ts';
import { firstLabel, templateHeader } from '../import/template.ts';
import { dateCell } from './bulletin-xlsx.ts';
import type { Lang } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const WORDS = {
  'zh-CN': {
    sheet: '在逃人员名单',
    sex: { M: '男', F: '女' },
    yes: '是',
    no: '否',
    category: (c: string) => firstLabel(c, CRIME_CATEGORY_LABELS),
    status: { active: '在逃', cleared: '已到案', withdrawn: '已撤回（误录）' },
    exitKind: (k: string) => firstLabel(k, CLEARANCE_KIND_LABELS),
    extra: { status: '状态', exit_on: '到案日期', exit_kind: '到案方式' },
  },
  en: {
    sheet: 'roster',
    sex: { M: 'M', F: 'F' },
    yes: 'yes',
    no: 'no',
    category: (c: string) => c,
    status: { active: 'active', cleared: 'cleared', withdrawn: 'withdrawn' },
    exitKind: (k: string) => k,
    extra: { status: 'status', exit_on: 'exit_on', exit_kind: 'exit_kind' },
  },
} as const;

/** The import's columns in the template's order, then the ones the import ignores. */
const IMPORT_COLUMNS = [...fugitiveColumns.required, ...(fugitiveColumns.optional ?? [])];
const EXTRA_COLUMNS = ['status', 'exit_on', 'exit_kind'] as const;
const DATE_COLUMNS = new Set(['birth_date', 'listed_on', 'exit_on']);

type Cell = string | number | Date | null;

function header(lang: Lang): string[] {
  return [
    ...IMPORT_COLUMNS.map((c) => templateHeader(fugitiveColumns, c, lang)),
    ...EXTRA_COLUMNS.map((c) => WORDS[lang].extra[c]),
  ];
}

/** One listing's cells by column name; dates as ISO text (the writers make cells of them). */
function cellsOf(r: RosterRow, lang: Lang): Record<string, string | number | null> {
  const w = WORDS[lang];
  return {
    listing_no: r.listingNo,
    name: r.name,
    crime_category: w.category(r.crimeCategory),
    offence: r.offence,
    listing_agency: r.listingAgency,
    listed_on: r.listedOn,
    sex: r.sex ? w.sex[r.sex] : null,
    birth_date: r.birthDate,
    id_number: r.idNumber,
    case_no: r.caseNo,
    published: r.published ? w.yes : w.no,
    reward: r.reward,
    status: w.status[r.status],
    exit_on: r.exit?.on ?? null,
    exit_kind: r.exit ? w.exitKind(r.exit.kind) : null,
  };
}

const ALL_COLUMNS = [...IMPORT_COLUMNS, ...EXTRA_COLUMNS];

/** The roster as an Excel workbook: one sheet, a frozen header, date cells and number cells. */
export async function rosterXlsx(rows: readonly RosterRow[], lang: Lang): Promise<Buffer> {
  const book = await newWorkbook();
  const sheet = book.addWorksheet(WORDS[lang].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header(lang)).font = { bold: true };
  ALL_COLUMNS.forEach((name, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = name === 'offence' ? 30 : name === 'id_number' ? 22 : 14;
    if (DATE_COLUMNS.has(name)) column.numFmt = 'yyyy-mm-dd';
    if (name === 'reward') column.numFmt = '#,##0';
  });
  for (const r of rows) {
    const cells = cellsOf(r, lang);
    sheet.addRow(
      ALL_COLUMNS.map((name): Cell => {
        const v = cells[name] ?? null;
        return DATE_COLUMNS.has(name) && typeof v === 'string' ? dateCell(v) : v;
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The roster as CSV, UTF-8 with a byte-order mark so that Excel and WPS read the Chinese. */
export function rosterCsv(rows: readonly RosterRow[], lang: Lang): Buffer {
  const lines = [
    header(lang),
    ...rows.map((r) => {
      const cells = cellsOf(r, lang);
      return ALL_COLUMNS.map((name) => {
        const v = cells[name];
        return v === null || v === undefined ? '' : String(v);
      });
    }),
  ];
  return Buffer.from(`\uFEFF${Papa.unparse(lines, { newline: '\r\n' })}\r\n`, 'utf8');
}
