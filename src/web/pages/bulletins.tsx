import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnswerOf, ApiError, client, ok } from '../api.ts';
import { asApiError } from '../use-action.ts';
import { DocumentSettingsPanel } from '../components/document-settings.tsx';
import { useConfirm } from '../components/confirm.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';

type Bulletin = AnswerOf<'/api/campaigns/{campaign}/bulletins'>['items'][number];
const PAGE_SIZE = 20;
/** The downloads: the quick-reading formats, then the official document (公文) as Word and as PDF. */
const FORMATS = [
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['xlsx', 'Excel'],
  ['docx', 'Word'],
  ['official-pdf', null],
] as const;

/** Daily bulletins (通报): a commander issues the day's; everyone downloads them, in either language. */
export function BulletinsPage() {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const { hasRole } = useSession();
  const { name, base, asOf, error } = useCampaign();
  const path = { campaign: name ?? '' };
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const list = useGet(name ? '/api/campaigns/{campaign}/bulletins' : null, {
    params: { path, query: { from: from || undefined, to: to || undefined, page, pageSize: PAGE_SIZE } },
  });
  const [date, setDate] = useState('');
  const day = date || asOf || '';
  // The bulletins of the day to issue, whatever page the list shows: a second one is a correction.
  const sameDay = useGet(name && day ? '/api/campaigns/{campaign}/bulletins' : null, {
    params: { path, query: { from: day, to: day, pageSize: 100 } },
  });
  const [failure, setFailure] = useState<ApiError>();
  const [issued, setIssued] = useState<Bulletin>();
  const { dialog, ask } = useConfirm();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  if (error) return <ErrorNote error={error} />;
  if (!name || !base || !list.data) return <Loading />;
  // One bulletin a date: a second one is a correction of the latest of that date. The one just
  // issued counts at once, before the day's list has been read again (else the form would still
  // offer an original bulletin for a moment).
  const ofDay = [...(sameDay.data?.items ?? []), ...(issued?.asOf === day ? [issued] : [])].sort(
    (a, b) => b.number - a.number,
  )[0];
  const next = (list.data.latestNumber ?? 0) + 1;
  const pages = Math.max(1, Math.ceil(list.data.total / PAGE_SIZE));
  const filterBy = (set: (v: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };

  async function issue(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    const what = { number: next, date: format.date(day), corrected: ofDay?.number };
    const yes = await ask(
      ofDay
        ? {
            title: t('Issue a corrected bulletin?'),
            body: t(
              'Bulletin No. {{number}} is issued for {{date}} as the correction of No. {{corrected}}, which stays on record. Its figures are frozen as of {{date}} and the audit chain head is printed on it; it cannot be withdrawn.',
              what,
            ),
            confirm: t('Issue the corrected bulletin'),
          }
        : {
            title: t('Issue the bulletin?'),
            body: t(
              'Bulletin No. {{number}} is issued for {{date}}. Its figures are frozen as of that date and the audit chain head is printed on it; it cannot be withdrawn, only corrected.',
              what,
            ),
            confirm: t('Issue bulletin'),
          },
    );
    if (!yes) return;
    try {
      setIssued(
        await ok(
          client.POST('/api/campaigns/{campaign}/bulletins', {
            params: { path },
            body: { asOf: day, corrects: ofDay?.id },
          }),
        ),
      );
      list.reload();
      sameDay.reload();
    } catch (err) {
      setFailure(asApiError(err));
    }
  }
  return (
    <div>
      <div className="page-head">
        <h1>{t('Bulletins')}</h1>
      </div>
      <ErrorNote error={failure} />
      {hasRole('commander', 'inspector') && (
        <section className="panel">
          <h2>{t("The day's bulletin")}</h2>
          <form className="filters" onSubmit={(e) => void issue(e)}>
            <label>
              {t('Figures as of')}
              <input type="date" value={day} max={asOf} onChange={(e) => setDate(e.target.value)} />
            </label>
            <span>
              {t('Draft')}:{' '}
              {FORMATS.map(([f, label]) => (
                <a
                  key={f}
                  className="button"
                  href={`${base}/bulletin-draft?format=${f}&lang=${lang}&asOf=${day}`}
                  download
                >
                  {label ?? t('Official PDF')}
                </a>
              ))}
            </span>
            {hasRole('commander') && (
              <button type="submit" className="primary">
                {ofDay ? t('Issue a corrected bulletin') : t('Issue bulletin')}
              </button>
            )}
          </form>
          {hasRole('commander') && ofDay && (
            <p className="muted">
              {t('Bulletin No. {{number}} was issued for this date; a second one is its correction.', {
                number: ofDay.number,
              })}
            </p>
          )}
          {dialog}
          {issued && (
            <p role="status">
              {t('Bulletin No. {{number}} issued; audit chain head {{head}}.', {
                number: issued.number,
                head: issued.chainHead.slice(0, 16),
              })}
            </p>
          )}
        </section>
      )}
      <section className="panel">
        <h2>{t('Issued bulletins')}</h2>
        <div className="filters" role="search" aria-label={t('Filter bulletins')}>
          <label>
            {t('Figures from')}
            <input type="date" name="from" value={from} onChange={(e) => filterBy(setFrom)(e.target.value)} />
          </label>
          <label>
            {t('Figures to')}
            <input type="date" name="to" value={to} onChange={(e) => filterBy(setTo)(e.target.value)} />
          </label>
        </div>
        <ErrorNote error={list.error} />
        {list.data.items.length === 0 ? (
          <p className="muted">{t('No bulletin issued yet.')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th className="num">{t('No.')}</th>
                <th>{t('Figures as of')}</th>
                <th>{t('Issued by')}</th>
                <th>{t('Audit chain head')}</th>
                <th>{t('Download')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((b) => (
                <tr key={b.id}>
                  <td className="num">
                    {b.number}
                    {b.correctsId !== null && (
                      <div className="muted small">
                        {t('corrects No. {{number}}', { number: b.correctsNumber ?? '?' })}
                      </div>
                    )}
                  </td>
                  <td>{format.date(b.asOf)}</td>
                  <td>
                    {nameOf(b.issuedBy)} · {format.dateTime(b.issuedAt)}
                  </td>
                  <td>
                    <code title={b.chainHead}>{b.chainHead.slice(0, 16)}…</code>
                  </td>
                  <td>
                    {FORMATS.map(([f, label]) => (
                      <a
                        key={f}
                        className="button"
                        href={`/api/bulletins/${b.id}/file?format=${f}&lang=${lang}`}
                        download
                      >
                        {label ?? t('Official PDF')}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav className="pager" aria-label={t('Pages of bulletins')}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('Previous page')}
          </button>
          <span data-testid="bulletins-page">
            {t('Page {{page}} of {{pages}} · {{total}} bulletins', {
              page,
              pages,
              total: list.data.total,
            })}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('Next page')}
          </button>
        </nav>
      </section>
      {hasRole('commander', 'publicity') && (
        <DocumentSettingsPanel campaign={name} editable={hasRole('commander')} />
      )}
    </div>
  );
}
