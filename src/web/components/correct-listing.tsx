// The correction of a listing on its case page: the unit that keeps it changes fields with a
// reason; the old values stay in the timeline.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CorrectableField } from '../../areas/registry/rules.ts';
import type { CorrectionOut } from '../../areas/registry/schema.ts';
import { LIMITS } from '../../shared/limits.ts';
import { client, ok } from '../api.ts';
import { useAction } from '../use-action.ts';
import type { FugitiveDetail } from '../workflow.ts';
import { Req } from './form-bits.tsx';
import { ListingFields, type ListingValues } from './listing-fields.tsx';
import { LimitedTextarea } from './long-text.tsx';
import { ErrorNote, FieldError } from './notes.tsx';

function valuesOf(f: FugitiveDetail): ListingValues {
  return {
    name: f.name,
    sex: f.sex ?? '',
    birthDate: f.birthDate ?? '',
    idNumber: f.idNumber ?? '',
    crimeCategory: f.crimeCategory,
    offence: f.offence,
    caseNo: f.caseNo ?? '',
    listingAgency: f.listingUnit?.code ?? f.listingAgency,
    listedOn: f.listedOn,
  };
}

export function CorrectListing({ f, onSaved }: { f: FugitiveDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(() => valuesOf(f));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<CorrectionOut | undefined>();
  const { busy, error, run } = useAction();
  const initial = valuesOf(f);
  const changes = Object.fromEntries(
    (Object.keys(values) as CorrectableField[])
      .filter((k) => values[k].trim() !== initial[k])
      .map((k) => [k, values[k].trim()]),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    let out: CorrectionOut | undefined;
    const saved = await run(async () => {
      out = await ok(
        client.POST('/api/fugitives/{listingNo}/corrections', {
          params: { path: { listingNo: f.listingNo } },
          body: { changes, reason },
        }),
      );
    });
    if (!saved) return;
    setDone(out);
    setOpen(false);
    setReason('');
    onSaved();
  }

  return (
    <section className="panel" aria-labelledby="correct-title">
      <div className="page-head">
        <h2 id="correct-title">{t('Correct this listing')}</h2>
        {!open && (
          <button
            type="button"
            onClick={() => {
              setValues(valuesOf(f));
              setDone(undefined);
              setOpen(true);
            }}
          >
            {t('Correct the fields')}
          </button>
        )}
      </div>
      {done && (
        <div className="notice" role="status">
          <p>{t('The listing was corrected; the old values stay in the timeline.')}</p>
          {done.frozenBaselines.map((b) => (
            <p key={b.campaign}>
              {t(
                'The frozen baseline of {{campaign}} keeps this person in {{unit}}: only a baseline correction by a commander changes it.',
                { campaign: b.campaign, unit: b.unit.name },
              )}
            </p>
          ))}
          {done.suggestedMatches > 0 && (
            <p>
              {t(
                'The corrected identity makes this person look like {{count}} other person(s): an inspector decides on the suggested matches page.',
                { count: done.suggestedMatches },
              )}{' '}
              <Link to="/person-matches">{t('Suggested matches')}</Link>
            </p>
          )}
        </div>
      )}
      {open && (
        <form
          className="stack"
          onSubmit={(e) => void submit(e)}
          aria-label={t('Correct this listing')}
          noValidate
        >
          <ListingFields
            values={values}
            onChange={(k, v) => setValues({ ...values, [k]: v })}
            error={error}
            idPrefix="correct"
          />
          <div className="field">
            <span className="label-line">
              <label htmlFor="correct-reason">{t('Reason for the correction')}</label>
              <Req />
            </span>
            <LimitedTextarea
              id="correct-reason"
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
          {error && !(error.field && (error.field in initial || error.field === 'reason')) && (
            <ErrorNote error={error} />
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || Object.keys(changes).length === 0}>
              {t('Save the correction')}
            </button>
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              {t('Cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
