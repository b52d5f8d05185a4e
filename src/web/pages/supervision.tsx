import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, ApiError, client, ok } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { asApiError } from '../use-action.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { formText } from '../practices.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

type Proposal = AnswerOf<'/api/campaigns/{campaign}/notice-proposals'>['proposals'][number];

/** Supervision: inspection records, and praise and criticism proposed from the standings. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const { name, asOf, error } = useCampaign();
  const path = { campaign: name ?? '' };
  const inspections = useGet('/api/inspections');
  const notices = useGet(name ? '/api/campaigns/{campaign}/notices' : null, { params: { path } });
  const mayPropose = hasRole('commander', 'inspector');
  const proposals = useGet(mayPropose && name ? '/api/campaigns/{campaign}/notice-proposals' : null, {
    params: { path },
  });
  const [failure, setFailure] = useState<ApiError>();
  const [message, setMessage] = useState('');

  if (error) return <ErrorNote error={error} />;
  if (!name || !inspections.data || !notices.data) return <Loading />;

  async function act(work: () => Promise<unknown>, done: string, reload: () => void) {
    setFailure(undefined);
    try {
      await work();
      setMessage(done);
      reload();
    } catch (e) {
      setFailure(asApiError(e));
    }
  }
  function record(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      unitCode: formText(form, 'unitCode'),
      inspectedOn: formText(form, 'inspectedOn'),
      findings: formText(form, 'findings'),
      followUp: formText(form, 'followUp'),
    };
    void act(
      () => ok(client.POST('/api/inspections', { body })),
      t('Inspection recorded.'),
      inspections.reload,
    );
  }
  function issue(p: Proposal) {
    const suggested =
      p.kind === 'praise'
        ? t('{{unit}} is ahead of schedule (decline rate {{rate}}): praised.', {
            unit: p.name,
            rate: format.percent(p.declineRate),
          })
        : t(
            '{{unit}} is behind schedule (decline rate {{rate}}): criticised, to analyse the causes and catch up.',
            {
              unit: p.name,
              rate: format.percent(p.declineRate),
            },
          );
    const text = window.prompt(t('Text of the notice'), suggested);
    if (text)
      void act(
        () =>
          ok(
            client.POST('/api/campaigns/{campaign}/notices', {
              params: { path },
              body: { unitCode: p.code, kind: p.kind, text },
            }),
          ),
        t('Notice issued.'),
        notices.reload,
      );
  }
  const grounds: Record<Proposal['grounds'], string> = {
    target_reached: t('Target reached'),
    ahead_of_schedule: t('Ahead of schedule'),
    lagging: t('Behind schedule'),
    zero_result: t('Zero results'),
  };
  return (
    <div>
      <div className="page-head">
        <h1>{t('Supervision')}</h1>
      </div>
      <ErrorNote error={failure} />
      {message && <p role="status">{message}</p>}
      <div className="grid-2">
        <section className="panel">
          <h2>{t('Praise and criticism')}</h2>
          {notices.data.length === 0 && <p className="muted">{t('No notice issued yet.')}</p>}
          <ul>
            {notices.data.map((n) => (
              <li key={n.id}>
                <span className={`badge ${n.kind === 'praise' ? 'onTrack' : 'lagging'}`}>
                  {n.kind === 'praise' ? t('Praise') : t('Criticism')}
                </span>{' '}
                <b>{n.unit.name}</b> · {format.date(n.issuedOn)} — {n.text}
              </li>
            ))}
          </ul>
          {proposals.data && (
            <>
              <h3>
                {t('Proposed from the standings of {{date}}', { date: format.date(proposals.data.asOf) })}
              </h3>
              <table>
                <tbody>
                  {proposals.data.proposals.map((p) => (
                    <tr key={`${p.code}-${p.kind}`}>
                      <td>
                        <span className={`badge ${p.kind === 'praise' ? 'onTrack' : 'lagging'}`}>
                          {p.kind === 'praise' ? t('Praise') : t('Criticism')}
                        </span>
                      </td>
                      <td>{p.name}</td>
                      <td>{grounds[p.grounds]}</td>
                      <td className="num">{format.percent(p.declineRate)}</td>
                      <td>
                        {hasRole('commander') && (
                          <button type="button" onClick={() => issue(p)}>
                            {t('Issue')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
        <section className="panel">
          <h2>{t('Inspections')}</h2>
          {hasRole('inspector') && (
            <form className="stack" onSubmit={record}>
              <label>
                {t('Unit code')}
                <input name="unitCode" required maxLength={LIMITS.code} />
                <FieldError error={failure} field="unitCode" />
              </label>
              <label>
                {t('Date')}
                <input name="inspectedOn" type="date" required defaultValue={asOf} />
              </label>
              <label>
                {t('Findings')}
                <LimitedTextarea name="findings" limit={LIMITS.report} required rows={3} />
              </label>
              <label>
                {t('Follow-up')}
                <LimitedTextarea name="followUp" limit={LIMITS.report} rows={2} />
              </label>
              <button type="submit" className="primary">
                {t('Record inspection')}
              </button>
            </form>
          )}
          <table>
            <thead>
              <tr>
                <th>{t('Date')}</th>
                <th>{t('Unit')}</th>
                <th>{t('Findings')}</th>
                <th>{t('Follow-up')}</th>
              </tr>
            </thead>
            <tbody>
              {inspections.data.map((i) => (
                <tr key={i.id}>
                  <td>{format.date(i.inspectedOn)}</td>
                  <td>{i.unit.name}</td>
                  <td>{i.findings}</td>
                  <td>{i.followUp ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
