// The bulletin as an official document (公文) in the format of GB/T 9704-2012, as a .docx bureaus
// edit and exchange: A4, margins 37/35/28/26 mm, 22 lines of 28 characters, the issuing authority in
// red above the red line, the document number and issuer, title, recipients, body, the attachments
// (the ranking tables), the signature and the date in Chinese numerals, the distribution footer and
// page numbers "— 1 —" on the outside edges. Fonts are named as the standard names them; Word uses
// them where installed and substitutes otherwise. The document is in Chinese: GB/T 9704 is.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { type BulletinData, type BulletinSection, chineseDate } from '../areas/bulletins/rules.ts';
import { appendixTable, homicideTable, noticeLines, rankingTable } from './bulletin-tables.ts';
import { labels, perDay, percent } from './labels.ts';
import type { TextTable } from './bulletin-tables.ts';

/** The fonts by role, as GB/T 9704 names them. */
export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Millimetres in twips, rounded (A4 is 11906 × 16838). */
export const mm = (millimetres: number) => Math.round((millimetres / 25.4) * 1440);
const RED = 'FF0000';
/** 三号 (16 pt) body and 二号 (22 pt) title, in half-points. */
export const SIZE = { body: 32, title: 44, authority: 72, pageNumber: 28, table: 21 } as const;
/** The type area: 156 mm × 225 mm, 22 lines of 28 characters. */
export const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
const LINES = 22;
const CHARS = 28;
export const LINE_PITCH = Math.floor(mm(PAGE.height - PAGE.top - PAGE.bottom) / LINES);
/** docGrid charSpace: how far a character's pitch is from the 16 pt font size, in 1/4096 points. */
const CHAR_PITCH_PT = (((PAGE.width - PAGE.left - PAGE.right) / 25.4) * 72) / CHARS;
const CHAR_SPACE = Math.round((CHAR_PITCH_PT - SIZE.body / 2) * 4096);
/** A table line: exactly 1.4 × the table's type size, in twips (off the grid's line pitch). */
export const TABLE_LINE = Math.round(SIZE.table * 10 * 1.4);

type Section<K extends BulletinSection['kind']> = Extract<BulletinSection, { kind: K }>;
const find = <K extends BulletinSection['kind']>(data: BulletinData, kind: K) =>
  data.sections.find((s): s is Section<K> => s.kind === kind);

export const run = (text: string, font: string = FONTS.body, size: number = SIZE.body, color?: string) =>
  new TextRun({ text, font, size, color });

/** A body paragraph: 仿宋 三号, indented two characters. */
export const body = (text: string) =>
  new Paragraph({ children: [run(text)], indent: { firstLine: 2 * SIZE.body * 10 } });

export const heading1 = (text: string) =>
  new Paragraph({ children: [run(text, FONTS.heading1)], indent: { firstLine: 2 * SIZE.body * 10 } });

/** A table cell's left and right margin: 1 mm. */
const CELL_MARGIN = mm(1);

/**
 * How wide a text sets, in half-ems: a Chinese character two, a digit or letter one and a quarter
 * (the fonts that stand in for 仿宋 set digits wider than half an em).
 */
const widthOf = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1.25), 0);

/**
 * A table in 仿宋 五号-ish type, its header row repeated on each page. Its text keeps off the
 * document grid: on the grid each character takes a body character's width (1/28 of the line) and
 * each line a body line, so a twelve-column table broke every cell into one character a line.
 */
export function table(t: TextTable, width = mm(PAGE.width - PAGE.left - PAGE.right)): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ text, font: FONTS.body, size: SIZE.table, bold, snapToGrid: false })],
        }),
      ],
    });
  // Each column as wide as its longest cell asks (a Chinese character counting two half-ems; a
  // header may break after four characters) and the cell's margins, the room left over shared in
  // proportion: the units' names do not break while the number columns stay narrow.
  const halfEm = SIZE.table * 5;
  const needs = t.headers.map(
    (h, i) =>
      CELL_MARGIN * 2 +
      60 +
      halfEm * Math.min(20, Math.max(Math.min(widthOf(h), 8), ...t.rows.map((r) => widthOf(r[i] ?? '')))),
  );
  const total = needs.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: needs.map((w) => Math.floor((width * w) / total)),
    margins: { left: CELL_MARGIN, right: CELL_MARGIN },
    rows: [
      new TableRow({ tableHeader: true, children: t.headers.map((h) => cell(h, true)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/** The body text: the figures in sentences, the pace, lagging and zero-result units, notices. */
function bodyParagraphs(data: BulletinData): Paragraph[] {
  const l = labels('zh-CN');
  const out: Paragraph[] = [];
  const h = find(data, 'headline');
  if (h) {
    out.push(heading1('一、总体进展'));
    out.push(
      body(
        `截至${chineseDate(data.asOf)}，全市${data.campaign.name}行动前在逃人员${h.baseline}人，已清理${h.cleared}人，下降率${percent(h.declineRate)}（目标${percent(data.campaign.target)}，当前进度线${percent(h.trajectory)}）；净下降率${percent(h.netDeclineRate)}，仍在逃${h.activeNow}人。抓获本地逃犯${h.capturesLocal}人、协外抓获${h.capturesRemote}人${h.arrests === undefined ? '' : `，其中抓捕${h.arrests}人、投案自首${h.surrenders}人`}；新增上网${h.newListings ?? '—'}人；撤销${h.cancellations}人（单列，不计入清理）。距截止日期${h.daysLeft}天。`,
      ),
    );
    if (h.pace) {
      const p = h.pace;
      const at =
        p.projectedOn === null ? '按此进度无法达标' : `按此进度预计于${chineseDate(p.projectedOn)}达到目标`;
      out.push(
        body(
          `距目标尚需清理${p.remaining}人，${p.requiredPerDay === null ? '已过截止日期' : `此后日均需清理${perDay(p.requiredPerDay)}人`}；近7日日均清理${perDay(p.last7PerDay)}人，近14日日均清理${perDay(p.last14PerDay)}人，${at}。`,
        ),
      );
    }
  }
  const lagging = find(data, 'lagging');
  if (lagging) {
    out.push(heading1('二、零战果及落后单位'));
    out.push(
      body(`${l.zeroResultUnits}：${lagging.zeroResult.map((u) => u.name).join('、') || l.noneListed}。`),
    );
    out.push(
      body(
        `${l.laggingUnits}（进度线${percent(lagging.trajectory)}）：${lagging.lagging.map((u) => `${u.name}（${percent(u.declineRate)}）`).join('、') || l.noneListed}。`,
      ),
    );
  }
  const notices = find(data, 'notices');
  if (notices) {
    out.push(heading1('三、通报表扬与批评'));
    const lines = noticeLines(notices, l);
    if (lines.length === 0) out.push(body(l.noneListed + '。'));
    for (const n of lines) out.push(body(`${n.title}${n.text}`));
  }
  out.push(heading1('四、工作要求'));
  out.push(body('各单位要对照目标和进度，逐人落实抓捕措施；零战果和落后单位要查找原因，限期扭转被动局面。'));
  return out;
}

/** The attachments: the ranking tables the bulletin has. */
function attachments(data: BulletinData): Attachment[] {
  const l = labels('zh-CN');
  const out: Attachment[] = [];
  const ranking = find(data, 'ranking');
  if (ranking) out.push({ title: '各单位清网行动排名表', content: rankingTable(ranking, l) });
  const homicide = find(data, 'homicide');
  if (homicide) out.push({ title: '命案逃犯清理情况表', content: homicideTable(homicide, l) });
  const appendix = find(data, 'appendix');
  if (appendix) out.push({ title: '各派出所、大队排名表', content: appendixTable(appendix, l) });
  return out;
}

/**
 * 版记: 抄送 and 印发机关 with the printing date, between a thick line above and below, at the foot of
 * the last page.
 */
function imprint(data: BulletinData, on: string): Paragraph[] {
  const d = data.document!;
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const small = 28; // 四号
  // Each line exactly 1.5 × its type, pushed to the foot of the page by the space above the first.
  const line = { line: small * 15, lineRule: LineRuleType.EXACT };
  const lines = d.copiesTo ? 2 : 1;
  const above = mm(PAGE.height - PAGE.top - PAGE.bottom) - lines * line.line - 2 * small * 10;
  const out: Paragraph[] = [];
  if (d.copiesTo)
    out.push(
      new Paragraph({
        spacing: { ...line, before: above },
        border: { top: thick, bottom: thin },
        indent: { left: 280, right: 280 },
        children: [new TextRun({ text: `抄送：${d.copiesTo}。`, font: FONTS.body, size: small })],
      }),
    );
  out.push(
    new Paragraph({
      spacing: { ...line, before: d.copiesTo ? 0 : above },
      border: { top: d.copiesTo ? undefined : thick, bottom: thick },
      indent: { left: 280, right: 280 },
      tabStops: [{ type: TabStopType.RIGHT, position: mm(PAGE.width - PAGE.left - PAGE.right) - 560 }],
      children: [
        new TextRun({ text: d.printedBy, font: FONTS.body, size: small }),
        new TextRun({ text: `\t${chineseDate(on)}印发`, font: FONTS.body, size: small }),
      ],
    }),
  );
  return out;
}

const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: { left: 280, right: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: FONTS.pageNumber,
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });

/** The bulletin as a GB/T 9704 .docx. */
export async function bulletinDocx(data: BulletinData): Promise<Buffer> {
  const d = data.document ?? {
    authority: '',
    number: null,
    issuer: null,
    recipients: '',
    copiesTo: null,
    printedBy: '',
  };
  const doc: BulletinData = { ...data, document: d };
  const issuedOn = data.issuedAt ? data.issuedAt.slice(0, 10) : data.asOf;
  const red = { style: BorderStyle.SINGLE, size: 12, color: RED };
  const textWidth = mm(PAGE.width - PAGE.left - PAGE.right);
  const list = attachments(doc);
  const children: (Paragraph | Table)[] = [
    // 发文机关标志: red 小标宋, centred.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE_PITCH * 2, after: LINE_PITCH },
      children: [run(`${d.authority}文件`, FONTS.title, SIZE.authority, RED)],
    }),
    // 发文字号 on the left, 签发人 on the right, above the red separator line.
    new Paragraph({
      border: { bottom: red },
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth - 280 }],
      indent: { left: 280 },
      spacing: { after: LINE_PITCH },
      children: [
        run(d.number ?? '（未签发稿）'),
        ...(d.issuer ? [run('\t签发人：'), run(d.issuer, FONTS.heading2)] : []),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: LINE_PITCH, after: LINE_PITCH },
      children: [run(`关于${data.campaign.name}进展情况的通报`, FONTS.title, SIZE.title)],
    }),
    new Paragraph({ children: [run(`${d.recipients}：`)] }),
    ...bodyParagraphs(doc),
    ...attachmentNote(list),
    // 署名 and 成文日期, on the right, four characters from the edge.
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: LINE_PITCH * 2 },
      indent: { right: 4 * SIZE.body * 10 },
      children: [run(d.authority)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * SIZE.body * 10 },
      children: [run(chineseDate(issuedOn))],
    }),
  ];
  // The attachments on landscape pages, the imprint on a last page of the grid.
  return officialDocx(`${d.number ?? ''} 关于${data.campaign.name}进展情况的通报`, children, [
    ...attachmentPages(list),
    { children: imprint(doc, issuedOn), imprint: true },
  ]);
}

/** An attachment (附件) of a document: its title and its table, or a line saying it has none. */
export interface Attachment {
  title: string;
  content: TextTable | Paragraph;
}

/**
 * 附件说明: after the body, one line down, indented two characters, the titles numbered when there
 * are more than one.
 */
export function attachmentNote(list: readonly Attachment[]): Paragraph[] {
  return list.map(
    (a, i) =>
      new Paragraph({
        spacing: { before: i === 0 ? LINE_PITCH : 0 },
        indent: { left: (i === 0 ? 2 : 5) * SIZE.body * 10 },
        children: [run(`${i === 0 ? '附件：' : ''}${list.length > 1 ? `${i + 1}. ` : ''}${a.title}`)],
      }),
  );
}

/** The type area's width on a turned (landscape) page. */
const LANDSCAPE_WIDTH = mm(PAGE.height - PAGE.top - PAGE.bottom);

/**
 * Each attachment on landscape pages of its own (横排表格): headed 附件N in 黑体 (N when there are
 * more than one), titled in 小标宋, its table across the turned page.
 */
export function attachmentPages(list: readonly Attachment[]): Part[] {
  return list.map((a, i) => ({
    landscape: true,
    children: [
      new Paragraph({ children: [run(`附件${list.length > 1 ? i + 1 : ''}`, FONTS.heading1)] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: LINE_PITCH, after: LINE_PITCH },
        children: [run(a.title, FONTS.title, SIZE.title)],
      }),
      a.content instanceof Paragraph ? a.content : table(a.content, LANDSCAPE_WIDTH),
    ],
  }));
}

/**
 * Pages after the first part, each part from a new page: on the standard's grid, or (landscape) an
 * A4 page turned for a wide table, as GB/T 9704 lays out 横排表格, with no character grid: a table's
 * cells would otherwise set each character a body character's width apart.
 */
export interface Part {
  children: (Paragraph | Table)[];
  landscape?: boolean;
  /** The imprint (版记): at the foot of the last page, its small type off the character grid. */
  imprint?: boolean;
}

/** A document on the standard's page: A4, its margins, the 22 × 28 grid, page numbers outside. */
export function officialDocx(
  title: string,
  children: (Paragraph | Table)[],
  more: readonly Part[] = [],
): Promise<Buffer> {
  // Odd pages carry the number on the right, even pages on the left: the outside edges.
  const footers = { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) };
  const margin = {
    top: mm(PAGE.top),
    bottom: mm(PAGE.bottom),
    left: mm(PAGE.left),
    right: mm(PAGE.right),
    footer: mm(PAGE.bottom - 7 - 7),
  };
  const section = (part: Part) => ({
    properties: {
      page: {
        size: {
          width: mm(PAGE.width),
          height: mm(PAGE.height),
          orientation: part.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        // Turned, the page keeps its margins on the same paper edges.
        margin: part.landscape
          ? {
              ...margin,
              top: mm(PAGE.right),
              bottom: mm(PAGE.left),
              left: mm(PAGE.top),
              right: mm(PAGE.bottom),
            }
          : margin,
      },
      grid:
        part.landscape || part.imprint
          ? { type: DocumentGridType.DEFAULT, linePitch: LINE_PITCH }
          : { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
    },
    footers,
    children: part.children,
  });
  const document = new Document({
    creator: 'Qingwang',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.body } } } },
    sections: [section({ children }), ...more.map(section)],
  });
  return Packer.toBuffer(document);
}
