import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useNavigate, useParams } from 'react-router';
import type { ClaimInput, OfficerRefInput } from '../../areas/clearances/schema.ts';
import { ApiError, client, ok } from '../api.ts';
import { LimitedInput, LimitedTextarea } from '../components/long-text.tsx';
import { Req, today } from '../components/form-bits.tsx';
import { asApiError } from '../use-action.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { type Person, usePeople } from '../people.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import {
  CANCELLATION_REASON_LIST,
  CLAIM_KINDS,
  type ClaimKind,
  indented,
  unitTree,
  useLabels,
} from '../workflow.ts';
import type { CaseLocationState } from './fugitive-case.tsx';
import '../workflow.css';

type Reason = (typeof CANCELLATION_REASON_LIST)[number];

/** Names typed with commas, 、 or new lines between them. */
const typedNames = (text: string) =>
  text
    .split(/[,，、\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);

/**
 * The claim that a person left the list. The API decides what is valid; its refusal is shown next
 * to the field it names, and the form keeps what was typed.
 */
export function ClaimClearancePage() {
  const { t } = useTranslation();
  const l = useLabels();
  const navigate = useNavigate();
  const { listingNo = '' } = useParams();
  const { user } = useSession();
  const caseUrl = `/fugitives/${encodeURIComponent(listingNo)}`;
  const detail = useGet('/api/fugitives/{listingNo}', { params: { path: { listingNo } } });
  const units = useGet('/api/units');
  const people = usePeople();

  const [kind, setKind] = useState<ClaimKind>('arrest');
  const [occurredOn, setOccurredOn] = useState(today());
  const [capturedBy, setCapturedBy] = useState<'unit' | 'agency'>('unit');
  const [capturingUnit, setCapturingUnit] = useState(user?.unit.code ?? '');
  const [capturingAgency, setCapturingAgency] = useState('');
  const [persuadingUnit, setPersuadingUnit] = useState('');
  // Officers with an account are chosen by login (two of one name stay two); others are typed.
  const [officers, setOfficers] = useState<string[]>([]);
  const [otherOfficers, setOtherOfficers] = useState('');
  const [persuadingOfficer, setPersuadingOfficer] = useState('');
  const [place, setPlace] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [reasonCode, setReasonCode] = useState<Reason | ''>('');
  const [reasonText, setReasonText] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const capture = kind === 'arrest' || kind === 'surrender';
  const ownUnits = units.data ? unitTree(units.data, user?.unit.code) : [];
  const allUnits = units.data ? unitTree(units.data) : [];
  // Officers are chosen by name among the people of the unit and the units below it.
  const peopleOf = (code: string): Person[] => {
    const codes = new Set(units.data ? unitTree(units.data, code).map((n) => n.unit.code) : []);
    return (people ?? []).filter((p) => codes.has(p.unit.code));
  };
  const capturers = capture && capturedBy === 'unit' && capturingUnit ? peopleOf(capturingUnit) : [];
  const persuaders = kind === 'surrender' && persuadingUnit ? peopleOf(persuadingUnit) : [];
  // Ticked names of another unit than the one chosen now are not sent.
  const capturingOfficers: OfficerRefInput[] = [
    ...officers.filter((u) => capturers.some((p) => p.username === u)).map((username) => ({ username })),
    ...(capture && capturedBy === 'unit' ? typedNames(otherOfficers).map((name) => ({ name })) : []),
  ];
  const persuader = persuaders.some((p) => p.username === persuadingOfficer) ? persuadingOfficer : '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The API takes an empty agency for "our unit": say so here rather than file the wrong unit.
    if (capture && capturedBy === 'agency' && !capturingAgency.trim()) {
      setError(new ApiError(400, 'required', 'capturingAgency: name the outside agency', 'capturingAgency'));
      document.querySelector<HTMLElement>('[name="capturingAgency"]')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const body: ClaimInput = {
      listingNo,
      kind,
      occurredOn,
      ...(capture && capturedBy === 'unit' && capturingUnit ? { capturingUnit } : {}),
      ...(capture && capturedBy === 'agency' ? { capturingAgency: capturingAgency.trim() } : {}),
      ...(kind === 'surrender' && persuadingUnit ? { persuadingUnit } : {}),
      ...(capturingOfficers.length > 0 ? { capturingOfficers } : {}),
      ...(persuader ? { persuadingOfficer: { username: persuader } } : {}),
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(evidenceRef.trim() ? { evidenceRef: evidenceRef.trim() } : {}),
      ...(kind === 'cancellation' && reasonCode ? { reasonCode } : {}),
      ...(kind === 'cancellation' && reasonText.trim() ? { reasonText: reasonText.trim() } : {}),
    };
    try {
      const claimed = await ok(client.POST('/api/clearances', { body }));
      void navigate(caseUrl, { replace: true, state: { claimed } satisfies CaseLocationState });
    } catch (err) {
      const refused = asApiError(err);
      setError(refused);
      // The field the API names gets the focus, so a keyboard or screen-reader user lands on it.
      const named =
        refused.field === 'capturingUnit' && capturedBy === 'agency' ? 'capturingAgency' : refused.field;
      if (named) document.querySelector<HTMLElement>(`[name="${named}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <Loading />;
  const f = detail.data;
  const known = [
    'kind',
    'occurredOn',
    'capturingUnit',
    'capturingAgency',
    'persuadingUnit',
    'capturingOfficers',
    'persuadingOfficer',
    'place',
    'evidenceRef',
    'reasonCode',
    'reasonText',
  ];

  /** The attributes that tie a control to its label, hint and error. */
  const control = (field: string, hint?: boolean) => ({
    id: `claim-${field}`,
    name: field,
    'aria-invalid': error?.field === field || undefined,
    'aria-describedby': [`${field}-error`, hint ? `claim-${field}-hint` : ''].filter(Boolean).join(' '),
  });
  const field = (
    name: string,
    label: string,
    input: ReactNode,
    opts: { required?: boolean; hint?: string } = {},
  ) => (
    <div className="field">
      <span className="label-line">
        <label htmlFor={`claim-${name}`}>{label}</label>
        {opts.required && <Req />}
      </span>
      {input}
      {opts.hint && (
        <span id={`claim-${name}-hint`} className="muted small">
          {opts.hint}
        </span>
      )}
      <FieldError error={error} field={name} />
    </div>
  );

  return (
    <div className="claim">
      <div className="page-head">
        <h1>
          {t('Claim a clearance')}{' '}
          <span className="muted">
            · {f.name} · {f.listingNo}
          </span>
        </h1>
      </div>
      <section className="panel">
        <form
          className="stack"
          onSubmit={(e) => void submit(e)}
          aria-label={t('Claim a clearance')}
          noValidate
        >
          <fieldset className="choices" aria-describedby="kind-error">
            <legend>{t('Kind of clearance')}</legend>
            {CLAIM_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {l.kind[k]}
              </label>
            ))}
            <FieldError error={error} field="kind" />
          </fieldset>
          {kind === 'cancellation' && (
            <p className="muted small">
              {t(
                'A cancellation withdraws the warrant: it is never a capture, needs a leader to approve it, and is counted apart.',
              )}
            </p>
          )}
          {kind === 'death' && (
            <p className="muted small">
              {t("A death needs the death record's number as evidence and a leader to approve it.")}
            </p>
          )}

          {field(
            'occurredOn',
            kind === 'cancellation' ? t('Date the warrant was withdrawn') : t('Date'),
            <input
              type="date"
              value={occurredOn}
              max={today()}
              min={f.listedOn}
              onChange={(e) => setOccurredOn(e.target.value)}
              aria-required="true"
              {...control('occurredOn')}
            />,
            { required: true },
          )}

          {capture && (
            <fieldset className="choices">
              <legend>
                {kind === 'surrender' ? t('Who received the person') : t('Who captured the person')}
              </legend>
              <label className="check">
                <input
                  type="radio"
                  name="capturedBy"
                  checked={capturedBy === 'unit'}
                  onChange={() => setCapturedBy('unit')}
                />
                {t('One of our units')}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="capturedBy"
                  checked={capturedBy === 'agency'}
                  onChange={() => setCapturedBy('agency')}
                />
                {t('An outside agency')}
              </label>
            </fieldset>
          )}
          {capture &&
            capturedBy === 'unit' &&
            field(
              'capturingUnit',
              kind === 'surrender' ? t('Receiving unit') : t('Capturing unit'),
              <select
                value={capturingUnit}
                onChange={(e) => setCapturingUnit(e.target.value)}
                aria-required="true"
                {...control('capturingUnit')}
              >
                {ownUnits.map(({ unit, depth }) => (
                  <option key={unit.code} value={unit.code}>
                    {indented(unit.name, depth)}
                  </option>
                ))}
              </select>,
              { required: true },
            )}
          {capture && capturedBy === 'unit' && (
            <fieldset className="choices" aria-describedby="capturingOfficers-error claim-officers-hint">
              <legend>
                {kind === 'surrender'
                  ? t('Officers who received the person (optional)')
                  : t('Officers who made the arrest (optional)')}
              </legend>
              {capturers.map((p) => (
                <label key={p.username} className="check">
                  <input
                    type="checkbox"
                    name="capturingOfficers"
                    value={p.username}
                    checked={officers.includes(p.username)}
                    onChange={(e) =>
                      setOfficers((all) =>
                        e.target.checked ? [...all, p.username] : all.filter((u) => u !== p.username),
                      )
                    }
                  />
                  {p.displayName}
                  {p.unit.code !== capturingUnit && <span className="muted small"> · {p.unit.name}</span>}
                </label>
              ))}
              <label className="block">
                {t('Officers without an account (names, separated by commas)')}
                <LimitedInput
                  name="otherOfficers"
                  value={otherOfficers}
                  limit={LIMITS.title}
                  onChange={(e) => setOtherOfficers(e.target.value)}
                />
              </label>
              <span id="claim-officers-hint" className="muted small">
                {t("The officers named are credited in the officers' merits once the claim is verified.")}
              </span>
              <FieldError error={error} field="capturingOfficers" />
            </fieldset>
          )}
          {capture && capturedBy === 'agency' && (
            <>
              {field(
                'capturingAgency',
                t('Outside agency'),
                <LimitedInput
                  value={capturingAgency}
                  limit={LIMITS.name}
                  onChange={(e) => setCapturingAgency(e.target.value)}
                  aria-required="true"
                  {...control('capturingAgency')}
                  aria-describedby="capturingAgency-error capturingUnit-error"
                />,
                { required: true },
              )}
              {/* With no agency named, the API names the capturing unit as missing. */}
              <FieldError error={error} field="capturingUnit" />
            </>
          )}

          {kind === 'surrender' &&
            field(
              'persuadingUnit',
              t('Persuading unit (optional)'),
              <select
                value={persuadingUnit}
                onChange={(e) => setPersuadingUnit(e.target.value)}
                {...control('persuadingUnit', true)}
              >
                <option value="">{t('None')}</option>
                {allUnits.map(({ unit, depth }) => (
                  <option key={unit.code} value={unit.code}>
                    {indented(unit.name, depth)}
                  </option>
                ))}
              </select>,
              { hint: t('The unit that persuaded the person to give themselves up (recorded for rewards).') },
            )}
          {kind === 'surrender' &&
            persuadingUnit &&
            field(
              'persuadingOfficer',
              t('Persuading officer (optional)'),
              <select
                value={persuader}
                onChange={(e) => setPersuadingOfficer(e.target.value)}
                {...control('persuadingOfficer')}
              >
                <option value="">{t('None')}</option>
                {persuaders.map((p) => (
                  <option key={p.username} value={p.username}>
                    {p.displayName}
                    {p.unit.code !== persuadingUnit ? ` · ${p.unit.name}` : ''}
                  </option>
                ))}
              </select>,
            )}

          {field(
            'place',
            t('Place'),
            <LimitedInput
              value={place}
              limit={LIMITS.title}
              onChange={(e) => setPlace(e.target.value)}
              {...control('place')}
            />,
          )}

          {field(
            'evidenceRef',
            t('Evidence reference'),
            <LimitedInput
              value={evidenceRef}
              limit={LIMITS.documentNumber}
              onChange={(e) => setEvidenceRef(e.target.value)}
              aria-required={capture || kind === 'death'}
              {...control('evidenceRef', true)}
            />,
            {
              required: capture || kind === 'death',
              hint: capture
                ? t('The detention notice number; required for an arrest or a surrender.')
                : kind === 'death'
                  ? t("The death record's number; required for a death.")
                  : t('A document number, if there is one.'),
            },
          )}

          {kind === 'cancellation' && (
            <>
              {field(
                'reasonCode',
                t('Reason'),
                <select
                  value={reasonCode}
                  onChange={(e) => setReasonCode(e.target.value as Reason | '')}
                  aria-required="true"
                  {...control('reasonCode')}
                >
                  <option value="">{t('Choose a reason')}</option>
                  {CANCELLATION_REASON_LIST.map((r) => (
                    <option key={r} value={r}>
                      {l.reason[r]}
                    </option>
                  ))}
                </select>,
                { required: true },
              )}
              {field(
                'reasonText',
                t('Explanation'),
                <LimitedTextarea
                  limit={LIMITS.reason}
                  rows={3}
                  value={reasonText}
                  onChange={(e) => setReasonText(e.target.value)}
                  aria-required={reasonCode === 'other'}
                  {...control('reasonText')}
                />,
                { required: reasonCode === 'other' },
              )}
            </>
          )}

          {error && !known.includes(error.field ?? '') && <ErrorNote error={error} />}
          {error && known.includes(error.field ?? '') && (
            <p className="sr-only" role="status">
              {t('The claim was not filed: see the marked field.')}
            </p>
          )}
          <p className="muted small">
            <Req /> {t('required')}
          </p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('File the claim')}
            </button>
            <Link to={caseUrl} className="button">
              {t('Cancel')}
            </Link>
          </div>
        </form>
      </section>
    </div>
  );
}
