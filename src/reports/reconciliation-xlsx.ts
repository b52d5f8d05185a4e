// The reconciliation with the national list as an Excel workbook: a summary (counts, per unit, the
// two baselines), then one sheet per kind of difference, in Chinese or English.
import type { ReconciliationOut } from '../areas/registry/reconciliation.ts';
import { formatRowError } from '../shared/errors.ts';
import { dateCell, sheet } from './bulletin-xlsx.ts';
import type { Lang } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const WORDS = {
  'zh-CN': {
    summary: '概况',
    onlyThere: '仅全国系统有',
    onlyHere: '仅本系统有',
    statusDiffers: '状态不一致',
    fieldsDiffer: '字段不一致',
    withdrawnHere: '本系统已撤回',
    unreadable: '无法读取的行',
    asOf: '比对日期',
    unit: '单位',
    there: '全国系统在册',
    here: '本系统在册',
    baseline: '基数',
    baselineOurs: '本系统冻结基数',
    baselineNational: '全国系统推算基数',
    campaign: '行动',
    row: '行号',
    listingNo: '在逃人员编号',
    name: '姓名',
    idNumber: '身份证号',
    listingAgency: '上网单位',
    listedOn: '上网日期',
    status: '状态',
    statusHere: '本系统状态',
    statusThere: '全国系统状态',
    field: '字段',
    valueHere: '本系统',
    valueThere: '全国系统',
    error: '问题',
    active: '在逃',
    cleared: '已撤销/已到案',
    all: '全局',
    outside: '外地机关',
  },
  en: {
    summary: 'summary',
    onlyThere: 'only national',
    onlyHere: 'only here',
    statusDiffers: 'status differs',
    fieldsDiffer: 'fields differ',
    withdrawnHere: 'withdrawn here',
    unreadable: 'unreadable rows',
    asOf: 'as of',
    unit: 'unit',
    there: 'on the national list',
    here: 'in this registry',
    baseline: 'baseline',
    baselineOurs: 'our frozen baseline',
    baselineNational: 'baseline the national list implies',
    campaign: 'campaign',
    row: 'row',
    listingNo: 'listing number',
    name: 'name',
    idNumber: 'ID number',
    listingAgency: 'listing agency',
    listedOn: 'listed on',
    status: 'status',
    statusHere: 'status here',
    statusThere: 'status there',
    field: 'field',
    valueHere: 'here',
    valueThere: 'national',
    error: 'problem',
    active: 'at large',
    cleared: 'cleared',
    all: 'whole bureau',
    outside: 'outside agency',
  },
} as const;

/** The reconciliation report as .xlsx. */
export async function reconciliationXlsx(r: ReconciliationOut, lang: Lang): Promise<Buffer> {
  const w = WORDS[lang];
  const book = await newWorkbook();
  const unitName = (u: { name: string } | null) => u?.name ?? w.outside;

  const summary = sheet(book, w.summary, [
    { header: w.unit, key: 'unit', width: 24 },
    { header: w.onlyThere, key: 'onlyThere', fmt: '0' },
    { header: w.onlyHere, key: 'onlyHere', fmt: '0' },
    { header: w.statusDiffers, key: 'statusDiffers', fmt: '0' },
    { header: w.fieldsDiffer, key: 'fieldsDiffer', fmt: '0' },
    { header: w.withdrawnHere, key: 'withdrawnHere', fmt: '0' },
  ]);
  summary.addRow({ unit: r.unit?.name ?? w.all, ...r.counts }).font = { bold: true };
  for (const u of r.byUnit) summary.addRow({ ...u, unit: unitName(u.unit) });
  summary.addRow([]);
  summary.addRow([w.asOf, dateCell(r.asOf)]).getCell(2).numFmt = 'yyyy-mm-dd';
  summary.addRow([w.there, r.counts.there]);
  summary.addRow([w.here, r.counts.here]);
  summary.addRow([w.unreadable, r.counts.unreadable]);
  if (r.baseline) {
    summary.addRow([w.campaign, r.baseline.campaign]);
    summary.addRow([w.baselineOurs, r.baseline.ours]);
    summary.addRow([w.baselineNational, r.baseline.national]);
  }

  const entryColumns = [
    { header: w.listingNo, key: 'listingNo', width: 20 },
    { header: w.name, key: 'name' },
    { header: w.idNumber, key: 'idNumber', width: 22 },
    { header: w.listingAgency, key: 'listingAgency', width: 20 },
    { header: w.listedOn, key: 'listedOn', fmt: 'yyyy-mm-dd' },
    { header: w.status, key: 'status' },
  ];
  const entryRow = (e: ReconciliationOut['onlyHere'][number]) => ({
    ...e,
    listingAgency: e.unit?.name ?? e.listingAgency,
    listedOn: dateCell(e.listedOn),
    status: w[e.status],
  });
  const there = sheet(book, w.onlyThere, [
    { header: w.row, key: 'row', width: 8, fmt: '0' },
    ...entryColumns,
  ]);
  for (const e of r.onlyThere) there.addRow(entryRow(e));
  const here = sheet(book, w.onlyHere, entryColumns);
  for (const e of r.onlyHere) here.addRow(entryRow(e));

  const status = sheet(book, w.statusDiffers, [
    { header: w.listingNo, key: 'listingNo', width: 20 },
    { header: w.name, key: 'name' },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.statusHere, key: 'here' },
    { header: w.statusThere, key: 'there' },
  ]);
  for (const d of r.statusDiffers)
    status.addRow({ ...d, unit: unitName(d.unit), here: w[d.here], there: w[d.there] });

  const fields = sheet(book, w.fieldsDiffer, [
    { header: w.listingNo, key: 'listingNo', width: 20 },
    { header: w.unit, key: 'unit', width: 20 },
    { header: w.field, key: 'field' },
    { header: w.valueHere, key: 'here', width: 22 },
    { header: w.valueThere, key: 'there', width: 22 },
  ]);
  for (const d of r.fieldsDiffer)
    for (const f of d.fields)
      fields.addRow({
        listingNo: d.listingNo,
        unit: unitName(d.unit),
        field: w[f.field],
        here: f.here,
        there: f.there,
      });

  const withdrawn = sheet(book, w.withdrawnHere, [
    { header: w.row, key: 'row', width: 8, fmt: '0' },
    ...entryColumns,
  ]);
  for (const e of r.withdrawnHere) withdrawn.addRow(entryRow(e));

  const bad = sheet(book, w.unreadable, [
    { header: w.row, key: 'row', width: 8, fmt: '0' },
    { header: w.error, key: 'error', width: 80 },
  ]);
  for (const e of r.unreadable) bad.addRow({ row: e.row, error: formatRowError(e) });
  return Buffer.from(await book.xlsx.writeBuffer());
}
