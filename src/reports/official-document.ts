// An official document (公文) on the page of GB/T 9704-2012, as its two renderers read it: what it
// says, block by block, and the standard's page, type sizes and rules in points. The documents'
// content is written once (bulletin-document.ts, letter-document.ts, notice-document.ts,
// return-document.ts); official-docx.ts sets it as a .docx (fonts named, Word's character grid) and
// official-pdf.ts as a PDF (fonts embedded, each line on the 22 × 28 grid).
import type { TextTable } from './bulletin-tables.ts';

/** The fonts by role, as GB/T 9704 names them (the .docx names them; the PDF embeds stand-ins). */
export const FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
export type FontRole = keyof typeof FONTS;

/** The page in millimetres: A4, margins top 37, bottom 35, left 28, right 26; the type area 156 × 225. */
export const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
/** The grid: 22 lines of 28 characters on the type area. */
export const LINES = 22;
export const CHARS = 28;
/** Type sizes in points: 三号 body, 二号 title, the authority mark, 四号 page numbers and imprint, 五号 tables. */
export const SIZE = { body: 16, title: 22, authority: 36, pageNumber: 14, imprint: 14, table: 10.5 } as const;
export const RED = '#FF0000';
/** Rules in points: the red separator line; the imprint's thick (0.35 mm) and thin lines. */
export const RULE = { separator: 1.5, thick: 1, thin: 0.5 } as const;
/** A table's line: 1.4 × its type, off the grid. */
export const TABLE_LINE_FACTOR = 1.4;
/** An imprint line: 1.5 × its type, off the grid. */
export const IMPRINT_LINE_FACTOR = 1.5;
/** How far the number line and the imprint's text sit in from the type area's edges: one 四号 character. */
export const EDGE_INSET = SIZE.imprint;
/** A table cell's left and right margin, in millimetres. */
export const CELL_MARGIN_MM = 1;
/** The page number: — 1 — (一字线 either side). */
export const PAGE_NUMBER = { before: '— ', after: ' —' } as const;
/** The page number's 一字线 sits 7 mm below the type area. */
export const PAGE_NUMBER_BELOW_MM = 7;

/** Millimetres in points. */
export const points = (millimetres: number) => (millimetres / 25.4) * 72;

/**
 * What a document says, block by block, on its grid. `before` and `after` count grid lines;
 * `indent` and `inset` count body characters; a block kept with the next is not left at the foot of
 * a page without it (a signature, its seal space and its date stay together).
 */
export type Block = BlockContent & { keepWithNext?: boolean };
type BlockContent =
  /** 发文机关标志: red 小标宋, centred, two lines down, a line above the number. */
  | { kind: 'authority'; text: string }
  /** 发文字号 on the left and 签发人 (the name in 楷体) on the right, the red separator line below. */
  | { kind: 'number'; number: string; issuer: string | null }
  /** A line of the title (or of the issuing bodies above it): 小标宋 二号, centred. */
  | { kind: 'title'; text: string; before?: number; after?: number }
  /** A line flush left, or `indent` characters in (主送, 甲方, 附件说明). */
  | { kind: 'line'; text: string; before?: number; indent?: number }
  /** A paragraph of the body: 仿宋 三号, its first line two characters in. */
  | { kind: 'body'; text: string }
  /** A first-level heading: 黑体, two characters in, kept with the text after it. */
  | { kind: 'heading'; text: string }
  /** Set right, `inset` characters from the edge (署名, 成文日期). */
  | { kind: 'right'; text: string; before?: number; inset?: number };

/** An attachment (附件): its title and its table, or a sentence saying it has none. */
export interface Attachment {
  title: string;
  content: TextTable | string;
}

/** 版记: the lines at the foot of the last page. */
export interface Imprint {
  /** 抄送：…。, when the document is copied to anyone. */
  copiesTo: string | null;
  /** 印发机关 on the left … */
  printedBy: string;
  /** … and the printing date on the right (…印发). */
  printedOn: string;
}

export interface OfficialDocument {
  /** The file's title (its document properties). */
  title: string;
  blocks: Block[];
  /** Each on pages of its own turned to landscape (横排表格), headed 附件N. */
  attachments?: Attachment[];
  /** On a last page of its own, at its foot. */
  imprint?: Imprint;
}

export const body = (text: string): Block => ({ kind: 'body', text });
export const heading = (text: string): Block => ({ kind: 'heading', text });
/** 署名 and 成文日期: right, four characters from the edge; a 署名 kept with the date below it. */
export const signature = (text: string, before = 0, keepWithNext = false): Block => ({
  kind: 'right',
  text,
  before,
  inset: 4,
  keepWithNext,
});

/**
 * 附件说明: after the body, one line down, indented two characters, the titles numbered when there
 * are more than one.
 */
export function attachmentNote(list: readonly Attachment[]): Block[] {
  return list.map((a, i) => ({
    kind: 'line',
    before: i === 0 ? 1 : 0,
    indent: i === 0 ? 2 : 5,
    text: `${i === 0 ? '附件：' : ''}${list.length > 1 ? `${i + 1}. ` : ''}${a.title}`,
  }));
}

/** An attachment's heading on its page: 附件, numbered when there are more than one. */
export const attachmentHeading = (list: readonly Attachment[], i: number) =>
  `附件${list.length > 1 ? i + 1 : ''}`;

/**
 * How wide a text sets, in half-ems: a Chinese character two, a digit or letter one and a quarter
 * (the fonts that stand in for 仿宋 set digits wider than half an em).
 */
const widthOf = (text: string) => [...text].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1.25), 0);

/**
 * What each column of a table asks, in points: as wide as its longest cell (a header may break after
 * four characters, a cell after twenty) and the cell's margins. The renderers share the table's width
 * in proportion: the units' names do not break while the number columns stay narrow.
 */
export function columnNeeds(t: TextTable): number[] {
  const halfEm = SIZE.table / 2;
  return t.headers.map(
    (h, i) =>
      points(CELL_MARGIN_MM) * 2 +
      3 +
      halfEm * Math.min(20, Math.max(Math.min(widthOf(h), 8), ...t.rows.map((r) => widthOf(r[i] ?? '')))),
  );
}

/** A table's column widths on a width: the needs shared out in proportion. */
export function columnWidths(t: TextTable, width: number): number[] {
  const needs = columnNeeds(t);
  const total = needs.reduce((a, b) => a + b, 0);
  return needs.map((w) => (width * w) / total);
}
