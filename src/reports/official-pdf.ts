// An official document (official-document.ts) as a PDF on the page of GB/T 9704-2012, printing what
// the .docx prints: A4; margins top 37 mm, left 28 mm; the type area 156 × 225 mm holding 22 lines of
// 28 characters (each line of text on a grid line, each body character on a character's pitch,
// lines of a paragraph justified); the red authority mark, the red separator line 4 mm under the
// number; the attachments' tables on landscape pages, their header row repeated; the imprint at the
// foot of a last page; page numbers "— 1 —" 7 mm under the type area, on the right of odd pages and
// the left of even ones, one character in. PDFKit embeds the subset of the fonts the page uses
// (fonts.ts: Noto Serif SC in the roles of 仿宋 and 小标宋, Noto Sans SC in that of 黑体).
import PDFDocument from 'pdfkit';
import type { TextTable } from './bulletin-tables.ts';
import { CJK_FONT, SERIF_FONT } from './fonts.ts';
import {
  type Attachment,
  type Block,
  CELL_MARGIN_MM,
  CHARS,
  EDGE_INSET,
  type FontRole,
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
  points,
} from './official-document.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** Where text goes on a page, in points from its top left corner. */
interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const TYPE: Area = {
  x: points(PAGE.left),
  y: points(PAGE.top),
  width: points(PAGE.width - PAGE.left - PAGE.right),
  height: points(PAGE.height - PAGE.top - PAGE.bottom),
};
/** Turned for a wide table, the page keeps its margins on the same paper edges. */
const LANDSCAPE: Area = {
  x: points(PAGE.top),
  y: points(PAGE.right),
  width: points(PAGE.height - PAGE.top - PAGE.bottom),
  height: points(PAGE.width - PAGE.left - PAGE.right),
};
/** A grid line's height and a body character's pitch (a little under 16 pt: 28 fill 156 mm). */
const PITCH = TYPE.height / LINES;
const CHAR = TYPE.width / CHARS;
const GRID_SPACING = CHAR - SIZE.body;

/** The embedded font of each role. */
const FONT_OF: Record<FontRole | 'bold', string> = {
  body: 'serif',
  title: 'serif-bold',
  heading1: 'sans',
  heading2: 'serif',
  pageNumber: 'serif',
  bold: 'serif-bold',
};

/** A line must not start with these (closing punctuation), nor end with the opening ones. */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}']);
const NO_END = new Set([...'（《「『【〔〈“‘([{']);

/** The units a line may break between: a run of Latin letters and digits stays whole. */
const units = (text: string): string[] => [...(text.match(/[A-Za-z0-9.,%+\-/:#@_]+|\s+|./gsu) ?? [])];

/**
 * Breaks a text into lines no wider than `width` (the first line `first`), as Chinese is set: between
 * any two characters, never inside a number or a Latin word, an opening mark never at a line's end,
 * and a closing mark never at a line's start: one that does not fit hangs at the end of the line (as
 * Word lets punctuation overflow the edge; the line is then set closer), two go down with the
 * character before them.
 */
export function breakLines(
  text: string,
  measure: (s: string) => number,
  width: number,
  first = width,
): string[] {
  const queue = units(text);
  const lines: string[] = [];
  let cur: string[] = [];
  const room = () => (lines.length === 0 ? first : width) + 0.01;
  while (queue.length > 0) {
    const u = queue.shift()!;
    const blank = /^\s+$/.test(u);
    if (cur.length === 0) {
      if (blank) continue;
      // A word wider than the line is broken by characters.
      if (u.length > 1 && measure(u) > room()) {
        queue.unshift(...u);
        continue;
      }
      cur.push(u);
      continue;
    }
    const line = cur.join('');
    if (measure(line + u) <= room()) {
      cur.push(u);
      continue;
    }
    if (blank) {
      lines.push(line);
      cur = [];
      continue;
    }
    const closing = (v: string | undefined) => v !== undefined && v.length === 1 && NO_START.has(v);
    if (closing(u) && !closing(cur.at(-1)) && !closing(queue[0])) {
      lines.push(line + u);
      cur = [];
      continue;
    }
    const carry = [u];
    while (cur.length > 1 && NO_START.has(carry[0]![0]!)) carry.unshift(cur.pop()!);
    while (cur.length > 1 && NO_END.has(cur.at(-1)!.at(-1)!)) carry.unshift(cur.pop()!);
    lines.push(cur.join('').trimEnd());
    cur = carry;
  }
  if (cur.length > 0) lines.push(cur.join('').trimEnd());
  return lines;
}

/** Lays the document out page by page: the grid's lines on the type area, tables below them. */
class Pages {
  area: Area = TYPE;
  /** The next free grid line on the page. */
  line = 0;
  /** Below the grid (tables): where the next row goes. */
  y = 0;
  /** Whether the page was begun by text running over the last one (space before is dropped there). */
  continued = false;
  constructor(readonly doc: Doc) {
    this.y = TYPE.y;
  }

  get lines() {
    return Math.floor(this.area.height / PITCH + 1e-6);
  }

  newPage(landscape = false) {
    this.doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: 0 });
    this.area = landscape ? LANDSCAPE : TYPE;
    this.line = 0;
    this.y = this.area.y;
    this.continued = false;
  }

  /** Skips `n` grid lines, none at the top of a page the text ran over to. */
  skip(n: number) {
    if (this.line === 0 && this.continued) return;
    this.line = Math.min(this.line + n, this.lines);
  }

  /** The top of the next `n` grid lines, on a new page when the page has no room for them. */
  take(n = 1): number {
    if (this.line + n > this.lines) {
      this.newPage(this.area === LANDSCAPE);
      this.continued = true;
    }
    const top = this.area.y + this.line * PITCH;
    this.line += n;
    this.y = this.area.y + this.line * PITCH;
    return top;
  }

  font(role: FontRole | 'bold', size: number) {
    return this.doc.font(FONT_OF[role]).fontSize(size);
  }

  /** The baseline that sets a `size` em box in the middle of a slot `height` high from `top`. */
  static baseline(top: number, height: number, size: number) {
    // CJK fonts' em box runs from 0.88 em above the baseline to 0.12 em below.
    return top + (height - size) / 2 + 0.88 * size;
  }

  /** Draws one line of text with its baseline at `y`. */
  draw(text: string, x: number, y: number, characterSpacing = 0, color = 'black') {
    this.doc
      .fillColor(color)
      .text(text, x, y, { lineBreak: false, baseline: 'alphabetic', characterSpacing });
  }

  /**
   * A paragraph on the grid: each line on a grid line, body characters on the character pitch, the
   * lines before the last justified; `firstIndent` and `indent` in points from the area's left.
   */
  paragraph(
    text: string,
    role: FontRole,
    opts: { firstIndent?: number; indent?: number; justify?: boolean; width?: number } = {},
  ) {
    const { firstIndent = 0, indent = 0, justify = true } = opts;
    const doc = this.font(role, SIZE.body);
    const width = opts.width ?? this.area.width;
    const measure = (s: string) => doc.widthOfString(s) + GRID_SPACING * [...s].length;
    const lines = breakLines(text, measure, width - indent, width - firstIndent);
    lines.forEach((l, i) => {
      const top = this.take();
      const start = i === 0 ? firstIndent : indent;
      const n = [...l].length;
      // On the character pitch; lines before the last justified (not stretched more than a quarter
      // of a character a gap: a line cut short by a number stays ragged); a line with hanging
      // punctuation set closer.
      let spacing = GRID_SPACING;
      if (n > 1) {
        const fitted = (width - start - doc.widthOfString(l)) / (n - 1);
        const over = fitted < GRID_SPACING;
        if (over || (justify && i < lines.length - 1 && fitted < GRID_SPACING + SIZE.body / 4))
          spacing = fitted;
      }
      this.font(role, SIZE.body);
      this.draw(l, this.area.x + start, Pages.baseline(top, PITCH, SIZE.body), spacing);
    });
  }

  /**
   * Lines set centred in a role and size, each on as many grid lines as its size asks; a text that
   * takes several lines is broken into lines of even length (no word left alone on the last).
   */
  centred(text: string, role: FontRole, size: number, color = 'black') {
    const doc = this.font(role, size);
    const measure = (s: string) => doc.widthOfString(s);
    const slots = Math.max(1, Math.ceil(size / PITCH - 1e-6));
    let lines = breakLines(text, measure, this.area.width);
    for (let w = measure(text) / lines.length; lines.length > 1 && w < this.area.width; w += size / 2) {
      const even = breakLines(text, measure, w);
      if (even.length === lines.length) {
        lines = even;
        break;
      }
    }
    for (const l of lines) {
      const top = this.take(slots);
      this.font(role, size);
      const x = this.area.x + (this.area.width - doc.widthOfString(l)) / 2;
      this.draw(l, x, Pages.baseline(top, slots * PITCH, size), 0, color);
    }
  }

  /** A line set right, `inset` points from the area's right edge. */
  right(text: string, inset: number, role: FontRole = 'body') {
    const doc = this.font(role, SIZE.body);
    const measure = (s: string) => doc.widthOfString(s) + GRID_SPACING * ([...s].length - 1);
    for (const l of breakLines(text, measure, this.area.width - inset)) {
      const top = this.take();
      this.font(role, SIZE.body);
      const x = this.area.x + this.area.width - inset - measure(l);
      this.draw(l, x, Pages.baseline(top, PITCH, SIZE.body), GRID_SPACING);
    }
  }

  rule(x1: number, x2: number, y: number, width: number, color = 'black') {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  /**
   * A block, and first a new page when it is kept with the blocks after it (a heading always is) and
   * their first lines do not fit on this one.
   */
  block(b: Block, after: readonly Block[]) {
    const kept = (k: Block) => k.keepWithNext || k.kind === 'heading';
    const least = (k: Block) => ('before' in k ? (k.before ?? 0) : 0) + (k.kind === 'authority' ? 2 : 1);
    if (kept(b) && this.line > 0) {
      let need = least(b);
      for (let i = 0, k = b; kept(k) && i < after.length; k = after[i]!, i += 1) need += least(after[i]!);
      if (this.line + need > this.lines) {
        this.newPage(this.area === LANDSCAPE);
        this.continued = true;
      }
    }
    switch (b.kind) {
      case 'authority':
        this.skip(2);
        this.centred(b.text, 'title', SIZE.authority, RED);
        this.skip(1);
        return;
      case 'number': {
        const top = this.take();
        const baseline = Pages.baseline(top, PITCH, SIZE.body);
        this.font('body', SIZE.body);
        this.draw(b.number, this.area.x + EDGE_INSET, baseline, GRID_SPACING);
        if (b.issuer) {
          const label = '签发人：';
          const name = this.font('heading2', SIZE.body).widthOfString(b.issuer);
          const right = this.area.x + this.area.width - EDGE_INSET;
          this.draw(b.issuer, right - name, baseline);
          this.font('body', SIZE.body);
          this.draw(label, right - name - this.doc.widthOfString(label), baseline);
        }
        // The red separator line, 4 mm under the number, as wide as the type area.
        const y = baseline + 0.12 * SIZE.body + points(4);
        this.rule(this.area.x, this.area.x + this.area.width, y, RULE.separator, RED);
        this.skip(1);
        return;
      }
      case 'title':
        this.skip(b.before ?? 0);
        this.centred(b.text, 'title', SIZE.title);
        this.skip(b.after ?? 0);
        return;
      case 'line':
        this.skip(b.before ?? 0);
        this.paragraph(b.text, 'body', {
          firstIndent: (b.indent ?? 0) * CHAR,
          indent: (b.indent ?? 0) * CHAR,
          justify: false,
        });
        return;
      case 'body':
        this.paragraph(b.text, 'body', { firstIndent: 2 * CHAR });
        return;
      case 'heading':
        this.paragraph(b.text, 'heading1', { firstIndent: 2 * CHAR });
        return;
      case 'right':
        this.skip(b.before ?? 0);
        this.right(b.text, (b.inset ?? 0) * CHAR);
        return;
    }
  }

  /** A table across the area, 五号 serif, each row as high as its tallest cell, the header repeated. */
  table(t: TextTable) {
    const size = SIZE.table;
    const leading = size * TABLE_LINE_FACTOR;
    const pad = 2;
    const margin = points(CELL_MARGIN_MM);
    const widths = columnWidths(t, this.area.width);
    const layout = (cells: string[], bold: boolean) => {
      const doc = this.font(bold ? 'bold' : 'body', size);
      const lines = widths.map((w, i) =>
        breakLines(cells[i] ?? '', (s) => doc.widthOfString(s), w - 2 * margin),
      );
      return { cells: lines, bold, height: Math.max(1, ...lines.map((l) => l.length)) * leading + 2 * pad };
    };
    const header = layout(t.headers, true);
    const drawRow = (row: ReturnType<typeof layout>) => {
      const top = this.y;
      let x = this.area.x;
      const doc = this.font(row.bold ? 'bold' : 'body', size);
      row.cells.forEach((lines, i) => {
        const w = widths[i]!;
        const first = top + pad + (row.height - 2 * pad - lines.length * leading) / 2;
        lines.forEach((l, j) => {
          const lx = x + (w - doc.widthOfString(l)) / 2;
          this.draw(l, lx, Pages.baseline(first + j * leading, leading, size));
        });
        x += w;
      });
      // The cell borders: the row's top and bottom, each column's sides.
      const right = this.area.x + this.area.width;
      this.rule(this.area.x, right, top, RULE.thin);
      this.rule(this.area.x, right, top + row.height, RULE.thin);
      let cx = this.area.x;
      for (const w of [0, ...widths]) {
        cx += w;
        this.doc
          .save()
          .moveTo(cx, top)
          .lineTo(cx, top + row.height)
          .lineWidth(RULE.thin)
          .strokeColor('black')
          .stroke()
          .restore();
      }
      this.y = top + row.height;
    };
    const bottom = () => this.area.y + this.area.height;
    drawRow(header);
    for (const cells of t.rows) {
      const row = layout(cells, false);
      if (this.y + row.height > bottom()) {
        this.newPage(true);
        drawRow(header);
      }
      drawRow(row);
    }
    this.line = this.lines;
  }

  /** Each attachment on landscape pages of its own: 附件N in 黑体, the title in 小标宋, the table. */
  attachments(list: readonly Attachment[]) {
    list.forEach((a, i) => {
      this.newPage(true);
      this.paragraph(attachmentHeading(list, i), 'heading1', { justify: false });
      this.skip(1);
      this.centred(a.title, 'title', SIZE.title);
      this.skip(1);
      if (typeof a.content === 'string') this.paragraph(a.content, 'body', { firstIndent: 2 * CHAR });
      else {
        this.y = this.area.y + this.line * PITCH;
        this.table(a.content);
      }
    });
  }

  /**
   * 版记 at the foot of a last page of its own: 抄送 between a thick line above and a thin one below,
   * 印发机关 and the date above the last thick line, each line 1.5 × 四号, one character in from the sides.
   */
  imprint(d: Imprint) {
    this.newPage();
    const size = SIZE.imprint;
    const lh = size * IMPRINT_LINE_FACTOR;
    const left = this.area.x;
    const right = left + this.area.width;
    const bottom = this.area.y + this.area.height;
    const doc = this.font('body', size);
    // 抄送 wraps under the text after its colon.
    const hang = doc.widthOfString('抄送：');
    const copies = d.copiesTo
      ? breakLines(
          d.copiesTo,
          (s) => doc.widthOfString(s),
          right - left - 2 * EDGE_INSET - hang,
          right - left - 2 * EDGE_INSET,
        )
      : [];
    const printedTop = bottom - lh;
    const copiesTop = printedTop - copies.length * lh;
    copies.forEach((l, i) =>
      this.draw(l, left + EDGE_INSET + (i === 0 ? 0 : hang), Pages.baseline(copiesTop + i * lh, lh, size)),
    );
    const baseline = Pages.baseline(printedTop, lh, size);
    this.draw(d.printedBy, left + EDGE_INSET, baseline);
    this.draw(d.printedOn, right - EDGE_INSET - doc.widthOfString(d.printedOn), baseline);
    this.rule(left, right, copiesTop, RULE.thick);
    if (copies.length > 0) this.rule(left, right, printedTop, RULE.thin);
    this.rule(left, right, bottom, RULE.thick);
  }

  /** "— n —" in 四号 7 mm under the type area: odd pages on the right, even on the left, one character in. */
  pageNumbers() {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i += 1) {
      this.doc.switchToPage(range.start + i);
      const landscape = this.doc.page.width > this.doc.page.height;
      const area = landscape ? LANDSCAPE : TYPE;
      const text = `${PAGE_NUMBER.before}${i + 1}${PAGE_NUMBER.after}`;
      const doc = this.font('pageNumber', SIZE.pageNumber);
      const w = doc.widthOfString(text);
      const x = (i + 1) % 2 === 1 ? area.x + area.width - EDGE_INSET - w : area.x + EDGE_INSET;
      // The dashes sit at the em box's middle: 7 mm under the type area.
      const y = area.y + area.height + points(PAGE_NUMBER_BELOW_MM) + 0.38 * SIZE.pageNumber;
      this.draw(text, x, y);
    }
  }
}

/** The document as PDF bytes: A4, the standard's margins and grid, the fonts embedded. */
export function officialPdf(document: OfficialDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: document.title, Author: 'Qingwang', Creator: 'Qingwang' },
  });
  doc.registerFont('serif', SERIF_FONT.regular);
  doc.registerFont('serif-bold', SERIF_FONT.bold);
  doc.registerFont('sans', CJK_FONT.regular);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pages = new Pages(doc);
  pages.newPage();
  document.blocks.forEach((b, i) => pages.block(b, document.blocks.slice(i + 1)));
  pages.attachments(document.attachments ?? []);
  if (document.imprint) pages.imprint(document.imprint);
  pages.pageNumbers();
  doc.end();
  return done;
}
