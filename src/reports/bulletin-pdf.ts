// The bulletin as an A4 PDF: PDFKit, the Noto Sans SC font embedded (subset), charts drawn as
// vector graphics from the same data as the tables.
import PDFDocument from 'pdfkit';
import type { BulletinData, BulletinSection } from '../areas/bulletins/rules.ts';
import { CJK_FONT } from './fonts.ts';
import { type Lang, type Labels, labels, percent } from './labels.ts';
import {
  appendixTable,
  correctionLines,
  dayResultsTable,
  fourOnesTable,
  headlineTables,
  homicideTable,
  noticeLines,
  rankingTable,
} from './bulletin-tables.ts';

const MARGIN = 48;
const RED = '#b71c1c';
const BLUE = '#1565c0';
const GREY = '#9e9e9e';
const PURPLE = '#6a1b9a';

type Doc = InstanceType<typeof PDFDocument>;

/** Renders the bulletin to PDF bytes. */
export function bulletinPdf(data: BulletinData, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const l = labels(lang);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: `${l.title} ${data.campaign.name} ${data.asOf}`,
      Author: 'Qingwang',
      Subject: data.campaign.name,
    },
    bufferPages: true,
  });
  doc.registerFont('regular', CJK_FONT.regular);
  doc.registerFont('bold', CJK_FONT.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(20).fillColor(RED).text(l.title, { align: 'center' });
  doc.moveDown(0.2);
  const issue =
    data.number === null
      ? l.draft
      : `${l.number(data.number)}  ${l.issued} ${data.issuedAt?.slice(0, 10) ?? ''}`;
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('black')
    .text(`${data.campaign.name}    ${issue}    ${l.asOf} ${data.asOf}`, { align: 'center' });
  if (data.provisional) doc.font('bold').fillColor(RED).text(l.provisional, { align: 'center' });
  rule(doc);
  const headline = data.sections.find((s) => s.kind === 'headline');
  const trajectory = headline?.kind === 'headline' ? headline.trajectory : 0;
  for (const section of data.sections) renderSection(doc, section, l, trajectory);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(GREY);
    doc.text(
      `${data.campaign.name} · ${data.asOf} · ${i + 1}/${pages.count}`,
      MARGIN,
      doc.page.height - MARGIN + 16,
      {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      },
    );
  }
  doc.end();
  return done;
}

function width(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

function rule(doc: Doc): void {
  doc.moveDown(0.3);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width(doc), doc.y)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke();
  doc.moveDown(0.6);
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 60);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(13).fillColor('black').text(text, MARGIN);
  doc.moveDown(0.3);
}

function para(doc: Doc, text: string): void {
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('black')
    .text(text, MARGIN, doc.y, { width: width(doc) });
}

/** A simple table: header row in bold, rows below, page breaks repeat the header. */
function table(doc: Doc, headers: string[], rows: string[][], widths: number[]): void {
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => (w / total) * width(doc));
  const rowHeight = 16;
  const drawRow = (cells: string[], bold: boolean) => {
    ensureRoom(doc, rowHeight);
    const y = doc.y;
    let x = MARGIN;
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(9)
      .fillColor('black');
    cells.forEach((cell, i) => {
      doc.text(cell, x + 2, y + 3, {
        width: cols[i]! - 4,
        height: rowHeight,
        lineBreak: false,
        ellipsis: true,
      });
      x += cols[i]!;
    });
    doc
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + width(doc), y + rowHeight)
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  drawRow(headers, true);
  for (const r of rows) {
    if (doc.y + rowHeight > doc.page.height - MARGIN) {
      doc.addPage();
      drawRow(headers, true);
    }
    drawRow(r, false);
  }
  doc.moveDown(0.3);
}

/** Axes and grid for a chart of rates in [0, max]; returns the plotting frame. */
function frame(doc: Doc, height: number, max: number) {
  ensureRoom(doc, height + 30);
  const left = MARGIN + 34;
  const top = doc.y + 6;
  const w = width(doc) - 40;
  doc.font('regular').fontSize(7).fillColor(GREY);
  for (let i = 0; i <= 4; i += 1) {
    const y = top + height - (height * i) / 4;
    doc
      .moveTo(left, y)
      .lineTo(left + w, y)
      .lineWidth(0.3)
      .strokeColor('#dddddd')
      .stroke();
    doc.text(percent((max * i) / 4), MARGIN, y - 4, { width: 30, align: 'right', lineBreak: false });
  }
  return {
    left,
    top,
    w,
    h: height,
    y: (rate: number) => top + height - (Math.min(rate, max) / max) * height,
  };
}

function trendChart(
  doc: Doc,
  points: Extract<BulletinSection, { kind: 'trend' }>['points'],
  l: Labels,
): void {
  if (points.length === 0) return para(doc, l.noneListed);
  const max = Math.max(0.1, ...points.map((p) => Math.max(p.declineRate ?? 0, p.trajectory))) * 1.1;
  const f = frame(doc, 150, max);
  const x = (i: number) => f.left + (points.length === 1 ? f.w / 2 : (f.w * i) / (points.length - 1));
  const line = (values: (number | null)[], color: string, dash: boolean) => {
    let started = false;
    values.forEach((v, i) => {
      if (v === null) return;
      if (!started) doc.moveTo(x(i), f.y(v));
      else doc.lineTo(x(i), f.y(v));
      started = true;
    });
    if (dash) doc.dash(4, { space: 3 });
    doc.lineWidth(1.6).strokeColor(color).stroke();
    doc.undash();
  };
  line(
    points.map((p) => p.trajectory),
    GREY,
    true,
  );
  line(
    points.map((p) => p.declineRate),
    RED,
    false,
  );
  doc.font('regular').fontSize(7).fillColor('black');
  const labelsEvery = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % labelsEvery === 0 || i === points.length - 1)
      doc.text(p.date.slice(5), x(i) - 14, f.top + f.h + 3, { width: 28, align: 'center', lineBreak: false });
  });
  const legendY = f.top + f.h + 14;
  doc.rect(f.left, legendY + 2, 10, 3).fill(RED);
  doc.fillColor('black').text(l.declineRate, f.left + 14, legendY, { lineBreak: false });
  doc.rect(f.left + 90, legendY + 2, 10, 3).fill(GREY);
  doc.fillColor('black').text(l.trajectory, f.left + 104, legendY, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = legendY + 14;
}

/** Bars of rates, one per unit, with the trajectory as a dashed line when there is one. */
function barChart(
  doc: Doc,
  bars: { name: string; rate: number | null; color: string }[],
  trajectory: number | null,
  l: Labels,
): void {
  if (bars.length === 0) return;
  const max = Math.max(0.1, trajectory ?? 0, ...bars.map((b) => b.rate ?? 0)) * 1.1;
  const f = frame(doc, 120, max);
  const slot = f.w / bars.length;
  bars.forEach((b, i) => {
    const rate = b.rate ?? 0;
    const x = f.left + i * slot + slot * 0.2;
    doc.rect(x, f.y(rate), slot * 0.6, f.top + f.h - f.y(rate)).fill(b.color);
    doc.font('regular').fontSize(6.5).fillColor('black');
    doc.text(b.name, f.left + i * slot, f.top + f.h + 3, {
      width: slot,
      align: 'center',
      height: 18,
      ellipsis: true,
    });
  });
  doc.x = MARGIN;
  doc.y = f.top + f.h + 24;
  if (trajectory === null) return;
  doc.dash(4, { space: 3 });
  doc
    .moveTo(f.left, f.y(trajectory))
    .lineTo(f.left + f.w, f.y(trajectory))
    .lineWidth(1)
    .strokeColor(GREY)
    .stroke();
  doc.undash();
  para(doc, `${l.trajectory} ${percent(trajectory)}`);
}

function renderSection(doc: Doc, s: BulletinSection, l: Labels, trajectory: number): void {
  switch (s.kind) {
    case 'headline': {
      heading(doc, l.headline);
      for (const t of headlineTables(s, l))
        table(
          doc,
          t.headers,
          t.rows,
          t.headers.map(() => 1),
        );
      return;
    }
    case 'trend':
      heading(doc, l.trend);
      return trendChart(doc, s.points, l);
    case 'ranking': {
      heading(doc, l.ranking);
      barChart(
        doc,
        s.units.map((u) => ({ name: u.name, rate: u.declineRate, color: u.onTrack === false ? RED : BLUE })),
        trajectory,
        l,
      );
      const t = rankingTable(s, l);
      return table(doc, t.headers, t.rows, [0.5, 2, 0.8, 0.9, 0.8, 0.9, 0.7, 0.7, 0.7, 0.8, 0.8, 0.9, 1.3]);
    }
    case 'homicide': {
      heading(doc, l.homicide);
      barChart(
        doc,
        s.units.slice(1).map((u) => ({ name: u.name, rate: u.declineRate, color: PURPLE })),
        null,
        l,
      );
      const t = homicideTable(s, l);
      return table(doc, t.headers, t.rows, [2.4, 1, 1, 1, 1]);
    }
    case 'appendix': {
      heading(doc, l.appendix);
      const t = appendixTable(s, l);
      return table(doc, t.headers, t.rows, [0.8, 0.5, 1.8, 1.6, 0.8, 0.7, 0.8, 0.7, 0.7, 0.9]);
    }
    case 'lagging': {
      heading(doc, l.lagging);
      const names = (list: string[]) => list.join(l.listSeparator) || l.noneListed;
      para(
        doc,
        `${l.zeroResultUnits}${l.paren(String(s.zeroResult.length))}: ${names(s.zeroResult.map((u) => u.name))}`,
      );
      doc.moveDown(0.3);
      return para(
        doc,
        `${l.laggingUnits}${l.paren(`${l.trajectory} ${percent(s.trajectory)}, ${s.lagging.length}`)}: ${names(
          s.lagging.map((u) => `${u.name} ${percent(u.declineRate)}`),
        )}`,
      );
    }
    case 'four-ones': {
      heading(doc, l.fourOnes);
      const t = fourOnesTable(s, l);
      return table(doc, t.headers, t.rows, [2.5, 1, 1, 1]);
    }
    case 'notices': {
      heading(doc, l.notices);
      const lines = noticeLines(s, l);
      if (lines.length === 0) return para(doc, l.noneListed);
      for (const n of lines) {
        ensureRoom(doc, 30);
        doc
          .font('bold')
          .fontSize(10)
          .fillColor(n.kind === 'praise' ? BLUE : RED);
        doc.text(n.title, MARGIN);
        para(doc, n.text);
        doc.moveDown(0.2);
      }
      return;
    }
    case 'day-results': {
      heading(doc, l.dayResults(s.date));
      if (s.items.length === 0) return para(doc, l.noneListed);
      const t = dayResultsTable(s, l);
      return table(doc, t.headers, t.rows, [1.6, 1, 0.8, 1, 2]);
    }
    case 'audit': {
      heading(doc, l.audit);
      para(doc, l.auditHead(s.events, s.head));
      if (s.baselineDigest) para(doc, l.baselineDigest(s.baselineDigest));
      const lines = correctionLines(s, l);
      if (lines.length === 0) return;
      doc.moveDown(0.3);
      doc
        .font('bold')
        .fontSize(10)
        .text(`${l.corrections}${l.paren(String(lines.length))}`, MARGIN);
      for (const line of lines) para(doc, `· ${line}`);
      return;
    }
  }
}
