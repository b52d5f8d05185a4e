import { type FormEvent, type ReactNode, type RefObject, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitKind } from '../../areas/units/rules.ts';
import { type AnswerOf, type BodyOf, ApiError, client, ok, upload } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { asApiError } from '../use-action.ts';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';

/** The server refuses larger scans (413); the page says so before sending 5 MiB for nothing. */
const MAX_SCAN_BYTES = 5 * 1024 * 1024;
const SCAN_TYPES = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

type LettersOut = AnswerOf<'/api/campaigns/{campaign}/letters'>;
type LetterOut = LettersOut['letters'][number];
type Unit = LettersOut['unsigned'][number];

/** Responsibility letters (责任书) of the latest campaign: who signed what, and who has not yet. */
export function LettersPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useSession();
  const mayAct = hasRole('leader', 'commander');
  const { campaign, name, asOf, error } = useCampaign();
  const letters = useGet(name ? '/api/campaigns/{campaign}/letters' : null, {
    params: { path: { campaign: name ?? '' } },
  });
  const [signFor, setSignFor] = useState('');
  const [attachTo, setAttachTo] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const signRef = useRef<HTMLSelectElement>(null);
  const uploadRef = useRef<HTMLSelectElement>(null);
  const kindLabel = useKindLabels();

  const sorted = useMemo(
    () => [...(letters.data?.letters ?? [])].sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    [letters.data],
  );

  if (error?.code === 'no_campaign' || error?.status === 404)
    return <p className="muted">{t('No campaign yet: letters are signed once one is set up.')}</p>;
  if (error) return <ErrorNote error={error} />;
  if (letters.error) return <ErrorNote error={letters.error} />;
  if (!campaign || !asOf || !letters.data) return <Loading />;
  const data = letters.data;
  const withScan = data.letters.filter((l) => l.document).length;

  function chooseUnit(code: string) {
    setSignFor(code);
    signRef.current?.focus();
    signRef.current?.scrollIntoView({ block: 'center' });
  }
  function chooseLetter(id: number) {
    setAttachTo(id);
    uploadRef.current?.focus();
    uploadRef.current?.scrollIntoView({ block: 'center' });
  }

  return (
    <div aria-busy={letters.loading}>
      <div className="page-head">
        <h1>
          {t('Responsibility letters')} · {data.campaign}
        </h1>
      </div>
      <section className="kpis" aria-label={t('Headline figures')}>
        <div className="kpi onTrack">
          <div className="kpi-label">{t('Units that signed')}</div>
          <div className="kpi-value">{format.number(data.letters.length)}</div>
          <div className="kpi-note">
            {t('Units in your scope: {{total}}', {
              total: format.number(data.letters.length + data.unsigned.length),
            })}
          </div>
        </div>
        <div className={`kpi ${data.unsigned.length > 0 ? 'lagging' : 'onTrack'}`}>
          <div className="kpi-label">{t('Units without a letter')}</div>
          <div className="kpi-value">{format.number(data.unsigned.length)}</div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t('Scanned letters attached')}</div>
          <div className="kpi-value">
            {format.number(withScan)} / {format.number(data.letters.length)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t('Campaign target')}</div>
          <div className="kpi-value">{format.percent(campaign.target)}</div>
          <div className="kpi-note">
            {t('Baseline date')} {format.date(campaign.baselineOn)} · {t('Deadline')}{' '}
            {format.date(campaign.deadlineOn)}
          </div>
        </div>
      </section>

      {notice && (
        <p className="panel" role="status">
          {notice}
        </p>
      )}

      <section className="panel">
        <h2>{t('Signed letters')}</h2>
        {sorted.length === 0 ? (
          <p className="muted">{t('No unit has signed its letter yet.')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Unit')}</th>
                <th scope="col" className="num">
                  {t('Target')}
                </th>
                <th scope="col" className="num">
                  {t('Baseline when signed')}
                </th>
                <th scope="col">{t('Signed by')}</th>
                <th scope="col">{t('Signed on')}</th>
                <th scope="col">{t('Scanned letter')}</th>
                {mayAct && <th scope="col">{t('Actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {sorted.map((l) => (
                <tr key={l.id} data-testid={`letter-${l.unit.code}`}>
                  <td>
                    <Link to={`/units/${encodeURIComponent(l.unit.code)}`}>{l.unit.name}</Link>{' '}
                    <span className="muted">{kindLabel[l.unit.kind]}</span>
                  </td>
                  <td className="num">{format.percent(l.target)}</td>
                  <td className="num">{format.number(l.baseline)}</td>
                  <td>{l.signer.displayName}</td>
                  <td>{format.date(l.signedOn)}</td>
                  <td>
                    {l.document ? (
                      <>
                        <a href={`/api/letters/${l.id}/document`} download={l.document.name}>
                          {l.document.name}
                        </a>{' '}
                        <span className="muted">({fileSize(l.document.size, i18n.language)})</span>
                      </>
                    ) : (
                      <span className="badge lagging">{t('Not attached yet')}</span>
                    )}{' '}
                    <a
                      href={`/api/campaigns/${encodeURIComponent(data.campaign)}/letters/${encodeURIComponent(l.unit.code)}/docx`}
                      download
                      data-testid={`letter-docx-${l.unit.code}`}
                    >
                      {t('Official letter (Word)')}
                    </a>{' '}
                    <a
                      href={`/api/campaigns/${encodeURIComponent(data.campaign)}/letters/${encodeURIComponent(l.unit.code)}/pdf`}
                      download
                      data-testid={`letter-pdf-${l.unit.code}`}
                    >
                      {t('Official letter (PDF)')}
                    </a>
                  </td>
                  {mayAct && (
                    <td>
                      <button type="button" onClick={() => chooseLetter(l.id)}>
                        {l.document ? t('Replace the scan') : t('Attach the scan')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {mayAct && (
        <div className="grid-2">
          <section className="panel">
            <h2>{t('Sign a letter for a unit')}</h2>
            <SignForm
              campaign={data.campaign}
              units={data.unsigned}
              defaultTarget={campaign.target}
              today={asOf}
              unitCode={signFor}
              onUnitCode={setSignFor}
              selectRef={signRef}
              onSigned={(letter) => {
                setNotice(
                  t('Letter signed for {{unit}}. Attach the scanned letter now.', { unit: letter.unit.name }),
                );
                setAttachTo(letter.id);
                letters.reload();
              }}
            />
          </section>
          <section className="panel">
            <h2>{t('Attach the scanned letter')}</h2>
            {sorted.length === 0 ? (
              <p className="muted">{t('Sign a letter first; its scan is attached here.')}</p>
            ) : (
              <UploadForm
                letters={sorted}
                letterId={attachTo}
                onLetterId={setAttachTo}
                selectRef={uploadRef}
                onUploaded={(letter) => {
                  setNotice(t('Scanned letter attached for {{unit}}.', { unit: letter.unit.name }));
                  letters.reload();
                }}
              />
            )}
          </section>
        </div>
      )}

      <section className="panel">
        <h2>{t('Units still without a letter')}</h2>
        {data.unsigned.length === 0 ? (
          <p className="muted">{t('Every unit in your scope has signed its letter.')}</p>
        ) : (
          <ul className="chips">
            {data.unsigned.map((u) => (
              <li key={u.code} data-testid={`unsigned-${u.code}`}>
                {mayAct ? (
                  <button
                    type="button"
                    onClick={() => chooseUnit(u.code)}
                    title={t('Choose this unit in the signing form')}
                    style={{ border: 0, padding: 0, background: 'none', color: 'var(--accent)' }}
                  >
                    {u.name}
                  </button>
                ) : (
                  u.name
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function useKindLabels(): Record<UnitKind, string> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      bureau: t('City bureau'),
      sub_bureau: t('Sub-bureau'),
      detachment: t('Detachment'),
      station: t('Police station'),
      squad: t('Squad'),
    }),
    [t],
  );
}

/** A file size in the reader's language: KB below a megabyte, MB above. */
function fileSize(bytes: number, lang: string): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(mb ? bytes / 1024 / 1024 : Math.max(0.1, bytes / 1024));
}

function SignForm({
  campaign,
  units,
  defaultTarget,
  today,
  unitCode,
  onUnitCode,
  selectRef,
  onSigned,
}: {
  campaign: string;
  units: Unit[];
  defaultTarget: number;
  today: string;
  unitCode: string;
  onUnitCode: (code: string) => void;
  selectRef: RefObject<HTMLSelectElement | null>;
  onSigned: (letter: LetterOut) => void;
}) {
  const { t } = useTranslation();
  const kindLabel = useKindLabels();
  const [percent, setPercent] = useState(String(Math.round(defaultTarget * 1000) / 10));
  const [signedOn, setSignedOn] = useState(today);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const sortedUnits = useMemo(() => [...units].sort((a, b) => a.code.localeCompare(b.code)), [units]);
  const { dialog, ask } = useConfirm();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const unit = units.find((u) => u.code === unitCode)?.name ?? unitCode;
    const yes = await ask({
      title: t('Sign the responsibility letter?'),
      body: t(
        '{{unit}} signs its responsibility letter for {{campaign}} on {{date}}, with a target decline of {{percent}}%. The letter is recorded in the audit history, and the unit is judged against this target.',
        { unit, campaign, date: signedOn ? format.date(signedOn) : '—', percent: percent.trim() || '—' },
      ),
      confirm: t('Sign the letter'),
    });
    if (!yes) return;
    setBusy(true);
    try {
      const body: BodyOf<'/api/campaigns/{campaign}/letters', 'post'> = {
        unitCode,
        target: percent.trim() === '' ? undefined : Math.round(Number(percent) * 10) / 1000,
        signedOn: signedOn || undefined,
      };
      const letter = await ok(
        client.POST('/api/campaigns/{campaign}/letters', { params: { path: { campaign } }, body }),
      );
      setError(undefined);
      onUnitCode('');
      setPercent(String(Math.round(defaultTarget * 1000) / 10));
      onSigned(letter);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const fields = ['unitCode', 'target', 'signedOn'];
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const describedBy = (field: string, hint?: string) =>
    [hint, error?.field === field ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      {dialog}
      <Field id="sign-unit" label={t('Unit signing the letter')} error={error} field="unitCode">
        <select
          id="sign-unit"
          ref={selectRef}
          value={unitCode}
          onChange={(e) => onUnitCode(e.target.value)}
          required
          aria-invalid={invalid('unitCode')}
          aria-describedby={describedBy('unitCode')}
        >
          <option value="">{t('Choose a unit…')}</option>
          {sortedUnits.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} · {kindLabel[u.kind]} ({u.code})
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="sign-target"
        label={t('Target decline rate (%)')}
        error={error}
        field="target"
        hint={t(
          'The campaign asks for {{target}}; the letter shows the unit’s frozen baseline (signed before the freeze, the provisional count until then).',
          {
            target: format.percent(defaultTarget),
          },
        )}
      >
        <input
          id="sign-target"
          type="number"
          inputMode="decimal"
          min={0.1}
          max={100}
          step={0.1}
          value={percent}
          onChange={(e) => setPercent(e.target.value)}
          aria-invalid={invalid('target')}
          aria-describedby={describedBy('target', 'target-hint')}
        />
      </Field>
      <Field id="sign-date" label={t('Signed on')} error={error} field="signedOn">
        <input
          id="sign-date"
          type="date"
          value={signedOn}
          max={today}
          onChange={(e) => setSignedOn(e.target.value)}
          aria-invalid={invalid('signedOn')}
          aria-describedby={describedBy('signedOn')}
        />
      </Field>
      {error && !fields.includes(error.field ?? '') && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || units.length === 0}>
          {busy ? t('Signing…') : t('Sign the letter')}
        </button>
      </div>
    </form>
  );
}

function UploadForm({
  letters,
  letterId,
  onLetterId,
  selectRef,
  onUploaded,
}: {
  letters: LetterOut[];
  letterId: number | null;
  onLetterId: (id: number | null) => void;
  selectRef: RefObject<HTMLSelectElement | null>;
  onUploaded: (letter: LetterOut) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (letterId === null) {
      setError(new ApiError(400, 'required', 'letter: choose the letter of the scan', 'letter'));
      return;
    }
    if (!file) {
      setError(new ApiError(400, 'no_file', 'file: choose the scan', 'file'));
      return;
    }
    if (file.size > MAX_SCAN_BYTES) {
      setError(
        new ApiError(413, 'too_large', 'file: larger than 5 MiB', 'file', {
          limitMb: MAX_SCAN_BYTES / 2 ** 20,
        }),
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    setProgress(0);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const letter = await upload(
        '/api/letters/{id}/document',
        { path: { id: letterId } },
        form,
        setProgress,
      );
      setFile(null);
      setInputKey((k) => k + 1);
      onUploaded(letter);
    } catch (err) {
      setError(asApiError(err));
      setProgress(null);
    } finally {
      setBusy(false);
    }
  }

  const fileProblem = error?.field === 'file';
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <Field id="scan-letter" label={t('Letter the scan belongs to')} error={error} field="letter">
        <select
          id="scan-letter"
          ref={selectRef}
          value={letterId ?? ''}
          onChange={(e) => {
            onLetterId(e.target.value ? Number(e.target.value) : null);
            setProgress(null);
          }}
          required
          aria-invalid={error?.field === 'letter' || undefined}
          aria-describedby={error?.field === 'letter' ? 'letter-error' : undefined}
        >
          <option value="">{t('Choose a signed letter…')}</option>
          {letters.map((l) => (
            <option key={l.id} value={l.id}>
              {l.unit.name} · {format.date(l.signedOn)}
              {l.document ? ` · ${t('has a scan')}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="scan-file"
        label={t('Scanned letter')}
        error={error}
        field="file"
        hint={t('A PDF, PNG or JPEG file, at most 5 MiB.')}
      >
        <input
          id="scan-file"
          key={inputKey}
          type="file"
          name="file"
          accept={SCAN_TYPES}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProgress(null);
            if (fileProblem) setError(undefined);
          }}
          aria-invalid={fileProblem || undefined}
          aria-describedby={['file-hint', fileProblem ? 'file-error' : ''].join(' ').trim()}
        />
      </Field>
      {progress !== null && (
        <div style={{ display: 'grid', gap: '0.2rem' }}>
          <label htmlFor="scan-progress">
            {t('Upload progress')} {format.percent(progress)}
          </label>
          <progress id="scan-progress" value={progress} max={1} />
        </div>
      )}
      {error && !['file', 'letter'].includes(error.field ?? '') && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('Uploading…') : t('Upload the scan')}
        </button>
      </div>
    </form>
  );
}

/**
 * A labelled control with its hint and, when the API named this field, its error right below.
 * The label is tied by id rather than wrapped, so the control's name is the label alone.
 */
function Field({
  id,
  label,
  hint,
  error,
  field,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: ApiError | undefined;
  field: string;
  children: ReactNode;
}) {
  return (
    <div style={{ display: 'grid', gap: '0.2rem' }}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${field}-hint`} className="muted">
          {hint}
        </span>
      )}
      <FieldError error={error} field={field} />
    </div>
  );
}
