import { useTranslation } from 'react-i18next';
import { useMeasureLabels } from '../accountability.ts';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

/** The year-end assessment table: results, points, deductions and sanctions of every unit. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const labels = useMeasureLabels();
  const { name, error } = useCampaign();
  const table = useGet(name ? '/api/campaigns/{campaign}/assessment' : null, {
    params: { path: { campaign: name ?? '' } },
  });
  if (error) return <ErrorNote error={error} />;
  if (table.error) return <ErrorNote error={table.error} />;
  if (!table.data) return <Loading />;
  const d = table.data;
  return (
    <div>
      <div className="page-head">
        <h1>
          {t('Year-end assessment')} · {d.campaign}
        </h1>
      </div>
      <p className="muted">
        {d.provisional
          ? t('Provisional: figures as of {{date}}; the assessment closes on {{end}}.', {
              date: format.date(d.asOf),
              end: format.date(d.yearEndOn),
            })
          : t('Figures as of the year end, {{date}}.', { date: format.date(d.asOf) })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('Unit')}</th>
            <th className="num">{t('Cleared')}</th>
            <th className="num">{t('Decline rate')}</th>
            <th className="num">{t('Captures')}</th>
            <th className="num">{t('Points')}</th>
            <th className="num">{t('Deductions')}</th>
            <th className="num">{t('Score')}</th>
            <th>{t('Sanctions')}</th>
          </tr>
        </thead>
        <tbody>
          {d.units.map((u) => (
            <tr key={u.code}>
              <td style={{ paddingLeft: `${0.4 + u.depth}em` }}>{u.name}</td>
              <td className="num">{format.number(u.cleared)}</td>
              <td className="num">{format.percent(u.declineRate)}</td>
              <td className="num">{format.number(u.captures)}</td>
              <td className="num">{format.number(u.points)}</td>
              <td className="num">{format.number(u.deductions)}</td>
              <td className="num">{format.number(u.score)}</td>
              <td>{u.sanctions.map((m) => labels.measure[m]).join('；') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
