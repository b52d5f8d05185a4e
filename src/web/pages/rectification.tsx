import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../../areas/rectification/rules.ts';
import { type AnswerOf, type QueryOf, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { DecideWithReason } from '../components/decide.tsx';
import { LimitedTextarea } from '../components/long-text.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { formText, usePracticeLabels } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';
import '../workflow.css';

type Item = AnswerOf<'/api/rectification'>['items'][number];
type Inspection = AnswerOf<'/api/inspections'>[number];
type Filter = '' | RectificationStatus | 'overdue';

const STATUS_BADGE: Record<RectificationStatus, string> = {
  open: 'none',
  reported: 'info',
  accepted: 'onTrack',
  returned: 'lagging',
};

const filterQuery = (f: Filter): QueryOf<'/api/rectification'> =>
  f === 'overdue' ? { overdue: 'true' } : f ? { status: f } : {};

/**
 * Rectification (整改): an inspection's problems as items, each with the unit that must fix it and
 * a deadline. The unit reports what it changed; the inspector accepts it or returns it. The overdue
 * items are marked with their days past the deadline.
 */
export function RectificationPage() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { user, hasRole } = useSession();
  const l = usePracticeLabels();
  const { asOf } = useCampaign();
  const [filter, setFilter] = useState<Filter>('');
  const items = useGet('/api/rectification', { params: { query: filterQuery(filter) } });
  const isInspector = hasRole('inspector');
  const inspections = useGet(isInspector ? '/api/inspections' : null);
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const [message, setMessage] = useState('');

  const mayReport = (i: Item) =>
    hasRole('officer', 'leader', 'commander') && (i.status === 'open' || i.status === 'returned');
  const mayDecide = (i: Item) => isInspector && i.status === 'reported' && i.reportedBy !== user?.username;

  function done(text: string) {
    setMessage(text);
    items.reload();
  }
  function report(item: Item, e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const body = { report: formText(new FormData(form), 'report') };
    void action
      .run(() =>
        ok(client.POST('/api/rectification/{id}/report', { params: { path: { id: item.id } }, body })),
      )
      .then((ok) => ok && (form.reset(), done(t('Report sent to the inspector.'))));
  }
  async function decide(item: Item, decision: 'accept' | 'return', reason?: string) {
    const accept = decision === 'accept';
    const yes = await ask({
      title: accept ? t('Accept the rectification') : t('Return the rectification'),
      body: accept
        ? t('{{unit}}: “{{problem}}” is accepted as rectified, in your name.', {
            unit: item.unit.name,
            problem: item.problem,
          })
        : t('{{unit}}: “{{problem}}” goes back to the unit, in your name, with what is still to change.', {
            unit: item.unit.name,
            problem: item.problem,
          }),
      confirm: accept ? t('Accept') : t('Send back'),
      danger: !accept,
    });
    if (!yes) return;
    const ran = await action.run(() =>
      ok(
        client.POST('/api/rectification/{id}/decision', {
          params: { path: { id: item.id } },
          body: { decision, reason },
        }),
      ),
    );
    if (ran) done(accept ? t('Rectification accepted.') : t('Rectification returned.'));
  }

  const overdue = items.data?.items.filter((i) => i.daysOverdue > 0).length ?? 0;
  return (
    <div aria-busy={items.loading}>
      {dialog}
      <div className="page-head">
        <h1>{t('Rectification')}</h1>
      </div>
      <ErrorNote
        error={action.error && !action.error.field?.startsWith('items.') ? action.error : undefined}
      />
      {message && <p role="status">{message}</p>}
      {isInspector && inspections.data && (
        <AddItems
          inspections={inspections.data}
          today={asOf ?? ''}
          action={action}
          onAdded={() => done(t('Items added.'))}
        />
      )}
      <div className="filters">
        <label>
          {t('Status')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="">{t('All')}</option>
            {RECTIFICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {l.itemStatus[s]}
              </option>
            ))}
            <option value="overdue">{t('Overdue only')}</option>
          </select>
        </label>
        {items.data && filter !== 'overdue' && overdue > 0 && (
          <b>{t('{{count}} items are overdue.', { count: overdue })}</b>
        )}
      </div>
      <ErrorNote error={items.error} />
      {!items.data ? (
        <Loading />
      ) : items.data.items.length === 0 ? (
        <p className="muted">{t('No rectification items for your units.')}</p>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Unit')}</th>
                  <th scope="col">{t('Problem')}</th>
                  <th scope="col">{t('Inspection')}</th>
                  <th scope="col">{t('Deadline')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col">{t("The unit's report")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {items.data.items.map((i) => (
                  <tr key={i.id} data-item={i.id}>
                    <td>{i.unit.name}</td>
                    <td>{i.problem}</td>
                    <td className="nowrap">
                      {format.date(i.inspectedOn)} · {nameOf(i.inspector)}
                    </td>
                    <td className="nowrap">{format.date(i.deadlineOn)}</td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[i.status]}`}>{l.itemStatus[i.status]}</span>
                      {i.daysOverdue > 0 && (
                        <span className="badge zero">
                          {' '}
                          {t('{{count}} days overdue', { count: i.daysOverdue })}
                        </span>
                      )}
                    </td>
                    <td>
                      {i.report ? (
                        <>
                          {i.report}
                          <div className="muted small">
                            {nameOf(i.reportedBy)} · {i.reportedAt && format.dateTime(i.reportedAt)}
                          </div>
                        </>
                      ) : (
                        '—'
                      )}
                      {i.returnReason && (
                        <div>
                          <b>{t('Returned')}:</b> {i.returnReason}
                        </div>
                      )}
                      {i.decidedBy && i.decidedAt && (
                        <div className="muted small">
                          {t('Decided by {{name}}', { name: nameOf(i.decidedBy) })} ·{' '}
                          {format.dateTime(i.decidedAt)}
                        </div>
                      )}
                    </td>
                    <td>
                      {mayReport(i) && (
                        <form
                          className="stack"
                          aria-label={t('Report what was changed')}
                          onSubmit={(e) => report(i, e)}
                        >
                          <LimitedTextarea
                            name="report"
                            aria-label={t('What the unit changed')}
                            limit={LIMITS.report}
                            required
                            rows={2}
                          />
                          <button type="submit" disabled={action.busy}>
                            {t('Report what was changed')}
                          </button>
                        </form>
                      )}
                      {mayDecide(i) && (
                        <DecideWithReason
                          grant={t('Accept')}
                          refuse={t('Send back')}
                          reasonLabel={t('What is still to change')}
                          busy={action.busy}
                          onDecide={(reason) => void decide(i, reason ? 'return' : 'accept', reason)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

interface Draft {
  unitCode: string;
  problem: string;
  deadlineOn: string;
}

/** An inspector turns an inspection's problems into items: each a problem, a unit, a deadline. */
function AddItems({
  inspections,
  today,
  action,
  onAdded,
}: {
  inspections: Inspection[];
  /** The default deadline. */
  today: string;
  action: ReturnType<typeof useAction>;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [inspectionId, setInspectionId] = useState(inspections[0]?.id);
  const inspection = inspections.find((i) => i.id === inspectionId);
  const blank = (): Draft => ({ unitCode: inspection?.unit.code ?? '', problem: '', deadlineOn: today });
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const rows = drafts.length > 0 ? drafts : [blank()];
  const set = (i: number, patch: Partial<Draft>) =>
    setDrafts(rows.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  if (inspections.length === 0) return null;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (inspectionId === undefined) return;
    void action
      .run(() =>
        ok(
          client.POST('/api/inspections/{id}/rectification', {
            params: { path: { id: inspectionId } },
            body: { items: rows },
          }),
        ),
      )
      .then((ok) => ok && (setDrafts([]), onAdded()));
  }
  return (
    <details className="panel">
      <summary>{t('Turn an inspection’s problems into items')}</summary>
      <form className="stack" onSubmit={submit} aria-label={t('Turn an inspection’s problems into items')}>
        <label>
          {t('Inspection')}
          <select
            name="inspection"
            value={inspectionId}
            onChange={(e) => {
              setInspectionId(Number(e.target.value));
              setDrafts([]);
            }}
          >
            {inspections.map((i) => (
              <option key={i.id} value={i.id}>
                {format.date(i.inspectedOn)} · {i.unit.name} · {i.findings.slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
        {inspection && <p className="muted">{inspection.findings}</p>}
        {rows.map((d, i) => (
          <fieldset key={i}>
            <legend>{t('Problem {{n}}', { n: i + 1 })}</legend>
            <label>
              {t('Problem')}
              <input
                required
                maxLength={LIMITS.reason}
                value={d.problem}
                onChange={(e) => set(i, { problem: e.target.value })}
              />
              <FieldError error={action.error} field={`items.${i}.problem`} />
            </label>
            <label>
              {t('Unit code')}
              <input
                required
                maxLength={LIMITS.code}
                value={d.unitCode}
                onChange={(e) => set(i, { unitCode: e.target.value })}
              />
              <FieldError error={action.error} field={`items.${i}.unitCode`} />
            </label>
            <label>
              {t('Deadline')}
              <input
                type="date"
                required
                value={d.deadlineOn}
                onChange={(e) => set(i, { deadlineOn: e.target.value })}
              />
              <FieldError error={action.error} field={`items.${i}.deadlineOn`} />
            </label>
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" onClick={() => setDrafts([...rows, blank()])}>
            {t('Add a problem')}
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('Add the items')}
          </button>
        </div>
      </form>
    </details>
  );
}
