// Tips taken by staff (telephone, letter, in person) and tipsters' rewards: the entry form of the
// tip inbox, and the reward panel of a tip — the latter only for those who may see the tipster's
// contact (the officers of the assigned unit).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TIP_LIMITS } from '../../areas/publicity/rules.ts';
import { STAFF_CHANNELS } from '../../areas/staff-tips/rules.ts';
import { LIMITS } from '../../shared/limits.ts';
import { type AnswerOf, type ApiError, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { formText, usePracticeLabels } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

/** A time typed on the bureau's clock (UTC+8, as the app shows times) as an ISO date and time. */
const bureauTime = (local: string) => (local ? `${local}:00+08:00` : '');

/** The error for the form's note, unless it is shown beside one of these fields. */
const unlessBesideField = (error: ApiError | undefined, fields: string[]) =>
  error?.field && fields.includes(error.field) ? undefined : error;

/** An officer enters a tip received by telephone, letter or in person; the tipster gets a receipt code. */
export function EnterTip({ onEntered }: { onEntered: () => void }) {
  const { t } = useTranslation();
  const l = usePracticeLabels();
  const action = useAction();
  const [entered, setEntered] = useState<AnswerOf<'/api/tips/entered', 'post'>>();

  function enter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const optional = (name: string) => formText(f, name) || undefined;
    const body = {
      channel: formText(f, 'channel') as (typeof STAFF_CHANNELS)[number],
      receivedAt: bureauTime(formText(f, 'receivedAt')),
      listingNo: optional('listingNo'),
      seen: formText(f, 'seen'),
      where: optional('where'),
      when: optional('when'),
      contactName: optional('contactName'),
      contactPhone: optional('contactPhone'),
      contactEmail: optional('contactEmail'),
    };
    setEntered(undefined);
    void action
      .run(async () => setEntered(await ok(client.POST('/api/tips/entered', { body }))))
      .then((ok) => ok && (form.reset(), onEntered()));
  }

  return (
    <details className="panel">
      <summary>{t('Enter a tip received by telephone, letter or in person')}</summary>
      {entered && (
        <p role="status" className="notice">
          {t('Tip entered. Give the tipster this receipt code (it is shown only once):')}{' '}
          <b data-testid="receipt">{entered.receipt}</b> ·{' '}
          <Link to={`/tips/${entered.id}`}>{t('Open the tip')}</Link>
        </p>
      )}
      <ErrorNote error={unlessBesideField(action.error, ['receivedAt', 'listingNo', 'contactEmail'])} />
      <form
        className="stack"
        onSubmit={enter}
        aria-label={t('Enter a tip received by telephone, letter or in person')}
      >
        <label>
          {t('Received by')}
          <select name="channel">
            {STAFF_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {l.channel[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('Received at (Beijing time)')}
          <input name="receivedAt" type="datetime-local" required />
          <FieldError error={action.error} field="receivedAt" />
        </label>
        <label>
          {t('Person named (listing number, if known)')}
          <input name="listingNo" maxLength={TIP_LIMITS.listingNo} />
          <FieldError error={action.error} field="listingNo" />
        </label>
        <label>
          {t('What was seen')}
          <LimitedTextarea name="seen" limit={TIP_LIMITS.seen} required rows={3} />
        </label>
        <label>
          {t('Where')}
          <input name="where" maxLength={TIP_LIMITS.where} />
        </label>
        <label>
          {t('When')}
          <input name="when" maxLength={TIP_LIMITS.when} />
        </label>
        <fieldset>
          <legend>{t("The tipster's contact, if given (sealed; only the assigned unit sees it)")}</legend>
          <label>
            {t('Name')}
            <input name="contactName" maxLength={TIP_LIMITS.name} autoComplete="off" />
          </label>
          <label>
            {t('Telephone')}
            <input name="contactPhone" maxLength={TIP_LIMITS.phone} autoComplete="off" />
          </label>
          <label>
            {t('E-mail')}
            <input name="contactEmail" maxLength={TIP_LIMITS.email} autoComplete="off" />
            <FieldError error={action.error} field="contactEmail" />
          </label>
        </fieldset>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('Enter the tip')}
        </button>
      </form>
    </details>
  );
}

/**
 * The reward of a tip that led to a verified result: marking it for an amount, then the payout
 * (date, who paid, the receipt the tipster signed). Render only for who may see the tipster's contact.
 */
export function TipReward({ tipId, ledToResult }: { tipId: number; ledToResult: boolean }) {
  const { t } = useTranslation();
  const { asOf } = useCampaign();
  const path = { id: tipId };
  const reward = useGet('/api/tips/{id}/reward', { params: { path } });
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const [message, setMessage] = useState('');

  function mark(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const amount = Number(formText(new FormData(e.currentTarget), 'amount'));
    void ask({
      title: t('Mark for a reward'),
      body: t('This tip is marked for a reward of {{amount}} yuan to its tipster, in your name.', {
        amount: format.number(amount),
      }),
      confirm: t('Mark for a reward'),
    }).then(
      (yes) =>
        yes &&
        action
          .run(() => ok(client.POST('/api/tips/{id}/reward', { params: { path }, body: { amount } })))
          .then((ok) => ok && (setMessage(t('Marked for a reward.')), reward.reload())),
    );
  }
  function pay(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      paidOn: formText(f, 'paidOn'),
      paidBy: formText(f, 'paidBy'),
      receiptRef: formText(f, 'receiptRef'),
    };
    void ask({
      title: t('Record the payout'),
      body: t('The reward is recorded as paid on {{date}} by {{by}}, receipt {{receipt}}, in your name.', {
        date: body.paidOn && format.date(body.paidOn),
        by: body.paidBy,
        receipt: body.receiptRef,
      }),
      confirm: t('Record the payout'),
    }).then(
      (yes) =>
        yes &&
        action
          .run(() => ok(client.POST('/api/tips/{id}/reward/payout', { params: { path }, body })))
          .then((ok) => ok && (setMessage(t('Payout recorded.')), reward.reload())),
    );
  }

  const r = reward.data?.reward;
  return (
    <section className="panel" aria-label={t('Reward to the tipster')}>
      {dialog}
      <h2>{t('Reward to the tipster')}</h2>
      <ErrorNote error={reward.error ?? unlessBesideField(action.error, ['amount', 'paidOn'])} />
      {message && <p role="status">{message}</p>}
      {!reward.data ? (
        <Loading />
      ) : !r ? (
        ledToResult ? (
          <form className="filters" onSubmit={mark} aria-label={t('Mark for a reward')}>
            <label>
              {t('Amount (yuan)')}
              <input name="amount" type="number" min={1} max={10_000_000} required />
              <FieldError error={action.error} field="amount" />
            </label>
            <button type="submit" disabled={action.busy}>
              {t('Mark for a reward')}
            </button>
          </form>
        ) : (
          <p className="muted">{t('Only a tip that led to a verified result can be rewarded.')}</p>
        )
      ) : (
        <>
          <dl className="facts">
            <dt>{t('Amount')}</dt>
            <dd>
              {t('{{amount}} yuan', { amount: format.number(r.amount) })} · {r.markedBy} ·{' '}
              {format.dateTime(r.markedAt)}
            </dd>
            {r.paidOn && (
              <>
                <dt>{t('Paid')}</dt>
                <dd data-testid="payout">
                  {format.date(r.paidOn)} · {t('by {{name}}', { name: r.paidBy })} ·{' '}
                  {t('receipt {{receipt}}', { receipt: r.receiptRef })}
                </dd>
              </>
            )}
          </dl>
          {!r.paidOn && (
            <form className="stack" onSubmit={pay} aria-label={t('Record the payout')} key={asOf}>
              <label>
                {t('Paid on')}
                <input name="paidOn" type="date" required defaultValue={asOf} />
                <FieldError error={action.error} field="paidOn" />
              </label>
              <label>
                {t('Paid by')}
                <input name="paidBy" required maxLength={LIMITS.name} />
              </label>
              <label>
                {t('Signed receipt (number)')}
                <input name="receiptRef" required maxLength={LIMITS.documentNumber} />
              </label>
              <button type="submit" className="primary" disabled={action.busy}>
                {t('Record the payout')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
