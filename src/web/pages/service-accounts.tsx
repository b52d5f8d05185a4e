import '../accounts.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import type { Role } from '../../areas/accounts/rules.ts';
import { ROLES, TOKEN_DAYS } from '../../areas/accounts/rules.ts';
import { type AnswerOf, client, ok } from '../api.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { indented, unitTree } from '../workflow.ts';

type Token = AnswerOf<'/api/service-accounts'>['items'][number]['tokens'][number];

function useRoleLabels(): Record<Role, string> {
  const { t } = useTranslation();
  return {
    commander: t('Commander'),
    leader: t('Leader'),
    officer: t('Officer'),
    inspector: t('Inspector'),
    publicity: t('Publicity officer'),
    admin: t('Administrator'),
  };
}

function useTokenStatusLabels(): Record<Token['status'], string> {
  const { t } = useTranslation();
  return { active: t('active'), expired: t('expired'), revoked: t('revoked') };
}

/** Admin: other systems' service accounts and their bearer tokens (each shown once, when issued). */
export function ServiceAccountsPage() {
  const { t } = useTranslation();
  const accounts = useGet('/api/service-accounts');
  const roleLabel = useRoleLabels();
  const statusLabel = useTokenStatusLabels();
  const [issued, setIssued] = useState<{ account: string; token: string } | null>(null);
  const action = useAction();

  async function revoke(token: Token) {
    if (
      !window.confirm(
        t('Revoke the token "{{label}}"? Systems using it are refused from their next request.', {
          label: token.label,
        }),
      )
    )
      return;
    if (
      await action.run(() =>
        ok(client.POST('/api/tokens/{id}/revoke', { params: { path: { id: token.id } } })),
      )
    )
      accounts.reload();
  }

  if (accounts.error) return <ErrorNote error={accounts.error} />;
  if (!accounts.data) return <Loading />;
  return (
    <div>
      <div className="page-head">
        <h1>{t('Service accounts')}</h1>
      </div>
      <p className="muted">
        {t(
          'Other systems call the API with a bearer token of a service account: it sees and does exactly what a user of its unit and roles would, and every request it makes is in the audit log.',
        )}
      </p>
      {issued && (
        <section className="panel" role="status">
          <h2>{t('New token for {{account}}', { account: issued.account })}</h2>
          <p>{t('Copy it now: it is not shown again.')}</p>
          <code className="token">{issued.token}</code>
        </section>
      )}
      <ErrorNote error={action.error} />
      <section className="panel">
        <h2>{t('Accounts and tokens')}</h2>
        {accounts.data.items.length === 0 ? (
          <p className="muted">{t('No service accounts yet.')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t('Account')}</th>
                  <th>{t('Unit')}</th>
                  <th>{t('Roles')}</th>
                  <th>{t('Tokens')}</th>
                  <th>{t('Issue a token')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.items.map((a) => (
                  <tr key={a.username}>
                    <td>
                      {a.displayName}
                      <div className="muted">{a.username}</div>
                    </td>
                    <td>{a.unit.name}</td>
                    <td>{a.roles.map((r) => roleLabel[r]).join('、')}</td>
                    <td>
                      <ul className="plain">
                        {a.tokens.map((tk) => (
                          <li key={tk.id}>
                            {tk.label} · {tk.readOnly ? t('read only') : t('read and write')} ·{' '}
                            {statusLabel[tk.status]} ·{' '}
                            {t('expires {{date}}', { date: format.date(tk.expiresAt) })} ·{' '}
                            {tk.lastUsedAt
                              ? t('last used {{date}}', { date: format.date(tk.lastUsedAt) })
                              : t('never used')}
                            {tk.status === 'active' && (
                              <button type="button" disabled={action.busy} onClick={() => void revoke(tk)}>
                                {t('Revoke')}
                              </button>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <IssueToken
                        account={a.username}
                        onIssued={(token) => (setIssued({ account: a.username, token }), accounts.reload())}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewAccount onCreated={accounts.reload} />
    </div>
  );
}

function IssueToken({ account, onIssued }: { account: string; onIssued: (token: string) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState<number>(TOKEN_DAYS.default);
  const [write, setWrite] = useState(false);
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const what = write ? t('read and write') : t('read only');
    if (
      !window.confirm(t('Issue a {{what}} token to {{account}} for {{days}} days?', { what, account, days }))
    )
      return;
    await action.run(async () => {
      const issued = await ok(
        client.POST('/api/service-accounts/{username}/tokens', {
          params: { path: { username: account } },
          body: { label, days, readOnly: !write },
        }),
      );
      setLabel('');
      onIssued(issued.token);
    });
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('Purpose')}
        <input value={label} maxLength={LIMITS.name} required onChange={(e) => setLabel(e.target.value)} />
        <FieldError error={action.error} field="label" />
      </label>
      <label>
        {t('Days valid')}
        <input
          type="number"
          min={1}
          max={TOKEN_DAYS.max}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        />
      </label>
      <label>
        <input type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />{' '}
        {t('may also write')}
      </label>
      <button type="submit" disabled={action.busy}>
        {t('Issue')}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function NewAccount({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const units = useGet('/api/units');
  const roleLabel = useRoleLabels();
  const [form, setForm] = useState({ username: '', displayName: '', unitCode: '' });
  const [roles, setRoles] = useState<Role[]>(['commander']);
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => ok(client.POST('/api/service-accounts', { body: { ...form, roles } })))) {
      setForm({ username: '', displayName: '', unitCode: '' });
      onCreated();
    }
  }
  return (
    <section className="panel">
      <h2>{t('New service account')}</h2>
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('Account name')}
          <input
            value={form.username}
            maxLength={LIMITS.code}
            required
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
          <FieldError error={action.error} field="username" />
        </label>
        <label>
          {t('Name of the system')}
          <input
            value={form.displayName}
            maxLength={LIMITS.name}
            required
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('Unit')}
          <select
            value={form.unitCode}
            required
            onChange={(e) => setForm({ ...form, unitCode: e.target.value })}
          >
            <option value="">{t('Choose…')}</option>
            {unitTree(units.data ?? []).map(({ unit, depth }) => (
              <option key={unit.code} value={unit.code}>
                {indented(unit.name, depth)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('Roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />{' '}
              {roleLabel[r]}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.busy}>
          {t('Create')}
        </button>
        <ErrorNote error={action.error} />
      </form>
    </section>
  );
}
