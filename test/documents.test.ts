// Official documents (GB/T 9704): the bulletin as .docx, read back as XML from its zip, and document
// numbers unique per campaign and year under concurrent issues, on both dialects; the bulletin, the
// letter and the notice as PDF, read back with pdfjs: the same words as the .docx, on A4, the serif
// font embedded.
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulletinFile,
  issueBulletin,
  letterFile,
  listBulletins,
  setDocumentSettings,
} from '../src/areas/bulletins/service.ts';
import { chineseDate } from '../src/areas/bulletins/rules.ts';
import { addDays } from '../src/shared/dates.ts';
import { LINE_PITCH } from '../src/reports/official-docx.ts';
import { NOW, type TestApp, TODAY, startApp } from './support/http.ts';
import { embeddedFonts, pdfPages } from './support/pdf.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

const twips = (mm: number) => Math.round((mm / 25.4) * 1440);

describe.each(DIALECTS)('official documents on %s', (dialect) => {
  let app: TestApp;
  let campaign: string;
  beforeAll(async () => {
    app = await startApp(dialect, 300);
    campaign = (await (await app.as('commander')).get('/api/standings')).json<{ campaign: string }>()
      .campaign;
  });
  afterAll(() => app.close());

  it('gives concurrent issues distinct, consecutive document numbers of the year', async () => {
    const issued = await Promise.all(
      // One bulletin a date: four dates, issued at once.
      ['a', 'b', 'c', 'd'].map((actor, i) =>
        issueBulletin(contextFor(app.store, NOW, actor), campaign, addDays(TODAY, -1 - i)),
      ),
    );
    const numbers = await app.store.db
      .selectFrom('document_numbers')
      .select(['year', 'seq', 'kind'])
      .orderBy('seq')
      .execute();
    expect(numbers).toEqual([1, 2, 3, 4].map((seq) => ({ year: 2026, seq, kind: 'bulletin' })));
    expect(new Set(issued.map((b) => b.number)).size).toBe(4);
  });

  it('writes the bulletin as a GB/T 9704 .docx: page, grid, fonts by role, red header, number, date', async () => {
    const commander = await app.as('commander');
    const { id } = (
      await commander.post(`/api/campaigns/${encodeURIComponent(campaign)}/bulletins`, {})
    ).json<{
      id: number;
    }>();
    const res = await commander.get(`/api/bulletins/${id}/file?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    // A4 and the margins: top 37, bottom 35, left 28, right 26 mm.
    expect(xml).toContain(`<w:pgSz w:w="${twips(210)}" w:h="${twips(297)}"`);
    for (const [side, mm] of [
      ['top', 37],
      ['bottom', 35],
      ['left', 28],
      ['right', 26],
    ] as const)
      expect(xml).toMatch(new RegExp(`<w:pgMar[^>]* w:${side}="${twips(mm)}"`));
    // 22 lines of 28 characters on the type area's height.
    expect(LINE_PITCH * 22).toBeLessThanOrEqual(twips(297 - 37 - 35));
    expect(LINE_PITCH * 23).toBeGreaterThan(twips(297 - 37 - 35));
    expect(xml).toMatch(
      new RegExp(`<w:docGrid w:type="linesAndChars" w:linePitch="${LINE_PITCH}" w:charSpace="-?\\d+"`),
    );
    // Runs by role: a run's properties name its font, size and colour before its text.
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]!);
    const runWith = (text: string) => runs.find((r) => r.includes(text)) ?? '';
    const authority = runWith('西宁市公安局文件');
    expect(authority).toContain('w:eastAsia="方正小标宋简体"');
    expect(authority).toContain('<w:color w:val="FF0000"/>');
    const title = runWith('进展情况的通报');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(runWith('全市')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(runWith('一、总体进展')).toContain('w:eastAsia="黑体"');
    // The red separator line under the number, and the number: prefix〔year〕n号, the fifth this year.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(runWith('〔2026〕')).toContain('西公清网〔2026〕5号');
    expect(xml).toContain('签发人：');
    expect(xml).toContain('各分局、县公安局，市局各支队：');
    expect(xml).toContain('二〇二六年十一月二十八日');
    expect(xml).toContain('附件：');
    expect(xml).toContain('各单位清网行动排名表');
    expect(xml).toContain('西宁市公安局办公室');
    // The sections: the body on the grid; each attachment on a turned A4 page (横排表格) without
    // the character grid, its columns as wide as their text asks; the imprint on a last page.
    const sections = [...xml.matchAll(/<w:sectPr>(.*?)<\/w:sectPr>/g)].map((m) => m[1]!);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    expect(sections[0]).toContain('w:type="linesAndChars"');
    const annex = sections[1]!;
    expect(annex).toContain(`<w:pgSz w:w="${twips(297)}" w:h="${twips(210)}" w:orient="landscape"`);
    expect(annex).not.toContain('linesAndChars');
    const ranking = xml.slice(xml.indexOf('各单位清网行动排名表', xml.indexOf('附件1')));
    const columns = [...ranking.slice(0, ranking.indexOf('</w:tblGrid>')).matchAll(/w:gridCol w:w="(\d+)"/g)];
    const widths = columns.map((m) => Number(m[1]));
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(twips(297 - 37 - 35));
    expect(Math.max(...widths)).toBeGreaterThan(2 * Math.min(...widths)); // the names' column is wider
    expect(sections.at(-1)).not.toContain('landscape');
    // Page numbers — n — on the outside edges: odd pages right, even pages left.
    const settings = strFromU8(files['word/settings.xml']!);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(files)
      .filter((f) => /^word\/footer\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f]!));
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>') && f.includes('PAGE'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>') && f.includes('PAGE'))).toBe(true);
    expect(footers.every((f) => f.includes('— '))).toBe(true);
  });

  it('prints the campaign settings of its documents, set and audited, and numbers on', async () => {
    const ctx = contextFor(app.store, NOW, 'commander');
    await setDocumentSettings(ctx, campaign, {
      prefix: '宁公刑',
      issuer: '王建国',
      copiesTo: '省公安厅刑侦总队',
    });
    // Today's bulletin is out (the test before): this one is its correction.
    const [today] = (await listBulletins(ctx, campaign, { from: TODAY, to: TODAY, page: 1, pageSize: 20 }))
      .items;
    const issued = await issueBulletin(ctx, campaign, TODAY, undefined, today!.id);
    expect(issued.correctsId).toBe(today!.id);
    expect(issued.correctsNumber).toBe(today!.number);
    const file = await bulletinFile(ctx, issued.id, 'docx', 'zh-CN');
    expect(file.fileName).toMatch(/\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(file.bytes))['word/document.xml']!);
    expect(xml).toContain('宁公刑〔2026〕6号');
    expect(xml).toContain('王建国');
    expect(xml).toContain('抄送：省公安厅刑侦总队。');
    const event = await app.store.db
      .selectFrom('audit_events')
      .select(['actor', 'after_json'])
      .where('action', '=', 'campaign.document-settings')
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe('commander');
    expect(JSON.parse(event.after_json!)).toMatchObject({ prefix: '宁公刑' });
  });

  it('writes a signed responsibility letter as a two-party .docx with baseline, target, deadline and seal spaces', async () => {
    const commander = await app.as('commander');
    const units = (await commander.get('/api/standings')).json<{
      units: { code: string; name: string; depth: number }[];
    }>().units;
    const unit = units.find((u) => u.depth === 1)!;
    const signed = await commander.post(`/api/campaigns/${encodeURIComponent(campaign)}/letters`, {
      unitCode: unit.code,
      target: 0.6,
    });
    expect(signed.statusCode).toBe(201);
    const { baseline } = signed.json<{ baseline: number }>();
    const file = await letterFile(contextFor(app.store, NOW, 'commander'), campaign, unit.code);
    const files = unzipSync(new Uint8Array(file.bytes));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain(`<w:pgSz w:w="${twips(210)}" w:h="${twips(297)}"`);
    expect(xml).toContain('目标责任书');
    expect(xml).toContain('甲方：西宁市公安局');
    expect(xml).toContain(`乙方：${unit.name}`);
    expect(xml).toContain(`基数（行动启动时冻结）为${baseline}人`);
    expect(xml).toContain('60.0%');
    expect(xml).toContain(`不少于${Math.ceil(baseline * 0.6 - 1e-9)}人`);
    expect(xml).toContain('甲方（盖章）');
    expect(xml).toContain('乙方（盖章）');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    await expect(letterFile(contextFor(app.store, NOW, 'commander'), campaign, 'NO-SUCH')).rejects.toThrow(
      /letter/,
    );
    const res = await commander.get(
      `/api/campaigns/${encodeURIComponent(campaign)}/letters/${encodeURIComponent(unit.code)}/docx`,
    );
    expect(res.statusCode).toBe(200);
    expect(strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!)).toContain(
      `乙方：${unit.name}`,
    );
    // An officer sees only the letters of their own unit: another unit's is not found.
    const officer = await app.as('officer');
    const other = await officer.get(
      `/api/campaigns/${encodeURIComponent(campaign)}/letters/${encodeURIComponent(unit.code)}/docx`,
    );
    expect([403, 404]).toContain(other.statusCode);
  });

  it('writes the surrender notice as a .docx signed by every joint issuer, marked as a draft until published', async () => {
    const issuers = ['西宁市中级人民法院', '西宁市人民检察院', '西宁市公安局', '西宁市司法局'];
    const settingsUrl = `/api/campaigns/${encodeURIComponent(campaign)}/document-settings`;
    const commander = await app.as('commander');
    const publicity = await app.as('publicity');
    const set = await commander.put(settingsUrl, { noticeIssuers: issuers.join('、'), issuer: '' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      stored: { noticeIssuers: issuers.join('、') },
      effective: { authority: '西宁市公安局', prefix: '宁公刑', noticeIssuers: issuers.join('、') },
    });
    // The empty issuer went back to its default (none), and publicity officers read but do not set.
    expect((await publicity.get(settingsUrl)).json<{ stored: object }>().stored).not.toHaveProperty('issuer');
    expect((await publicity.put(settingsUrl, { issuer: '周玉兰' })).statusCode).toBe(403);
    expect((await commander.put(settingsUrl, { colour: 'red' })).statusCode).toBe(400);
    expect((await commander.put(settingsUrl, { issuer: '王'.repeat(101) })).statusCode).toBe(400);
    const drafted = await publicity.post('/api/notices', {
      titleZh: '关于敦促在逃人员投案自首的通告',
      bodyZh:
        '为贯彻宽严相济的刑事政策，特通告如下：\n一、在逃人员自本通告发布之日起投案自首的，依法从轻处罚。\n二、本通告自发布之日起施行。',
      titleEn: 'Notice urging fugitives to surrender',
      bodyEn: 'Surrender and be treated leniently.',
    });
    expect(drafted.statusCode).toBe(201);
    const { id } = drafted.json<{ id: number }>();
    const url = `/api/campaigns/${encodeURIComponent(campaign)}/notices/${id}/docx`;
    const documentXml = (bytes: Buffer) => strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    const occurrences = (xml: string, text: string) => xml.split(text).length - 1;

    const draft = await publicity.get(url);
    expect(draft.statusCode).toBe(200);
    const draftXml = documentXml(draft.rawPayload);
    expect(draftXml).toContain('关于敦促在逃人员投案自首的通告（未发布稿）');
    // Each body heads the title and signs below the text.
    for (const issuer of issuers) expect(occurrences(draftXml, issuer)).toBe(2);
    expect(draftXml).toContain('一、在逃人员自本通告发布之日起投案自首的，依法从轻处罚。');
    expect(draftXml).toContain('w:eastAsia="方正小标宋简体"');
    expect(draftXml).toContain('w:eastAsia="仿宋_GB2312"');

    expect((await commander.post(`/api/notices/${id}/approve`)).statusCode).toBe(200);
    const published = documentXml((await commander.get(url)).rawPayload);
    expect(published).not.toContain('未发布稿');
    expect(published).toContain(chineseDate(TODAY));

    expect((await (await app.as('officer')).get(url)).statusCode).toBe(403);
    expect(
      (await commander.get(`/api/campaigns/${encodeURIComponent(campaign)}/notices/999999/docx`)).statusCode,
    ).toBe(404);
  });

  it('writes the letter, the notice and the bulletin as GB/T 9704 PDFs with the .docx words, on A4, the serif font embedded', async () => {
    const commander = await app.as('commander');
    const base = `/api/campaigns/${encodeURIComponent(campaign)}`;
    const a4 = (p: { width: number; height: number }) =>
      Math.abs(p.width - 595.28) < 0.5 && Math.abs(p.height - 841.89) < 0.5;
    const landscape = (p: { width: number; height: number }) =>
      Math.abs(p.width - 841.89) < 0.5 && Math.abs(p.height - 595.28) < 0.5;
    /** The PDF of a route, checked for what every official PDF is: A4, the serif embedded, numbered pages. */
    const official = async (url: string) => {
      const res = await commander.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/\.pdf/);
      const bytes = new Uint8Array(res.rawPayload);
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(embeddedFonts(bytes)).toEqual(
        expect.arrayContaining(['NotoSerifSC-Regular', 'NotoSerifSC-Bold']),
      );
      const pages = await pdfPages(bytes);
      expect(a4(pages[0]!)).toBe(true);
      expect(pages.every((p) => a4(p) || landscape(p))).toBe(true);
      // — n — on every page.
      pages.forEach((p, i) => expect(p.text).toContain(`— ${i + 1} —`));
      return { pages, text: pages.map((p) => p.text).join('') };
    };

    // The letter: two parties, the frozen baseline, the target, the deadline, the seal spaces.
    const letter = (await commander.get(`${base}/letters`)).json<{
      letters: { unit: { code: string; name: string }; baseline: number; signedOn: string }[];
    }>().letters[0]!;
    const letterPdf = await official(`${base}/letters/${encodeURIComponent(letter.unit.code)}/pdf`);
    expect(letterPdf.text).toContain('目标责任书');
    expect(letterPdf.text).toContain('甲方：西宁市公安局');
    expect(letterPdf.text).toContain(`乙方：${letter.unit.name}`);
    expect(letterPdf.text).toContain(`基数（行动启动时冻结）为${letter.baseline}人`);
    expect(letterPdf.text).toContain('甲方（盖章）');
    expect(letterPdf.text).toContain('乙方（盖章）');
    expect(letterPdf.text).toContain(`日期：${chineseDate(letter.signedOn)}`);
    expect(letterPdf.pages.every(a4)).toBe(true);
    const officer = await app.as('officer');
    expect([403, 404]).toContain(
      (await officer.get(`${base}/letters/${encodeURIComponent(letter.unit.code)}/pdf`)).statusCode,
    );

    // The notice: each joint issuer heads the title and signs; the date in Chinese numerals.
    const notice = (await commander.get('/api/notices'))
      .json<{
        notices: { id: number; titleZh: string; status: string }[];
      }>()
      .notices.find((n) => n.status === 'published')!;
    const noticePdf = await official(`${base}/notices/${notice.id}/pdf`);
    expect(noticePdf.text).toContain(notice.titleZh);
    expect(noticePdf.text).not.toContain('未发布稿');
    for (const issuer of ['西宁市中级人民法院', '西宁市人民检察院', '西宁市公安局', '西宁市司法局'])
      expect(noticePdf.text.split(issuer).length - 1).toBe(2);
    expect(noticePdf.text).toContain(chineseDate(TODAY));
    expect((await officer.get(`${base}/notices/${notice.id}/pdf`)).statusCode).toBe(403);

    // The bulletin: the number, title, date and imprint the .docx prints; the attachments turned.
    const [bulletin] = (await commander.get(`${base}/bulletins?pageSize=1`)).json<{
      items: { id: number }[];
    }>().items;
    const docx = strFromU8(
      unzipSync(
        new Uint8Array((await commander.get(`/api/bulletins/${bulletin!.id}/file?format=docx`)).rawPayload),
      )['word/document.xml']!,
    );
    const number = /宁公刑〔2026〕\d+号/.exec(docx)![0];
    const res = await commander.get(`/api/bulletins/${bulletin!.id}/file?format=official-pdf`);
    expect(res.headers['content-disposition']).toMatch(/-official\.pdf/);
    const bulletinPdf = await official(`/api/bulletins/${bulletin!.id}/file?format=official-pdf`);
    const first = bulletinPdf.pages[0]!.text;
    expect(first).toContain('西宁市公安局文件');
    expect(first).toContain(number);
    expect(first).toContain('签发人：');
    expect(first).toMatch(/关于.+进展情况的通报/);
    expect(first).toContain('各分局、县公安局，市局各支队：');
    expect(bulletinPdf.text).toContain(`西宁市公安局${chineseDate(TODAY)}`);
    expect(bulletinPdf.text).toContain('附件：');
    expect(bulletinPdf.pages.some(landscape)).toBe(true);
    expect(bulletinPdf.pages.find(landscape)!.text).toContain('各单位清网行动排名表');
    const last = bulletinPdf.pages.at(-1)!.text;
    expect(last).toContain('抄送：省公安厅刑侦总队。');
    expect(last.replace(/\s+/g, '')).toContain(`西宁市公安局办公室${chineseDate(TODAY)}印发`);
  });
});
