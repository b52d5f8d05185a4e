import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = 'src/web';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every literal key passed to t('…') or t("…") in the web app. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sources(WEB)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*(['"])((?:(?!\1)[^\\]|\\.)+)\1/g))
      keys.add(m[2]!.replace(/\\(['"])/g, '$1'));
  }
  return keys;
}

function chinese(): Record<string, string> {
  const dir = join(WEB, 'locales', 'zh-CN');
  return Object.assign(
    {},
    ...readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>),
  ) as Record<string, string>;
}

describe('the web app speaks Chinese', () => {
  it('has a Chinese translation for every string it shows', () => {
    const zh = chinese();
    const missing = [...usedKeys()].filter((k) => !zh[k]?.trim());
    expect(missing).toEqual([]);
  });

  it('finds the strings it checks (the scan is not empty)', () => {
    expect(usedKeys().size).toBeGreaterThan(30);
  });
});
