import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, type BodyOf, ApiError, client, ok } from '../api.ts';
import { asApiError } from '../use-action.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { useSession } from '../session.tsx';
import { type ClaimKind, useLabels } from '../workflow.ts';
import { format } from '../i18n.ts';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';

type LedgerOut = AnswerOf<'/api/campaigns/{campaign}/ledger'>;

type Entry = LedgerOut['entries'][number];
type Balance = LedgerOut['balances'][number];

/** Entries a page of the table (the filter, sort and export take every entry sent). */
const PAGE_SIZE = 50;

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
  const why = (e: Entry): string => {
    if (e.reversesId) return t('Reversal of entry {{id}}', { id: e.reversesId });
    if (e.ruleId === 'early-finish') return t('Target reached by the deadline');
    if (e.ruleId === 'serious-bonus') return t('Bonus for a serious case');
    const kind = e.clearanceKind ? l.kind[e.clearanceKind as ClaimKind] : '';
    return e.reason.startsWith('surrender persuaded') ? t('Surrender persuaded') : kind;
  };
  const balanceColumns = useMemo(
    (): Column<Balance>[] => [
      { key: 'unit', header: t('Unit'), value: (b) => b.name },
      {
        key: 'points',
        header: t('Points'),
        value: (b) => b.points,
        text: (b) => format.number(b.points),
        numeric: true,
      },
      {
        key: 'money',
        header: t('Money (yuan)'),
        value: (b) => b.money,
        text: (b) => format.number(b.money),
        numeric: true,
      },
      {
        key: 'entries',
        header: t('Entries'),
        value: (b) => b.entries,
        text: (b) => format.number(b.entries),
        numeric: true,
      },
    ],
    [t],
  );
  const entryColumns = useMemo(
    (): Column<Entry>[] => [
      {
        key: 'bookedOn',
        header: t('Booked on'),
        value: (e) => e.bookedOn,
        text: (e) => format.date(e.bookedOn),
        className: 'nowrap',
      },
      { key: 'unit', header: t('Unit'), value: (e) => e.unit.name },
      {
        key: 'listingNo',
        header: t('Listing no.'),
        value: (e) => e.listingNo,
        render: (e) =>
          e.listingNo ? <Link to={`/fugitives/${encodeURIComponent(e.listingNo)}`}>{e.listingNo}</Link> : '—',
        className: 'nowrap',
      },
      {
        key: 'rule',
        header: t('Rule'),
        value: (e) => e.ruleId,
        text: (e) => `${e.ruleId} · v${e.ruleSetVersion}`,
        render: (e) => (
          <>
            <code>{e.ruleId}</code> · v{e.ruleSetVersion}
          </>
        ),
      },
      {
        key: 'points',
        header: t('Points'),
        value: (e) => e.points,
        text: (e) => format.number(e.points),
        numeric: true,
      },
      {
        key: 'money',
        header: t('Money (yuan)'),
        value: (e) => e.money,
        text: (e) => format.number(e.money),
        numeric: true,
      },
      { key: 'reason', header: t('Reason'), value: why },
    ],
    // why reads only the translations and labels
    [t, l],
  );
  if (error) return <ErrorNote error={error} />;
  if (ledger.error) return <ErrorNote error={ledger.error} />;
  if (!ledger.data || !name || !base) return <Loading />;
  const d = ledger.data;
  // The API sends the newest entries only (the Excel export has them all); the balances count every one.
  const everyEntry = d.balances.reduce((n, b) => n + b.entries, 0);
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
        <DataTable
          label={t('Balances')}
          fileName={`${t('Balances')} ${campaign?.name ?? ''}`}
          rows={d.balances}
          columns={balanceColumns}
          rowKey={(b) => b.code}
        />
      </section>
      <section className="panel">
        <h2>
          {t('Entries')} ({format.number(d.entries.length)})
        </h2>
        {d.entries.length < everyEntry && (
          <p className="muted">
            {t('The newest {{n}} entries; the ledger as Excel has every one.', {
              n: format.number(d.entries.length),
            })}
          </p>
        )}
        <DataTable
          label={t('Entries')}
          fileName={`${t('Reward ledger')} ${campaign?.name ?? ''}`}
          rows={d.entries}
          columns={entryColumns}
          rowKey={(e) => String(e.id)}
          rowClassName={(e) => (e.reversesId ? 'muted' : undefined)}
          pageSize={PAGE_SIZE}
        />
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
