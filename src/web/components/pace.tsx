// Pace and forecast of a unit (see docs/figures.md): what is left to the target, the daily pace
// needed and kept, and when the target is reached at that pace. One wording for every page.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PaceOut } from '../../areas/campaigns/schema.ts';
import { format } from '../i18n.ts';

/** Persons a day, to one decimal place. */
export const perDay = (n: number | null) => (n === null ? '—' : format.number(Math.round(n * 10) / 10));

/** The projected day of reaching the target, or "not at this pace", as text (tables export it). */
export const projectedText = (pace: PaceOut, t: TFunction) =>
  pace.projectedOn === null ? t('Not at this pace') : format.date(pace.projectedOn);

export function Projected({ pace }: { pace: PaceOut }) {
  const { t } = useTranslation();
  return <>{projectedText(pace, t)}</>;
}

/** The pace figures as one line of text: needed a day, kept over 7 and 14 days, and the projection. */
export function PaceLine({ pace, deadlineOn }: { pace: PaceOut; deadlineOn: string }) {
  const { t } = useTranslation();
  const late = pace.projectedOn !== null && pace.projectedOn > deadlineOn;
  return (
    <span data-testid="pace-line">
      {t('Needed a day')} {pace.requiredPerDay === null ? t('Deadline passed') : perDay(pace.requiredPerDay)}{' '}
      · {t('Last 7 days, a day')} {perDay(pace.last7PerDay)} · {t('Last 14 days, a day')}{' '}
      {perDay(pace.last14PerDay)} · {t('Target reached')} <Projected pace={pace} />
      {late && ` (${t('after the deadline')})`}
    </span>
  );
}
