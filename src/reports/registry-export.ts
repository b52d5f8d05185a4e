// The registry (a search's every row) as an Excel workbook or a CSV file. The Chinese headers are
// the import's own (在逃人员编号, 姓名…), so a file exported here reads back in as it is.
import ExcelJS from 'exceljs';
import type { FugitiveSummary } from '../areas/registry/schema.ts';
import { csvFile } from '../shared/csv.ts';
import { dateCell, sheet } from './bulletin-xlsx.ts';
import { type Lang, labels } from './labels.ts';

const DATE = 'yyyy-mm-dd';

const WORDS = {
  'zh-CN': {
    sheet: '在逃人员',
    listingNo: '在逃人员编号',
    name: '姓名',
    sex: '性别',
    birthDate: '出生日期',
    idNumber: '身份证号',
    category: '案件类别',
    offence: '简要案情',
    agency: '立案单位',
    unitCode: '上网单位代码',
    unitName: '上网单位',
    listedOn: '上网日期',
    published: '是否公开',
    reward: '悬赏金额',
    status: '状态',
    exitOn: '销号日期',
    exitKind: '销号方式',
    sexes: { M: '男', F: '女' },
    yes: '是',
    no: '否',
    statuses: { active: '在逃', cleared: '已销号' },
  },
  en: {
    sheet: 'Registry',
    listingNo: 'Listing no.',
    name: 'Name',
    sex: 'Sex',
    birthDate: 'Birth date',
    idNumber: 'ID number',
    category: 'Crime category',
    offence: 'Offence',
    agency: 'Listing agency',
    unitCode: 'Unit code',
    unitName: 'Listing unit',
    listedOn: 'Listed on',
    published: 'Published',
    reward: 'Reward (yuan)',
    status: 'Status',
    exitOn: 'Left the list on',
    exitKind: 'How',
    sexes: { M: 'M', F: 'F' },
    yes: 'yes',
    no: 'no',
    statuses: { active: 'at large', cleared: 'cleared' },
  },
} as const;

type Words = (typeof WORDS)[Lang];
/** The words that head a column (not the values' words: sexes, statuses…). */
type HeaderKey = Exclude<keyof Words, 'sheet' | 'sexes' | 'yes' | 'no' | 'statuses'>;
type Cell = string | number | Date | null;

const COLUMNS: {
  key: HeaderKey;
  width: number;
  cell: (f: FugitiveSummary, w: Words, lang: Lang) => Cell;
}[] = [
  { key: 'listingNo', width: 22, cell: (f) => f.listingNo },
  { key: 'name', width: 12, cell: (f) => f.name },
  { key: 'sex', width: 6, cell: (f, w) => (f.sex ? w.sexes[f.sex] : null) },
  { key: 'birthDate', width: 12, cell: (f) => f.birthDate },
  { key: 'idNumber', width: 20, cell: (f) => f.idNumber },
  { key: 'category', width: 12, cell: (f, _w, lang) => categoryName(f.crimeCategory, lang) },
  { key: 'offence', width: 30, cell: (f) => f.offence },
  { key: 'agency', width: 24, cell: (f) => f.listingAgency },
  { key: 'unitCode', width: 12, cell: (f) => f.listingUnit?.code ?? null },
  { key: 'unitName', width: 20, cell: (f) => f.listingUnit?.name ?? null },
  { key: 'listedOn', width: 12, cell: (f) => f.listedOn },
  { key: 'published', width: 8, cell: (f, w) => (f.published ? w.yes : w.no) },
  { key: 'reward', width: 10, cell: (f) => f.reward },
  { key: 'status', width: 8, cell: (f, w) => w.statuses[f.status] },
  { key: 'exitOn', width: 12, cell: (f) => f.exit?.on ?? null },
  { key: 'exitKind', width: 10, cell: (f, _w, lang) => (f.exit ? kindName(f.exit.kind, lang) : null) },
];

const DATES = new Set(['birthDate', 'listedOn', 'exitOn']);

function categoryName(category: string, lang: Lang): string {
  return labels(lang).categories[category] ?? category;
}

function kindName(kind: string, lang: Lang): string {
  return labels(lang).kinds[kind] ?? kind;
}

/** The rows as a workbook of one sheet: real date and number cells, the header row frozen. */
export async function registryXlsx(rows: readonly FugitiveSummary[], lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = WORDS[lang];
  const wb = new ExcelJS.Workbook();
  const ws = sheet(
    wb,
    w.sheet,
    COLUMNS.map((c) => ({
      header: w[c.key],
      key: c.key,
      width: c.width,
      fmt: DATES.has(c.key) ? DATE : undefined,
    })),
  );
  for (const f of rows)
    ws.addRow(
      Object.fromEntries(
        COLUMNS.map((c) => {
          const v = c.cell(f, w, lang);
          return [c.key, DATES.has(c.key) && typeof v === 'string' ? dateCell(v) : v];
        }),
      ),
    );
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows as a CSV file (UTF-8 with a byte-order mark, for Excel and WPS; formulas defused). */
export function registryCsv(rows: readonly FugitiveSummary[], lang: Lang = 'zh-CN'): Buffer {
  const w = WORDS[lang];
  return Buffer.from(
    csvFile([
      COLUMNS.map((c) => w[c.key]),
      ...rows.map((f) => COLUMNS.map((c) => c.cell(f, w, lang) as string | number | null)),
    ]),
    'utf8',
  );
}
