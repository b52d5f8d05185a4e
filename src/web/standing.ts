// How a unit stands against its campaign trajectory: one definition for the dashboard, the leader
// pages and anything else that colours or labels a unit by its figures.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitStanding } from '../areas/campaigns/rules.ts';
import type { UnitKind } from '../areas/units/rules.ts';

export type Tone = 'onTrack' | 'lagging' | 'zero' | 'none';

export const TONE_COLORS: Record<Tone, string> = {
  onTrack: '#1a7f37',
  lagging: '#c2410c',
  zero: '#b91c1c',
  none: '#6b7280',
};

/** Zero result first (it is the sanction that matters), then on track or lagging; none without a baseline. */
export function toneOf(u: Pick<UnitStanding, 'zeroResult' | 'onTrack'> | null): Tone {
  if (!u) return 'none';
  if (u.zeroResult) return 'zero';
  if (u.onTrack === null) return 'none';
  return u.onTrack ? 'onTrack' : 'lagging';
}

export function useToneLabels(): Record<Tone, string> {
  const { t } = useTranslation();
  return useMemo(
    () => ({ onTrack: t('On track'), lagging: t('Lagging'), zero: t('Zero result'), none: t('No baseline') }),
    [t],
  );
}

export function useUnitKindLabels(): Record<UnitKind, string> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      bureau: t('City bureau'),
      sub_bureau: t('Sub-bureau'),
      detachment: t('Detachment'),
      station: t('Police station'),
      squad: t('Squad'),
    }),
    [t],
  );
}

/**
 * The decline-rate bars of a ranking, each coloured by its unit's tone and labelled with its rate and
 * status, so the status is not told by colour alone (dashboard and wall).
 */
export function rankingBars(
  units: readonly (Pick<UnitStanding, 'zeroResult' | 'onTrack'> & { declineRate: number | null })[],
  statusLabel: Record<Tone, string>,
  percent: (r: number) => string,
  fontSize?: number,
) {
  return {
    type: 'bar' as const,
    label: {
      show: true,
      position: 'right' as const,
      fontSize,
      formatter: (p: { value: unknown; dataIndex: number }) =>
        `${percent(Number(p.value))} ${statusLabel[toneOf(units[p.dataIndex]!)]}`,
    },
    data: units.map((u) => ({ value: u.declineRate ?? 0, itemStyle: { color: TONE_COLORS[toneOf(u)] } })),
  };
}
