import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../api.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import '../workflow.css';

/** The signed-in user's own settings: the e-mail address and the daily digest of reminders. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const settings = useGet('/api/account/digest');
  const save = useAction();
  const [email, setEmail] = useState('');
  const [digest, setDigest] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setEmail(settings.data.email ?? '');
    setDigest(settings.data.digest);
  }, [settings.data]);

  if (settings.error) return <ErrorNote error={settings.error} />;
  if (!settings.data) return <Loading />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const done = await save.run(() =>
      ok(client.PUT('/api/account/digest', { body: { email: email.trim() || null, digest } })),
    );
    if (done) {
      setSaved(true);
      settings.reload();
    }
  }
  const emailError = save.error?.field === 'email';

  return (
    <div>
      <div className="page-head">
        <h1>
          {t('Your account')}{' '}
          <span className="muted">
            · {user?.displayName} · {user?.unit.name}
          </span>
        </h1>
      </div>
      <section className="panel">
        <h2>{t('Daily digest by e-mail')}</h2>
        <p className="muted">
          {t(
            'Once a day, what needs you (the list of the notification centre) is mailed to this address, if you ask for it and the server is set up to send e-mail.',
          )}
        </p>
        <form
          className="stack"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-label={t('Daily digest by e-mail')}
        >
          <div className="field">
            <label htmlFor="account-email">{t('E-mail address')}</label>
            <input
              id="account-email"
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailError || undefined}
              aria-describedby="email-error"
            />
            <FieldError error={save.error} field="email" />
          </div>
          <label className="check">
            <input
              type="checkbox"
              name="digest"
              checked={digest}
              onChange={(e) => setDigest(e.target.checked)}
            />
            {t('Mail me the daily digest of my reminders')}
          </label>
          {!emailError && <ErrorNote error={save.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              {t('Save')}
            </button>
            {saved && (
              <span role="status" className="muted">
                {t('Saved.')}
              </span>
            )}
          </div>
        </form>
      </section>
    </div>
  );
}
