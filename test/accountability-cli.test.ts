// The CLI side of measures 5 and 6 on a hand-made campaign (both dialects): reward rules from a
// file and the ledger they produce, sanctions at the deadline, the bulletin in three formats and
// the Excel exports, the official documents (return, bulletin, letter, notice) as PDF and .docx,
// read back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDocumentSettings } from '../src/areas/bulletins/service.ts';
import { importLetters } from '../src/areas/letters/service.ts';
import { decideNotice, draftNotice } from '../src/areas/publicity/service.ts';
import { DEFAULT_RULE_SET } from '../src/areas/rewards/rules.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { pdfPages, pdfText } from './support/pdf.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';
import { qingwang } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-acc-cli-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const units = file(
  'units.csv',
  'code,name,kind,parent_code\nB,市局,bureau,\nP1,一所,station,B\nP2,二所,station,B\n',
);
const fugitives = file(
  'fugitives.csv',
  [
    'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
    'F1,甲,,,,homicide,故意杀人,,P1,2010-01-01,no,',
    'F2,乙,,,,theft,盗窃,,P1,2010-01-01,no,',
    'F3,丙,,,,theft,盗窃,,P2,2010-01-01,no,',
    '',
  ].join('\n'),
);
// F1 (a homicide fugitive of P1) arrested by P2; F2 surrendered to P1, persuaded by P2.
const clearances = file(
  'clearances.csv',
  [
    'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
    'F1,arrest,2011-11-01,P2,,,J-1',
    'F2,surrender,2011-12-01,P1,P2,,J-2',
    '',
  ].join('\n'),
);
const rules = file('rules.json', JSON.stringify(DEFAULT_RULE_SET));
/** A signed-in user, for the use cases that ask who acts (drafting and approving a notice). */
const actor = (username: string) => ({
  id: 0,
  username,
  displayName: username,
  unitId: 0,
  roles: ['commander' as const],
});
const documentXml = (bytes: Buffer) => strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
const letters = file('letters.csv', 'unit,target,signed_by,signed_on\nP1,0.6,张所长,2011-10-20\n');

describe.each(DIALECTS)('the accountability commands on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(dialect, join(dir, `acc-${dialect}.db`));
    for (const [what, path] of [
      ['units', units],
      ['fugitives', fugitives],
    ] as const)
      expect((await qingwang(store.url, 'import', what, path)).code).toBe(0);
    expect((await qingwang(store.url, 'import', 'clearances', clearances, '--verified')).code).toBe(0);
    const created = await qingwang(
      store.url,
      ...['campaign', 'create', '--name', 'C1', '--baseline', '2011-10-16', '--start', '2011-10-17'],
      ...['--deadline', '2011-12-20'],
    );
    expect(created.code).toBe(0);
  }, 60_000);
  afterAll(() => store.dispose());

  it('writes the return as the official PDF: --format pdf, or inferred from the file name', async () => {
    const isPdf = async (path: string, words: string[]) => {
      const bytes = new Uint8Array(readFileSync(path));
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const text = (await pdfPages(bytes)).map((p) => p.text).join('');
      for (const w of words) expect(text).toContain(w);
    };
    const daily = join(dir, `daily-${dialect}.bin`);
    const reported = await qingwang(
      store.url,
      ...['report', 'daily', '--unit', 'P1', '--campaign', 'C1', '--date', '2011-11-01'],
      ...['--format', 'pdf', '-o', daily],
    );
    expect(reported.code).toBe(0);
    await isPdf(daily, ['一所清网行动日报']);
    const weekly = join(dir, `weekly-${dialect}.pdf`);
    expect(
      (
        await qingwang(
          store.url,
          ...['report', 'weekly', '--unit', 'P2', '--campaign', 'C1', '--date', '2011-11-01', '-o', weekly],
        )
      ).code,
    ).toBe(0);
    await isPdf(weekly, ['二所清网行动周报']);
    const bad = await qingwang(
      store.url,
      ...['report', 'daily', '--unit', 'P1', '--campaign', 'C1', '--format', 'odt', '-o', daily],
    );
    expect(bad.code).not.toBe(0);
  }, 180_000);

  it('books the ledger from a rule file: captures, persuasion, the homicide bonus and the early finish', async () => {
    const set = await qingwang(store.url, 'rewards', 'set-rules', rules, '--campaign', 'C1', '--note', 'v1');
    expect(set.stdout).toContain('rules version 1: 5 entries booked, 0 reversed');
    const rows = await store.db
      .selectFrom('ledger_entries as e')
      .innerJoin('units as u', 'u.id', 'e.unit_id')
      .select(['u.code', 'e.rule_id', 'e.points'])
      .orderBy('u.code')
      .orderBy('e.rule_id')
      .execute();
    // P1 cleared both its baseline fugitives' share (2 of 2) by the deadline: the early-finish bonus.
    expect(rows.map((r) => [r.code, r.rule_id, Number(r.points)])).toEqual([
      ['P1', 'early-finish', 30],
      ['P1', 'surrender-local', 8],
      ['P2', 'arrest-local', 10],
      ['P2', 'persuasion', 4],
      ['P2', 'serious-bonus', 20],
    ]);
    expect((await qingwang(store.url, 'rewards', 'sync')).stdout).toContain('0 booked, 0 reversed');

    const out = join(dir, `ledger-${dialect}.xlsx`);
    expect((await qingwang(store.url, 'export', 'ledger', '-o', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const points = wb.getWorksheet('ledger')!.getColumn(7).values.slice(2) as number[];
    expect(points.reduce((a, b) => a + b, 0)).toBe(72);
  });

  it('lists the sanctions of a lagging unit at the deadline', async () => {
    const result = await qingwang(store.url, 'sanctions', '--checkpoint', 'deadline');
    expect(result.stdout).toContain('deadline (2011-12-20): 5 sanctions due, 5 new');
    const rows = await store.db
      .selectFrom('sanctions as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['u.code', 's.measure', 's.status'])
      .execute();
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(['P2']));
    expect(rows.every((r) => r.status === 'open')).toBe(true);
  });

  it('writes the bulletin as PDF (Chinese and English), HTML and XLSX', async () => {
    const pdf = join(dir, `b-${dialect}.pdf`);
    const made = await qingwang(
      store.url,
      'bulletin',
      '--campaign',
      'C1',
      '--date',
      '2011-12-01',
      '--format',
      'pdf',
      '-o',
      pdf,
    );
    expect(made.code).toBe(0);
    const text = await pdfText(readFileSync(pdf));
    expect(text).toContain('清网行动每日通报');
    expect(text).toContain('统计截至 2011-12-01');
    expect(text).toContain('66.7%'); // 2 of the city's 3 baseline fugitives cleared
    expect(text).toContain('二所'); // lagging, named in the ranking
    const en = join(dir, `b-${dialect}-en.pdf`);
    await qingwang(
      store.url,
      'bulletin',
      '--date',
      '2011-12-01',
      '--format',
      'pdf',
      '--lang',
      'en',
      '-o',
      en,
    );
    expect(await pdfText(readFileSync(en))).toContain('Headline figures');

    const html = join(dir, `b-${dialect}.html`);
    await qingwang(store.url, 'bulletin', '--date', '2011-12-01', '--format', 'html', '-o', html);
    expect(readFileSync(html, 'utf8')).toContain('<svg');

    const xlsx = join(dir, `b-${dialect}.xlsx`);
    await qingwang(store.url, 'bulletin', '--date', '2011-12-01', '--format', 'xlsx', '-o', xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const headline = wb.getWorksheet('headline')!;
    expect(headline.getRow(2).getCell(2).value).toBe(3); // baseline
    expect(headline.getRow(3).getCell(2).value).toBe(2); // cleared
    expect(headline.getRow(4).getCell(2).value).toBeCloseTo(2 / 3, 10);
    const ranking = wb.getWorksheet('ranking')!;
    expect(ranking.getRow(2).getCell(8).value).toBe(1); // P1's decline rate (after kind, rank, code, name, parent, baseline, cleared), first
    expect(wb.getWorksheet('bulletin')!.getRow(3).getCell(2).value).toEqual(new Date('2011-12-01T00:00:00Z'));

    const bad = await qingwang(store.url, 'bulletin', '--format', 'doc', '-o', join(dir, 'x'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format: expected html, pdf, xlsx, docx, official-pdf');
  }, 120_000); // five commands: past the default 30 s on a loaded machine

  it('writes the bulletin as the official document in PDF (GB/T 9704): the title, the date in Chinese numerals, A4', async () => {
    const pdf = join(dir, `official-${dialect}.pdf`);
    const made = await qingwang(
      store.url,
      ...['bulletin', '--campaign', 'C1', '--date', '2011-12-01', '--format', 'official-pdf', '-o', pdf],
    );
    expect(made.code).toBe(0);
    const pages = await pdfPages(readFileSync(pdf));
    expect(pages[0]!.width).toBeCloseTo(595.28, 1);
    expect(pages[0]!.height).toBeCloseTo(841.89, 1);
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('关于C1进展情况的通报');
    expect(text).toContain('（未签发稿）'); // a draft: no number yet
    expect(text).toContain('二〇一一年十二月一日');
  }, 60_000);

  it('issues a bulletin and writes it from the data it froze', async () => {
    const file = join(dir, `issued-${dialect}.html`);
    const res = await qingwang(
      store.url,
      'bulletin',
      '--date',
      '2011-12-01',
      '--format',
      'html',
      '--issue',
      '-o',
      file,
    );
    expect(res.code).toBe(0);
    const row = await store.db
      .selectFrom('bulletins')
      .selectAll()
      .orderBy('number', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.as_of).toBe('2011-12-01');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`第 ${row.number} 期`);
    expect(html).toContain(row.chain_head);
  });

  it('writes a responsibility letter as an official PDF (--format pdf) and .docx (from the file name)', async () => {
    const ctx = contextFor(store);
    expect((await importLetters(ctx, 'C1', parseFile('letters', letters))).inserted).toBe(1);
    const pdf = join(dir, `letter-${dialect}.bin`);
    const docx = join(dir, `letter-${dialect}.docx`);
    const letter = (...args: string[]) =>
      qingwang(store.url, ...['campaign', 'letter', '--campaign', 'C1', '--unit', 'P1', ...args]);
    const [asPdf, asDocx] = await Promise.all([letter('--format', 'pdf', '-o', pdf), letter('-o', docx)]);
    expect(asPdf.code).toBe(0);
    expect(asDocx.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(pdf));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('目标责任书');
    expect(text).toContain('甲方：市局');
    expect(text).toContain('乙方：一所');
    expect(text).toContain('日期：二〇一一年十月二十日');
    const xml = documentXml(readFileSync(docx));
    expect(xml).toContain('乙方：一所');
    expect(xml).toContain('二〇一一年十月二十日');
  }, 120_000);

  it('writes the surrender notice as an official PDF and .docx signed by every issuing body', async () => {
    const issuers = ['某市中级人民法院', '某市人民检察院', '市局'];
    await setDocumentSettings(contextFor(store), 'C1', { noticeIssuers: issuers.join('、') });
    const drafter = {
      ...contextFor(store, new Date('2011-11-30T04:00:00Z'), 'drafter'),
      user: actor('drafter'),
    };
    const { id } = await draftNotice(drafter, {
      titleZh: '关于敦促在逃人员投案自首的通告',
      bodyZh: '一、在逃人员投案自首的，依法从轻处罚。',
      titleEn: 'Notice',
      bodyEn: 'Surrender.',
    });
    const approver = {
      ...contextFor(store, new Date('2011-12-02T04:00:00Z'), 'chief'),
      user: actor('chief'),
    };
    await decideNotice(approver, id, 'approve');
    const pdf = join(dir, `notice-${dialect}.pdf`);
    const docx = join(dir, `notice-${dialect}.docx`);
    const notice = (format: string, out: string) =>
      qingwang(
        store.url,
        ...['campaign', 'notice', '--campaign', 'C1', '--id', String(id)],
        '--format',
        format,
        '-o',
        out,
      );
    const [asPdf, asDocx] = await Promise.all([notice('pdf', pdf), notice('docx', docx)]);
    expect(asPdf.code).toBe(0);
    expect(asDocx.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(pdf));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('关于敦促在逃人员投案自首的通告');
    expect(text).not.toContain('未发布稿');
    // Each body heads the title and signs below the text; dated the day it was published.
    for (const issuer of issuers.slice(0, 2)) expect(text.split(issuer).length - 1).toBe(2);
    expect(text).toContain('二〇一一年十二月二日');
    const xml = documentXml(readFileSync(docx));
    expect(xml).toContain('一、在逃人员投案自首的，依法从轻处罚。');
    expect(xml).toContain('二〇一一年十二月二日');
  }, 120_000);
});
