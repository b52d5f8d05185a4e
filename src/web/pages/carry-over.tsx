import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnswerOf, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { ErrorNote, FieldError } from '../components/notes.tsx';
import i18n, { format } from '../i18n.ts';
import { useAction } from '../use-action.ts';

type Result = AnswerOf<'/api/campaigns/{campaign}/continue', 'post'>;

/**
 * Carry-over (结转), the last measure of the year end: a commander creates next year's follow-on
 * campaign, whose frozen baseline is every still-active baseline person of the units below their
 * own target at the year end. Asked to confirm first: it creates a campaign and cannot be undone.
 */
export function CarryOver({ campaign, units }: { campaign: string; units: string[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [startOn, setStartOn] = useState('');
  const [deadlineOn, setDeadlineOn] = useState('');
  const [result, setResult] = useState<Result>();
  const { busy, error, run } = useAction();
  const { dialog, ask } = useConfirm();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const yes = await ask({
      title: t('Carry the task over to {{name}}?', { name }),
      body: t(
        'A new campaign {{name}} from {{start}} to {{deadline}} is created. Its baseline is frozen at once: every person of the baseline of {{campaign}} who is still at large, in the units below their own target at the year end ({{units}}). It cannot be undone.',
        {
          name,
          start: format.date(startOn),
          deadline: format.date(deadlineOn),
          campaign,
          units: units.length > 0 ? new Intl.ListFormat(i18n.language).format(units) : t('none'),
        },
      ),
      confirm: t('Carry over'),
    });
    if (!yes) return;
    await run(async () => {
      setResult(
        await ok(
          client.POST('/api/campaigns/{campaign}/continue', {
            params: { path: { campaign } },
            body: { name, startOn, deadlineOn },
          }),
        ),
      );
    });
  }

  return (
    <section className="panel" aria-label={t('Carry-over')}>
      <h2>{t('Carry-over')}</h2>
      <p className="muted">
        {t(
          "After the year end, the units below their own target carry their task over: next year's campaign takes their baseline persons who are still at large.",
        )}
      </p>
      {result ? (
        <p role="status">
          {t('Campaign {{name}} created: {{persons}} persons carried over from {{units}} units.', {
            name: result.campaign,
            persons: format.number(result.persons),
            units: format.number(result.units.length),
          })}
        </p>
      ) : (
        <form className="row" onSubmit={(e) => void submit(e)}>
          <label>
            {t('New campaign')}
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
            <FieldError error={error} field="name" />
          </label>
          <label>
            {t('Launch')}
            <input name="startOn" type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} />
            <FieldError error={error} field="startOn" />
          </label>
          <label>
            {t('Deadline')}
            <input
              name="deadlineOn"
              type="date"
              value={deadlineOn}
              onChange={(e) => setDeadlineOn(e.target.value)}
            />
            <FieldError error={error} field="deadlineOn" />
          </label>
          <button
            type="submit"
            className="primary"
            disabled={busy || !name.trim() || !startOn || !deadlineOn}
          >
            {t('Carry over')}
          </button>
        </form>
      )}
      {error && !error.field && <ErrorNote error={error} />}
      {dialog}
    </section>
  );
}
