import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import type { ReviewGrounds } from '../../areas/reviews/rules.ts';
import { type AnswerOf, client, ok } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

/**
 * Reviews (点评) during the campaign: each week lagging and zero-result units get a review item,
 * owned by a leader, due within 7 days, closed with the reasons found and a catch-up plan.
 * Commanders can run the week's round now; owners (and commanders) close their items.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  const { name, asOf, error } = useCampaign();
  const list = useGet(name ? '/api/campaigns/{campaign}/reviews' : null, {
    params: { path: { campaign: name ?? '' } },
  });
  const round = useAction();
  const [message, setMessage] = useState('');
  const [mineOnly, setMineOnly] = useState(hasRole('leader') && !hasRole('commander'));
  const [closing, setClosing] = useState<number | null>(null);

  if (error) return <ErrorNote error={error} />;
  if (list.error) return <ErrorNote error={list.error} />;
  if (!name || !list.data) return <Loading />;

  const grounds: Record<ReviewGrounds, string> = {
    lagging: t('Lagging behind its target'),
    zero_result: t('Zero results'),
  };
  const items = list.data.items.filter((r) => !mineOnly || r.owner === user?.username);
  const runRound = () =>
    round.run(async () => {
      const result = await ok(
        client.POST('/api/campaigns/{campaign}/reviews/round', { params: { path: { campaign: name } } }),
      );
      setMessage(
        t('Week of {{week}}: {{due}} units to review, {{created}} new review items.', {
          week: format.date(result.weekOf),
          due: result.due,
          created: result.created,
        }),
      );
      list.reload();
    });

  return (
    <div>
      <div className="page-head">
        <h1>{t('Reviews')}</h1>
        <div className="actions">
          {hasRole('leader') && (
            <label className="check">
              <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} />
              {t('Only the reviews I own')}
            </label>
          )}
          {hasRole('commander') && (
            <button type="button" className="primary" disabled={round.busy} onClick={() => void runRound()}>
              {t("Run this week's review round")}
            </button>
          )}
        </div>
      </div>
      <p className="muted">
        {t(
          'During the campaign, every week, each unit below the straight line to its own target and each station or squad with no results gets a review: its owner analyses the reasons with the unit and records a catch-up plan within 7 days.',
        )}
      </p>
      <ErrorNote error={round.error} />
      {message && <p role="status">{message}</p>}
      {items.length === 0 ? (
        <p className="panel muted">{t('No review items.')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('Unit')}</th>
              <th>{t('Grounds')}</th>
              <th className="num">{t('Decline rate')}</th>
              <th className="num">{t('Target')}</th>
              <th>{t('Owner')}</th>
              <th>{t('Due on')}</th>
              <th>{t('Status')}</th>
              <th>{t('Reasons and catch-up plan')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid={`review-${r.unit.code}`}>
                <td>{r.unit.name}</td>
                <td>{grounds[r.grounds]}</td>
                <td className="num">{format.percent(r.declineRate)}</td>
                <td className="num">{format.percent(r.target)}</td>
                <td>{r.owner ?? '—'}</td>
                <td>
                  {format.date(r.dueOn)}
                  {r.status === 'open' && asOf && r.dueOn < asOf && (
                    <strong className="error-title"> {t('Overdue')}</strong>
                  )}
                </td>
                <td>{r.status === 'open' ? t('Open') : t('Closed')}</td>
                <td>
                  {r.status === 'closed' ? (
                    <>
                      <div>{r.reasons}</div>
                      <div className="muted">{r.catchUpPlan}</div>
                    </>
                  ) : closing === r.id ? (
                    <CloseForm
                      review={r}
                      onDone={() => {
                        setClosing(null);
                        setMessage(t('Review closed.'));
                        list.reload();
                      }}
                    />
                  ) : null}
                </td>
                <td>
                  {r.status === 'open' &&
                    closing !== r.id &&
                    (hasRole('commander') || r.owner === user?.username) && (
                      <button type="button" onClick={() => setClosing(r.id)}>
                        {t('Close')}
                      </button>
                    )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type ReviewOut = AnswerOf<'/api/campaigns/{campaign}/reviews'>['items'][number];

function CloseForm({ review, onDone }: { review: ReviewOut; onDone: () => void }) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState('');
  const [catchUpPlan, setCatchUpPlan] = useState('');
  const { busy, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const close = () =>
      ok(
        client.POST('/api/reviews/{id}/close', {
          params: { path: { id: review.id } },
          body: { reasons, catchUpPlan },
        }),
      );
    if (await run(close)) onDone();
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('Close the review')}>
      <label>
        {t('Reasons found with the unit')}
        <LimitedTextarea
          limit={LIMITS.reason}
          rows={3}
          value={reasons}
          onChange={(e) => setReasons(e.target.value)}
        />
        <FieldError error={error} field="reasons" />
      </label>
      <label>
        {t('Catch-up plan')}
        <LimitedTextarea
          limit={LIMITS.reason}
          rows={3}
          value={catchUpPlan}
          onChange={(e) => setCatchUpPlan(e.target.value)}
        />
        <FieldError error={error} field="catchUpPlan" />
      </label>
      {error && !error.field && <ErrorNote error={error} />}
      <button type="submit" className="primary" disabled={busy}>
        {t('Close the review')}
      </button>
    </form>
  );
}
