// The bulletin .docx as LibreOffice renders it: converted to PDF headless (`soffice`), the PDF's
// text shows the red header's words, the document number, the title, the body and the attachment
// tables. Skips, saying so, where LibreOffice is not installed (CI installs libreoffice-writer).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinFile, issueBulletin } from '../src/areas/bulletins/service.ts';
import { NOW, type TestApp, TODAY, startApp } from './support/http.ts';
import { pdfText } from './support/pdf.ts';
import { contextFor } from './support/stores.ts';

function sofficeVersion(): string | null {
  try {
    return execFileSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch {
    return null;
  }
}

const version = sofficeVersion();
if (!version)
  console.warn(
    'LibreOffice (soffice) is not installed: the .docx → PDF test is skipped (apt-get install libreoffice-writer)',
  );

describe.skipIf(!version)('the bulletin .docx rendered to PDF by LibreOffice', () => {
  let app: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'qingwang-soffice-'));
  beforeAll(async () => {
    app = await startApp('sqlite', 300);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the red header, the document number, title, body and the attachment tables', async () => {
    const ctx = contextFor(app.store, NOW, 'commander');
    const campaign = (await (await app.as('commander')).get('/api/standings')).json<{
      campaign: string;
      units: { name: string; kind: string }[];
    }>();
    const issued = await issueBulletin(ctx, campaign.campaign, TODAY);
    const file = await bulletinFile(ctx, issued.id, 'docx', 'zh-CN');
    const docx = join(dir, 'bulletin.docx');
    writeFileSync(docx, file.bytes);
    // A profile of its own: a LibreOffice already running for the user does not take the job.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    execFileSync(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
      { timeout: 180_000, stdio: 'pipe' },
    );
    // LibreOffice spaces the wide-set lines out character by character; the words are read without.
    const text = (await pdfText(readFileSync(join(dir, 'bulletin.pdf')))).replace(/\s+/g, '');
    expect(text).toContain('西宁市公安局文件');
    expect(text).toMatch(/西公清网〔2026〕\d+号/);
    expect(text).toContain('进展情况的通报');
    expect(text).toContain('一、总体进展');
    expect(text).toContain('二〇二六年十一月二十八日');
    expect(text).toContain('附件：');
    expect(text).toContain('各单位清网行动排名表');
    expect(text).toContain('命案逃犯清理情况表');
    // The ranking table's rows: every sub-bureau is named in it.
    for (const unit of campaign.units.filter((u) => u.kind === 'sub_bureau'))
      expect(text).toContain(unit.name.replace(/\s+/g, ''));
  }, 240_000);
});
