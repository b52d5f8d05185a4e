// Parsers of option and argument values, shared by the commands: light, so `--help` stays fast.
import { InvalidArgumentError } from 'commander';
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
