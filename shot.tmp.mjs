import { chromium } from 'playwright-core';
const [file, out, n] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 900, height: 1800 } });
await p.goto(file.startsWith('http') ? file : 'file://' + file);
const h = await p.evaluate(() => document.body.scrollHeight);
for (let i = 0; i * 1800 < h && i < Number(n ?? 9); i++) {
  await p.evaluate((y) => window.scrollTo(0, y), i * 1800);
  await p.screenshot({ path: `${out}${i}.png` });
}
console.log(h);
await b.close();
