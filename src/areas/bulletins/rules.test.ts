import { describe, expect, it } from 'vitest';
import { chineseDate, documentNumber, documentSettings, issueRefusal, issuingBodies } from './rules.ts';

describe('official document numbers and dates (GB/T 9704)', () => {
  it('writes the number with the year in 〔〕 and no leading zeros', () => {
    expect(documentNumber('西公清网', 2011, 12)).toBe('西公清网〔2011〕12号');
    expect(documentNumber('西公清网', 2026, 1)).toBe('西公清网〔2026〕1号');
  });

  it('writes the date in Chinese numerals, the year digit by digit', () => {
    expect(chineseDate('2011-05-10')).toBe('二〇一一年五月十日');
    expect(chineseDate('2011-12-20')).toBe('二〇一一年十二月二十日');
    expect(chineseDate('2026-11-01')).toBe('二〇二六年十一月一日');
    expect(chineseDate('2020-10-31')).toBe('二〇二〇年十月三十一日');
    expect(chineseDate('2011-01-15')).toBe('二〇一一年一月十五日');
  });

  it('falls back to the city bureau for what a campaign has not set', () => {
    expect(documentSettings(null, '西宁市公安局')).toEqual({
      authority: '西宁市公安局',
      prefix: '西公清网',
      issuer: null,
      recipients: '各分局、县公安局，市局各支队',
      copiesTo: null,
      printedBy: '西宁市公安局办公室',
      noticeIssuers: null,
    });
    expect(documentSettings({ prefix: '宁公刑', issuer: '王建国' }, '西宁市公安局')).toMatchObject({
      prefix: '宁公刑',
      issuer: '王建国',
    });
  });

  it("reads the surrender notice's joint issuers in order, each once, and falls back to the authority", () => {
    const authority = '西宁市公安局';
    expect(issuingBodies({ authority, noticeIssuers: null })).toEqual([authority]);
    expect(issuingBodies({ authority, noticeIssuers: ' 、\n ' })).toEqual([authority]);
    expect(
      issuingBodies({
        authority,
        noticeIssuers: '西宁市中级人民法院、西宁市人民检察院\n西宁市公安局，西宁市司法局、西宁市公安局',
      }),
    ).toEqual(['西宁市中级人民法院', '西宁市人民检察院', '西宁市公安局', '西宁市司法局']);
  });
});

describe('one bulletin a date, then only corrections', () => {
  const date = '2026-11-28';
  it('lets the first bulletin of a date through, and no correction of nothing', () => {
    expect(issueRefusal(date, [], undefined)).toBeNull();
    expect(issueRefusal(date, [], 4)).toMatchObject({ code: 'nothing_to_correct', params: { date } });
  });

  it('asks for a correction of the latest bulletin of the date', () => {
    const sameDay = [
      { id: 7, number: 3 },
      { id: 9, number: 4 },
    ];
    expect(issueRefusal(date, sameDay, undefined)).toMatchObject({
      code: 'bulletin_issued',
      params: { date, number: 4, id: 9 },
    });
    expect(issueRefusal(date, sameDay, 7)).toMatchObject({ code: 'corrects_not_latest', params: { id: 9 } });
    expect(issueRefusal(date, sameDay, 9)).toBeNull();
  });
});
