// The figures of issue 11 in the bulletin's three formats, rendered from hand-made data and read
// back: the homicide section beside the four-ones table, the ranking of the level below by kind,
// the appendix of every station and squad, the baseline digest and the provisional label. A
// bulletin issued before these existed still renders, with dashes where it has no figure.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BulletinData, RankedUnit } from '../areas/bulletins/rules.ts';
import { bulletinHtml } from './bulletin-html.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinXlsx, standingsXlsx } from './bulletin-xlsx.ts';
import type { UnitStanding } from '../areas/campaigns/rules.ts';

const DIGEST = 'a1'.repeat(32);
const CORRECTION = {
  listingNos: ['T6301020001', 'T6301030009'],
  unit: { code: 'P1', name: '东关派出所' },
  reason: '同一案件重复上网',
  correctedBy: 'commander',
  correctedOn: '2026-11-20',
};

const ranked = (over: Partial<RankedUnit> & Pick<RankedUnit, 'code' | 'name'>): RankedUnit => ({
  kind: 'station',
  parentName: '城东分局',
  rank: 1,
  baseline: 10,
  cleared: 4,
  declineRate: 0.4,
  target: 0.6,
  captures: 5,
  arrests: 3,
  surrenders: 2,
  newListings: 1,
  onTrack: true,
  ...over,
});

function bulletin(provisional: boolean): BulletinData {
  return {
    campaign: { name: '清网 2026', startOn: '2026-10-19', deadlineOn: '2026-12-22', target: 0.5 },
    asOf: '2026-11-28',
    provisional,
    number: 3,
    issuedAt: '2026-11-28T02:00:00.000Z',
    issuedBy: 'commander',
    sections: [
      {
        kind: 'headline',
        baseline: 100,
        cleared: 40,
        declineRate: 0.4,
        netDeclineRate: 0.35,
        trajectory: 0.3,
        capturesLocal: 30,
        capturesRemote: 7,
        arrests: 29,
        surrenders: 8,
        newListings: 13,
        cancellations: 2,
        activeNow: 70,
        daysLeft: 24,
      },
      {
        kind: 'ranking',
        units: [
          ranked({ code: 'S1', name: '城东分局', kind: 'sub_bureau', rank: 1, parentName: '市局' }),
          ranked({ code: 'S2', name: '城西分局', kind: 'sub_bureau', rank: 2, parentName: '市局' }),
          ranked({ code: 'D1', name: '刑侦支队', kind: 'detachment', rank: 1, parentName: '市局' }),
        ],
      },
      {
        kind: 'homicide',
        units: [
          { code: 'C', name: '市局', baseline: 9, cleared: 6, declineRate: 6 / 9, captures: 7 },
          { code: 'S1', name: '城东分局', baseline: 4, cleared: 1, declineRate: 0.25, captures: 2 },
        ],
      },
      { kind: 'four-ones', units: [] },
      {
        kind: 'audit',
        head: 'f0'.repeat(32),
        events: 42,
        baselineDigest: provisional ? null : DIGEST,
        corrections: provisional ? [] : [CORRECTION],
      },
      {
        kind: 'appendix',
        units: [
          ranked({ code: 'P1', name: '东关派出所', rank: 1 }),
          ranked({ code: 'P2', name: '人民街派出所', rank: 2, onTrack: false }),
          ranked({ code: 'Q1', name: '缉毒一大队', kind: 'squad', rank: 1, parentName: '禁毒支队' }),
        ],
      },
    ],
  };
}

/** A bulletin as issued before the figures of issue 11: none of their fields or sections. */
function oldBulletin(): BulletinData {
  const data = bulletin(false);
  delete data.provisional;
  return {
    ...data,
    sections: data.sections
      .filter((s) => s.kind !== 'homicide' && s.kind !== 'appendix')
      .map((s) => {
        if (s.kind === 'headline') {
          const old = { ...s };
          delete old.arrests;
          delete old.surrenders;
          delete old.newListings;
          return old;
        }
        if (s.kind === 'ranking')
          return {
            ...s,
            units: s.units.map(({ code, name, rank, baseline, cleared, declineRate, captures, onTrack }) => ({
              code,
              name,
              rank,
              baseline,
              cleared,
              declineRate,
              captures,
              onTrack,
            })),
          };
        if (s.kind === 'audit') return { kind: 'audit' as const, head: s.head, events: s.events };
        return s;
      }),
  };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text;
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a sheet below its header, as arrays of cell values (column A first). */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

describe('the bulletin with the figures of persons, homicide and targets', () => {
  it('prints the homicide section beside the four-ones table, the appendix and the digest in HTML', () => {
    const html = bulletinHtml(bulletin(false));
    const homicide = html.indexOf('五、命案逃犯清理情况');
    expect(homicide).toBeGreaterThan(html.indexOf('三、单位排名'));
    expect(html.indexOf('六、命案逃犯“四个一”落实情况')).toBeGreaterThan(homicide);
    const section = html.slice(homicide, html.indexOf('六、'));
    expect(section).toContain('<td>市局</td><td>9</td><td>6</td><td>66.7%</td><td>7</td>');
    expect(section).toContain('<td>城东分局</td><td>4</td><td>1</td><td>25.0%</td><td>2</td>');
    expect(section).toContain('<svg');
    expect(html).toContain(`基数快照摘要：${DIGEST}`);
    expect(html).not.toContain('暂定');
    expect(html).toContain(
      '<b>基数更正 (1)</b></p><ul class="corrections"><li>2026-11-20 东关派出所 T6301020001、T6301030009：同一案件重复上网（commander）</li></ul>',
    );
    const appendix = html.slice(html.indexOf('附件：各派出所、大队排名'));
    expect(appendix).toContain('<td>派出所</td><td>2</td><td>人民街派出所</td><td>城东分局</td>');
    expect(appendix).toContain('<td>大队</td><td>1</td><td>缉毒一大队</td><td>禁毒支队</td>');
    // The ranking says the kind beside the rank, and each unit's own target.
    expect(html).toContain(
      '<td>1</td><td>刑侦支队</td><td>支队</td><td>10</td><td>4</td><td>40.0%</td><td>60.0%</td>',
    );
    // Arrests, surrenders and new listings in the headline.
    expect(html).toContain('<td>30</td><td>7</td><td>29</td><td>8</td><td>13</td><td>2</td><td>24</td>');
  });

  it('labels provisional figures, in Chinese and in English', () => {
    const zh = bulletinHtml(bulletin(true));
    expect(zh).toContain('<p class="provisional">暂定：行动基数尚未冻结，数字可能变动</p>');
    expect(zh).not.toContain('基数快照摘要');
    const en = bulletinHtml(bulletin(true), 'en');
    expect(en).toContain('PROVISIONAL: the campaign baseline is not frozen yet');
    expect(en).toContain('5. Homicide fugitives');
    expect(en).toContain('Appendix: ranking of every police station and squad');
  });

  it('carries the same in the PDF', async () => {
    const text = await pdfText(await bulletinPdf(bulletin(true)));
    expect(text).toContain('暂定：行动基数尚未冻结');
    expect(text).toContain('五、命案逃犯清理情况');
    expect(text).toContain('66.7%');
    expect(text).toContain('附件：各派出所、大队排名');
    expect(text).toContain('缉毒一大队');
    const frozen = (await pdfText(await bulletinPdf(bulletin(false)))).replace(/\s/g, '');
    expect(frozen).toContain(DIGEST);
    expect(frozen).toContain('东关派出所T6301020001、T6301030009：同一案件重复上网');
    expect(frozen).not.toContain('暂定');
  });

  it('gives the homicide figures, the rankings and the digest their own typed cells in the XLSX', async () => {
    const wb = await workbook(await bulletinXlsx(bulletin(false)));
    expect(rows(wb.getWorksheet('homicide')!)).toEqual([
      ['C', '市局', 9, 6, 6 / 9, 7],
      ['S1', '城东分局', 4, 1, 0.25, 2],
    ]);
    expect(wb.getWorksheet('homicide')!.getRow(2).getCell(5).numFmt).toBe('0.0%');
    const appendix = rows(wb.getWorksheet('appendix')!);
    expect(appendix.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['派出所', 1, '东关派出所', '城东分局'],
      ['派出所', 2, '人民街派出所', '城东分局'],
      ['大队', 1, '缉毒一大队', '禁毒支队'],
    ]);
    // target, arrests, surrenders as numbers
    expect(appendix[0]!.slice(8, 11)).toEqual([0.6, 3, 2]);
    expect(rows(wb.getWorksheet('audit')!)).toContainEqual(['baseline digest', DIGEST]);
    expect(rows(wb.getWorksheet('corrections')!)).toEqual([
      [
        new Date('2026-11-20T00:00:00Z'),
        'P1',
        '东关派出所',
        'T6301020001、T6301030009',
        '同一案件重复上网',
        'commander',
      ],
    ]);
    const headline = rows(wb.getWorksheet('headline')!);
    expect(headline).toContainEqual(['新增上网', 13]);
    expect(headline).toContainEqual(['抓捕', 29]);
    const cover = rows((await workbook(await bulletinXlsx(bulletin(true)))).getWorksheet('bulletin')!);
    expect(cover.map((r) => r[0])).toContain('暂定：行动基数尚未冻结，数字可能变动');
  });

  it('renders a bulletin issued before these figures existed, with dashes and not "undefined"', async () => {
    const html = bulletinHtml(oldBulletin());
    expect(html).not.toContain('undefined');
    expect(html).not.toContain('五、命案逃犯清理情况');
    expect(html).not.toContain('基数更正');
    expect(html).toContain('<td>30</td><td>7</td><td>—</td><td>—</td><td>—</td><td>2</td><td>24</td>');
    expect(html).toContain('<td>1</td><td>城东分局</td><td>—</td><td>10</td>');
    const text = await pdfText(await bulletinPdf(oldBulletin()));
    expect(text).not.toContain('undefined');
    const wb = await workbook(await bulletinXlsx(oldBulletin()));
    expect(wb.getWorksheet('homicide')).toBeUndefined();
  });
});

describe('the pace and forecast in the bulletin', () => {
  /** The bulletin above with the city's pace and each ranked unit's projected day. */
  function withPace(): BulletinData {
    const data = bulletin(false);
    data.sections = data.sections.map((s) => {
      if (s.kind === 'headline')
        return {
          ...s,
          pace: {
            remaining: 10,
            requiredPerDay: 10 / 24,
            last7PerDay: 1,
            last14PerDay: 9 / 14,
            projectedOn: '2026-12-08',
          },
        };
      if (s.kind === 'ranking')
        return {
          ...s,
          units: s.units.map((u, i) => ({ ...u, projectedOn: i === 0 ? '2026-12-01' : null })),
        };
      return s;
    });
    return data;
  }

  it("prints the city's pace under the headline and each unit's projected day in the ranking (HTML)", () => {
    const zh = bulletinHtml(withPace());
    expect(zh).toContain(
      '<th>距目标尚需（人）</th><th>日均需清理</th><th>近7日日均</th><th>近14日日均</th><th>预计达标日期</th>',
    );
    expect(zh).toContain('<td>10</td><td>0.4</td><td>1.0</td><td>0.6</td><td>2026-12-08</td>');
    expect(zh).toContain('<td>达到进度</td><td>2026-12-01</td></tr>');
    expect(zh).toContain('<td>达到进度</td><td>按此进度无法达标</td></tr>');
    const en = bulletinHtml(withPace(), 'en');
    expect(en).toContain('<th>Still to clear</th><th>Needed a day</th>');
    expect(en).toContain('not at this pace');
    // A bulletin issued before the pace existed prints no pace table and dashes in the ranking.
    const old = bulletinHtml(oldBulletin());
    expect(old).not.toContain('距目标尚需');
    expect(old).toContain('<td>—</td></tr>');
  });

  it('carries the pace in the PDF and as typed cells in the XLSX', async () => {
    const text = (await pdfText(await bulletinPdf(withPace()))).replace(/\s/g, '');
    expect(text).toContain('距目标尚需');
    expect(text).toContain('2026-12-08');
    const wb = await workbook(await bulletinXlsx(withPace()));
    const headline = rows(wb.getWorksheet('headline')!);
    expect(headline).toContainEqual(['距目标尚需（人）', 10]);
    expect(headline).toContainEqual(['日均需清理', 10 / 24]);
    expect(headline).toContainEqual(['预计达标日期', new Date('2026-12-08T00:00:00Z')]);
    const ranking = rows(wb.getWorksheet('ranking')!);
    expect(ranking.map((r) => r[14])).toEqual([
      new Date('2026-12-01T00:00:00Z'),
      '按此进度无法达标',
      '按此进度无法达标',
    ]);
  });
});

describe('the Excel export of the standings', () => {
  const unit = (over: Partial<UnitStanding>): UnitStanding => ({
    code: 'C',
    name: '市局',
    kind: 'bureau',
    parent: null,
    depth: 0,
    baseline: 5,
    cleared: 2,
    declineRate: 0.4,
    netDeclineRate: 0.6,
    activeNow: 2,
    newListings: 1,
    captures: { local: 2, remote: 1, arrests: 2, surrenders: 1 },
    homicide: { baseline: 2, cleared: 2, declineRate: 1, captures: 2 },
    cancellations: 1,
    onTrack: true,
    zeroResult: false,
    rank: 1,
    target: 0.6,
    ...over,
  });

  it('adds the new figures as columns after the existing ones, and says what the figures rest on', async () => {
    const wb = await workbook(
      await standingsXlsx({
        campaign: '清网 2026',
        asOf: '2026-07-01',
        provisional: false,
        baselineDigest: DIGEST,
        units: [unit({}), unit({ code: 'S', name: '南门派出所', kind: 'station', parent: 'C', depth: 1 })],
      }),
    );
    const ws = wb.getWorksheet('standings')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    // Existing columns keep their letters.
    expect(header.slice(0, 3)).toEqual(['统计截至', '代码', '单位']);
    expect(header.slice(14)).toEqual([
      '类别',
      '目标',
      '进度',
      '新增上网',
      '抓捕',
      '投案自首',
      '命案逃犯基数',
      '命案逃犯已清理',
      '命案逃犯下降率',
      '抓获命案逃犯',
    ]);
    const south = (ws.getRow(3).values as unknown[]).slice(1);
    expect(south.slice(14)).toEqual(['派出所', 0.6, '达到进度', 1, 2, 1, 2, 2, 1, 2]);
    expect(rows(wb.getWorksheet('campaign')!)).toEqual([
      ['统计截至', new Date('2026-07-01T00:00:00Z')],
      ['行动基数', '已冻结'],
      ['基数快照摘要', DIGEST],
    ]);
  });
});
