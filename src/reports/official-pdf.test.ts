// How the official PDF breaks Chinese lines: never a closing mark at a line's start nor an opening one
// at its end, never inside a number; a closing mark that does not fit hangs at the end of the line.
import { describe, expect, it } from 'vitest';
import { breakLines } from './official-pdf.ts';

/** A Chinese character one unit wide, anything else half a unit. */
const measure = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.5), 0);
const CLOSING = /^[，。、；：？！）》」』”’]/;
const OPENING = /[（《「『“‘]$/;

describe('breakLines', () => {
  it('fills lines to the width and keeps every character', () => {
    const text = '各单位要对照目标和进度逐人落实抓捕措施零战果和落后单位要查找原因限期扭转被动局面';
    const lines = breakLines(text, measure, 10);
    expect(lines.join('')).toBe(text);
    expect(lines.slice(0, -1).every((l) => measure(l) === 10)).toBe(true);
  });

  it('hangs one closing mark that does not fit, and carries the character before two of them', () => {
    expect(breakLines('甲乙丙丁戊己。庚辛', measure, 6)).toEqual(['甲乙丙丁戊己。', '庚辛']);
    expect(breakLines('甲乙丙丁戊己）。庚辛', measure, 6)).toEqual(['甲乙丙丁戊', '己）。庚辛']);
  });

  it('never ends a line with an opening mark, nor breaks a number or its closing marks away', () => {
    const text =
      '落后于进度的单位（进度线31.3%）：东峡派出所（0.0%）、申中派出所（0.0%）、西堡派出所（16.7%）、城北分局（19.2%）';
    for (const width of [6, 7, 8, 9, 10, 11, 12]) {
      const lines = breakLines(text, measure, width);
      expect(lines.join('')).toBe(text);
      for (const [i, l] of lines.entries()) {
        if (i > 0) expect(l).not.toMatch(CLOSING);
        expect(l).not.toMatch(OPENING);
      }
      // Each number whole on one line.
      for (const n of ['31.3%', '0.0%', '16.7%', '19.2%'])
        expect(lines.some((l) => l.includes(n))).toBe(true);
    }
  });

  it('indents the first line by giving it less room, and breaks a word wider than the line', () => {
    expect(breakLines('甲乙丙丁戊己庚辛', measure, 4, 2)).toEqual(['甲乙', '丙丁戊己', '庚辛']);
    expect(breakLines('abcdefghijklmnop', measure, 4)).toEqual(['abcdefgh', 'ijklmnop']);
  });
});
