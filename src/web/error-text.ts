// Words a refusal of the API (its code and parameters) in the reader's language from the errors
// catalogue (locales/*/errors.json); a code the catalogue lacks gets a generic sentence in the
// same language, never the server's English.
import type { i18n as I18n } from 'i18next';

export interface KeyedError {
  code: string;
  params?: Readonly<Record<string, string | number>>;
}

const NS = 'errors';

/**
 * The catalogue's sentence for the code. A parameter whose value the catalogue words too
 * (`what.fugitive`, `status.verified`) is given in words; a missing one is left blank.
 */
export function errorText(error: KeyedError, i18n: Pick<I18n, 't' | 'exists'>): string {
  if (!i18n.exists(error.code, { ns: NS })) return i18n.t('fallback', { ns: NS, code: error.code });
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    const worded = `${name}.${value}`;
    values[name] =
      typeof value === 'string' && i18n.exists(worded, { ns: NS }) ? i18n.t(worded, { ns: NS }) : value;
  }
  // i18next keeps a placeholder it has no value for; the reader should not see one.
  return i18n.t(error.code, { ns: NS, ...values }).replace(/\{\{\w+\}\}/g, '');
}
