import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorText } from '../src/web/error-text.ts';
import { scanErrorCodes } from './support/error-codes.ts';

const catalogue = (lang: 'zh-CN' | 'en') =>
  JSON.parse(readFileSync(`src/web/locales/${lang}/errors.json`, 'utf8')) as Record<string, string>;
const zh = catalogue('zh-CN');
const en = catalogue('en');
const scan = scanErrorCodes();

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('every refusal the server can give is worded in Chinese and English', () => {
  it('finds the codes it checks in the source (the scan is not empty)', () => {
    expect(scan.codes.size).toBeGreaterThan(120);
    for (const code of ['wrong_password', 'id_check_digit', 'too_long', 'unit_out_of_scope', 'not_found'])
      expect(scan.codes).toContain(code);
  });

  it('sees the code of every refusal: none is built from a code it cannot read', () => {
    expect(scan.unvouched).toEqual([]);
  });

  it('has a zh-CN and an en entry for every code', () => {
    const missing = [...scan.codes].filter((c) => !zh[c]?.trim() || !en[c]?.trim());
    expect(missing).toEqual([]);
  });

  it('names every kind of thing a "not found" or "outside your units" refusal can be about', () => {
    const missing = [...scan.nouns].filter((n) => !zh[`what.${n}`]?.trim() || !en[`what.${n}`]?.trim());
    expect(missing).toEqual([]);
  });

  it('words each code in Chinese, with the same parameters in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text, key).toMatch(/\p{Script=Han}/u);
      expect(placeholders(text), key).toEqual(placeholders(en[key]!));
    }
  });
});

describe('errorText', () => {
  async function language(lng: 'zh-CN' | 'en') {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng,
      resources: { 'zh-CN': { errors: zh }, en: { errors: en } },
      fallbackLng: false,
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
    });
    return i18n;
  }

  it('words a code with its parameters in the reader’s language', async () => {
    const error = { code: 'id_check_digit', params: { found: '0', expected: '8' } };
    expect(errorText(error, await language('zh-CN'))).toBe('身份证号校验位为 0，应为 8。');
    expect(errorText(error, await language('en'))).toBe('The check digit is 0; it should be 8.');
  });

  it('words the nouns and statuses a refusal names', async () => {
    const zhCN = await language('zh-CN');
    expect(errorText({ code: 'not_found', params: { what: 'fugitive', key: 'T2099999999' } }, zhCN)).toBe(
      '未找到在逃人员 T2099999999。',
    );
    expect(errorText({ code: 'claim_decided', params: { status: 'verified' } }, zhCN)).toBe(
      '该申报已处理（已核实）。',
    );
  });

  it('falls back to a generic message in the reader’s language for a code it does not know', async () => {
    const error = { code: 'brand_new_refusal', params: {} };
    expect(errorText(error, await language('zh-CN'))).toBe('操作未完成（代码 brand_new_refusal）。');
    expect(errorText(error, await language('en'))).toBe(
      'The action did not complete (code brand_new_refusal).',
    );
  });

  it('never leaves a placeholder unfilled when a parameter is missing', async () => {
    expect(errorText({ code: 'out_of_scope', params: {} }, await language('zh-CN'))).not.toContain('{{');
  });
});
