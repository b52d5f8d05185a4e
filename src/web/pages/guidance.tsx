import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { client, ok } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { TasksTable } from '../components/tasks-table.tsx';
import { format } from '../i18n.ts';
import { formText } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

/**
 * Guidance visits (党委成员指导联系点): every liaison unit with its visits and those not visited
 * within the campaign's interval; a leader records a visit with its decisions as tasks. With
 * `leader`, one leader's part only (the leader page).
 */
export function GuidancePanel({ leader }: { leader?: string }) {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  const { name, asOf, error } = useCampaign();
  const campaign = { campaign: name ?? '' };
  const view = useGet(name ? '/api/campaigns/{campaign}/guidance' : null, {
    params: { path: campaign, query: { leader } },
  });
  const action = useAction();
  const [message, setMessage] = useState('');

  if (error) return <ErrorNote error={error} />;
  if (!name || !view.data) return <Loading />;
  const g = view.data;
  const mine = g.liaisons.filter((l) => l.leader.username === user?.username);

  function visit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const task = formText(f, 'task');
    const unitCode = formText(f, 'unitCode');
    const body = {
      unitCode,
      visitedOn: formText(f, 'visitedOn'),
      findings: formText(f, 'findings'),
      tasks: task
        ? [
            {
              title: task,
              owner: formText(f, 'owner') || user!.username,
              unitCode,
              dueOn: formText(f, 'dueOn'),
            },
          ]
        : [],
    };
    void action
      .run(() => ok(client.POST('/api/campaigns/{campaign}/visits', { params: { path: campaign }, body })))
      .then((ok) => ok && (form.reset(), setMessage(t('Visit recorded.')), view.reload()));
  }
  function setInterval(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const days = Number(formText(new FormData(e.currentTarget), 'days'));
    void action
      .run(() =>
        ok(
          client.PUT('/api/campaigns/{campaign}/guidance-settings', {
            params: { path: campaign },
            body: { visitIntervalDays: days },
          }),
        ),
      )
      .then((ok) => ok && (setMessage(t('Interval saved.')), view.reload()));
  }
  const waiting = g.liaisons.filter((l) => l.overdue);

  return (
    <section className="panel" aria-label={t('Guidance visits')}>
      <h2>{t('Guidance visits')}</h2>
      <ErrorNote error={action.error} />
      {message && <p role="status">{message}</p>}
      <p>
        {t('A liaison unit is flagged when not visited for {{days}} days.', { days: g.intervalDays })}{' '}
        <b>{t('{{count}} liaison units wait for a visit.', { count: waiting.length })}</b>
      </p>
      {hasRole('commander') && !leader && (
        <form className="row" onSubmit={setInterval}>
          <label>
            {t('Days between visits')}
            <input name="days" type="number" min={1} max={365} defaultValue={g.intervalDays} />
          </label>
          <button type="submit" disabled={action.busy}>
            {t('Save')}
          </button>
        </form>
      )}
      {g.liaisons.length === 0 ? (
        <p className="muted">{t('No liaison units set.')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('Leader')}</th>
              <th scope="col">{t('Liaison unit')}</th>
              <th scope="col">{t('Visits')}</th>
              <th scope="col">{t('Last visit')}</th>
              <th scope="col">{t('Days since')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {g.liaisons.map((l) => (
              <tr key={`${l.leader.username}-${l.unit.code}`} data-unit={l.unit.code}>
                <td>{l.leader.displayName}</td>
                <td>{l.unit.name}</td>
                <td className="num">{l.visits}</td>
                <td>{l.lastVisitOn ? format.date(l.lastVisitOn) : t('Never visited')}</td>
                <td className="num">{l.daysSince}</td>
                <td>{l.overdue && <span className="badge zero">{t('Visit due')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRole('leader') && mine.length > 0 && (!leader || leader === user?.username) && (
        <details>
          <summary>{t('Record a visit')}</summary>
          <form className="stack" onSubmit={visit} aria-label={t('Record a visit')}>
            <label>
              {t('Liaison unit')}
              <select name="unitCode">
                {mine.map((l) => (
                  <option key={l.unit.code} value={l.unit.code}>
                    {l.unit.name}
                  </option>
                ))}
              </select>
              <FieldError error={action.error} field="unitCode" />
            </label>
            <label>
              {t('Date')}
              <input name="visitedOn" type="date" required defaultValue={asOf} />
              <FieldError error={action.error} field="visitedOn" />
            </label>
            <label>
              {t('What was found')}
              <LimitedTextarea name="findings" limit={LIMITS.report} required rows={3} />
            </label>
            <label>
              {t('Decision (a task for the unit)')}
              <input name="task" maxLength={LIMITS.title} />
            </label>
            <label>
              {t('Owner (user name)')}
              <input name="owner" maxLength={LIMITS.name} placeholder={user?.username} />
            </label>
            <label>
              {t('Due')}
              <input name="dueOn" type="date" defaultValue={asOf} />
            </label>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('Record visit')}
            </button>
          </form>
        </details>
      )}
      <h3>{t('Visits')}</h3>
      {g.visits.length === 0 && <p className="muted">{t('No visit recorded yet.')}</p>}
      {g.visits.map((v) => (
        <article key={v.id} className="visit">
          <p>
            <b>{format.date(v.visitedOn)}</b> · {v.leader.displayName} → {v.unit.name}: {v.findings}
          </p>
          {v.tasks.length > 0 && <TasksTable tasks={v.tasks} onChanged={view.reload} />}
        </article>
      ))}
    </section>
  );
}

/** The city's view of guidance visits. */
export function GuidancePage() {
  const { t } = useTranslation();
  return (
    <div>
      <div className="page-head">
        <h1>{t('Guidance of liaison units')}</h1>
      </div>
      <GuidancePanel />
    </div>
  );
}
