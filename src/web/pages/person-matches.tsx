import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useNameOf } from '../people.ts';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { useLabels } from '../workflow.ts';

type Match = AnswerOf<'/api/person-matches'>['items'][number];
type Status = Match['status'] | 'all';

/**
 * Suggested matches of persons (疑似同一人): listings without an ID number that share a name, sex
 * and birth date with another person's. An inspector compares the two side by side and, with a
 * reason, confirms (the two become one person) or rejects (they stay apart for good). A wrong merge
 * is split back, with a reason.
 */
export function PersonMatchesPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const [status, setStatus] = useState<Status>('suggested');
  const list = useGet('/api/person-matches', { params: { query: { status } } });
  const [message, setMessage] = useState('');

  const statusLabel: Record<Match['status'], string> = {
    suggested: t('Open'),
    confirmed: t('Confirmed: one person'),
    rejected: t('Rejected: different persons'),
    split: t('Split: merged in error'),
  };

  return (
    <div>
      <div className="page-head">
        <h1>{t('Suggested matches')}</h1>
        <div className="actions">
          <label>
            {t('Status')}{' '}
            <select name="status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              {Object.entries(statusLabel).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
              <option value="all">{t('All')}</option>
            </select>
          </label>
        </div>
      </div>
      <p className="muted">
        {t(
          'Listings without an ID number that share a name, sex and birth date with another person’s may be one person. Compare them and decide with a reason: confirmed, the two persons become one (one arrest clears all their listings); rejected, they stay apart and are not suggested again. A merge found wrong later is split back, with a reason.',
        )}
      </p>
      {message && <p role="status">{message}</p>}
      <ErrorNote error={list.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : list.data.items.length === 0 ? (
        <p className="panel muted">{t('No suggested matches.')}</p>
      ) : (
        list.data.items.map((m) => (
          <MatchPanel
            key={m.id}
            match={m}
            statusLabel={statusLabel[m.status]}
            mayDecide={hasRole('inspector') && (m.status === 'suggested' || m.status === 'confirmed')}
            onDecided={(text) => {
              setMessage(text);
              list.reload();
            }}
          />
        ))
      )}
    </div>
  );
}

function MatchPanel({
  match,
  statusLabel,
  mayDecide,
  onDecided,
}: {
  match: Match;
  statusLabel: string;
  mayDecide: boolean;
  onDecided: (message: string) => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const { dialog, ask } = useConfirm();
  const [first, second] = match.persons;
  const name = first?.listings[0]?.name ?? second?.listings[0]?.name ?? '';

  const decide = async (decision: 'confirm' | 'reject' | 'split') => {
    // A merge and a split move listings between persons: asked again before they are made.
    const question = {
      confirm: {
        title: t('Merge into one person?'),
        body: t(
          'All listings of both persons become one person’s: one verified arrest, surrender or death on any of them clears the person, and a second claim is a conflict. A frozen baseline does not change. This is recorded with your reason.',
        ),
        confirm: t('Merge'),
      },
      split: {
        title: t('Split this merge?'),
        body: t(
          'The listings the merge moved go back to the other person: an arrest on one of them no longer clears the rest, and a claim held as a conflict only because of the merge stands again. A frozen baseline does not change. This is recorded with your reason.',
        ),
        confirm: t('Split'),
      },
      reject: null,
    }[decision];
    if (question && !(await ask(question))) return;
    const path = {
      confirm: '/api/person-matches/{id}/confirm',
      reject: '/api/person-matches/{id}/reject',
      split: '/api/person-matches/{id}/split',
    } as const;
    const done = await run(() =>
      ok(client.POST(path[decision], { params: { path: { id: match.id } }, body: { reason } })),
    );
    if (done)
      onDecided(
        {
          confirm: t('{{name}}: merged into one person.', { name }),
          reject: t('{{name}}: kept as different persons.', { name }),
          split: t('{{name}}: split back into two persons.', { name }),
        }[decision],
      );
  };

  // The reason and the buttons that decide with it.
  const decisionForm = (buttons: ReactNode) => (
    <div className="stack">
      <label>
        {t('Reason')}
        <LimitedTextarea
          limit={LIMITS.reason}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <FieldError error={error} field="reason" />
      </label>
      {error && !error.field && <ErrorNote error={error} />}
      <div className="actions">{buttons}</div>
    </div>
  );
  const decisionNote = (
    <p className="muted">
      {t('{{who}} on {{date}}: {{reason}}', {
        who: nameOf(match.decidedBy),
        date: match.decidedAt ? format.dateTime(match.decidedAt) : '',
        reason: match.reason ?? '',
      })}
    </p>
  );

  return (
    <section className="panel" data-testid={`match-${match.id}`} aria-label={name}>
      <h2>
        {name} <span className="muted small">{statusLabel}</span>
      </h2>
      <div className="grid-2">
        {match.persons.map((p, i) => (
          <PersonListings key={p.personId} title={i === 0 ? t('Person A') : t('Person B')} person={p} />
        ))}
      </div>
      {match.status === 'suggested' ? (
        mayDecide &&
        decisionForm(
          <>
            <button
              type="button"
              className="primary"
              disabled={busy || !reason.trim()}
              onClick={() => void decide('confirm')}
            >
              {t('Same person: merge')}
            </button>
            <button type="button" disabled={busy || !reason.trim()} onClick={() => void decide('reject')}>
              {t('Different persons')}
            </button>
          </>,
        )
      ) : (
        <>
          {decisionNote}
          {match.split && (
            <p className="muted">
              {t('Split by {{who}} on {{date}}: {{reason}}', {
                who: nameOf(match.split.by),
                date: format.dateTime(match.split.at),
                reason: match.split.reason,
              })}
            </p>
          )}
          {mayDecide && match.status === 'confirmed' && (
            <details>
              <summary>{t('Merged in error? Split it')}</summary>
              {decisionForm(
                <button type="button" disabled={busy || !reason.trim()} onClick={() => void decide('split')}>
                  {t('Split into two persons')}
                </button>,
              )}
            </details>
          )}
        </>
      )}
      {dialog}
    </section>
  );
}

function PersonListings({ title, person }: { title: string; person: Match['persons'][number] }) {
  const { t } = useTranslation();
  const l = useLabels();
  return (
    <div>
      <h3>{title}</h3>
      {person.listings.length === 0 ? (
        <p className="muted">{t('Merged into the other person.')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('Listing number')}</th>
              <th>{t('Sex')}</th>
              <th>{t('Birth date')}</th>
              <th>{t('ID number')}</th>
              <th>{t('Crime category')}</th>
              <th>{t('Listed by')}</th>
              <th>{t('Listed on')}</th>
              <th>{t('Status')}</th>
            </tr>
          </thead>
          <tbody>
            {person.listings.map((f) => (
              <tr key={f.listingNo}>
                <td>
                  <Link to={`/fugitives/${encodeURIComponent(f.listingNo)}`}>{f.listingNo}</Link>
                </td>
                <td>{f.sex ? l.sex[f.sex] : '—'}</td>
                <td>{f.birthDate ? format.date(f.birthDate) : '—'}</td>
                <td>{f.idNumber ?? '—'}</td>
                <td>{l.category[f.crimeCategory]}</td>
                <td>{f.listingUnit?.name ?? f.listingAgency}</td>
                <td>{format.date(f.listedOn)}</td>
                <td>{l.fugitiveStatus[f.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
