// Reconciliation with the national wanted-persons list (commanders): upload the national system's
// export, see where it and the registry disagree, download the report as .xlsx. Nothing changes.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AnswerOf, postForFile, upload } from '../api.ts';
import { saveFile } from '../save-file.ts';
import { useAction } from '../use-action.ts';
import { ErrorNote } from '../components/notes.tsx';
import { errorText } from '../error-text.ts';

type Out = AnswerOf<'/api/reconciliation', 'post'>;

export function ReconciliationPage() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState('');
  const [unit, setUnit] = useState('');
  const [out, setOut] = useState<Out | null>(null);
  const { busy, error, run } = useAction();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const query = { ...(asOf ? { asOf } : {}), ...(unit ? { unit } : {}), lang } as const;
  const status = (s: 'active' | 'cleared') => (s === 'active' ? t('At large') : t('Cleared'));
  const fieldName = (f: string) =>
    f === 'name' ? t('Name') : f === 'idNumber' ? t('ID number') : t('Listing unit');

  function form(): FormData {
    const body = new FormData();
    body.append('file', file!);
    return body;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    void run(async () => setOut(await upload('/api/reconciliation', { query }, form())));
  }

  function report() {
    void run(async () =>
      saveFile(
        await postForFile(`/api/reconciliation/xlsx?${new URLSearchParams(query).toString()}`, form()),
        `${t('Reconciliation with the national list')}-${out?.asOf ?? ''}.xlsx`,
      ),
    );
  }

  const caseLink = (no: string) => <Link to={`/fugitives/${encodeURIComponent(no)}`}>{no}</Link>;
  return (
    <div>
      <h1>{t('Reconciliation with the national list')}</h1>
      <section className="panel">
        <p className="muted">
          {t(
            "Upload the national wanted-persons system's export of the bureau's listings (the import's columns, with an optional 状态 column: 在逃 or 已撤销). Nothing is changed: put differences right by an import or a correction.",
          )}
        </p>
        <form className="stack" onSubmit={submit} aria-label={t('Reconciliation with the national list')}>
          <div className="field">
            <label htmlFor="national-file">{t('National list file')}</label>
            <input
              id="national-file"
              type="file"
              accept=".csv,.txt,.xlsx,.xls"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="filters">
            <div className="filter">
              <label htmlFor="reconcile-as-of">{t('As of')}</label>
              <input
                id="reconcile-as-of"
                type="date"
                value={asOf}
                onChange={(e) => setAsOf(e.target.value)}
              />
            </div>
            <div className="filter">
              <label htmlFor="reconcile-unit">{t('Unit code (and the units below it)')}</label>
              <input id="reconcile-unit" value={unit} onChange={(e) => setUnit(e.target.value.trim())} />
            </div>
          </div>
          {error && <ErrorNote error={error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={!file || busy}>
              {t('Compare')}
            </button>
            {out && (
              <button type="button" onClick={report}>
                {t('Download the report (.xlsx)')}
              </button>
            )}
          </div>
        </form>
      </section>
      {out && (
        <section className="panel" data-testid="reconciliation">
          <h2>{t('As of {{date}}', { date: out.asOf })}</h2>
          <ul>
            <li>
              {t('On the national list: {{n}}; in this registry: {{m}}', {
                n: out.counts.there,
                m: out.counts.here,
              })}
            </li>
            {out.baseline && (
              <li>
                {t(
                  'Baseline of {{campaign}}: ours {{ours}}, implied by the national list {{national}}',
                  out.baseline,
                )}
              </li>
            )}
          </ul>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t('Unit')}</th>
                  <th>{t('Only on the national list')}</th>
                  <th>{t('Only here')}</th>
                  <th>{t('Status differs')}</th>
                  <th>{t('Fields differ')}</th>
                  <th>{t('Withdrawn here')}</th>
                </tr>
              </thead>
              <tbody>
                {out.byUnit.map((u) => (
                  <tr key={u.unit?.code ?? ''}>
                    <td>{u.unit?.name ?? t('Remote')}</td>
                    <td>{u.onlyThere}</td>
                    <td>{u.onlyHere}</td>
                    <td>{u.statusDiffers}</td>
                    <td>{u.fieldsDiffer}</td>
                    <td>{u.withdrawnHere}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>
            {t('Only on the national list')} ({out.counts.onlyThere})
          </h3>
          <ul>
            {out.onlyThere.map((e) => (
              <li key={e.listingNo}>
                {e.listingNo} {e.name} · {e.unit?.name ?? e.listingAgency} · {e.listedOn}
              </li>
            ))}
          </ul>
          <h3>
            {t('Only here')} ({out.counts.onlyHere})
          </h3>
          <ul>
            {out.onlyHere.map((e) => (
              <li key={e.listingNo}>
                {caseLink(e.listingNo)} {e.name} · {e.unit?.name ?? e.listingAgency} · {e.listedOn}
              </li>
            ))}
          </ul>
          <h3>
            {t('Status differs')} ({out.counts.statusDiffers})
          </h3>
          <ul>
            {out.statusDiffers.map((d) => (
              <li key={d.listingNo}>
                {caseLink(d.listingNo)} {d.name}:{' '}
                {t('here {{here}}, national list {{there}}', {
                  here: status(d.here),
                  there: status(d.there),
                })}
              </li>
            ))}
          </ul>
          <h3>
            {t('Fields differ')} ({out.counts.fieldsDiffer})
          </h3>
          <ul>
            {out.fieldsDiffer.flatMap((d) =>
              d.fields.map((f) => (
                <li key={`${d.listingNo}-${f.field}`}>
                  {caseLink(d.listingNo)} {fieldName(f.field)}:{' '}
                  {t('here {{here}}, national list {{there}}', {
                    here: f.here ?? '—',
                    there: f.there ?? '—',
                  })}
                </li>
              )),
            )}
          </ul>
          <h3>
            {t('Withdrawn here')} ({out.counts.withdrawnHere})
          </h3>
          <p className="muted">
            {t(
              'At large on the national list, withdrawn here as entered by mistake: to be withdrawn in the national system too, not imported again.',
            )}
          </p>
          <ul>
            {out.withdrawnHere.map((e) => (
              <li key={e.listingNo}>
                {caseLink(e.listingNo)} {e.name} · {e.unit?.name ?? e.listingAgency} · {e.listedOn}
              </li>
            ))}
          </ul>
          {out.unreadable.length > 0 && (
            <>
              <h3>
                {t('Rows of the file not read')} ({out.counts.unreadable})
              </h3>
              <ul>
                {out.unreadable.map((e) => (
                  <li key={`${e.row}-${e.field}`}>
                    {t('Row {{row}} · {{column}}: {{problem}}', {
                      row: e.row,
                      column: e.header ?? e.field,
                      problem: errorText(e, i18n),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
