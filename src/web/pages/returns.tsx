import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SubmissionState, mayConfirm } from '../../areas/returns/rules.ts';
import { client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';

const BADGE: Record<SubmissionState, string> = {
  submitted: 'onTrack',
  late: 'lagging',
  missing: 'zero',
  due: 'none',
};

/**
 * Daily and weekly returns (日报/周报): where each reporting unit's return stands against the
 * cut-off, each return to download as Word or Excel, and the leader's confirmation of their own.
 */
export function ReturnsPage() {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const { user } = useSession();
  const { campaign, asOf, error } = useCampaign();
  const [period, setPeriod] = useState<'daily' | 'weekly'>('daily');
  const [date, setDate] = useState('');
  const on = date || asOf || '';
  const overview = useGet(campaign && on ? '/api/campaigns/{campaign}/returns' : null, {
    params: { path: { campaign: campaign?.name ?? '' }, query: { period, on } },
  });
  const { busy, error: failure, run } = useAction();
  const { dialog, ask } = useConfirm();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const states: Record<SubmissionState, string> = {
    submitted: t('Submitted'),
    late: t('Submitted late'),
    missing: t('Not submitted'),
    due: t('Due'),
  };

  if (error) return <ErrorNote error={error} />;
  if (!campaign || !user) return <Loading />;
  const base = `/api/campaigns/${encodeURIComponent(campaign.name)}/returns`;
  const confirm = async (unit: string, name: string) => {
    const yes = await ask({
      title: t('Confirm as submitted'),
      body: t('The {{period}} return of {{unit}} for {{date}} is recorded as submitted, in your name.', {
        period: period === 'daily' ? t('Daily return') : t('Weekly return (seven days to the date)'),
        unit: name,
        date: on,
      }),
      confirm: t('Confirm as submitted'),
    });
    if (!yes) return;
    await run(() =>
      ok(
        client.POST('/api/campaigns/{campaign}/returns/{unit}/confirm', {
          params: { path: { campaign: campaign.name, unit }, query: { period, on } },
        }),
      ),
    ).then((done) => done && overview.reload());
  };

  return (
    <div>
      {dialog}
      <div className="page-head">
        <h1>{t('Daily and weekly returns')}</h1>
      </div>
      <section className="panel">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('Return')}
            <select value={period} onChange={(e) => setPeriod(e.target.value as 'daily' | 'weekly')}>
              <option value="daily">{t('Daily return')}</option>
              <option value="weekly">{t('Weekly return (seven days to the date)')}</option>
            </select>
          </label>
          <label>
            {t('Date')}
            <input type="date" value={on} max={asOf} onChange={(e) => setDate(e.target.value)} />
          </label>
        </form>
        <ErrorNote error={failure ?? overview.error} />
        {!overview.data ? (
          <Loading />
        ) : (
          <>
            <p className="muted">
              {t('Due by {{cutoff}} on the day ({{at}}).', {
                cutoff: overview.data.cutoff,
                at: format.dateTime(overview.data.dueAt),
              })}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Unit')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col">{t('Confirmed by')}</th>
                  <th scope="col">{t('Download')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {overview.data.units.map((u) => {
                  const query = `period=${period}&on=${on}`;
                  return (
                    <tr key={u.code} data-unit={u.code}>
                      <td>{u.name}</td>
                      <td>
                        <span className={`badge ${BADGE[u.state]}`}>{states[u.state]}</span>
                      </td>
                      <td>
                        {u.submission
                          ? `${nameOf(u.submission.by)} · ${format.dateTime(u.submission.at)}`
                          : '—'}
                      </td>
                      <td>
                        <a
                          className="button"
                          href={`${base}/${encodeURIComponent(u.code)}/file?format=docx&${query}`}
                          download
                        >
                          Word
                        </a>{' '}
                        <a
                          className="button"
                          href={`${base}/${encodeURIComponent(u.code)}/file?format=pdf&${query}`}
                          download
                        >
                          {t('Official PDF')}
                        </a>{' '}
                        <a
                          className="button"
                          href={`${base}/${encodeURIComponent(u.code)}/file?format=xlsx&lang=${lang}&${query}`}
                          download
                        >
                          Excel
                        </a>
                      </td>
                      <td>
                        {!u.submission &&
                          mayConfirm(
                            { unit: user.unit.code, roles: user.roles },
                            { id: u.code, top: u.top },
                          ) && (
                            <button
                              type="button"
                              className="primary"
                              disabled={busy}
                              onClick={() => void confirm(u.code, u.name)}
                            >
                              {t('Confirm as submitted')}
                            </button>
                          )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
