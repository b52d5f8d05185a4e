import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DashboardOut } from '../../areas/campaigns/schema.ts';
import { byKindThenRank } from '../../areas/units/rules.ts';
import { Chart } from '../components/chart.tsx';
import { Kpi } from '../components/kpi.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { PaceLine } from '../components/pace.tsx';
import { format } from '../i18n.ts';
import { TONE_COLORS, rankingBars, toneOf, useToneLabels } from '../standing.ts';
import { useGet } from '../use-api.ts';

/**
 * Seconds from the URL (a kiosk's settings live in the address it is opened at): at least `min`,
 * 0 only where `off` allows it, the fallback for anything else.
 */
function seconds(value: string | null, fallback: number, min: number, off = false): number {
  const n = Number(value ?? fallback);
  if (off && n === 0) return 0;
  return Number.isFinite(n) && n >= min ? n : fallback;
}

/**
 * The command centre's wall (/wall): one screen, no scrolling, large type, figures reloaded every
 * `refresh` seconds (default 60) and, unless `unit` pins a view, a rotation every `rotate` seconds
 * (default 30; 0 holds) through the city and each unit one level below.
 */
export function WallPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pinned = params.get('unit') ?? undefined;
  const refresh = seconds(params.get('refresh'), 60, 5);
  const rotate = pinned ? 0 : seconds(params.get('rotate'), 30, 5, true);

  const home = useGet('/api/dashboard', { params: { query: { unit: pinned } } });
  const views = useMemo(
    () => (home.data ? [home.data.unit.code, ...byKindThenRank(home.data.children).map((u) => u.code)] : []),
    [home.data],
  );
  const [turn, setTurn] = useState(0);
  const code = views.length > 0 ? views[turn % views.length] : undefined;
  const shown = useGet(code ? '/api/dashboard' : null, { params: { query: { unit: code } } });
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);

  useEffect(() => {
    if (shown.data) setUpdatedAt(new Date().toISOString());
  }, [shown.data]);
  useEffect(() => {
    const timer = setInterval(() => {
      home.reload();
      shown.reload();
    }, refresh * 1000);
    return () => clearInterval(timer);
  }, [refresh, home.reload, shown.reload]);
  useEffect(() => {
    if (rotate === 0) return;
    const timer = setInterval(() => setTurn((n) => n + 1), rotate * 1000);
    return () => clearInterval(timer);
  }, [rotate]);

  const error = home.error ?? shown.error;
  if (error) return <ErrorNote error={error} />;
  if (!shown.data) return <Loading />;
  return (
    <WallView
      data={shown.data}
      updatedAt={updatedAt}
      position={rotate > 0 && views.length > 1 ? `${(turn % views.length) + 1} / ${views.length}` : null}
      refreshLabel={t('Refreshed every {{n}} s', { n: refresh })}
    />
  );
}

function WallView({
  data,
  updatedAt,
  position,
  refreshLabel,
}: {
  data: DashboardOut;
  updatedAt: string | null;
  position: string | null;
  refreshLabel: string;
}) {
  const { t } = useTranslation();
  const statusLabel = useToneLabels();
  const u = data.unit;
  const children = useMemo(() => byKindThenRank(data.children), [data]);
  // Chart type in proportion to the screen: ~20 px on a 1080-line wall, ~40 px on 4K.
  const fontSize = Math.round(window.innerHeight / 54);

  const rankingOption = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontSize },
      grid: { left: fontSize * 8, right: fontSize * 9, top: fontSize / 2, bottom: fontSize * 1.5 },
      xAxis: {
        type: 'value',
        max: 1,
        axisLabel: { fontSize, formatter: (v: number) => format.percent(v) },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: children.map((c) => c.name),
        axisLabel: { fontSize, width: fontSize * 7.5, overflow: 'truncate' },
      },
      series: [
        {
          ...rankingBars(children, statusLabel, format.percent, fontSize),
          markLine: {
            symbol: 'none',
            label: { show: false },
            lineStyle: { width: 2 },
            data: [{ xAxis: data.campaign.target * data.elapsedShare }],
          },
        },
      ],
    }),
    [children, data, fontSize, statusLabel],
  );

  const trendOption = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontSize },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: fontSize * 3.5, right: fontSize, top: fontSize * 2.5, bottom: fontSize * 1.8 },
      xAxis: { type: 'time', axisLabel: { fontSize, formatter: '{MM}-{dd}', hideOverlap: true } },
      yAxis: { type: 'value', min: 0, axisLabel: { fontSize, formatter: (v: number) => format.percent(v) } },
      series: [
        {
          name: t('Decline rate'),
          type: 'line',
          lineStyle: { width: 4 },
          data: data.trend.map((p) => [p.date, p.declineRate]),
          color: TONE_COLORS.onTrack,
        },
        {
          name: t('Straight line to the target'),
          type: 'line',
          lineStyle: { type: 'dashed', width: 3 },
          data: data.trend.map((p) => [p.date, p.trajectory]),
          color: TONE_COLORS.none,
        },
      ],
    }),
    [data, fontSize, t],
  );

  return (
    <div className="wall" data-testid="wall">
      <div className="wall-head">
        <h1>
          {u.name} · {data.campaign.name}
          {data.provisional && (
            <span className="badge provisional" data-testid="provisional">
              {t('Provisional: the baseline is not frozen yet')}
            </span>
          )}
        </h1>
        <div className="wall-meta">
          <span data-testid="wall-as-of">
            {t('Figures as of {{date}}', { date: format.date(data.asOf) })}
            {updatedAt && ` · ${t('Updated at {{time}}', { time: format.dateTime(updatedAt) })}`}
          </span>
          <span className="muted">
            {refreshLabel}
            {position && ` · ${position}`}
          </span>
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.()}>
            {t('Full screen')}
          </button>
        </div>
      </div>
      <section className="wall-kpis" aria-label={t('Headline figures')}>
        <Kpi
          label={t('Decline rate')}
          value={format.percent(u.declineRate)}
          note={`${t('Target')} ${format.percent(u.target)} · ${statusLabel[toneOf(u)]}`}
          tone={toneOf(u)}
        />
        <Kpi
          label={t('Cleared')}
          value={format.number(u.cleared)}
          note={`${t('Baseline')} ${format.number(u.baseline)} · ${t('Still listed')} ${format.number(u.activeNow)}`}
        />
        <Kpi
          label={t('To the target')}
          value={format.number(u.pace.remaining)}
          note={<PaceLine pace={u.pace} deadlineOn={data.campaign.deadlineOn} />}
        />
        <Kpi
          label={t('Captures')}
          value={format.number(u.captures.local + u.captures.remote)}
          note={`${t('Arrests')} ${format.number(u.captures.arrests)} · ${t('Surrenders')} ${format.number(u.captures.surrenders)}`}
        />
        <Kpi
          label={t('Homicide fugitives')}
          value={format.percent(u.homicide.declineRate)}
          note={`${format.number(u.homicide.cleared)} / ${format.number(u.homicide.baseline)}`}
          tone="homicide"
        />
        <Kpi
          label={t('Days left')}
          value={format.number(data.daysLeft)}
          note={`${t('Deadline')} ${format.date(data.campaign.deadlineOn)}`}
        />
      </section>
      <div className="wall-charts">
        {children.length > 0 && (
          <section className="panel">
            <h2>{t('Ranking of units')}</h2>
            <Chart option={rankingOption} label={t('Ranking of units')} height="100%" />
          </section>
        )}
        <section className="panel">
          <h2>{t('Decline rate over time')}</h2>
          <Chart option={trendOption} label={t('Decline rate over time')} height="100%" />
        </section>
      </div>
    </div>
  );
}
