// The withdrawal (撤回) of a listing entered by mistake, on its case page: the unit that keeps the
// listing asks with a reason, a commander (not the one who asked) approves or refuses with a
// reason. Approved, the listing leaves every list and live figure but stays here, marked withdrawn;
// a frozen baseline keeps the person until a commander's baseline correction, offered as next step.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WithdrawalDecisionOut } from '../../areas/registry/schema.ts';
import { LIMITS } from '../../shared/limits.ts';
import { client, ok } from '../api.ts';
import { format } from '../i18n.ts';
import { useNameOf } from '../people.ts';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import type { FugitiveDetail } from '../workflow.ts';
import { Req } from './form-bits.tsx';
import { LimitedTextarea } from './long-text.tsx';
import { ErrorNote, FieldError } from './notes.tsx';

type Withdrawal = FugitiveDetail['withdrawals'][number];

export function WithdrawListing({
  f,
  canAsk,
  onSaved,
}: {
  f: FugitiveDetail;
  /** Whether the user keeps the listing (its unit; a remote one: city-wide) and may ask. */
  canAsk: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { user, hasRole } = useSession();
  const [open, setOpen] = useState<'ask' | 'refuse' | null>(null);
  const [reason, setReason] = useState('');
  const [decided, setDecided] = useState<WithdrawalDecisionOut | undefined>();
  const [corrected, setCorrected] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const asked = f.withdrawals.find((w) => w.status === 'asked');
  const approved = f.withdrawals.find((w) => w.status === 'approved');
  const canDecide = !!asked && hasRole('commander') && asked.askedBy !== user?.username;
  const path = { params: { path: { listingNo: f.listingNo } } };

  async function ask(e: FormEvent) {
    e.preventDefault();
    const saved = await run(async () => {
      await ok(client.POST('/api/fugitives/{listingNo}/withdrawal', { ...path, body: { reason } }));
    });
    if (!saved) return;
    setOpen(null);
    setReason('');
    onSaved();
  }

  async function decide(approve: boolean) {
    let out: WithdrawalDecisionOut | undefined;
    const saved = await run(async () => {
      out = await ok(
        client.POST('/api/fugitives/{listingNo}/withdrawal/decision', {
          ...path,
          body: approve ? { approve } : { approve, reason },
        }),
      );
    });
    if (!saved) return;
    setDecided(out);
    setOpen(null);
    setReason('');
    onSaved();
  }

  async function correctBaseline(campaign: string, why: string) {
    const saved = await run(async () => {
      await ok(
        client.POST('/api/campaigns/{campaign}/baseline-corrections', {
          params: { path: { campaign } },
          body: { listingNo: f.listingNo, reason: why },
        }),
      );
    });
    if (saved) setCorrected([...corrected, campaign]);
  }

  const history = (w: Withdrawal) => (
    <li key={w.id}>
      {t('Asked by {{name}} on {{at}}: {{reason}}', {
        name: nameOf(w.askedBy),
        at: format.dateTime(w.askedAt),
        reason: w.reason,
      })}
      {w.status === 'approved' &&
        ` ${t('Approved by {{name}} on {{at}}.', { name: nameOf(w.decidedBy), at: format.dateTime(w.decidedAt ?? '') })}`}
      {w.status === 'refused' &&
        ` ${t('Refused by {{name}} on {{at}}: {{reason}}', {
          name: nameOf(w.decidedBy),
          at: format.dateTime(w.decidedAt ?? ''),
          reason: w.decisionReason ?? '',
        })}`}
    </li>
  );

  if (!approved && !asked && !canAsk && f.withdrawals.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="withdraw-title">
      <div className="page-head">
        <h2 id="withdraw-title">{t('Withdrawal (entered by mistake)')}</h2>
        {canAsk && !approved && !asked && open === null && f.status === 'active' && (
          <button type="button" onClick={() => setOpen('ask')}>
            {t('Ask for withdrawal')}
          </button>
        )}
      </div>
      {approved && (
        <p className="notice" role="status">
          {t(
            'This listing was withdrawn as entered by mistake: it is kept here, but is in no list, roster or figure.',
          )}
        </p>
      )}
      {asked && !decided && (
        <p className="notice">{t('A withdrawal of this listing waits for a commander.')}</p>
      )}
      {decided && (
        <div className="notice" role="status">
          <p>
            {decided.status === 'approved'
              ? t('The listing is withdrawn.')
              : t('The withdrawal was refused; the listing stands.')}
          </p>
          {decided.status === 'approved' &&
            decided.frozenBaselines.map((b) => (
              <p key={b.campaign}>
                {t(
                  'The withdrawal does not change the frozen baseline of {{campaign}}: it still holds this person in {{unit}}. Only a baseline correction takes them out.',
                  { campaign: b.campaign, unit: b.unit.name },
                )}{' '}
                {decided.otherListings.length > 0 ? (
                  t('The person stays listed on {{listings}}.', {
                    listings: decided.otherListings.join(t(', ')),
                  })
                ) : corrected.includes(b.campaign) ? (
                  t('Taken out of the baseline.')
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void correctBaseline(b.campaign, decided.reason)}
                  >
                    {t('Correct the baseline of {{campaign}}', { campaign: b.campaign })}
                  </button>
                )}
              </p>
            ))}
        </div>
      )}
      {f.withdrawals.length > 0 && <ul className="plain">{f.withdrawals.map(history)}</ul>}
      {canDecide && open === null && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide(true)}>
            {t('Approve the withdrawal')}
          </button>
          <button type="button" disabled={busy} onClick={() => setOpen('refuse')}>
            {t('Refuse the withdrawal')}
          </button>
        </div>
      )}
      {open !== null && (
        <form
          className="stack"
          aria-label={open === 'ask' ? t('Ask for withdrawal') : t('Refuse the withdrawal')}
          onSubmit={(e) => (open === 'ask' ? void ask(e) : (e.preventDefault(), void decide(false)))}
          noValidate
        >
          <div className="field">
            <span className="label-line">
              <label htmlFor="withdraw-reason">
                {open === 'ask' ? t('Why the listing was entered by mistake') : t('Reason for the refusal')}
              </label>
              <Req />
            </span>
            <LimitedTextarea
              id="withdraw-reason"
              name="reason"
              rows={2}
              limit={LIMITS.reason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-required="true"
              aria-invalid={error?.field === 'reason' || undefined}
              aria-describedby="reason-error"
            />
            <FieldError error={error} field="reason" />
          </div>
          {open === 'ask' && (
            <p className="muted small">
              {t(
                'A commander decides. Once withdrawn, the listing leaves every list and live figure; a frozen baseline changes only by a baseline correction.',
              )}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !reason.trim()}>
              {open === 'ask' ? t('Ask for withdrawal') : t('Refuse the withdrawal')}
            </button>
            <button type="button" onClick={() => setOpen(null)} disabled={busy}>
              {t('Cancel')}
            </button>
          </div>
        </form>
      )}
      {error && error.field !== 'reason' && <ErrorNote error={error} />}
    </section>
  );
}

/** For commanders: the withdrawals waiting for a decision, each a link to its case page. */
export function WithdrawalsWaiting() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { data } = useGet('/api/withdrawals');
  if (!data || data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="withdrawals-waiting-title">
      <h2 id="withdrawals-waiting-title">{t('Withdrawals waiting for a commander')}</h2>
      <ul className="plain">
        {data.map((w) => (
          <li key={w.id}>
            <Link to={`/fugitives/${encodeURIComponent(w.listingNo)}`}>
              {w.name} · {w.listingNo}
            </Link>{' '}
            <span className="muted small">
              {w.listingUnit?.name ?? w.listingAgency} ·{' '}
              {t('Asked by {{name}} on {{at}}: {{reason}}', {
                name: nameOf(w.askedBy),
                at: format.dateTime(w.askedAt),
                reason: w.reason,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
