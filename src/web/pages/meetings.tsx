import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { MEETING_KINDS, type MeetingKind } from '../../areas/meetings/rules.ts';
import { client, ok, upload } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { TasksTable } from '../components/tasks-table.tsx';
import { format } from '../i18n.ts';
import { formText, usePracticeLabels } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

interface TaskDraft {
  title: string;
  owner: string;
  unitCode: string;
  dueOn: string;
}

/** Codes typed with commas, spaces or 、 between them. */
const codes = (text: string) => text.split(/[\s,，、]+/).filter(Boolean);

/** Meetings (动员会, 点评会, the weekly command meeting): minutes, scan, and their decisions as tasks. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const { name, asOf, error } = useCampaign();
  const campaign = { campaign: name ?? '' };
  const meetings = useGet(name ? '/api/campaigns/{campaign}/meetings' : null, { params: { path: campaign } });
  const l = usePracticeLabels();
  const action = useAction();
  const [tasks, setTasks] = useState<TaskDraft[]>([]);
  const [message, setMessage] = useState('');

  if (error) return <ErrorNote error={error} />;
  if (!name || !meetings.data) return <Loading />;
  const mayRecord = hasRole('commander', 'leader');

  function record(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = {
      kind: formText(f, 'kind') as MeetingKind,
      heldOn: formText(f, 'heldOn'),
      title: formText(f, 'title'),
      chair: formText(f, 'chair'),
      attendingUnits: codes(formText(f, 'attendingUnits')),
      minutes: formText(f, 'minutes'),
      tasks,
    };
    void action
      .run(() => ok(client.POST('/api/campaigns/{campaign}/meetings', { params: { path: campaign }, body })))
      .then((ok) => {
        if (!ok) return;
        form.reset();
        setTasks([]);
        setMessage(t('Meeting recorded.'));
        meetings.reload();
      });
  }
  function attach(id: number, file: File | undefined) {
    if (!file) return;
    const body = new FormData();
    body.append('file', file);
    void action
      .run(() => upload('/api/meetings/{id}/document', { path: { id } }, body))
      .then((ok) => ok && (setMessage(t('Scan attached.')), meetings.reload()));
  }
  const setTask = (i: number, patch: Partial<TaskDraft>) =>
    setTasks((all) => all.map((task, j) => (j === i ? { ...task, ...patch } : task)));

  return (
    <div>
      <div className="page-head">
        <h1>{t('Meetings')}</h1>
      </div>
      <ErrorNote error={action.error} />
      {message && <p role="status">{message}</p>}
      {mayRecord && (
        <details className="panel">
          <summary>{t('Record a meeting')}</summary>
          <form className="stack" onSubmit={record} aria-label={t('Record a meeting')}>
            <label>
              {t('Kind')}
              <select name="kind">
                {MEETING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {l.meetingKind[k]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('Date')}
              <input name="heldOn" type="date" required defaultValue={asOf} />
              <FieldError error={action.error} field="heldOn" />
            </label>
            <label>
              {t('Title')}
              <input name="title" required maxLength={LIMITS.title} />
            </label>
            <label>
              {t('Chair')}
              <input name="chair" required maxLength={LIMITS.name} />
            </label>
            <label>
              {t('Attending units (codes)')}
              <input name="attendingUnits" placeholder="630102, 630103" />
            </label>
            <label>
              {t('Minutes')}
              <LimitedTextarea name="minutes" limit={LIMITS.document} required rows={4} />
            </label>
            <fieldset>
              <legend>{t('Decisions as tasks')}</legend>
              {tasks.map((task, i) => (
                <div className="row" key={i}>
                  <input
                    aria-label={t('Task')}
                    placeholder={t('Task')}
                    maxLength={LIMITS.title}
                    value={task.title}
                    onChange={(e) => setTask(i, { title: e.target.value })}
                  />
                  <input
                    aria-label={t('Owner (user name)')}
                    placeholder={t('Owner (user name)')}
                    maxLength={LIMITS.name}
                    value={task.owner}
                    onChange={(e) => setTask(i, { owner: e.target.value })}
                  />
                  <input
                    aria-label={t('Unit code')}
                    placeholder={t('Unit code')}
                    maxLength={LIMITS.code}
                    value={task.unitCode}
                    onChange={(e) => setTask(i, { unitCode: e.target.value })}
                  />
                  <input
                    aria-label={t('Due')}
                    type="date"
                    value={task.dueOn}
                    onChange={(e) => setTask(i, { dueOn: e.target.value })}
                  />
                  <FieldError error={action.error} field={`tasks.${i}.dueOn`} />
                </div>
              ))}
              <button
                type="button"
                onClick={() =>
                  setTasks((all) => [...all, { title: '', owner: '', unitCode: '', dueOn: asOf ?? '' }])
                }
              >
                {t('Add a task')}
              </button>
            </fieldset>
            <button type="submit" className="primary" disabled={action.busy}>
              {t('Record meeting')}
            </button>
          </form>
        </details>
      )}
      {meetings.data.meetings.length === 0 && <p className="muted">{t('No meeting recorded yet.')}</p>}
      {meetings.data.meetings.map((m) => (
        <section className="panel" key={m.id} aria-label={m.title}>
          <h2>
            <span className="badge info">{l.meetingKind[m.kind]}</span> {m.title}
          </h2>
          <p className="muted">
            {format.date(m.heldOn)} · {t('Chair')}: {m.chair} · {m.unit.name}
            {m.attendingUnits.length > 0 && (
              <>
                {' '}
                · {t('Attending')}: {m.attendingUnits.map((u) => u.name).join(t(', '))}
              </>
            )}
          </p>
          <p className="minutes">{m.minutes}</p>
          <p>
            {m.document ? (
              <a href={`/api/meetings/${m.id}/document`} download>
                {t('Scanned minutes')}: {m.document.name}
              </a>
            ) : (
              <span className="muted">{t('No scan attached.')}</span>
            )}
            {mayRecord && (
              <label className="inline">
                {' '}
                {t('Attach scan')}
                <input
                  type="file"
                  accept="application/pdf,image/png,image/jpeg"
                  onChange={(e) => attach(m.id, e.target.files?.[0])}
                />
              </label>
            )}
          </p>
          <h3>{t('Tasks')}</h3>
          <TasksTable tasks={m.tasks} onChanged={meetings.reload} />
        </section>
      ))}
    </div>
  );
}
