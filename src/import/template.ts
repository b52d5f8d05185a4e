import { CLEARANCE_KIND_LABELS, CLEARANCE_KINDS } from '../areas/clearances/rules.ts';
import { CRIME_CATEGORY_LABELS, CRIME_CATEGORIES } from '../areas/registry/rules.ts';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '../areas/units/rules.ts';
import type { Lang } from '../reports/labels.ts';
import type { Columns } from './read-table.ts';
import { IMPORT_TABLES, type ImportTable } from './tables.ts';
import { newWorkbook } from '../reports/workbook.ts';

interface ColumnHelp {
  zh: string;
  en: string;
  /** The values a cell may hold: Chinese labels for the Chinese template, codes for the English one. */
  choices?: { zh: readonly string[]; en: readonly string[] };
  date?: boolean;
}

/** The first Chinese label of a code (the one a template offers), else the code. */
export function firstLabel(code: string, labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).find((l) => labels[l] === code) ?? code;
}

/** The first label of each code: the one a Chinese template offers. */
function labelsOf<T extends string>(codes: readonly T[], labels: Readonly<Record<string, T>>): string[] {
  return codes.map((code) => firstLabel(code, labels));
}

const YES_NO = { zh: ['是', '否'], en: ['yes', 'no'] };
const UNIT_OR_AGENCY = {
  zh: '本局单位的代码或全称；外地机关写其名称',
  en: 'one of our units, by code or exact name; an outside agency by its name',
};

const HELP: Record<ImportTable, Record<string, ColumnHelp>> = {
  units: {
    code: { zh: '单位代码（字母、数字、_ . -）', en: 'unit code (letters, digits, _ . -)' },
    name: { zh: '单位全称', en: 'full name of the unit' },
    kind: {
      zh: '单位类型',
      en: 'kind of unit',
      choices: { zh: labelsOf(UNIT_KINDS, UNIT_KIND_LABELS), en: UNIT_KINDS },
    },
    parent_code: {
      zh: '上级单位的代码或全称；市局留空',
      en: 'parent unit by code or name; empty for the bureau',
    },
  },
  fugitives: {
    listing_no: { zh: '全国在逃人员信息系统的编号', en: 'number in the national wanted-persons system' },
    name: { zh: '姓名', en: 'name' },
    sex: { zh: '性别', en: 'sex', choices: { zh: ['男', '女'], en: ['M', 'F'] } },
    birth_date: { zh: '出生日期，如 1980-05-01', en: 'date of birth, e.g. 1980-05-01', date: true },
    id_number: { zh: '18 位公民身份号码', en: '18-character resident ID number' },
    crime_category: {
      zh: '案件类别',
      en: 'crime category',
      choices: { zh: labelsOf(CRIME_CATEGORIES, CRIME_CATEGORY_LABELS), en: CRIME_CATEGORIES },
    },
    offence: { zh: '涉嫌罪名或简要案情', en: 'offence, in a few words' },
    case_no: { zh: '案件编号', en: 'case number' },
    listing_agency: { zh: `上网单位：${UNIT_OR_AGENCY.zh}`, en: `listing agency: ${UNIT_OR_AGENCY.en}` },
    listed_on: {
      zh: '上网日期，如 2011-10-17 或 2011年10月17日',
      en: 'date listed, e.g. 2011-10-17',
      date: true,
    },
    published: { zh: '是否向社会公开', en: 'published to the public', choices: YES_NO },
    reward: { zh: '悬赏金额（元，整数）', en: 'reward in yuan (whole number)' },
  },
  clearances: {
    listing_no: { zh: '在逃人员编号', en: 'listing number of the person' },
    kind: {
      zh: '到案方式',
      en: 'how the person was cleared',
      choices: { zh: labelsOf(CLEARANCE_KINDS, CLEARANCE_KIND_LABELS), en: CLEARANCE_KINDS },
    },
    occurred_on: { zh: '到案日期', en: 'date of the clearance', date: true },
    capturing_unit: {
      zh: `抓获单位（抓获、投案自首必填）：${UNIT_OR_AGENCY.zh}`,
      en: `capturing unit (arrests and surrenders): ${UNIT_OR_AGENCY.en}`,
    },
    persuading_unit: {
      zh: '劝投单位（仅投案自首）：本局单位的代码或全称',
      en: 'persuading unit (surrenders only), by code or name',
    },
    place: { zh: '抓获地点', en: 'place' },
    evidence_ref: { zh: '法律文书编号（如拘留证号）', en: 'legal document number (e.g. detention notice)' },
    entered_at: { zh: '旧系统录入时间（可空）', en: 'when it was entered in an older system (optional)' },
    reason: {
      zh: '撤销原因（撤销必填），如 warrant_withdrawn，或用文字说明',
      en: 'why the warrant was withdrawn (cancellations): a reason code such as warrant_withdrawn, or words',
    },
  },
  letters: {
    unit: { zh: '签订责任书的单位：代码', en: 'the unit that signed the letter, by code' },
    target: {
      zh: '责任书目标下降率，如 0.6 或 60%',
      en: "the letter's target decline rate, e.g. 0.6 or 60%",
    },
    signed_by: { zh: '签订人（纸质原件上的姓名）', en: 'who signed it (the name on the paper original)' },
    signed_on: { zh: '签订日期', en: 'date signed', date: true },
  },
};

const WORDS = {
  'zh-CN': {
    data: '数据',
    help: '填写说明',
    column: '列名',
    required: '必填',
    yes: '是',
    no: '否',
    meaning: '说明',
    allowed: '可填写的值',
    note: '第一行是列名，请勿修改；从第二行起每行一条记录。日期可写 2011-10-17、2011/10/17 或 2011年10月17日。',
  },
  en: {
    data: 'data',
    help: 'how to fill in',
    column: 'column',
    required: 'required',
    yes: 'yes',
    no: 'no',
    meaning: 'meaning',
    allowed: 'allowed values',
    note: 'Keep the first row (the column names); one record per row below it. Dates may be written 2011-10-17, 2011/10/17 or 2011年10月17日.',
  },
};

/** The header a template uses for a column: its first Chinese alias, or the canonical name. */
export function templateHeader(columns: Columns, name: string, lang: Lang): string {
  if (lang === 'en') return name;
  return Object.keys(columns.aliases ?? {}).find((h) => columns.aliases?.[h] === name) ?? name;
}

const DATA_ROWS = 1000; // rows that carry the drop-down lists

/**
 * An import template: a data sheet with the headers (Chinese or English) and drop-down lists for
 * the enumerated columns, and a sheet explaining each column.
 */
export async function importTemplate(table: ImportTable, lang: Lang): Promise<Buffer> {
  const { columns } = IMPORT_TABLES[table];
  const words = WORDS[lang];
  const key = lang === 'en' ? 'en' : 'zh';
  const names = [...columns.required, ...(columns.optional ?? [])];
  const book = await newWorkbook();
  const data = book.addWorksheet(words.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = book.addWorksheet(words.help);

  data.addRow(names.map((n) => templateHeader(columns, n, lang))).font = { bold: true };
  help.addRow([words.column, words.required, words.meaning, words.allowed]).font = { bold: true };
  names.forEach((name, i) => {
    const about = HELP[table][name];
    const column = data.getColumn(i + 1);
    column.width = 18;
    if (about?.date) column.numFmt = 'yyyy-mm-dd';
    if (about?.choices) {
      const list = about.choices[key];
      for (let r = 2; r <= DATA_ROWS + 1; r += 1)
        data.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
        };
    }
    help.addRow([
      templateHeader(columns, name, lang),
      columns.required.includes(name) ? words.yes : words.no,
      about?.[key] ?? '',
      about?.choices?.[key].join(lang === 'en' ? ', ' : '、') ?? '',
    ]);
  });
  help.addRow([]);
  help.addRow([words.note]);
  help.columns.forEach((c, i) => (c.width = [18, 8, 50, 40][i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
