// The bulletin and the campaign's tables as Excel workbooks, with real number, percentage and date
// cells (a spreadsheet can sum and sort them), built with exceljs.
import type ExcelJS from 'exceljs';
import type { BulletinData, BulletinSection, RankedUnit } from '../areas/bulletins/rules.ts';
import type { UnitStanding } from '../areas/campaigns/rules.ts';
import { type Lang, type Labels, labels, fabricationText } from './labels.ts';
import { newWorkbook } from './workbook.ts';

const PERCENT = '0.0%';
const DATE = 'yyyy-mm-dd';
const PER_DAY = '0.0';

/** A calendar date as an Excel date cell (midnight UTC, which Excel shows as that day). */
export function dateCell(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width?: number; fmt?: string }[],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? 14,
    style: c.fmt ? { numFmt: c.fmt } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

function addSection(wb: ExcelJS.Workbook, s: BulletinSection, l: Labels): void {
  switch (s.kind) {
    case 'headline': {
      const ws = sheet(wb, 'headline', [
        { header: l.headline, key: 'k', width: 28 },
        { header: '', key: 'v', width: 16 },
      ]);
      const rows: [string, number | null, string?][] = [
        [l.baseline, s.baseline],
        [l.cleared, s.cleared],
        [l.declineRate, s.declineRate, PERCENT],
        [l.trajectory, s.trajectory, PERCENT],
        [l.netDeclineRate, s.netDeclineRate, PERCENT],
        [l.activeNow, s.activeNow],
        [l.capturesLocal, s.capturesLocal],
        [l.capturesRemote, s.capturesRemote],
        [l.arrests, s.arrests ?? null],
        [l.surrenders, s.surrenders ?? null],
        [l.newListings, s.newListings ?? null],
        [l.cancellations, s.cancellations],
        [l.daysLeft, s.daysLeft],
      ];
      if (s.pace)
        rows.push(
          [l.remaining, s.pace.remaining],
          [l.requiredPerDay, s.pace.requiredPerDay, PER_DAY],
          [l.last7PerDay, s.pace.last7PerDay, PER_DAY],
          [l.last14PerDay, s.pace.last14PerDay, PER_DAY],
        );
      for (const [k, v, fmt] of rows) {
        const row = ws.addRow({ k, v });
        if (fmt) row.getCell('v').numFmt = fmt;
      }
      if (s.pace) {
        const on = s.pace.projectedOn;
        const row = ws.addRow({ k: l.projectedOn, v: on === null ? l.notAtThisPace : dateCell(on) });
        row.getCell('v').numFmt = DATE;
      }
      return;
    }
    case 'trend': {
      const ws = sheet(wb, 'trend', [
        { header: l.date, key: 'date', fmt: DATE },
        { header: l.declineRate, key: 'rate', fmt: PERCENT },
        { header: l.trajectory, key: 'trajectory', fmt: PERCENT },
      ]);
      for (const p of s.points)
        ws.addRow({ date: dateCell(p.date), rate: p.declineRate, trajectory: p.trajectory });
      return;
    }
    case 'ranking':
      return rankedSheet(wb, 'ranking', s.units, l);
    case 'appendix':
      return rankedSheet(wb, 'appendix', s.units, l);
    case 'homicide': {
      const ws = sheet(wb, 'homicide', [
        { header: l.code, key: 'code' },
        { header: l.unit, key: 'name', width: 24 },
        { header: l.homicideBaseline, key: 'baseline' },
        { header: l.homicideCleared, key: 'cleared' },
        { header: l.homicideDeclineRate, key: 'declineRate', fmt: PERCENT },
        { header: l.homicideCaptures, key: 'captures' },
      ]);
      for (const u of s.units) ws.addRow(u);
      return;
    }
    case 'lagging': {
      const ws = sheet(wb, 'lagging', [
        { header: l.code, key: 'code' },
        { header: l.unit, key: 'name', width: 24 },
        { header: l.declineRate, key: 'rate', fmt: PERCENT },
        { header: l.onTrack, key: 'what', width: 16 },
      ]);
      for (const u of s.zeroResult) ws.addRow({ ...u, rate: null, what: l.zeroResultUnits });
      for (const u of s.lagging) ws.addRow({ ...u, rate: u.declineRate, what: l.no });
      return;
    }
    case 'four-ones': {
      const ws = sheet(wb, 'four-ones', [
        { header: l.code, key: 'code' },
        { header: l.unit, key: 'name', width: 24 },
        { header: l.fugitives, key: 'fugitives' },
        { header: l.complete, key: 'complete' },
        { header: l.completeShare, key: 'completeShare', fmt: PERCENT },
      ]);
      for (const u of s.units) ws.addRow(u);
      return;
    }
    case 'notices': {
      const ws = sheet(wb, 'notices', [
        { header: l.date, key: 'issuedOn', fmt: DATE },
        { header: l.kind, key: 'kind' },
        { header: l.unit, key: 'name', width: 24 },
        { header: l.reason, key: 'text', width: 60 },
      ]);
      for (const n of s.notices)
        ws.addRow({
          ...n,
          issuedOn: dateCell(n.issuedOn),
          kind: n.kind === 'praise' ? l.praise : l.criticism,
        });
      for (const f of s.fabrications)
        ws.addRow({
          issuedOn: dateCell(f.confirmedOn),
          kind: l.criticism,
          name: f.unit?.name ?? '—',
          text: fabricationText(l, f),
        });
      for (const r of s.overdueRectification ?? [])
        ws.addRow({
          issuedOn: dateCell(r.deadlineOn),
          kind: l.overdueRectification,
          name: r.name,
          text: l.overdueText(r.problem, r.deadlineOn, r.daysOverdue),
        });
      return;
    }
    case 'day-results': {
      const ws = sheet(wb, 'day-results', [
        { header: l.date, key: 'date', fmt: DATE },
        { header: l.listingNo, key: 'listingNo', width: 22 },
        { header: l.name, key: 'name' },
        { header: l.kind, key: 'kind' },
        { header: l.category, key: 'category' },
        { header: l.unit, key: 'unit', width: 24 },
      ]);
      for (const i of s.items)
        ws.addRow({
          ...i,
          date: dateCell(s.date),
          kind: l.kinds[i.kind] ?? i.kind,
          category: l.categories[i.category] ?? i.category,
          unit: i.unit?.name ?? l.none,
        });
      return;
    }
    case 'audit': {
      const ws = sheet(wb, 'audit', [
        { header: l.audit, key: 'k', width: 20 },
        { header: '', key: 'v', width: 70 },
      ]);
      ws.addRow({ k: 'events', v: s.events });
      ws.addRow({ k: 'head', v: s.head });
      if (s.baselineDigest) ws.addRow({ k: 'baseline digest', v: s.baselineDigest });
      if (s.corrections?.length) {
        const c = sheet(wb, 'corrections', [
          { header: l.date, key: 'correctedOn', fmt: DATE },
          { header: l.code, key: 'code' },
          { header: l.unit, key: 'name', width: 24 },
          { header: l.listingNo, key: 'listingNos', width: 30 },
          { header: l.reason, key: 'reason', width: 50 },
          { header: l.correctedBy, key: 'correctedBy', width: 16 },
        ]);
        for (const x of s.corrections)
          c.addRow({
            ...x,
            ...x.unit,
            correctedOn: dateCell(x.correctedOn),
            listingNos: x.listingNos.join(l.listSeparator),
          });
      }
      return;
    }
  }
}

/** A ranking as a sheet: the kind beside the rank, since each kind is ranked on its own. */
function rankedSheet(wb: ExcelJS.Workbook, name: string, units: RankedUnit[], l: Labels): void {
  const ws = sheet(wb, name, [
    { header: l.kindOfUnit, key: 'kind', width: 10 },
    { header: l.rank, key: 'rank', width: 8 },
    { header: l.code, key: 'code' },
    { header: l.unit, key: 'name', width: 24 },
    { header: l.parent, key: 'parentName', width: 20 },
    { header: l.baseline, key: 'baseline' },
    { header: l.cleared, key: 'cleared' },
    { header: l.declineRate, key: 'rate', fmt: PERCENT },
    { header: l.unitTarget, key: 'target', fmt: PERCENT },
    { header: l.arrests, key: 'arrests' },
    { header: l.surrenders, key: 'surrenders' },
    { header: l.captures, key: 'captures' },
    { header: l.newListings, key: 'newListings' },
    { header: l.onTrack, key: 'onTrack' },
    { header: l.projectedOn, key: 'projectedOn', fmt: DATE, width: 16 },
  ]);
  for (const u of units)
    ws.addRow({
      ...u,
      kind: u.kind ? (l.unitKinds[u.kind] ?? u.kind) : null,
      rate: u.declineRate,
      onTrack: u.onTrack === null ? l.none : u.onTrack ? l.yes : l.no,
      projectedOn: u.projectedOn ? dateCell(u.projectedOn) : u.projectedOn === null ? l.notAtThisPace : null,
    });
}

/** The bulletin as a workbook: one sheet per section. */
export async function bulletinXlsx(data: BulletinData, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const l = labels(lang);
  const wb = await newWorkbook();
  wb.creator = 'Qingwang';
  wb.title = `${l.title} ${data.campaign.name} ${data.asOf}`;
  const cover = sheet(wb, 'bulletin', [
    { header: l.title, key: 'k', width: 22 },
    { header: '', key: 'v', width: 40 },
  ]);
  cover.addRow({ k: l.campaign, v: data.campaign.name });
  cover.addRow({ k: l.asOf, v: dateCell(data.asOf) }).getCell('v').numFmt = DATE;
  cover.addRow({ k: l.target, v: data.campaign.target }).getCell('v').numFmt = PERCENT;
  cover.addRow({ k: l.issued, v: data.number === null ? l.draft : l.number(data.number) });
  if (data.provisional)
    cover.addRow({ k: l.provisional, v: '' }).font = { bold: true, color: { argb: 'FFB71C1C' } };
  for (const s of data.sections) addSection(wb, s, l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type StandingsRow = Pick<
  UnitStanding,
  | 'code'
  | 'name'
  | 'kind'
  | 'depth'
  | 'parent'
  | 'rank'
  | 'baseline'
  | 'cleared'
  | 'declineRate'
  | 'netDeclineRate'
  | 'activeNow'
  | 'newListings'
  | 'target'
  | 'onTrack'
  | 'captures'
  | 'homicide'
  | 'cancellations'
>;

/** Every unit's standings as a workbook, and a second sheet saying what they rest on. */
export async function standingsXlsx(
  s: {
    campaign: string;
    asOf: string;
    provisional: boolean;
    baselineDigest: string | null;
    units: StandingsRow[];
  },
  lang: Lang = 'zh-CN',
): Promise<Buffer> {
  const l = labels(lang);
  const wb = await newWorkbook();
  const ws = sheet(wb, 'standings', [
    { header: l.asOf, key: 'asOf', fmt: DATE },
    { header: l.code, key: 'code' },
    { header: l.unit, key: 'name', width: 24 },
    { header: l.parent, key: 'parent' },
    { header: l.level, key: 'depth', width: 8 },
    { header: l.rank, key: 'rank', width: 8 },
    { header: l.baseline, key: 'baseline' },
    { header: l.cleared, key: 'cleared' },
    { header: l.declineRate, key: 'declineRate', fmt: PERCENT },
    { header: l.netDeclineRate, key: 'netDeclineRate', fmt: PERCENT },
    { header: l.activeNow, key: 'activeNow' },
    { header: l.capturesLocal, key: 'local' },
    { header: l.capturesRemote, key: 'remote' },
    { header: l.cancellations, key: 'cancellations' },
    // Columns added with the figures of issue 11 go last, so that existing column letters hold.
    { header: l.kindOfUnit, key: 'kind', width: 10 },
    { header: l.unitTarget, key: 'target', fmt: PERCENT },
    { header: l.onTrack, key: 'onTrack' },
    { header: l.newListings, key: 'newListings' },
    { header: l.arrests, key: 'arrests' },
    { header: l.surrenders, key: 'surrenders' },
    { header: l.homicideBaseline, key: 'homicideBaseline' },
    { header: l.homicideCleared, key: 'homicideCleared' },
    { header: l.homicideDeclineRate, key: 'homicideDeclineRate', fmt: PERCENT },
    { header: l.homicideCaptures, key: 'homicideCaptures' },
  ]);
  for (const u of s.units)
    ws.addRow({
      ...u,
      asOf: dateCell(s.asOf),
      kind: l.unitKinds[u.kind] ?? u.kind,
      onTrack: u.onTrack === null ? l.none : u.onTrack ? l.yes : l.no,
      local: u.captures.local,
      remote: u.captures.remote,
      arrests: u.captures.arrests,
      surrenders: u.captures.surrenders,
      homicideBaseline: u.homicide.baseline,
      homicideCleared: u.homicide.cleared,
      homicideDeclineRate: u.homicide.declineRate,
      homicideCaptures: u.homicide.captures,
    });
  const about = sheet(wb, 'campaign', [
    { header: l.campaign, key: 'k', width: 22 },
    { header: s.campaign, key: 'v', width: 70 },
  ]);
  about.addRow({ k: l.asOf, v: dateCell(s.asOf) }).getCell('v').numFmt = DATE;
  about.addRow({ k: l.baselineStatus, v: s.provisional ? l.provisional : l.frozen });
  about.addRow({ k: l.digest, v: s.baselineDigest ?? l.none });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A campaign's ledger as a workbook: one row per entry, reversals with negative amounts. */
export async function ledgerXlsx(
  entries: {
    id: number;
    bookedOn: string;
    unit: { code: string; name: string };
    ruleId: string;
    ruleSetVersion: number;
    points: number;
    money: number;
    clearanceId: number | null;
    listingNo: string | null;
    occurredOn: string | null;
    reversesId: number | null;
    reason: string;
  }[],
  lang: Lang = 'zh-CN',
): Promise<Buffer> {
  const l = labels(lang);
  const wb = await newWorkbook();
  const ws = sheet(wb, 'ledger', [
    { header: 'id', key: 'id', width: 8 },
    { header: l.date, key: 'bookedOn', fmt: DATE },
    { header: l.code, key: 'code' },
    { header: l.unit, key: 'name', width: 24 },
    { header: l.rule, key: 'ruleId', width: 18 },
    { header: l.version, key: 'ruleSetVersion', width: 8 },
    { header: l.points, key: 'points' },
    { header: l.money, key: 'money' },
    { header: l.clearance, key: 'clearanceId' },
    { header: l.listingNo, key: 'listingNo', width: 22 },
    { header: l.date, key: 'occurredOn', fmt: DATE },
    { header: l.reverses, key: 'reversesId' },
    { header: l.reason, key: 'reason', width: 40 },
  ]);
  for (const e of entries)
    ws.addRow({
      ...e,
      bookedOn: dateCell(e.bookedOn),
      occurredOn: e.occurredOn ? dateCell(e.occurredOn) : null,
      code: e.unit.code,
      name: e.unit.name,
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type { Lang };
