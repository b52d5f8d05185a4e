// The export of staff-entered tips (telephone, letter, in person) as Excel or CSV, headers in Chinese
// (default) or English. No contact details and no reward: the service hands neither.
import type { EnteredTipOut } from '../areas/staff-tips/schema.ts';
import { csvFile } from '../shared/csv.ts';
import { localDate } from '../shared/dates.ts';
import { sheet } from './bulletin-xlsx.ts';
import type { Lang } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const WORDS = {
  'zh-CN': {
    sheet: '来电来信来访线索',
    headers: {
      id: '编号',
      receivedOn: '接收日期',
      receivedTime: '接收时间',
      channel: '渠道',
      enteredBy: '登记人',
      unit: '承办单位',
      listingNo: '在逃人员编号',
      person: '姓名',
      seen: '线索内容',
      where: '地点',
      when: '时间',
      status: '状态',
      triage: '研判',
      outcome: '办理结果',
      countsAsResult: '计入战果',
      hasContact: '留有联系方式',
    },
    yes: '是',
    no: '否',
    values: {
      telephone: '电话',
      letter: '来信',
      in_person: '来访',
      web: '网上举报',
      new: '新线索',
      triaged: '已研判',
      closed: '已办结',
      credible: '可信',
      needs_info: '需补充信息',
      not_credible: '不可信',
      duplicate: '重复',
      led_to_clearance: '促成到案',
      no_result: '无结果',
    } as Record<string, string>,
  },
  en: {
    sheet: 'Staff-entered tips',
    headers: {
      id: 'No.',
      receivedOn: 'Received on',
      receivedTime: 'Time',
      channel: 'Channel',
      enteredBy: 'Entered by',
      unit: 'Unit',
      listingNo: 'Listing no.',
      person: 'Name',
      seen: 'What was seen',
      where: 'Where',
      when: 'When',
      status: 'Status',
      triage: 'Triage',
      outcome: 'Outcome',
      countsAsResult: 'Counts as a result',
      hasContact: 'Contact left',
    },
    yes: 'yes',
    no: 'no',
    values: {
      telephone: 'Telephone',
      letter: 'Letter',
      in_person: 'In person',
      web: 'Web form',
      new: 'New',
      triaged: 'Triaged',
      closed: 'Closed',
      credible: 'Credible',
      needs_info: 'Needs more information',
      not_credible: 'Not credible',
      duplicate: 'Duplicate',
      led_to_clearance: 'Led to a clearance',
      no_result: 'No result',
    } as Record<string, string>,
  },
};

type Key = keyof (typeof WORDS)['en']['headers'];
const WIDTHS: Partial<Record<Key, number>> = { seen: 50, unit: 20, where: 20, enteredBy: 14, listingNo: 22 };

/** The time of day on the bureau's clock (UTC+8), HH:MM. */
function localTime(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** One tip as the export's cells, in header order; the date stays a date for Excel. */
function cells(t: EnteredTipOut, lang: Lang): Record<Key, string | number | Date | null> {
  const w = WORDS[lang];
  const value = (v: string | null) => (v === null ? null : (w.values[v] ?? v));
  return {
    id: t.id,
    receivedOn: localDate(new Date(t.receivedAt)),
    receivedTime: localTime(t.receivedAt),
    channel: value(t.channel),
    enteredBy: t.enteredByName ?? t.enteredBy,
    unit: t.unit.name,
    listingNo: t.fugitive?.listingNo ?? null,
    person: t.fugitive?.name ?? null,
    seen: t.seen,
    where: t.where,
    when: t.when,
    status: value(t.status),
    triage: value(t.triage),
    outcome: value(t.outcome),
    countsAsResult: t.countsAsResult ? w.yes : w.no,
    hasContact: t.hasContact ? w.yes : w.no,
  };
}

export async function enteredTipsXlsx(tips: readonly EnteredTipOut[], lang: Lang = 'zh-CN'): Promise<Buffer> {
  const w = WORDS[lang];
  const wb = await newWorkbook();
  const keys = Object.keys(w.headers) as Key[];
  const ws = sheet(
    wb,
    w.sheet,
    keys.map((key) => ({
      header: w.headers[key],
      key,
      width: WIDTHS[key],
      fmt: key === 'receivedOn' ? 'yyyy-mm-dd' : undefined,
    })),
  );
  for (const t of tips) {
    const row = cells(t, lang);
    ws.addRow({ ...row, receivedOn: new Date(`${String(row.receivedOn)}T00:00:00Z`) });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same table as CSV (UTF-8 with a byte-order mark, formula-like cells quoted as text). */
export function enteredTipsCsv(tips: readonly EnteredTipOut[], lang: Lang = 'zh-CN'): string {
  const w = WORDS[lang];
  const keys = Object.keys(w.headers) as Key[];
  return csvFile([
    keys.map((k) => w.headers[k]),
    ...tips.map((t) => {
      const row = cells(t, lang);
      return keys.map((k) => row[k] as string | number | null);
    }),
  ]);
}
