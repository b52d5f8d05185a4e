// An official document (official-document.ts) as a GB/T 9704 .docx, as bureaus edit and exchange
// it: A4, margins 37/35/28/26 mm, Word's grid of 22 lines of 28 characters, the fonts named as the
// standard names them (Word uses them where installed and substitutes otherwise), the attachments on
// landscape pages, the imprint at the foot of a last page, page numbers "— 1 —" on the outside edges.
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
import type { TextTable } from './bulletin-tables.ts';
import {
  type Attachment,
  type Block,
  CELL_MARGIN_MM,
  CHARS,
  EDGE_INSET,
  FONTS,
  IMPRINT_LINE_FACTOR,
  type Imprint,
  LINES,
  type OfficialDocument,
  PAGE,
  PAGE_NUMBER,
  PAGE_NUMBER_BELOW_MM,
  RED,
  RULE,
  SIZE,
  TABLE_LINE_FACTOR,
  attachmentHeading,
  columnWidths,
} from './official-document.ts';

/** Millimetres in twips, rounded (A4 is 11906 × 16838). */
export const mm = (millimetres: number) => Math.round((millimetres / 25.4) * 1440);
/** Points in twips, in half-points (a run's size), in eighths (a border's width). */
const twips = (pt: number) => Math.round(pt * 20);
const half = (pt: number) => Math.round(pt * 2);
const eighths = (pt: number) => Math.round(pt * 8);
const COLOUR = RED.slice(1);
/** One body character, in twips. */
const CHAR = twips(SIZE.body);
export const LINE_PITCH = Math.floor(mm(PAGE.height - PAGE.top - PAGE.bottom) / LINES);
/** docGrid charSpace: how far a character's pitch is from the 16 pt font size, in 1/4096 points. */
const CHAR_PITCH_PT = (((PAGE.width - PAGE.left - PAGE.right) / 25.4) * 72) / CHARS;
const CHAR_SPACE = Math.round((CHAR_PITCH_PT - SIZE.body) * 4096);
/** A table line: exactly 1.4 × the table's type size, in twips (off the grid's line pitch). */
const TABLE_LINE = twips(SIZE.table * TABLE_LINE_FACTOR);
const TEXT_WIDTH = mm(PAGE.width - PAGE.left - PAGE.right);
/** The type area's width on a turned (landscape) page. */
const LANDSCAPE_WIDTH = mm(PAGE.height - PAGE.top - PAGE.bottom);

const run = (text: string, font: string = FONTS.body, size: number = SIZE.body, color?: string) =>
  new TextRun({ text, font, size: half(size), color });

const centred = (text: string, font: string, size: number, before = 0, after = 0, color?: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: before * LINE_PITCH, after: after * LINE_PITCH },
    children: [run(text, font, size, color)],
  });

/** A body paragraph: 仿宋 三号, indented two characters. */
const bodyParagraph = (text: string) =>
  new Paragraph({ children: [run(text)], indent: { firstLine: 2 * CHAR } });

function paragraph(block: Block): Paragraph {
  const keepNext = block.keepWithNext || undefined;
  switch (block.kind) {
    case 'authority':
      return centred(block.text, FONTS.title, SIZE.authority, 2, 1, COLOUR);
    case 'number':
      return new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: eighths(RULE.separator), color: COLOUR } },
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - twips(EDGE_INSET) }],
        indent: { left: twips(EDGE_INSET) },
        spacing: { after: LINE_PITCH },
        children: [
          run(block.number),
          ...(block.issuer ? [run('\t签发人：'), run(block.issuer, FONTS.heading2)] : []),
        ],
      });
    case 'title':
      return centred(block.text, FONTS.title, SIZE.title, block.before, block.after);
    case 'line':
      return new Paragraph({
        keepNext,
        spacing: { before: (block.before ?? 0) * LINE_PITCH },
        indent: block.indent ? { left: block.indent * CHAR } : undefined,
        children: [run(block.text)],
      });
    case 'body':
      return bodyParagraph(block.text);
    case 'heading':
      return new Paragraph({
        keepNext: true,
        children: [run(block.text, FONTS.heading1)],
        indent: { firstLine: 2 * CHAR },
      });
    case 'right':
      return new Paragraph({
        keepNext,
        alignment: AlignmentType.RIGHT,
        spacing: { before: (block.before ?? 0) * LINE_PITCH },
        indent: block.inset ? { right: block.inset * CHAR } : undefined,
        children: [run(block.text)],
      });
  }
}

/**
 * A table in 仿宋 五号-ish type, its header row repeated on each page. Its text keeps off the
 * document grid: on the grid each character takes a body character's width (1/28 of the line) and
 * each line a body line, so a twelve-column table broke every cell into one character a line.
 */
function table(t: TextTable, width: number): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT },
          children: [
            new TextRun({ text, font: FONTS.body, size: half(SIZE.table), bold, snapToGrid: false }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: columnWidths(t, width).map(Math.floor),
    margins: { left: mm(CELL_MARGIN_MM), right: mm(CELL_MARGIN_MM) },
    rows: [
      new TableRow({ tableHeader: true, children: t.headers.map((h) => cell(h, true)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

/**
 * Each attachment on landscape pages of its own (横排表格): headed 附件N in 黑体 (N when there are
 * more than one), titled in 小标宋, its table across the turned page.
 */
function attachmentPages(list: readonly Attachment[]): Part[] {
  return list.map((a, i) => ({
    landscape: true,
    children: [
      new Paragraph({ children: [run(attachmentHeading(list, i), FONTS.heading1)] }),
      centred(a.title, FONTS.title, SIZE.title, 1, 1),
      typeof a.content === 'string' ? bodyParagraph(a.content) : table(a.content, LANDSCAPE_WIDTH),
    ],
  }));
}

/**
 * 版记: 抄送 and 印发机关 with the printing date, between a thick line above and below, at the foot of
 * the last page.
 */
function imprint(d: Imprint): Paragraph[] {
  const thick = { style: BorderStyle.SINGLE, size: eighths(RULE.thick), color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: eighths(RULE.thin), color: '000000' };
  const small = half(SIZE.imprint);
  // Each line exactly 1.5 × its type, pushed to the foot of the page by the space above the first.
  const line = { line: twips(SIZE.imprint * IMPRINT_LINE_FACTOR), lineRule: LineRuleType.EXACT };
  const lines = d.copiesTo ? 2 : 1;
  const above = mm(PAGE.height - PAGE.top - PAGE.bottom) - lines * line.line - 2 * twips(SIZE.imprint);
  const inset = { left: twips(EDGE_INSET), right: twips(EDGE_INSET) };
  const out: Paragraph[] = [];
  if (d.copiesTo)
    out.push(
      new Paragraph({
        spacing: { ...line, before: above },
        border: { top: thick, bottom: thin },
        indent: inset,
        children: [new TextRun({ text: d.copiesTo, font: FONTS.body, size: small })],
      }),
    );
  out.push(
    new Paragraph({
      spacing: { ...line, before: d.copiesTo ? 0 : above },
      border: { top: d.copiesTo ? undefined : thick, bottom: thick },
      indent: inset,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * twips(EDGE_INSET) }],
      children: [
        new TextRun({ text: d.printedBy, font: FONTS.body, size: small }),
        new TextRun({ text: `\t${d.printedOn}`, font: FONTS.body, size: small }),
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
        indent: { left: twips(EDGE_INSET), right: twips(EDGE_INSET) },
        children: [
          new TextRun({
            children: [PAGE_NUMBER.before, PageNumber.CURRENT, PAGE_NUMBER.after],
            font: FONTS.pageNumber,
            size: half(SIZE.pageNumber),
          }),
        ],
      }),
    ],
  });

/**
 * Pages after the first part, each part from a new page: on the standard's grid, or (landscape) an
 * A4 page turned for a wide table, as GB/T 9704 lays out 横排表格, with no character grid: a table's
 * cells would otherwise set each character a body character's width apart.
 */
interface Part {
  children: (Paragraph | Table)[];
  landscape?: boolean;
  /** The imprint (版记): at the foot of the last page, its small type off the character grid. */
  imprint?: boolean;
}

/** The document on the standard's page: A4, its margins, the 22 × 28 grid, page numbers outside. */
export function officialDocx(doc: OfficialDocument): Promise<Buffer> {
  // Odd pages carry the number on the right, even pages on the left: the outside edges.
  const footers = { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) };
  const margin = {
    top: mm(PAGE.top),
    bottom: mm(PAGE.bottom),
    left: mm(PAGE.left),
    right: mm(PAGE.right),
    footer: mm(PAGE.bottom - PAGE_NUMBER_BELOW_MM - 7),
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
  const parts: Part[] = [
    { children: doc.blocks.map(paragraph) },
    ...attachmentPages(doc.attachments ?? []),
    ...(doc.imprint ? [{ children: imprint(doc.imprint), imprint: true }] : []),
  ];
  const document = new Document({
    creator: 'Qingwang',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: half(SIZE.body) } } } },
    sections: parts.map(section),
  });
  return Packer.toBuffer(document);
}
