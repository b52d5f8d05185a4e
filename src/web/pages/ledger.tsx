import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, type BodyOf, ApiError, client, ok } from '../api.ts';
import { asApiError } from '../use-action.ts';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { useSession } from '../session.tsx';
import { type ClaimKind, useLabels } from '../workflow.ts';
import { format } from '../i18n.ts';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';

type LedgerOut = AnswerOf<'/api/campaigns/{campaign}/ledger'>;

/** How many entries the page lists; the Excel export has them all. */
const SHOWN = 200;

/** The reward ledger: each unit's balance, and every entry with the clearance and rule behind it. */
export function LedgerPage() {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const { name, base, campaign, asOf, error } = useCampaign();
  const ledger = useGet(name ? '/api/campaigns/{campaign}/ledger' : null, {
    params: { path: { campaign: name ?? '' } },
  });
  const { hasRole } = useSession();
  const l = useLabels();
  /** What earned an entry, in the reader's language (the stored reason is English, for the audit). */
  const why = (e: LedgerOut['entries'][number]): string => {
    if (e.reversesId) return t('Reversal of entry {{id}}', { id: e.reversesId });
    if (e.ruleId === 'early-finish') return t('Target reached by the deadline');
    if (e.ruleId === 'serious-bonus') return t('Bonus for a serious case');
    const kind = e.clearanceKind ? l.kind[e.clearanceKind as ClaimKind] : '';
    return e.reason.startsWith('surrender persuaded') ? t('Surrender persuaded') : kind;
  };
  if (error) return <ErrorNote error={error} />;
  if (ledger.error) return <ErrorNote error={ledger.error} />;
  if (!ledger.data || !name || !base) return <Loading />;
  const d = ledger.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <div>
      <div className="page-head">
        <h1>
          {t('Reward ledger')} · {campaign?.name}
        </h1>
        <div className="actions">
          <a className="button" href={`${base}/ledger.xlsx?lang=${lang}`} download>
            {t('Ledger as Excel')}
          </a>
          <a className="button" href={`${base}/standings.xlsx?lang=${lang}&asOf=${asOf ?? ''}`} download>
            {t('Standings as Excel')}
          </a>
        </div>
      </div>
      <p className="muted">
        {d.rules
          ? t('Rules version {{version}}, set by {{by}} on {{at}}.', {
              version: d.rules.version,
              by: nameOf(d.rules.createdBy),
              at: format.dateTime(d.rules.createdAt),
            })
          : t('This campaign has no reward rules yet.')}
      </p>
      {hasRole('commander') && (
        <RulesEditor campaign={name} current={d.rules?.rules} onSaved={ledger.reload} />
      )}
      <section className="panel">
        <h2>{t('Balances')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('Unit')}</th>
              <th className="num">{t('Points')}</th>
              <th className="num">{t('Money (yuan)')}</th>
              <th className="num">{t('Entries')}</th>
            </tr>
          </thead>
          <tbody>
            {d.balances.map((b) => (
              <tr key={b.code}>
                <td>{b.name}</td>
                <td className="num">{format.number(b.points)}</td>
                <td className="num">{format.number(b.money)}</td>
                <td className="num">{format.number(b.entries)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>
          {t('Entries')} ({format.number(Math.min(SHOWN, d.entries.length))} /{' '}
          {format.number(d.entries.length)})
        </h2>
        <table>
          <thead>
            <tr>
              <th>{t('Booked on')}</th>
              <th>{t('Unit')}</th>
              <th>{t('Listing no.')}</th>
              <th>{t('Rule')}</th>
              <th className="num">{t('Points')}</th>
              <th className="num">{t('Money (yuan)')}</th>
              <th>{t('Reason')}</th>
            </tr>
          </thead>
          <tbody>
            {d.entries.slice(0, SHOWN).map((e) => (
              <tr key={e.id} className={e.reversesId ? 'muted' : undefined}>
                <td>{format.date(e.bookedOn)}</td>
                <td>{e.unit.name}</td>
                <td>{e.listingNo ?? '—'}</td>
                <td>
                  <code>{e.ruleId}</code> · v{e.ruleSetVersion}
                </td>
                <td className="num">{format.number(e.points)}</td>
                <td className="num">{format.number(e.money)}</td>
                <td>{why(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/**
 * A commander edits the reward rules as JSON (the format of docs/rewards-and-bulletins.md); saving
 * makes a new version and the server recomputes the ledger. The server's validation names the field.
 */
function RulesEditor({
  campaign,
  current,
  onSaved,
}: {
  campaign: string;
  current: unknown;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(current ?? {}, null, 2));
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<ApiError>();
  const [saved, setSaved] = useState<number>();

  async function save(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    let rules: unknown;
    try {
      rules = JSON.parse(text);
    } catch {
      setFailure(new ApiError(400, 'invalid_json', 'the rules are not valid JSON'));
      return;
    }
    try {
      const out = await ok(
        client.PUT('/api/campaigns/{campaign}/reward-rules', {
          params: { path: { campaign } },
          // The reader's JSON, as typed: the server checks it against the rules' schema.
          body: {
            rules: rules as BodyOf<'/api/campaigns/{campaign}/reward-rules', 'put'>['rules'],
            note: note || undefined,
          },
        }),
      );
      setSaved(out.version);
      onSaved();
    } catch (err) {
      setFailure(asApiError(err));
    }
  }
  return (
    <details className="panel">
      <summary>{t('Reward rules')}</summary>
      <form className="stack" onSubmit={(e) => void save(e)}>
        <textarea
          aria-label={t('Reward rules')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={18}
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
        />
        <label>
          {t('Why the rules change')}
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={LIMITS.reason} />
        </label>
        <ErrorNote error={failure} />
        {saved !== undefined && (
          <p role="status">
            {t('Rules version {{version}} saved; the ledger was recomputed.', { version: saved })}
          </p>
        )}
        <button type="submit" className="primary">
          {t('Save as a new version')}
        </button>
      </form>
    </details>
  );
}
