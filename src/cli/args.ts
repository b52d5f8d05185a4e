// Parsers of option and argument values, shared by the commands: light, so `--help` stays fast.
import { InvalidArgumentError } from 'commander';
import { OFFICIAL_FORMATS, type OfficialFormat } from '../reports/formats.ts';
import { LANGS, type Lang } from '../reports/labels.ts';
import { isIsoDate } from '../shared/dates.ts';

export const isoDateArg = (value: string): string => {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date written YYYY-MM-DD');
  return value;
};

export const fractionArg = (value: string): number => {
  const n = Number(value);
  if (!(n > 0 && n <= 1))
    throw new InvalidArgumentError('expected a fraction above 0 and at most 1, e.g. 0.5');
  return n;
};

export const integerArg = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

export const langArg = (value: string): Lang => {
  if (!(LANGS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected ${LANGS.join(' or ')}`);
  return value as Lang;
};

/** An official document's format: docx or pdf. */
export const officialFormatArg = (value: string): OfficialFormat => {
  if (!(OFFICIAL_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected ${OFFICIAL_FORMATS.join(' or ')}`);
  return value as OfficialFormat;
};

/** An official document's format from the name of the file it goes to: .pdf a PDF, else the .docx. */
export const officialFormatOf = (file: string): OfficialFormat =>
  file.toLowerCase().endsWith('.pdf') ? 'pdf' : 'docx';
