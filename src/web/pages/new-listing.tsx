import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LIMITS } from '../../shared/limits.ts';
import { client, ok } from '../api.ts';
import { Req, today } from '../components/form-bits.tsx';
import { ListingFields, type ListingValues } from '../components/listing-fields.tsx';
import { ErrorNote, FieldError } from '../components/notes.tsx';
import { useSession } from '../session.tsx';
import { useAction } from '../use-action.ts';
import '../workflow.css';

/**
 * One new listing for a unit of the user's, as a row of an import file would give it: the server
 * checks it by the import's rules and names the field it refuses; the form keeps what was typed.
 */
export function NewListingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const [listingNo, setListingNo] = useState('');
  const [values, setValues] = useState<ListingValues>(() => ({
    name: '',
    sex: '',
    birthDate: '',
    idNumber: '',
    crimeCategory: 'other',
    offence: '',
    caseNo: '',
    listingAgency: user?.unit.code ?? '',
    listedOn: today(),
  }));
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries({ listingNo, ...values }).map(([k, v]) => [k, v.trim()]));
    let entered = '';
    const saved = await run(async () => {
      entered = (await ok(client.POST('/api/fugitives', { body }))).listingNo;
    });
    if (saved) void navigate(`/fugitives/${encodeURIComponent(entered)}`);
  }

  return (
    <div className="claim">
      <div className="page-head">
        <h1>{t('Enter a new listing')}</h1>
        <div className="actions">
          <Link to="/registry" className="button">
            {t('Back to the registry')}
          </Link>
        </div>
      </div>
      <section className="panel">
        <form
          className="stack"
          onSubmit={(e) => void submit(e)}
          aria-label={t('Enter a new listing')}
          noValidate
        >
          <div className="field">
            <span className="label-line">
              <label htmlFor="new-listingNo">{t('Listing number')}</label>
              <Req />
            </span>
            <input
              id="new-listingNo"
              name="listingNo"
              maxLength={LIMITS.code}
              value={listingNo}
              onChange={(e) => setListingNo(e.target.value)}
              aria-required="true"
              aria-invalid={error?.field === 'listingNo' || undefined}
              aria-describedby="listingNo-error"
            />
            <FieldError error={error} field="listingNo" />
          </div>
          <ListingFields
            values={values}
            onChange={(k, v) => setValues({ ...values, [k]: v })}
            error={error}
            idPrefix="new"
          />
          {error && !(error.field && (error.field in values || error.field === 'listingNo')) && (
            <ErrorNote error={error} />
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('Enter the listing')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
