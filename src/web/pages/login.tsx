import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorNote } from '../components/notes.tsx';
import { type Language, setLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await signIn(username, password);
    } catch (err) {
      setError(err instanceof ApiError ? err : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{t('Qingwang campaign command')}</h1>
        <label>
          {t('User name')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('Password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t('Sign in')}
        </button>
        <select
          value={i18n.language}
          onChange={(e) => setLanguage(e.target.value as Language)}
          aria-label={t('Language')}
        >
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </form>
    </main>
  );
}
