// Chinese by default, English on request. Keys are the English sentences themselves, so English
// needs no file; locales/zh-CN/*.json (a file per part of the app) translate every one, and a test
// checks that none is missing. The API's refusals are keyed by code instead: their catalogue,
// locales/{zh-CN,en}/errors.json, is the `errors` namespace in both languages (see error-text.ts).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enErrors from './locales/en/errors.json';
import zhErrors from './locales/zh-CN/errors.json';

const zhFiles = import.meta.glob<Record<string, string>>(
  ['./locales/zh-CN/*.json', '!./locales/zh-CN/errors.json'],
  { eager: true, import: 'default' },
);
const zh = Object.assign({}, ...Object.values(zhFiles)) as Record<string, string>;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('qingwang.lang');

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zh, errors: zhErrors },
    en: { translation: {}, errors: enErrors },
  },
  lng: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false }, // React escapes
  returnEmptyString: false,
});

// The page's language follows the reader's (screen readers and fonts go by it), from the first paint.
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language): void {
  localStorage.setItem('qingwang.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** Numbers, percentages and dates in the reader's language. */
export const format = {
  number: (n: number) => new Intl.NumberFormat(i18n.language).format(n),
  percent: (r: number | null) =>
    r === null
      ? '—'
      : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(r),
  date: (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'short', day: 'numeric' }).format(
      new Date(`${iso.slice(0, 10)}T00:00:00`),
    ),
  // The bureau's clock (UTC+8, as the server counts days), whatever the device's zone.
  dateTime: (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    }).format(new Date(iso)),
};

export default i18n;
