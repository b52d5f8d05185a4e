// What a page says in the reader's language: the app's own words of a page, the Latin-script words a
// Chinese page may show, and the test of an error's text in Chinese or in English. Shared by the
// browser tests of issue 15 (errors.test.ts, daily-use.test.ts).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export type Lang = 'zh-CN' | 'en';

/**
 * The words of the page that the app itself says: visible text, less what is not the app's to
 * translate — literals in <code>, what a user typed in a <textarea>, text marked as in another
 * language (`lang="en"`, the English title of a notice) or as someone's own words
 * (`translate="no"`, a tip from the public), and the language selector's name for English — and
 * less unit codes ("630100-JD") and listing numbers ("T2000002272").
 */
export function appText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skip = 'code, textarea, script, style, option[value=en], [translate=no], [lang]:not([lang^=zh])';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (parent.closest(skip) || !parent.checkVisibility()) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join('\n').replace(/\b\d{6}(?:-[A-Z0-9]+)*\b|\b[A-Z]\d{6,}\b/g, ' ');
  });
}

/**
 * Latin-script words a Chinese page may show: names of file formats and encodings the reader
 * picks or downloads, "DNA" (as written in Chinese), and the Ctrl key and the Mac it is named for.
 * The demo's logins are here only until the pages show people's names instead (issue 15, item 7).
 */
export const ALLOWED = new Set([
  'PDF',
  'HTML',
  'Excel',
  'Word',
  'CSV',
  'UTF',
  'GBK',
  'XLSX',
  'XLS',
  'xlsx',
  'PNG',
  'JPEG',
  'MiB',
  'DNA',
  'Bearer',
  'Ctrl',
  'Mac',
]);

/** A run of Latin letters of two or more: an English word, or a code in Latin script. */
export const LATIN_WORD = /[A-Za-z][A-Za-z'’-]*[A-Za-z]/g;

/** What the reader sees of an error in `lang`: Chinese with no English word, or English with no Chinese. */
export function expectIn(lang: Lang, text: string | null): void {
  expect(text).toBeTruthy();
  if (lang === 'zh-CN') {
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text!.match(LATIN_WORD) ?? []).toEqual([]);
  } else {
    expect(text).not.toMatch(/\p{Script=Han}/u);
  }
}

/** The Latin-script words of a Chinese page outside the allow-list (none, on a page rightly in Chinese). */
export async function foreignWords(page: Page): Promise<string[]> {
  const words = (await appText(page)).match(LATIN_WORD) ?? [];
  return [...new Set(words)].filter((w) => !ALLOWED.has(w));
}
