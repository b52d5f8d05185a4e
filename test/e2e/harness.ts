// Browser tests: a real server on a fresh demo database, driven by Debian's Chromium through
// playwright-core. Without Chromium the tests are skipped and say so; with CI=true a missing
// browser is a failure, never a skip.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/load-demo.ts';
import { buildServer } from '../../src/http/server.ts';
import { type TestStore, contextFor, freshStore } from '../support/stores.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const TODAY = '2026-11-28';
const NOW = new Date(`${TODAY}T04:00:00Z`);

/** Whether the browser tests can run here; explains itself when they cannot. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true')
    throw new Error(`${message} — and CI=true, where a missing browser is a failure`);
  console.warn(message);
  return false;
}

export interface E2E {
  url: string;
  browser: Browser;
  store: TestStore;
  server: FastifyInstance;
  /** A new page signed in as a demo user, in the given language. */
  signIn(username: string, lang?: 'zh-CN' | 'en'): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  if (!existsSync('dist/web/index.html'))
    throw new Error('the web app is not built: run npm run build (npm test does)');
  const store = await freshStore('sqlite', join(mkdtempSync(join(tmpdir(), 'qingwang-e2e-')), 'e2e.db'));
  await loadDemo(contextFor(store, NOW, 'demo'), { seed: 2011, anchor: TODAY });
  const server = await buildServer({
    store,
    now: () => NOW,
    anchorKey: generateKeyPairSync('ed25519').privateKey,
  });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url,
    browser,
    store,
    server,
    async signIn(username, lang = 'zh-CN') {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang });
      await context.addInitScript((l) => localStorage.setItem('qingwang.lang', l), lang);
      context.setDefaultTimeout(10_000); // a missing element fails the test with its locator, not a timeout
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(DEMO_PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('header.top').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      await store.dispose();
    },
  };
}

/** Saves a full-page screenshot for the docs. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/** Clicks a download link or button: the file's suggested name and its bytes. */
export async function downloaded(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Whether the bytes are a PDF's (its header). */
export const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';
