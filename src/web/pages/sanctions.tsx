import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../areas/sanctions/rules.ts';
import { useMeasureLabels } from '../accountability.ts';
import { type AnswerOf, ApiError, client, ok, upload } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { asApiError } from '../use-action.ts';
import { CarryOver } from './carry-over.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useCampaign } from '../use-campaign.ts';
import { groupRows } from '../table-rows.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { useNameOf } from '../people.ts';
import { LIMITS } from '../../shared/limits.ts';

type Item = AnswerOf<'/api/campaigns/{campaign}/sanctions'>['items'][number];

/**
 * Sanctions: what the deadline or the year end brings (a preview until then), the tracked items
 * with their owner, due date and status, closing one with its record and (commanders) waiving one
 * with a written reason.
 */
export function SanctionsPage() {
  const { t } = useTranslation();
  const labels = useMeasureLabels();
  const { hasRole } = useSession();
  const { name, error } = useCampaign();
  const [checkpoint, setCheckpoint] = useState<Checkpoint>('deadline');
  const campaign = { campaign: name ?? '' };
  const preview = useGet(name ? '/api/campaigns/{campaign}/sanctions/preview' : null, {
    params: { path: campaign, query: { checkpoint } },
  });
  const tracked = useGet(name ? '/api/campaigns/{campaign}/sanctions' : null, { params: { path: campaign } });
  const [failure, setFailure] = useState<ApiError>();
  const { dialog, askWritten } = useConfirm();
  const nameOf = useNameOf();
  const [message, setMessage] = useState('');

  if (error) return <ErrorNote error={error} />;
  if (!name || !preview.data || !tracked.data) return <Loading />;

  async function act(work: () => Promise<unknown>, done: string) {
    setFailure(undefined);
    try {
      await work();
      setMessage(done);
      tracked.reload();
    } catch (e) {
      setFailure(asApiError(e));
    }
  }
  const close = async (item: Item) => {
    const record = await askWritten({
      title: t('Close this sanction?'),
      body: t(
        'The sanction "{{measure}}" of {{unit}} is recorded as carried out, with what was done. It leaves the open sanctions; the record is kept in the audit history.',
        { measure: labels.measure[item.measure], unit: item.unit.name },
      ),
      confirm: t('Close'),
      label: t('What was done (minutes, talk record, reference)?'),
      limit: LIMITS.reason,
    });
    if (record)
      await act(
        () =>
          ok(
            client.POST('/api/sanctions/{id}', {
              params: { path: { id: item.id } },
              body: { status: 'done', record },
            }),
          ),
        t('Sanction closed.'),
      );
  };
  const waive = async (item: Item) => {
    const reason = await askWritten({
      title: t('Waive this sanction?'),
      body: t(
        'The sanction "{{measure}}" of {{unit}} is waived with your reason. It is recorded in the audit history and is not tracked any further.',
        { measure: labels.measure[item.measure], unit: item.unit.name },
      ),
      confirm: t('Waive'),
      danger: true,
      label: t('Why is this sanction waived?'),
      limit: LIMITS.reason,
    });
    if (reason)
      await act(
        () =>
          ok(
            client.POST('/api/sanctions/{id}', {
              params: { path: { id: item.id } },
              body: { status: 'waived', reason },
            }),
          ),
        t('Sanction waived.'),
      );
  };
  const attach = (s: Item, file: File) => {
    const body = new FormData();
    body.append('file', file);
    void act(() => upload('/api/sanctions/{id}/document', { path: { id: s.id } }, body), t('Scan attached.'));
  };
  const trackedColumns: Column<Item>[] = [
    { key: 'unit', header: t('Unit'), value: (s) => s.unit.name },
    {
      key: 'measure',
      header: t('Measure'),
      value: (s) => labels.measure[s.measure],
      text: (s) =>
        labels.measure[s.measure] +
        (s.carriedOver !== null ? ` (${t('{{count}} persons', { count: s.carriedOver })})` : ''),
    },
    { key: 'owner', header: t('Owner'), value: (s) => (s.owner ? nameOf(s.owner) : null) },
    {
      key: 'dueOn',
      header: t('Due on'),
      value: (s) => s.dueOn,
      text: (s) => format.date(s.dueOn),
      className: 'nowrap',
    },
    { key: 'status', header: t('Status'), value: (s) => labels.status[s.status] },
    {
      key: 'record',
      header: t('Record'),
      value: (s) => s.record ?? s.waiveReason ?? null,
      render: (s) => (
        <>
          {s.record ?? s.waiveReason ?? ''}
          {s.document && (
            <>
              {' '}
              <a href={`/api/sanctions/${s.id}/document`} download>
                {s.document.name}
              </a>
            </>
          )}
          {s.status !== 'waived' && hasRole('leader', 'commander') && (
            <label className="inline">
              <span className="sr-only">{t('Attach a scan')}</span>
              <input
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                title={t('Attach a scan')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) attach(s, file);
                }}
              />
            </label>
          )}
        </>
      ),
      className: 'wrap-anywhere',
    },
    {
      key: 'actions',
      header: t('Actions'),
      value: () => null,
      sortable: false,
      noExport: true,
      render: (s) => (
        <>
          {s.status === 'open' && hasRole('leader', 'commander') && (
            <button type="button" onClick={() => void close(s)}>
              {t('Close')}
            </button>
          )}
          {s.status === 'open' && hasRole('commander') && (
            <button type="button" onClick={() => void waive(s)}>
              {t('Waive')}
            </button>
          )}
        </>
      ),
    },
  ];
  const p = preview.data;
  return (
    <div>
      <div className="page-head">
        <h1>{t('Sanctions')}</h1>
        <div className="actions">
          <select
            value={checkpoint}
            onChange={(e) => setCheckpoint(e.target.value as Checkpoint)}
            aria-label={t('Checkpoint')}
          >
            <option value="deadline">{t('At the deadline')}</option>
            <option value="year_end">{t('At year end')}</option>
          </select>
          {hasRole('commander') && !p.provisional && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                void act(
                  () =>
                    ok(
                      client.POST('/api/campaigns/{campaign}/sanctions/evaluate', {
                        params: { path: campaign },
                        body: { checkpoint },
                      }),
                    ),
                  t('Sanctions are now tracked.'),
                )
              }
            >
              {t('Track these sanctions')}
            </button>
          )}
        </div>
      </div>
      <ErrorNote error={failure} />
      {message && <p role="status">{message}</p>}
      {dialog}
      <section className="panel">
        <h2>
          {p.provisional
            ? t('If the checkpoint ({{date}}) were today', { date: format.date(p.checkpointOn) })
            : t('Due at the checkpoint ({{date}})', { date: format.date(p.checkpointOn) })}
        </h2>
        <PreviewGroups items={p.items} />
      </section>
      {checkpoint === 'year_end' && hasRole('commander') && (
        <CarryOver
          campaign={name}
          units={p.items.filter((s) => s.measure === 'task_carry_over').map((s) => s.unit.name)}
        />
      )}
      <section className="panel">
        <h2>{t('Tracked sanctions')}</h2>
        {tracked.data.items.length === 0 ? (
          <p className="muted">{t('No sanction is tracked yet: they are from the checkpoint on.')}</p>
        ) : (
          <DataTable
            label={t('Tracked sanctions')}
            fileName={`${t('Tracked sanctions')} ${name}`}
            rows={tracked.data.items}
            columns={trackedColumns}
            rowKey={(s) => String(s.id)}
            rowTestId={(s) => `sanction-${s.id}`}
            pageSize={50}
          />
        )}
      </section>
    </div>
  );
}

type Due = AnswerOf<'/api/campaigns/{campaign}/sanctions/preview'>['items'][number];

/**
 * The sanctions due, by unit or by measure: a summary of the measures, then each group folded
 * under one line (a whole city flat was a table thousands of pixels long).
 */
function PreviewGroups({ items }: { items: Due[] }) {
  const { t } = useTranslation();
  const labels = useMeasureLabels();
  const [by, setBy] = useState<'unit' | 'measure'>('unit');
  const byMeasure = groupRows(items, (s) => s.measure);
  const groups = by === 'unit' ? groupRows(items, (s) => s.unit.code) : byMeasure;
  const measureOf = (s: Due) =>
    labels.measure[s.measure] +
    (s.deduction > 0 ? ` (−${format.number(s.deduction)})` : '') +
    (s.carriedOver !== null ? ` (${t('{{count}} persons', { count: s.carriedOver })})` : '');
  if (items.length === 0) return <p className="muted">{t('No sanction is due.')}</p>;
  return (
    <>
      <p data-testid="sanctions-summary">
        {t('{{n}} sanctions for {{units}} units', {
          n: format.number(items.length),
          units: format.number(groupRows(items, (s) => s.unit.code).length),
        })}
      </p>
      <ul className="chips">
        {byMeasure.map((g) => (
          <li key={g.key}>
            {labels.measure[g.rows[0]!.measure]}: {format.number(g.rows.length)}
          </li>
        ))}
      </ul>
      <label className="inline">
        {t('Group by')}
        <select value={by} onChange={(e) => setBy(e.target.value as 'unit' | 'measure')}>
          <option value="unit">{t('Unit')}</option>
          <option value="measure">{t('Measure')}</option>
        </select>
      </label>
      {groups.map((g) => (
        <details key={g.key} className="sanction-group" data-testid="sanction-group">
          <summary>
            {by === 'unit' ? g.rows[0]!.unit.name : labels.measure[g.rows[0]!.measure]}{' '}
            <span className="muted">· {format.number(g.rows.length)}</span>
          </summary>
          <table>
            <thead>
              <tr>
                <th>{by === 'unit' ? t('Measure') : t('Unit')}</th>
                <th>{t('Grounds')}</th>
                <th>{t('Due on')}</th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((s) => (
                <tr key={`${s.unit.code}-${s.measure}`}>
                  <td>{by === 'unit' ? measureOf(s) : s.unit.name}</td>
                  <td>{labels.grounds[s.grounds]}</td>
                  <td>{format.date(s.dueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
}
