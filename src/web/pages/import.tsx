import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnswerOf, ApiError, upload } from '../api.ts';
import { rejectsCsv } from '../../import/rejects-file.ts';
import type { RowError } from '../../shared/errors.ts';
import { asApiError } from '../use-action.ts';
import { ErrorNote, FieldError } from '../components/notes.tsx';
import { errorText } from '../error-text.ts';
import { format } from '../i18n.ts';
import { useCampaign } from '../use-campaign.ts';

type Table = 'units' | 'fugitives' | 'clearances' | 'letters';
type Summary = AnswerOf<'/api/imports/{table}', 'post'>;

/** A CSV's lines as the user saved them: UTF-8, or GBK/GB18030 as Excel saves it on Chinese Windows. */
async function csvLines(file: File): Promise<string[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const [table, setTable] = useState<Table>('fugitives');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [processing, setProcessing] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [lines, setLines] = useState<string[]>([]);
  const [acceptValid, setAcceptValid] = useState(false);
  const { campaign } = useCampaign();
  // The unit tree comes whole: a refused unit would orphan the units under it.
  const partial = acceptValid && table !== 'units';
  const problemText = (p: RowError) =>
    t('Row {{row}} · {{column}}: {{problem}}', {
      row: p.row,
      column: p.header ?? p.field,
      problem: errorText(p, i18n),
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setSummary(null);
    setError(undefined);
    setProgress(0);
    // The file's own lines, to show each bad row next to its error (CSV only).
    setLines(file.name.toLowerCase().endsWith('.csv') ? await csvLines(file) : []);
    const body = new FormData();
    body.append('file', file);
    try {
      const params = {
        path: { table },
        query: {
          ...(table === 'letters' && campaign ? { campaign: campaign.name } : {}),
          ...(partial ? { acceptValid: 'true' as const } : {}),
        },
      };
      const result = await upload('/api/imports/{table}', params, body, (share) => {
        setProgress(share);
        if (share >= 1) setProcessing(true);
      });
      setSummary(result);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setProcessing(false);
      setProgress(null);
    }
  }

  const problems = error?.errors ?? [];
  return (
    <div>
      <h1>{t('Import data')}</h1>
      <p className="muted">
        {t(
          "CSV (UTF-8 or GBK), XLSX or XLS, with the template's columns and Chinese or English values. A file with any bad row imports nothing, unless you ask for the valid rows; importing the same file again adds nothing.",
        )}
      </p>
      <form className="stack panel" onSubmit={(e) => void submit(e)}>
        <label>
          {t('What the file holds')}
          <select value={table} onChange={(e) => setTable(e.target.value as Table)} name="table">
            <option value="units">{t('Units')}</option>
            <option value="fugitives">{t('Fugitives')}</option>
            <option value="clearances">{t('Clearances')}</option>
            <option value="letters">{t('Responsibility letters (signed paper originals)')}</option>
          </select>
        </label>
        <label>
          {t('File')}
          <input
            type="file"
            name="file"
            accept=".csv,.txt,.xlsx,.xls"
            required
            aria-describedby="file-error"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <FieldError error={error} field="file" />
        </label>
        {table !== 'units' && (
          <label className="check">
            <input
              type="checkbox"
              name="acceptValid"
              checked={acceptValid}
              onChange={(e) => setAcceptValid(e.target.checked)}
            />
            {t('Import the valid rows and give me the refused ones back as a file to fix')}
          </label>
        )}
        <p>
          <a
            href={`/api/imports/${table}/template?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}
            download
            data-testid="template-link"
          >
            {t('Download a template to fill in (.xlsx)')}
          </a>
        </p>
        {table === 'clearances' && (
          <p className="muted">{t('Clearances imported here wait for an inspector, like any claim.')}</p>
        )}
        {table === 'letters' && campaign && (
          <p className="muted">
            {t(
              'Columns unit, target, signed_by, signed_on: one signed letter per unit, for the campaign {{name}}. Each unit is then judged against its letter’s target.',
              { name: campaign.name },
            )}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={!file || progress !== null || (table === 'letters' && !campaign)}
        >
          {t('Import')}
        </button>
        {progress !== null && (
          <div role="status">
            <progress
              max={1}
              value={processing ? undefined : progress}
              aria-label={processing ? t('Checking and importing…') : t('Uploading…')}
            />
            <span>
              {processing ? t('Checking and importing…') : `${t('Uploading…')} ${format.percent(progress)}`}
            </span>
          </div>
        )}
      </form>
      {summary && (
        <p className="panel" role="status">
          {t('Done: {{rows}} rows read, {{inserted}} imported, {{unchanged}} already registered.', {
            rows: format.number(summary.rows),
            inserted: format.number(summary.inserted),
            unchanged: format.number(summary.unchanged),
          })}
        </p>
      )}
      {summary?.refusedRows && summary.refusedRows.rows.length > 0 && (
        <section className="panel" aria-labelledby="refused-rows">
          <h2 id="refused-rows" className="error-title">
            {t('{{count}} rows were refused and not imported.', {
              count: format.number(summary.refused ?? 0),
            })}
          </h2>
          <p>
            <a
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(
                rejectsCsv(summary.refusedRows, t('Error'), problemText),
              )}`}
              download={`${file?.name.replace(/\.[^.]*$/, '') ?? table}-rejects.csv`}
              data-testid="rejects-link"
            >
              {t('Download the refused rows with their errors (.csv), fix them and import the file again')}
            </a>
          </p>
          <ul className="row-errors">
            {summary.refusedRows.rows.map((r) => (
              <li key={r.row} data-testid={`refused-${r.row}`}>
                {r.errors.map(problemText).join('；')}
              </li>
            ))}
          </ul>
        </section>
      )}
      {error && problems.length === 0 && error.field !== 'file' && <ErrorNote error={error} />}
      {error && problems.length > 0 && (
        <section className="panel" aria-labelledby="row-errors">
          <h2 id="row-errors" className="error-title">
            {errorText(error, i18n)}
          </h2>
          {error.total !== undefined && error.total > problems.length && (
            <p data-testid="row-errors-total">
              {t('{{total}} bad rows in all; the first {{shown}} are listed.', {
                total: format.number(error.total),
                shown: format.number(problems.length),
              })}
            </p>
          )}
          <table className="row-errors">
            <thead>
              <tr>
                <th scope="col">{t('Problem')}</th>
                <th scope="col">{t('The row as written')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i} data-testid={`row-error-${p.row}`}>
                  <td>{problemText(p)}</td>
                  <td>
                    <code className="muted">{lines[p.row - 1] ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
