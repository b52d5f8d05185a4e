import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimOut } from '../../areas/clearances/schema.ts';
import { LIMITS } from '../../shared/limits.ts';
import { type ApiError, client, ok } from '../api.ts';
import { errorText } from '../error-text.ts';
import { format } from '../i18n.ts';
import { asApiError } from '../use-action.ts';
import { useConfirm } from './confirm.tsx';
import { ErrorNote } from './notes.tsx';

type Outcome = { verified: number; refused: { claim: ClaimOut; text: string }[] };

/**
 * The queue's selection verified with one confirmation. The server checks and decides each claim
 * on its own (and audits each), so the answer may verify some and refuse others: both are told.
 */
export function BulkVerify({
  selected,
  verifiable,
  onSelectAll,
  onClear,
  onDone,
}: {
  selected: ClaimOut[];
  /** How many shown claims could be selected. */
  verifiable: number;
  onSelectAll: () => void;
  onClear: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { dialog, askWritten } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<ApiError>();

  async function verify() {
    const n = format.number(selected.length);
    const basis = await askWritten({
      title: t('Verify {{n}} claims?', { n }),
      body: (
        <>
          <p>
            {t(
              'Each claim is checked and verified on its own, as if verified alone, and counts from now on; any that cannot be verified is listed with its reason and stays as it is.',
            )}
          </p>
          <ul>
            {selected.map((c) => (
              <li key={c.id}>
                {c.fugitiveName} ({c.listingNo}) · {format.date(c.occurredOn)}
              </li>
            ))}
          </ul>
        </>
      ),
      confirm: t('Verify {{n}} claims', { n }),
      label: t('Basis of the verification (kept with each claim and in its audit record)'),
      limit: LIMITS.reason,
    });
    if (basis === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const { results } = await ok(
        client.POST('/api/clearances/verify', { body: { ids: selected.map((c) => c.id), reason: basis } }),
      );
      const byId = new Map(selected.map((c) => [c.id, c]));
      setOutcome({
        verified: results.filter((r) => 'claim' in r).length,
        refused: results.flatMap((r) =>
          'error' in r && byId.has(r.id) ? [{ claim: byId.get(r.id)!, text: errorText(r.error, i18n) }] : [],
        ),
      });
      onDone();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="bulk-verify" role="group" aria-label={t('Verify several claims')}>
      <span>{t('Selected: {{n}}', { n: format.number(selected.length) })}</span>
      <button type="button" disabled={verifiable === 0} onClick={onSelectAll}>
        {t('Select all that can be verified')}
      </button>
      {selected.length > 0 && (
        <button type="button" onClick={onClear}>
          {t('Clear the selection')}
        </button>
      )}
      <button
        type="button"
        className="primary"
        disabled={busy || selected.length === 0}
        onClick={() => void verify()}
      >
        {t('Verify the selected')}
      </button>
      {outcome && (
        <div role="status" className="bulk-outcome">
          <p className="ok">{t('Verified: {{n}}.', { n: format.number(outcome.verified) })}</p>
          {outcome.refused.length > 0 && (
            <>
              <p>{t('Not verified: {{n}}.', { n: format.number(outcome.refused.length) })}</p>
              <ul>
                {outcome.refused.map(({ claim, text }) => (
                  <li key={claim.id}>
                    {claim.fugitiveName} ({claim.listingNo}): {text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ErrorNote error={error} />
      {dialog}
    </div>
  );
}
