import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useSearchParams } from 'react-router';
import type { ClaimOut } from '../../areas/clearances/schema.ts';
import { needsSecondApprover } from '../../areas/clearances/rules.ts';
import { type ApiError, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { BulkVerify } from '../components/bulk-verify.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { Clipped, LimitedTextarea } from '../components/long-text.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { type Labels, STATUS_TONE, useLabels } from '../workflow.ts';
import { asApiError } from '../use-action.ts';
import { errorText } from '../error-text.ts';
import '../workflow.css';

const PAGE_SIZE = 50;
const TABS = ['pending', 'approved', 'conflict', 'decided'] as const;
type Tab = (typeof TABS)[number];

/** Claims that can still be decided (a verified one can be turned down when found false). */
const OPEN = new Set<ClaimOut['status']>(['pending', 'approved', 'conflict']);

/** Whether an inspector may verify the claim now (a cancellation or a death needs its approval first). */
const verifiable = (claim: ClaimOut) =>
  OPEN.has(claim.status) && !(needsSecondApprover(claim.kind) && claim.status === 'pending');

/**
 * The verification queue: inspectors verify or reject claims, leaders approve cancellations, and
 * officers follow their units' claims. The tab and page live in the URL.
 */
export function VerificationQueuePage() {
  const { t } = useTranslation();
  const l = useLabels();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'pending';
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const [rejecting, setRejecting] = useState<number | null>(null);
  // Claims chosen to verify together; a new tab or page starts a new choice.
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => setSelected(new Set()), [tab, page]);

  // "Recently decided" is the verified and the rejected, newest decision first.
  const single = tab !== 'decided';
  const main = useGet('/api/clearances', {
    params: {
      query: single ? { status: tab, page, pageSize: PAGE_SIZE } : { status: 'verified', pageSize: 200 },
    },
  });
  const rejected = useGet(single ? null : '/api/clearances', {
    params: { query: { status: 'rejected', pageSize: 200 } },
  });
  const items = useMemo(() => {
    if (!main.data) return undefined;
    if (single) return main.data.items;
    if (!rejected.data) return undefined;
    return [...main.data.items, ...rejected.data.items]
      .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '') || b.id - a.id)
      .slice(0, PAGE_SIZE);
  }, [main.data, rejected.data, single]);
  const error = main.error ?? rejected.error;
  const reload = () => {
    main.reload();
    rejected.reload();
  };

  const tabLabel: Record<Tab, string> = {
    pending: t('Pending'),
    approved: t('Approved cancellations and deaths'),
    conflict: t('Conflicts'),
    decided: t('Recently decided'),
  };
  const readOnly = !hasRole('inspector', 'leader');
  const bulk = hasRole('inspector') && single;
  const selectable = bulk && items ? items.filter(verifiable) : [];
  const select = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const nameOf = useNameOf();
  // What the rows sort, filter and export by (QueueRow draws them, with their actions).
  const columns = useMemo(
    (): Column<ClaimOut>[] => [
      {
        key: 'person',
        header: t('Person'),
        value: (c) => c.fugitiveName,
        text: (c) => `${c.fugitiveName} ${c.listingNo}`,
      },
      { key: 'kind', header: t('Kind'), value: (c) => l.kind[c.kind] },
      { key: 'date', header: t('Date'), value: (c) => c.occurredOn, text: (c) => format.date(c.occurredOn) },
      {
        key: 'claimUnit',
        header: t('Claiming unit'),
        value: (c) => c.claimUnit?.name ?? null,
        text: (c) => `${c.claimUnit?.name ?? '—'} ${nameOf(c.claimedBy)}`,
      },
      {
        key: 'capturingUnit',
        header: t('Capturing unit'),
        value: (c) => c.capturingUnit?.name ?? c.capturingAgency,
      },
      { key: 'evidence', header: t('Evidence'), value: (c) => c.evidenceRef },
      { key: 'status', header: t('Status'), value: (c) => l.claimStatus[c.status] },
    ],
    [t, l, nameOf],
  );
  const actions: Column<ClaimOut> = {
    key: 'actions',
    header: t('Actions'),
    value: () => null,
    sortable: false,
    noExport: true,
  };
  const pages = main.data && single ? Math.max(1, Math.ceil(main.data.total / PAGE_SIZE)) : 1;

  function go(changes: { tab?: Tab; page?: number }) {
    const next = new URLSearchParams(params);
    if (changes.tab !== undefined) {
      next.delete('page');
      if (changes.tab === 'pending') next.delete('tab');
      else next.set('tab', changes.tab);
    }
    if (changes.page !== undefined) {
      if (changes.page <= 1) next.delete('page');
      else next.set('page', String(changes.page));
    }
    setRejecting(null);
    setParams(next);
  }

  return (
    <div className="queue">
      <div className="page-head">
        <h1>{t('Verification queue')}</h1>
        <div className="actions">
          <button type="button" onClick={reload}>
            {t('Refresh the list')}
          </button>
        </div>
      </div>
      {readOnly && (
        <p className="notice">
          {t(
            'You see the claims of your units. Inspectors verify them; leaders approve cancellations and deaths.',
          )}
        </p>
      )}
      <nav className="tabs" aria-label={t('Kinds of claims')}>
        {TABS.map((x) => (
          <Link
            key={x}
            to={x === 'pending' ? '/queue' : `/queue?tab=${x}`}
            aria-current={x === tab ? 'page' : undefined}
            onClick={() => setRejecting(null)}
          >
            {tabLabel[x]}
          </Link>
        ))}
      </nav>
      <section className="panel" aria-busy={main.loading || rejected.loading} aria-labelledby="queue-title">
        <h2 id="queue-title" aria-live="polite">
          {tabLabel[tab]}
          {main.data && single && (
            <span className="muted"> · {t('Claims: {{n}}', { n: format.number(main.data.total) })}</span>
          )}
          {!single && (
            <span className="muted"> · {t('the {{n}} most recent', { n: format.number(PAGE_SIZE) })}</span>
          )}
        </h2>
        {error && <ErrorNote error={error} />}
        {!items && !error && <Loading />}
        {items && items.length === 0 && <p className="muted">{t('Nothing here.')}</p>}
        {bulk && selectable.length > 0 && (
          <BulkVerify
            selected={selectable.filter((c) => selected.has(c.id))}
            verifiable={selectable.length}
            onSelectAll={() => setSelected(new Set(selectable.map((c) => c.id)))}
            onClear={() => setSelected(new Set())}
            onDone={() => {
              setSelected(new Set());
              main.reload();
            }}
          />
        )}
        {items && items.length > 0 && (
          <DataTable
            label={tabLabel[tab]}
            fileName={`${t('Verification queue')} ${tabLabel[tab]}`}
            className="claims"
            rows={items}
            columns={readOnly ? columns : [...columns, actions]}
            rowKey={(c) => `${c.id}:${c.status}:${c.decidedAt ?? ''}`}
            renderRow={(c) => (
              <QueueRow
                claim={c}
                l={l}
                readOnly={readOnly}
                rejecting={rejecting === c.id}
                onRejecting={(open) => setRejecting(open ? c.id : null)}
                selected={selected.has(c.id)}
                onSelect={bulk && verifiable(c) ? (on) => select(c.id, on) : undefined}
              />
            )}
          />
        )}
        {single && main.data && pages > 1 && (
          <nav className="pager" aria-label={t('Pages')}>
            <button type="button" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
              {t('Previous page')}
            </button>
            <span>
              {t('Page {{page}} of {{pages}}', { page: format.number(page), pages: format.number(pages) })}
            </span>
            <button type="button" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
              {t('Next page')}
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}

function QueueRow({
  claim: initial,
  l,
  readOnly,
  rejecting,
  onRejecting,
  selected,
  onSelect,
}: {
  claim: ClaimOut;
  l: Labels;
  readOnly: boolean;
  rejecting: boolean;
  onRejecting: (open: boolean) => void;
  selected: boolean;
  /** Offered where the claim can be verified with others (an inspector's open claims). */
  onSelect?: (on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const { hasRole, user } = useSession();
  const [claim, setClaim] = useState(initial);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  // The reason form turns the claim down: an inspector rejects, a leader refuses to approve.
  const [reasonAct, setReasonAct] = useState<'reject' | 'refuse'>('reject');
  const { dialog, ask } = useConfirm();

  const inspector = hasRole('inspector');
  const own = claim.claimedBy === user?.username;
  const awaitsApproval = needsSecondApprover(claim.kind) && claim.status === 'pending';
  const canVerify = inspector && verifiable(claim);
  // A verified claim found false is turned down from the integrity queue, not here.
  const canReject = inspector && OPEN.has(claim.status);
  const canApprove = hasRole('leader') && awaitsApproval && !own;
  const what = { kind: l.kind[claim.kind], name: claim.fugitiveName, listingNo: claim.listingNo };

  const byId = { params: { path: { id: claim.id } } };
  async function decide(call: Promise<{ data?: ClaimOut; response: Response }>, message: string) {
    setBusy(true);
    setError(undefined);
    try {
      const after = await ok(call);
      setClaim(after);
      setDone(message);
      onRejecting(false);
      setReason('');
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    const body =
      claim.kind === 'cancellation'
        ? t(
            'The listing of {{name}} ({{listingNo}}) is cancelled as of {{date}}. Cancellations are shown apart: the cleared count does not change.',
            { ...what, date: format.date(claim.occurredOn) },
          )
        : t(
            '{{name}} ({{listingNo}}) leaves the list by {{kind}} on {{date}}, and it counts from now on: if the person is in the campaign baseline, the cleared count of the listing unit and of each unit above it rises by 1.',
            { ...what, date: format.date(claim.occurredOn) },
          ) +
          (claim.capturingUnit && (claim.kind === 'arrest' || claim.kind === 'surrender')
            ? ' ' + t('The capture is credited to {{unit}}.', { unit: claim.capturingUnit.name })
            : '');
    if (await ask({ title: t('Verify this claim?'), body, confirm: t('Verify') }))
      await decide(client.POST('/api/clearances/{id}/verify', { ...byId, body: {} }), t('Verified.'));
  }

  async function approve() {
    const body = t(
      'You approve the {{kind}} of {{name}} ({{listingNo}}) as its second approver. It then waits for an inspector to verify it.',
      what,
    );
    if (await ask({ title: t('Approve this {{kind}}?', what), body, confirm: t('Approve') }))
      await decide(client.POST('/api/clearances/{id}/approve', byId), t('Approved.'));
  }

  async function turnDown(e: FormEvent) {
    e.preventDefault();
    const refuse = reasonAct === 'refuse';
    const body = refuse
      ? t(
          'The {{kind}} of {{name}} ({{listingNo}}) is refused with your reason. It goes no further and never counts.',
          what,
        )
      : t(
          'The {{kind}} of {{name}} ({{listingNo}}) is rejected with your reason. It does not count; the unit may file a corrected claim.',
          what,
        );
    const yes = await ask({
      title: refuse ? t('Refuse this {{kind}}?', what) : t('Reject this claim?'),
      body,
      confirm: refuse ? t('Refuse') : t('Reject'),
      danger: true,
    });
    if (!yes) return;
    const request = { ...byId, body: { reason: reason.trim() } };
    await (refuse
      ? decide(client.POST('/api/clearances/{id}/refuse', request), t('Refused.'))
      : decide(client.POST('/api/clearances/{id}/reject', request), t('Rejected.')));
  }

  function openReason(act: 'reject' | 'refuse') {
    setReasonAct(act);
    onRejecting(true);
  }

  const refused = error && error.status === 409;
  return (
    <tr data-testid={`claim-${claim.id}`} className={done ? 'decided' : undefined}>
      <td>
        <Link to={`/fugitives/${encodeURIComponent(claim.listingNo)}`}>{claim.fugitiveName}</Link>
        <div className="muted small">{claim.listingNo}</div>
      </td>
      <td data-label={t('Kind')}>
        {l.kind[claim.kind]}
        {claim.reasonCode && <div className="muted small">{l.reasonOf(claim.reasonCode)}</div>}
        {claim.reasonText && <div className="small wrap-anywhere">{claim.reasonText}</div>}
      </td>
      <td className="nowrap" data-label={t('Date')}>
        {format.date(claim.occurredOn)}
      </td>
      <td data-label={t('Claiming unit')}>
        {claim.claimUnit?.name ?? '—'}
        <div className="muted small">
          {nameOf(claim.claimedBy)} · {format.dateTime(claim.enteredAt)}
        </div>
      </td>
      <td data-label={t('Capturing unit')}>
        {claim.capturingUnit?.name ??
          (claim.capturingAgency ? <Clipped text={claim.capturingAgency} /> : '—')}
        {claim.persuadingUnit && (
          <div className="muted small">{t('Persuaded by {{unit}}', { unit: claim.persuadingUnit.name })}</div>
        )}
        {claim.place && (
          <div className="muted small">
            <Clipped text={claim.place} />
          </div>
        )}
      </td>
      <td data-label={t('Evidence')}>
        {claim.evidenceRef ? (
          <Clipped text={claim.evidenceRef} />
        ) : claim.kind === 'arrest' || claim.kind === 'surrender' ? (
          <span className="badge zero">{t('No evidence')}</span>
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('Status')}>
        <span className={`badge ${STATUS_TONE[claim.status]}`}>{l.claimStatus[claim.status]}</span>
        {claim.approvedBy && (
          <div className="muted small">{t('Approved by {{name}}', { name: nameOf(claim.approvedBy) })}</div>
        )}
        {claim.decidedBy && (
          <div className="muted small">
            {nameOf(claim.decidedBy)}
            {claim.decidedAt && ` · ${format.dateTime(claim.decidedAt)}`}
          </div>
        )}
        {claim.decisionReason && <div className="small wrap-anywhere">{claim.decisionReason}</div>}
      </td>
      {!readOnly && (
        <td className="row-actions">
          {done && (
            <p className="ok small" role="status">
              {done}
            </p>
          )}
          {onSelect && canVerify && !done && (
            <label className="check">
              <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} />
              {t('Select')}
              <span className="sr-only"> {claim.fugitiveName}</span>
            </label>
          )}
          {!rejecting && (canVerify || canReject || canApprove) && (
            <div className="actions">
              {canVerify && (
                <button type="button" className="primary" disabled={busy} onClick={() => void verify()}>
                  {t('Verify')}
                </button>
              )}
              {canApprove && (
                <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
                  {t('Approve')}
                </button>
              )}
              {canApprove && (
                <button type="button" disabled={busy} onClick={() => openReason('refuse')}>
                  {t('Refuse')}
                </button>
              )}
              {canReject && (
                <button type="button" disabled={busy} onClick={() => openReason('reject')}>
                  {t('Reject')}
                </button>
              )}
            </div>
          )}
          {inspector && awaitsApproval && !rejecting && (
            <p className="muted small">{t('Awaits a leader’s approval before it can be verified.')}</p>
          )}
          {rejecting && (
            <form
              className="reject-form"
              onSubmit={(e) => void turnDown(e)}
              aria-label={reasonAct === 'refuse' ? t('Refuse the claim') : t('Reject the claim')}
            >
              <label htmlFor={`reject-reason-${claim.id}`}>
                {reasonAct === 'refuse' ? t('Reason for refusing') : t('Reason for rejecting')}
              </label>
              <LimitedTextarea
                id={`reject-reason-${claim.id}`}
                name="reason"
                limit={LIMITS.reason}
                rows={2}
                value={reason}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={error?.field === 'reason' || undefined}
                aria-describedby="reason-error"
              />
              <FieldError error={error} field="reason" />
              <div className="actions">
                <button type="submit" className="danger" disabled={busy}>
                  {reasonAct === 'refuse' ? t('Refuse') : t('Confirm rejection')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setError(undefined);
                    onRejecting(false);
                  }}
                >
                  {t('Cancel')}
                </button>
              </div>
            </form>
          )}
          {refused && (
            <div className="error small" role="alert">
              {t('Refused: {{reason}}', { reason: errorText(error, i18n) })}
            </div>
          )}
          {error && !refused && error.field !== 'reason' && <ErrorNote error={error} />}
          {dialog}
        </td>
      )}
    </tr>
  );
}
