// A unit's daily or weekly return as an Excel workbook with real number, percentage and date cells:
// the figures of the unit and the level below, the period's verified results, and what it covers.
import type { UnitReturn } from '../areas/returns/rules.ts';
import { dateCell, sheet } from './bulletin-xlsx.ts';
import { type Lang, labels } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';

export async function returnXlsx(r: UnitReturn, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const l = labels(lang);
  const wb = await newWorkbook();
  const figures = sheet(wb, 'figures', [
    { header: l.code, key: 'code' },
    { header: l.unit, key: 'name', width: 24 },
    { header: l.baseline, key: 'baseline' },
    { header: l.clearedInPeriod, key: 'clearedInPeriod' },
    { header: l.cleared, key: 'cleared' },
    { header: l.declineRate, key: 'declineRate', fmt: PERCENT },
    { header: l.target, key: 'target', fmt: PERCENT },
    { header: l.arrests, key: 'arrests' },
    { header: l.surrenders, key: 'surrenders' },
    { header: l.capturesRemote, key: 'capturesRemote' },
    { header: l.newListingsInPeriod, key: 'newListingsInPeriod' },
    { header: l.newListings, key: 'newListings' },
    { header: l.homicideBaseline, key: 'homicideBaseline' },
    { header: l.homicideCleared, key: 'homicideCleared' },
    { header: l.activeNow, key: 'activeNow' },
  ]);
  for (const row of r.rows) figures.addRow(row);
  const results = sheet(wb, 'results', [
    { header: l.listingNo, key: 'listingNo', width: 20 },
    { header: l.name, key: 'name' },
    { header: l.kind, key: 'kind' },
    { header: l.category, key: 'category' },
    { header: l.unit, key: 'unit', width: 24 },
  ]);
  for (const x of r.results)
    results.addRow({
      ...x,
      kind: l.kinds[x.kind] ?? x.kind,
      category: l.categories[x.category] ?? x.category,
      unit: x.unit ?? l.none,
    });
  const about = sheet(wb, 'return', [
    { header: l.returnTitle[r.period] ?? r.period, key: 'k', width: 22 },
    { header: r.unit.name, key: 'v', width: 40 },
  ]);
  about.addRow({ k: l.campaign, v: r.campaign.name });
  about.addRow({ k: l.returnPeriod, v: dateCell(r.from) }).getCell('v').numFmt = DATE;
  about.addRow({ k: '', v: dateCell(r.to) }).getCell('v').numFmt = DATE;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
