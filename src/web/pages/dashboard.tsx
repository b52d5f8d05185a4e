import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CITY_LEVEL_ROLES } from '../../areas/accounts/rules.ts';
import { Link, useParams, useSearchParams } from 'react-router';
import type { DashboardOut } from '../../areas/campaigns/schema.ts';
import type { MeetingKind } from '../../areas/meetings/rules.ts';
import { byKindThenRank } from '../../areas/units/rules.ts';
import { Chart } from '../components/chart.tsx';
import { Kpi } from '../components/kpi.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { TONE_COLORS, rankingBars, toneOf, useToneLabels, useUnitKindLabels } from '../standing.ts';
import { useGet } from '../use-api.ts';
import { useSession } from '../session.tsx';
import { usePracticeLabels } from '../practices.ts';
import { UnitTasks } from '../components/tasks-table.tsx';
import { PaceLine, projectedText } from '../components/pace.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';

type Standing = DashboardOut['unit'];

const COLORS = {
  ...TONE_COLORS,
  line: '#1d4ed8',
  arrests: '#1d4ed8',
  surrenders: '#93c5fd',
  homicide: '#7e22ce',
};

/** A meeting marked on the chart: its kind, and the unit that held it unless it is the city. */
function meetingMark(m: DashboardOut['mobilisations'][number], kinds: Record<MeetingKind, string>): string {
  return m.byCity ? kinds[m.kind] : `${m.unit.name} ${kinds[m.kind]}`;
}
export function DashboardPage() {
  const { t } = useTranslation();
  const { meetingKind } = usePracticeLabels();
  // "Up one level" only where the level above is the reader's to see (not above their own unit).
  const { user, hasRole } = useSession();
  const { code } = useParams();
  // Figures as of another date: kept in the address, so the view can be shared and reloaded.
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const { data, error, loading } = useGet('/api/dashboard', { params: { query: { unit: code, asOf } } });
  // The shown unit's compliance only: the whole tree's is a long list at a few thousand units.
  const compliance = useGet(data ? '/api/four-ones/compliance' : null, {
    params: { query: { unit: data?.unit.code } },
  });
  const statusLabel = useToneLabels();
  // The units one level down, kind by kind (each kind is ranked on its own), for charts and table alike.
  const children = useMemo(() => byKindThenRank(data?.children ?? []), [data]);

  // The decline rate so far, the straight line to the target at the deadline, and where the last
  // 7 days' pace leads by the deadline (on a time axis, so the projection has its true length),
  // with the mobilisation meeting's day marked.
  const trendOption = useMemo<EChartsOption | undefined>(() => {
    if (!data) return undefined;
    const deadline = data.campaign.deadlineOn;
    const lastDate = data.trend.at(-1)?.date;
    const toDeadline = lastDate !== undefined && lastDate < deadline ? [[deadline, data.unit.target]] : [];
    const names = [
      t('Decline rate'),
      t('Straight line to the target'),
      t("Projection at the last 7 days' pace"),
    ];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => format.percent(Number(v)) },
      legend: { top: 0, data: names },
      grid: { left: 56, right: 24, top: 48, bottom: 32 },
      xAxis: { type: 'time', axisLabel: { formatter: '{MM}-{dd}', hideOverlap: true } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => format.percent(v) } },
      series: [
        {
          name: names[0],
          type: 'line',
          data: data.trend.map((p) => [p.date, p.declineRate]),
          color: COLORS.line,
          // The days of the mobilisation meetings (动员会: the city's launched the campaign; a unit's
          // launched it there) and re-mobilisation meetings (再动员会, dashed).
          ...(data.mobilisations.length > 0 && {
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: COLORS.none, type: 'solid' },
              label: { position: 'insideEndTop' },
              data: data.mobilisations.map((m) => ({
                xAxis: m.heldOn,
                label: { formatter: meetingMark(m, meetingKind) },
                ...(m.kind === 'remobilization' && { lineStyle: { type: 'dashed' as const } }),
              })),
            },
          }),
        },
        {
          name: names[1],
          type: 'line',
          data: [...data.trend.map((p) => [p.date, p.trajectory]), ...toDeadline],
          lineStyle: { type: 'dashed' },
          color: COLORS.none,
        },
        {
          name: names[2],
          type: 'line',
          data: data.projection.map((p) => [p.date, p.declineRate]),
          lineStyle: { type: 'dotted', width: 2 },
          color: COLORS.lagging,
        },
      ],
    };
  }, [data, t, meetingKind]);

  const rankingOption = useMemo<EChartsOption | undefined>(
    () =>
      data && {
        tooltip: { trigger: 'axis', valueFormatter: (v) => format.percent(Number(v)) },
        grid: { left: 120, right: 96, top: 16, bottom: 24 },
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v) } },
        yAxis: { type: 'category', inverse: true, data: children.map((u) => u.name) },
        series: [
          {
            ...rankingBars(children, statusLabel, format.percent),
            markLine: {
              symbol: 'none',
              label: { formatter: t('Trajectory'), position: 'insideEndTop' },
              data: [{ xAxis: data.campaign.target * data.elapsedShare }],
            },
          },
        ],
      },
    [data, children, t, statusLabel],
  );

  // Arrests and surrenders of each unit below, stacked: how the captures were made.
  const capturesOption = useMemo<EChartsOption | undefined>(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [t('Arrests'), t('Surrenders')] },
        grid: { left: 120, right: 24, top: 32, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: children.map((u) => u.name) },
        series: (['arrests', 'surrenders'] as const).map((k) => ({
          name: t(k === 'arrests' ? 'Arrests' : 'Surrenders'),
          type: 'bar',
          stack: 'captures',
          color: COLORS[k],
          data: children.map((u) => u.captures[k]),
        })),
      },
    [data, children, t],
  );

  // The homicide decline rate of each unit below beside its overall one (the seed's third measure).
  const homicideOption = useMemo<EChartsOption | undefined>(
    () =>
      data && {
        tooltip: { trigger: 'axis', valueFormatter: (v) => format.percent(v === null ? null : Number(v)) },
        legend: { top: 0, data: [t('Decline rate'), t('Homicide decline rate')] },
        grid: { left: 120, right: 24, top: 32, bottom: 24 },
        xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => format.percent(v) } },
        yAxis: { type: 'category', inverse: true, data: children.map((u) => u.name) },
        series: [
          {
            name: t('Decline rate'),
            type: 'bar',
            color: COLORS.line,
            data: children.map((u) => u.declineRate),
          },
          {
            name: t('Homicide decline rate'),
            type: 'bar',
            color: COLORS.homicide,
            data: children.map((u) => u.homicide.declineRate),
          },
        ],
      },
    [data, children, t],
  );

  const compositionOption = useMemo<EChartsOption | undefined>(
    () =>
      data && {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '70%'],
            // The name, and the count and share on a line of their own: on a phone a long name
            // wraps instead of being cut off with the numbers.
            label: { formatter: '{b}\n{c} ({d}%)', overflow: 'break' },
            data: (['arrest', 'surrender', 'death', 'cancellation'] as const).map((k) => ({
              name: t(KIND_LABELS[k]),
              value: data.composition[k],
            })),
          },
        ],
      },
    [data, t],
  );

  if (error) return <ErrorNote error={error} />;
  if (!data || !trendOption || !rankingOption || !compositionOption || !capturesOption || !homicideOption)
    return <Loading />;
  const u = data.unit;
  const chartHeight = Math.max(200, children.length * 28 + 60);
  const unitCompliance = compliance.data?.units.find((c) => c.code === u.code);

  return (
    <div className="dashboard" aria-busy={loading}>
      <div className="page-head">
        <h1>
          {u.name} · {data.campaign.name}
          {data.provisional && (
            <span className="badge provisional" data-testid="provisional">
              {t('Provisional: the baseline is not frozen yet')}
            </span>
          )}
        </h1>
        <div className="actions">
          {u.parent && (u.code !== user?.unit.code || hasRole(...CITY_LEVEL_ROLES)) && (
            <Link to={`/units/${u.parent}`} className="button">
              {t('Up one level')}
            </Link>
          )}
          <label className="as-of">
            {t('Figures as of')}
            <input
              type="date"
              value={data.asOf}
              min={data.campaign.startOn}
              onChange={(e) => setParams(e.target.value ? { asOf: e.target.value } : {})}
            />
          </label>
          {asOf && (
            <button type="button" onClick={() => setParams({})}>
              {t('Today')}
            </button>
          )}
          <Link to={code ? `/wall?unit=${code}` : '/wall'} className="button">
            {t('Open the wall')}
          </Link>
        </div>
      </div>
      <section className="kpis" aria-label={t('Headline figures')}>
        <Kpi
          label={t('Days left')}
          value={format.number(data.daysLeft)}
          note={`${t('Deadline')} ${format.date(data.campaign.deadlineOn)}`}
        />
        <Kpi
          label={t('Decline rate')}
          value={format.percent(u.declineRate)}
          note={`${t('Target')} ${format.percent(u.target)} · ${t('Trajectory')} ${format.percent(u.target * data.elapsedShare)}`}
          tone={toneOf(u)}
        />
        <Kpi
          label={t('To the target')}
          value={format.number(u.pace.remaining)}
          note={<PaceLine pace={u.pace} deadlineOn={data.campaign.deadlineOn} />}
          tone={
            u.pace.projectedOn !== null && u.pace.projectedOn <= data.campaign.deadlineOn
              ? 'onTrack'
              : 'lagging'
          }
          testId="pace-tile"
        />
        <Kpi
          label={t('Cleared / baseline')}
          value={`${format.number(u.cleared)} / ${format.number(u.baseline)}`}
          note={`${t('Still listed')} ${format.number(u.activeNow)}`}
        />
        <Kpi
          label={t('Net decline rate')}
          value={format.percent(u.netDeclineRate)}
          note={t('Includes new listings')}
        />
        <Kpi
          label={t('Captures')}
          value={format.number(u.captures.local + u.captures.remote)}
          note={`${t('Arrests')} ${format.number(u.captures.arrests)} · ${t('Surrenders')} ${format.number(u.captures.surrenders)} · ${t('Remote captures')} ${format.number(u.captures.remote)}`}
        />
        <Kpi
          label={t('Homicide fugitives')}
          value={format.percent(u.homicide.declineRate)}
          note={`${t('Cleared / baseline')} ${format.number(u.homicide.cleared)} / ${format.number(u.homicide.baseline)} · ${t('Captures')} ${format.number(u.homicide.captures)}`}
          tone="homicide"
          testId="homicide-tile"
        />
        <Kpi
          label={t('New listings')}
          value={format.number(u.newListings)}
          note={t('Listed since launch, outside the baseline')}
        />
        <Kpi
          label={t('Cancellations')}
          value={format.number(u.cancellations)}
          note={t('Shown apart, not counted')}
        />
        <Kpi
          label={t('Four ones complete')}
          value={unitCompliance ? format.percent(unitCompliance.completeShare) : '—'}
          note={unitCompliance ? `${unitCompliance.complete} / ${unitCompliance.fugitives}` : ''}
        />
      </section>
      <div className="grid-2">
        <section className="panel">
          <h2>{t('Decline rate over time')}</h2>
          <Chart option={trendOption} label={t('Decline rate over time')} />
          {data.mobilisations.length > 0 && (
            <ul className="muted small" data-testid="timeline-meetings" aria-label={t('Meetings marked')}>
              {data.mobilisations.map((m) => (
                <li key={`${m.heldOn}-${m.unit.code}-${m.kind}`}>
                  {format.date(m.heldOn)} · {meetingMark(m, meetingKind)} · {m.title}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel">
          <h2>{t('How the baseline left the list')}</h2>
          <Chart option={compositionOption} label={t('How the baseline left the list')} />
        </section>
      </div>
      {children.length > 0 && (
        <section className="panel">
          <h2>{t('Ranking of units')}</h2>
          <Chart
            option={rankingOption}
            label={t('Ranking of units')}
            height={Math.max(200, children.length * 28 + 40)}
          />
          <RankingTable units={children} />
        </section>
      )}
      {children.length > 0 && (
        <div className="grid-2">
          <section className="panel">
            <h2>{t('Captures by unit: arrests and surrenders')}</h2>
            <Chart
              option={capturesOption}
              label={t('Captures by unit: arrests and surrenders')}
              height={chartHeight}
            />
          </section>
          <section className="panel">
            <h2>{t('Homicide fugitives by unit')}</h2>
            <Chart option={homicideOption} label={t('Homicide fugitives by unit')} height={chartHeight} />
          </section>
        </div>
      )}
      {data.zeroResultUnits.length > 0 && (
        <section className="panel">
          <h2>{t('Zero-result units')}</h2>
          <ul className="chips">
            {data.zeroResultUnits.map((z) => (
              <li key={z.code}>
                <Link to={`/units/${z.code}`}>{z.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {code && <UnitTasks unit={code} />}
    </div>
  );
}

const KIND_LABELS = {
  arrest: 'Arrest',
  surrender: 'Surrender',
  death: 'Death',
  cancellation: 'Cancellation',
} as const;

function RankingTable({ units }: { units: Standing[] }) {
  const { t } = useTranslation();
  const statusLabel = useToneLabels();
  const kindLabel = useUnitKindLabels();
  const columns = useMemo((): Column<Standing>[] => {
    const count = (key: string, header: string, n: (u: Standing) => number): Column<Standing> => ({
      key,
      header,
      value: n,
      text: (u) => format.number(n(u)),
      numeric: true,
    });
    const rate = (key: string, header: string, r: (u: Standing) => number | null): Column<Standing> => ({
      key,
      header,
      value: r,
      text: (u) => format.percent(r(u)),
      numeric: true,
    });
    return [
      { key: 'rank', header: t('Rank'), value: (u) => u.rank },
      {
        key: 'unit',
        header: t('Unit'),
        value: (u) => u.name,
        render: (u) => <Link to={`/units/${u.code}`}>{u.name}</Link>,
      },
      { key: 'kind', header: t('Kind of unit'), value: (u) => kindLabel[u.kind] },
      count('baseline', t('Baseline'), (u) => u.baseline),
      count('cleared', t('Cleared'), (u) => u.cleared),
      rate('declineRate', t('Decline rate'), (u) => u.declineRate),
      rate('target', t('Target'), (u) => u.target),
      count('arrests', t('Arrests'), (u) => u.captures.arrests),
      count('surrenders', t('Surrenders'), (u) => u.captures.surrenders),
      count('remote', t('Remote captures'), (u) => u.captures.remote),
      count('newListings', t('New listings'), (u) => u.newListings),
      rate('homicide', t('Homicide decline rate'), (u) => u.homicide.declineRate),
      count('cancellations', t('Cancellations'), (u) => u.cancellations),
      {
        key: 'reached',
        header: t('Target reached'),
        value: (u) => u.pace.projectedOn,
        text: (u) => projectedText(u.pace, t),
      },
      {
        key: 'status',
        header: t('Status'),
        value: (u) => statusLabel[toneOf(u)],
        render: (u) => <span className={`badge ${toneOf(u)}`}>{statusLabel[toneOf(u)]}</span>,
      },
    ];
  }, [t, statusLabel, kindLabel]);
  return (
    <DataTable
      label={t('Ranking of units')}
      fileName={t('Ranking of units')}
      className="ranking"
      rows={units}
      columns={columns}
      rowKey={(u) => u.code}
    />
  );
}
