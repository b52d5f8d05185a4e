import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../components/chart.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useGet } from '../use-api.ts';

const COLORS = { active: '#c2410c', cleared: '#1a7f37' };

/** Leaders take the lead: every leader, the cases they own (包案) and their liaison units (联系点). */
export function LeadersPage() {
  const { t } = useTranslation();
  const { data, error, loading } = useGet('/api/leaders');

  const chartOption = useMemo<EChartsOption | undefined>(
    () =>
      data && {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, data: [t('Still at large'), t('Cleared')] },
        grid: { left: 16, right: 24, top: 36, bottom: 24, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.leaders.map((l) => l.displayName) },
        series: [
          {
            name: t('Still at large'),
            type: 'bar',
            stack: 'cases',
            color: COLORS.active,
            data: data.leaders.map((l) => l.ownedCases.active),
          },
          {
            name: t('Cleared'),
            type: 'bar',
            stack: 'cases',
            color: COLORS.cleared,
            data: data.leaders.map((l) => l.ownedCases.cleared),
          },
        ],
      },
    [data, t],
  );

  if (error) return <ErrorNote error={error} />;
  if (!data || !chartOption) return <Loading />;
  const leaders = data.leaders;
  const totals = leaders.reduce(
    (s, l) => ({ active: s.active + l.ownedCases.active, cleared: s.cleared + l.ownedCases.cleared }),
    { active: 0, cleared: 0 },
  );

  return (
    <div aria-busy={loading}>
      <div className="page-head">
        <h1>{t("Leaders' cases and liaison units")}</h1>
      </div>
      <section className="kpis" aria-label={t('Headline figures')}>
        <div className="kpi">
          <div className="kpi-label">{t('Number of leaders')}</div>
          <div className="kpi-value">{format.number(leaders.length)}</div>
        </div>
        <div className="kpi lagging">
          <div className="kpi-label">{t('Owned cases still at large')}</div>
          <div className="kpi-value">{format.number(totals.active)}</div>
        </div>
        <div className="kpi onTrack">
          <div className="kpi-label">{t('Owned cases cleared')}</div>
          <div className="kpi-value">{format.number(totals.cleared)}</div>
        </div>
      </section>
      {leaders.length === 0 ? (
        <p className="muted">{t('No leader accounts in your units yet.')}</p>
      ) : (
        <>
          <section className="panel">
            <h2>{t('Owned cases per leader')}</h2>
            {totals.active + totals.cleared === 0 && (
              <p className="muted">{t('No leader owns a case yet.')}</p>
            )}
            <Chart
              option={chartOption}
              label={t('Owned cases per leader')}
              height={Math.max(160, leaders.length * 36 + 70)}
            />
          </section>
          <section className="panel">
            <h2>{t('Leaders and their cases')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Leader')}</th>
                  <th scope="col">{t('Unit')}</th>
                  <th scope="col">{t('Liaison units')}</th>
                  <th scope="col" className="num">
                    {t('Still at large')}
                  </th>
                  <th scope="col" className="num">
                    {t('Cleared')}
                  </th>
                  <th scope="col" className="num">
                    {t('Owned cases')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {leaders.map((l) => (
                  <tr key={l.username} data-testid={`leader-${l.username}`}>
                    <td>
                      <Link to={`/leaders/${encodeURIComponent(l.username)}`}>{l.displayName}</Link>
                      {l.disabled && <span className="badge none"> {t('Disabled')}</span>}
                    </td>
                    <td>{l.unit.name}</td>
                    <td>
                      {l.liaisonUnits.length === 0 ? (
                        <span className="muted">{t('None yet')}</span>
                      ) : (
                        <ul className="chips" style={{ margin: 0 }}>
                          {l.liaisonUnits.map((u) => (
                            <li key={u.code}>
                              <Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name}</Link>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num">{format.number(l.ownedCases.active)}</td>
                    <td className="num">{format.number(l.ownedCases.cleared)}</td>
                    <td className="num">{format.number(l.ownedCases.active + l.ownedCases.cleared)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
