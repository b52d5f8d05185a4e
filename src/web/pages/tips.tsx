import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useParams } from 'react-router';
import {
  TIP_OUTCOMES,
  TRIAGE_LABELS,
  type TipOutcome,
  type TipStatus,
  type TriageLabel,
} from '../../areas/publicity/rules.ts';
import { type ApiError, client, ok } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { asApiError } from '../use-action.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useNameOf } from '../people.ts';
import { formText, usePracticeLabels } from '../practices.ts';
import { EnterTip, TipReward } from './staff-tips.tsx';
import { useGet } from '../use-api.ts';
import '../publicity.css';
import '../workflow.css';

function useTipLabels() {
  const { t } = useTranslation();
  const status: Record<TipStatus, string> = { new: t('New'), triaged: t('Triaged'), closed: t('Closed') };
  const triage: Record<TriageLabel, string> = {
    credible: t('Credible'),
    needs_info: t('Needs more information'),
    not_credible: t('Not credible'),
    duplicate: t('Duplicate'),
  };
  const outcome: Record<TipOutcome, string> = {
    led_to_clearance: t('Led to a clearance'),
    no_result: t('No result'),
    not_credible: t('Not credible'),
    duplicate: t('Duplicate'),
  };
  return { status, triage, outcome };
}

/** The tip inbox: tips from the public assigned to your units (contact details only on the tip itself). */
export function TipsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<TipStatus | ''>('');
  const tips = useGet('/api/tips', { params: { query: { status: status || undefined } } });
  const labels = useTipLabels();
  const { channel } = usePracticeLabels();
  const nameOf = useNameOf();
  return (
    <div aria-busy={tips.loading}>
      <div className="page-head">
        <h1>{t('Tips from the public')}</h1>
        <div className="actions">
          <a
            className="button"
            href={`/api/tips/entered.xlsx?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}
            download
          >
            {t('Staff-entered tips as Excel')}
          </a>
        </div>
      </div>
      <EnterTip onEntered={tips.reload} />
      <div className="filters">
        <label>
          {t('Status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as TipStatus | '')}>
            <option value="">{t('All')}</option>
            <option value="new">{labels.status.new}</option>
            <option value="triaged">{labels.status.triaged}</option>
            <option value="closed">{labels.status.closed}</option>
          </select>
        </label>
      </div>
      <ErrorNote error={tips.error} />
      {!tips.data ? (
        <Loading />
      ) : tips.data.tips.length === 0 ? (
        <p className="muted">{t('No tips for your units.')}</p>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Received')}</th>
                  <th scope="col">{t('Received by')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col">{t('Assigned unit')}</th>
                  <th scope="col">{t('Person')}</th>
                  <th scope="col">{t('What was seen')}</th>
                </tr>
              </thead>
              <tbody>
                {tips.data.tips.map((tip) => (
                  <tr key={tip.id} data-tip={tip.id}>
                    <td className="nowrap">
                      <Link to={`/tips/${tip.id}`}>{format.dateTime(tip.receivedAt)}</Link>
                    </td>
                    <td>
                      {channel[tip.channel]}
                      {tip.enteredBy && <span className="muted"> · {nameOf(tip.enteredBy)}</span>}
                    </td>
                    <td>
                      {labels.status[tip.status]}
                      {tip.countsAsResult && <span className="badge onTrack"> {t('Result')}</span>}
                    </td>
                    <td>{tip.unit.name}</td>
                    <td>{tip.fugitive ? `${tip.fugitive.name} (${tip.fugitive.listingNo})` : '—'}</td>
                    {/* The public's own words, in whatever language they wrote: not the app's to translate. */}
                    <td translate="no">
                      <Link to={`/tips/${tip.id}`}>
                        {tip.seen.length > 80 ? `${tip.seen.slice(0, 80)}…` : tip.seen}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

/** One tip: triage and link to a case, a follow-up question to the tipster, closing with an outcome. */
export function TipPage() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const id = Number(useParams().id);
  const tip = useGet('/api/tips/{id}', { params: { path: { id } } });
  const labels = useTipLabels();
  const { channel } = usePracticeLabels();
  const [error, setError] = useState<ApiError>();

  async function act(call: () => Promise<unknown>, form?: HTMLFormElement) {
    try {
      await call();
      setError(undefined);
      form?.reset();
      tip.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  function triage(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const listingNo = formText(f, 'listingNo');
    const body = { triage: formText(f, 'triage') as TriageLabel, listingNo: listingNo || null };
    void act(() => ok(client.POST('/api/tips/{id}/triage', { params: { path: { id } }, body })));
  }
  function ask(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = { body: formText(new FormData(e.currentTarget), 'body') };
    const form = e.currentTarget;
    void act(() => ok(client.POST('/api/tips/{id}/questions', { params: { path: { id } }, body })), form);
  }
  function close(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = { outcome: formText(new FormData(e.currentTarget), 'outcome') as TipOutcome };
    void act(() => ok(client.POST('/api/tips/{id}/close', { params: { path: { id } }, body })));
  }

  if (tip.error) return <ErrorNote error={tip.error} />;
  if (!tip.data) return <Loading />;
  const d = tip.data;
  const open = d.status !== 'closed';
  return (
    <div aria-busy={tip.loading}>
      <div className="page-head">
        <h1>
          {t('Tip')} #{d.id} · {labels.status[d.status]}
        </h1>
        <Link to="/tips" className="button">
          {t('All tips')}
        </Link>
      </div>
      <ErrorNote error={error && !error.field ? error : undefined} />
      <section className="panel">
        <dl className="facts">
          <dt>{t('Received')}</dt>
          <dd>{format.dateTime(d.receivedAt)}</dd>
          <dt>{t('Received by')}</dt>
          <dd>
            {channel[d.channel]}
            {d.enteredBy && ` · ${t('entered by {{name}}', { name: nameOf(d.enteredBy) })}`}
          </dd>
          <dt>{t('Assigned unit')}</dt>
          <dd>{d.unit.name}</dd>
          <dt>{t('Person')}</dt>
          <dd>
            {d.fugitive ? (
              <Link to={`/fugitives/${encodeURIComponent(d.fugitive.listingNo)}`}>
                {d.fugitive.name} ({d.fugitive.listingNo})
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('Where')}</dt>
          <dd>{d.where ?? '—'}</dd>
          <dt>{t('When')}</dt>
          <dd>{d.when ?? '—'}</dd>
          {d.triage && (
            <>
              <dt>{t('Triage')}</dt>
              <dd>{labels.triage[d.triage]}</dd>
            </>
          )}
          {d.outcome && (
            <>
              <dt>{t('Outcome')}</dt>
              <dd>
                {labels.outcome[d.outcome]}
                {d.countsAsResult && ` · ${t('counted as a result')}`}
              </dd>
            </>
          )}
          {d.rewardClaimedAt && (
            <>
              <dt>{t('Reward claimed')}</dt>
              <dd>{format.dateTime(d.rewardClaimedAt)}</dd>
            </>
          )}
        </dl>
        <h2>{t('What was seen')}</h2>
        <p className="tip-text" translate="no">
          {d.seen}
        </p>
        <h2>{t('Contact')}</h2>
        {d.contactUnreadable ? (
          <p className="notice">
            {t('The contact details were sealed with an earlier key and cannot be read.')}
          </p>
        ) : d.contactVisible ? (
          d.contact ? (
            <p data-testid="contact">
              {[d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(' · ')}
            </p>
          ) : (
            <p className="muted">{t('The tipster left no contact details.')}</p>
          )
        ) : (
          <p className="muted">
            {d.hasContact
              ? t('Contact details are shown only to officers of the assigned unit.')
              : t('The tipster left no contact details.')}
          </p>
        )}
      </section>
      {d.contactVisible && <TipReward tipId={d.id} ledToResult={d.countsAsResult} />}
      <section className="panel">
        <h2>{t('Messages with the tipster')}</h2>
        {d.messages.length === 0 ? (
          <p className="muted">{t('No messages yet.')}</p>
        ) : (
          <ol>
            {d.messages.map((m, i) => (
              <li key={i}>
                <b>{m.author === 'officer' ? nameOf(m.officer) : t('Tipster')}</b> · {format.dateTime(m.at)}:{' '}
                <span translate="no">{m.body}</span>
              </li>
            ))}
          </ol>
        )}
        {open && (
          <form className="stack" onSubmit={ask}>
            <label>
              {t('Ask the tipster a follow-up question')}
              <LimitedTextarea name="body" limit={LIMITS.reason} required rows={2} />
            </label>
            <div className="actions">
              <button type="submit">{t('Send the question')}</button>
            </div>
          </form>
        )}
      </section>
      {open && (
        <section className="panel">
          <h2>{t('Triage')}</h2>
          <form className="filters" onSubmit={triage}>
            <label>
              {t('Judgement')}
              <select name="triage" defaultValue={d.triage ?? 'credible'}>
                {TRIAGE_LABELS.map((l) => (
                  <option key={l} value={l}>
                    {labels.triage[l]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('Link to case (listing number)')}
              <input name="listingNo" defaultValue={d.fugitive?.listingNo ?? ''} maxLength={LIMITS.code} />
              <FieldError error={error} field="listingNo" />
            </label>
            <button type="submit" className="primary">
              {t('Save triage')}
            </button>
          </form>
          <h2>{t('Close')}</h2>
          <form className="filters" onSubmit={close}>
            <label>
              {t('Outcome')}
              <select name="outcome">
                {TIP_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {labels.outcome[o]}
                  </option>
                ))}
              </select>
              <FieldError error={error} field="outcome" />
            </label>
            <button type="submit">{t('Close the tip')}</button>
          </form>
        </section>
      )}
    </div>
  );
}
