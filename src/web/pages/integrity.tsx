import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useSearchParams } from 'react-router';
import type { AnomalyStatus } from '../../areas/integrity/queue-rules.ts';
import { ANOMALY_RULES, type AnomalyRule } from '../../areas/integrity/types.ts';
import { type AnswerOf, client, ok } from '../api.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { Clipped, LimitedTextarea } from '../components/long-text.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';
import { useAction } from '../use-action.ts';
import { useLabels } from '../workflow.ts';
import '../workflow.css';

type AnomalyOut = AnswerOf<'/api/anomalies'>['items'][number];
type SampleOut = AnswerOf<'/api/quality-samples'>['items'][number];
type IntegritySettings = AnswerOf<'/api/campaigns/{campaign}/integrity-settings'>;
type HistoryCheck = AnswerOf<'/api/audit/history'>;

const TABS = ['queue', 'samples', 'settings', 'history'] as const;
type Tab = (typeof TABS)[number];
const STATUSES: AnomalyStatus[] = ['open', 'investigating', 'confirmed', 'dismissed'];
const STATUS_TONE: Record<AnomalyStatus, string> = {
  open: 'zero',
  investigating: 'lagging',
  confirmed: 'zero',
  dismissed: 'none',
};

function useRuleLabels(): Record<AnomalyRule, string> {
  const { t } = useTranslation();
  return {
    'duplicate-claim': t('Claimed by two units'),
    'relisted-after-clearance': t('Listed again after clearance'),
    'cancellation-spike': t('Cancellations spike before the deadline'),
    'backdated-entry': t('Back-dated entry'),
    'missing-evidence': t('Verified without evidence'),
    'self-verified': t('Verified by own unit'),
    'results-jump': t('Weekly results jump'),
    'late-baseline-exit': t('Pre-launch exit entered after the freeze'),
  };
}

function useStatusLabels(): Record<AnomalyStatus, string> {
  const { t } = useTranslation();
  return {
    open: t('Open'),
    investigating: t('Investigating'),
    confirmed: t('Confirmed false'),
    dismissed: t('Dismissed'),
  };
}

/** A finding's reason in the reader's language, from the figures the rule gives with it. */
function useReason(): (a: AnomalyOut) => string {
  const { t } = useTranslation();
  const l = useLabels();
  return (a) => {
    const f = a.facts;
    const kind = typeof f.kind === 'string' ? (l.kind[f.kind as keyof typeof l.kind] ?? f.kind) : '';
    switch (a.rule) {
      case 'duplicate-claim':
        return t('{{listingNo}} is claimed by {{unitCount}} units ({{units}}): claims {{claims}}', f);
      case 'relisted-after-clearance':
        return t(
          '{{name}} ({{listingNo}}) was cleared on {{clearedOn}} and listed again as {{newListingNo}} on {{listedOn}}, {{days}} days later (limit {{limit}} days)',
          f,
        );
      case 'cancellation-spike':
        return t(
          '{{count}} cancellations in the {{window}} days before the deadline ({{from}} to {{to}}), against an average of {{average}} per {{window}} days earlier in the campaign (limit {{factor}} times)',
          f,
        );
      case 'backdated-entry':
        return t(
          'The {{kind}} of {{listingNo}} dated {{occurredOn}} was entered on {{enteredOn}}, {{days}} days later (limit {{limit}})',
          { ...f, kind },
        );
      case 'missing-evidence':
        return t('The verified {{kind}} of {{listingNo}} (claim #{{claimId}}) has no evidence reference', {
          ...f,
          kind,
        });
      case 'self-verified':
        return f.byClaimant
          ? t(
              'The {{kind}} of {{listingNo}} (claim #{{claimId}}) was verified by its own claimant {{verifier}}',
              {
                ...f,
                kind,
              },
            )
          : t(
              "The {{kind}} of {{listingNo}} (claim #{{claimId}}) was verified by {{verifier}} of the claimant's own unit {{unit}}",
              { ...f, kind },
            );
      case 'results-jump':
        return t(
          '{{count}} verified captures in week {{week}} of the campaign ({{from}} to {{to}}), against a mean of {{mean}} and a standard deviation of {{sd}} (floor {{floor}}) over the {{weeks}} earlier weeks (limit {{limit}})',
          f,
        );
      case 'late-baseline-exit':
        return t(
          'The {{kind}} of {{listingNo}} dated {{occurredOn}}, before the launch on {{startOn}}, was entered on {{enteredOn}}, after the baseline was frozen on {{frozenOn}}: it counts for nothing',
          { ...f, kind },
        );
    }
  };
}

/**
 * Supervision of results (督察): the anomaly queue, weekly quality samples, the rules' thresholds
 * and the audit history's check against its signed anchors. The tab lives in the URL.
 */
export function IntegrityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'queue';
  const label: Record<Tab, string> = {
    queue: t('Anomaly queue'),
    samples: t('Quality samples'),
    settings: t('Thresholds'),
    history: t('Audit history'),
  };
  return (
    <div className="integrity">
      <div className="page-head">
        <h1>{t('Supervision of results')}</h1>
      </div>
      <nav className="tabs" aria-label={t('Integrity of results')}>
        {TABS.map((x) => (
          <Link
            key={x}
            to={x === 'queue' ? '/integrity' : `/integrity?tab=${x}`}
            aria-current={x === tab ? 'page' : undefined}
            onClick={() => setParams(x === 'queue' ? {} : { tab: x })}
          >
            {label[x]}
          </Link>
        ))}
      </nav>
      {tab === 'queue' && <QueueTab />}
      {tab === 'samples' && <SamplesTab />}
      {tab === 'settings' && <SettingsTab />}
      {tab === 'history' && <HistoryTab />}
    </div>
  );
}

function QueueTab() {
  const { t } = useTranslation();
  const rules = useRuleLabels();
  const statuses = useStatusLabels();
  const { hasRole } = useSession();
  const [status, setStatus] = useState<AnomalyStatus>('open');
  const [rule, setRule] = useState<AnomalyRule | ''>('');
  const list = useGet('/api/anomalies', {
    params: { query: { status, rule: rule || undefined, pageSize: 200 } },
  });
  const [scanned, setScanned] = useState<string | null>(null);
  const { busy: scanning, error, run } = useAction();

  const scan = () =>
    run(async () => {
      const result = await ok(client.POST('/api/anomalies/scan', { body: {} }));
      setScanned(t('{{found}} findings, {{added}} new', { found: result.found, added: result.added }));
      list.reload();
    });

  return (
    <section className="panel" aria-busy={list.loading || scanning} aria-labelledby="queue-title">
      <div className="page-head">
        <h2 id="queue-title">{t('Findings of the integrity rules')}</h2>
        <div className="actions">
          {scanned && (
            <span className="ok small" role="status">
              {scanned}
            </span>
          )}
          <button type="button" onClick={() => void scan()} disabled={scanning}>
            {scanning ? t('Running the rules…') : t('Run the rules over the campaign')}
          </button>
        </div>
      </div>
      <div className="filters">
        <nav className="tabs" aria-label={t('Status')}>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={s === status}
              className={s === status ? 'primary' : undefined}
              onClick={() => setStatus(s)}
            >
              {statuses[s]} ({format.number(list.data?.counts[s] ?? 0)})
            </button>
          ))}
        </nav>
        <label>
          {t('Rule')}{' '}
          <select value={rule} onChange={(e) => setRule(e.target.value as AnomalyRule | '')}>
            <option value="">{t('All rules')}</option>
            {ANOMALY_RULES.map((r) => (
              <option key={r} value={r}>
                {rules[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorNote error={error} />}
      {list.error && <ErrorNote error={list.error} />}
      {!list.data && !list.error && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="muted">{t('Nothing here.')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="claims">
            <thead>
              <tr>
                <th scope="col">{t('Rule')}</th>
                <th scope="col">{t('Unit')}</th>
                <th scope="col">{t('Person')}</th>
                <th scope="col">{t('Why')}</th>
                <th scope="col">{t('Status')}</th>
                {hasRole('inspector') && <th scope="col">{t('Actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <FindingRow key={`${a.id}:${a.status}`} finding={a} onChange={list.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FindingRow({ finding: a, onChange }: { finding: AnomalyOut; onChange: () => void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const rules = useRuleLabels();
  const statuses = useStatusLabels();
  const reason = useReason();
  const { hasRole } = useSession();
  const [mode, setMode] = useState<'confirm' | 'dismiss' | null>(null);
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const { busy, error, run } = useAction();
  const undecided = a.status === 'open' || a.status === 'investigating';

  const move = (to: 'investigating' | 'confirmed' | 'dismissed') =>
    run(async () => {
      await ok(
        client.POST('/api/anomalies/{id}/transition', {
          params: { path: { id: a.id } },
          body: { to, note: note.trim(), rejectClaimIds: to === 'confirmed' ? chosen : [] },
        }),
      );
      onChange();
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    void move(mode === 'confirm' ? 'confirmed' : 'dismissed');
  }

  return (
    <tr data-testid={`finding-${a.id}`}>
      <td>{rules[a.rule]}</td>
      <td>{a.unit?.name ?? '—'}</td>
      <td>
        {a.listingNo ? <Link to={`/fugitives/${encodeURIComponent(a.listingNo)}`}>{a.listingNo}</Link> : '—'}
      </td>
      <td className="small">
        {reason(a)}
        <div className="muted">
          {t('Claims')}:{' '}
          {a.claims.map((c, i) => (
            <Fragment key={c.id}>
              {i > 0 && ', '}
              <Link to={`/fugitives/${encodeURIComponent(c.listingNo)}`} title={c.listingNo}>
                #{c.id}
              </Link>
            </Fragment>
          ))}{' '}
          · {format.dateTime(a.foundAt)}
        </div>
      </td>
      <td>
        <span className={`badge ${STATUS_TONE[a.status]}`}>{statuses[a.status]}</span>
        {a.handledBy && <div className="muted small">{nameOf(a.handledBy)}</div>}
        {a.decisionNote && <div className="small">{a.decisionNote}</div>}
      </td>
      {hasRole('inspector') && (
        <td className="row-actions">
          {undecided && !mode && (
            <div className="actions">
              {a.status === 'open' && (
                <button type="button" disabled={busy} onClick={() => void move('investigating')}>
                  {t('Investigate')}
                </button>
              )}
              <button type="button" className="danger" disabled={busy} onClick={() => setMode('confirm')}>
                {t('Confirm as false')}
              </button>
              <button type="button" disabled={busy} onClick={() => setMode('dismiss')}>
                {t('Dismiss')}
              </button>
            </div>
          )}
          {mode && (
            <form
              className="reject-form"
              onSubmit={submit}
              aria-label={mode === 'confirm' ? t('Confirm as false') : t('Dismiss')}
            >
              {mode === 'confirm' && (
                <fieldset>
                  <legend>{t('Claims found false (they are rejected)')}</legend>
                  {a.claimIds.map((id) => (
                    <label key={id} className="check">
                      <input
                        type="checkbox"
                        checked={chosen.includes(id)}
                        onChange={(e) =>
                          setChosen(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))
                        }
                      />{' '}
                      #{id}
                    </label>
                  ))}
                  <FieldError error={error} field="rejectClaimIds" />
                </fieldset>
              )}
              <label htmlFor={`note-${a.id}`}>
                {mode === 'confirm' ? t('What was found') : t('Why it is not a problem')}
              </label>
              <LimitedTextarea
                id={`note-${a.id}`}
                limit={LIMITS.reason}
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-invalid={error?.field === 'note' || undefined}
              />
              <FieldError error={error} field="note" />
              <div className="actions">
                <button type="submit" className={mode === 'confirm' ? 'danger' : 'primary'} disabled={busy}>
                  {mode === 'confirm' ? t('Confirm and reject the claims') : t('Dismiss the finding')}
                </button>
                <button type="button" onClick={() => setMode(null)}>
                  {t('Cancel')}
                </button>
              </div>
            </form>
          )}
          {error && !error.field && <ErrorNote error={error} />}
        </td>
      )}
    </tr>
  );
}

function SamplesTab() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { hasRole } = useSession();
  const samples = useGet('/api/quality-samples');
  const { busy, error, run } = useAction();

  const draw = () =>
    run(async () => {
      await ok(client.POST('/api/quality-samples', { body: {} }));
      samples.reload();
    });

  return (
    <section className="panel" aria-busy={samples.loading || busy} aria-labelledby="samples-title">
      <div className="page-head">
        <h2 id="samples-title">{t('Weekly quality samples')}</h2>
        {hasRole('inspector') && (
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void draw()}>
              {t("Draw last week's sample")}
            </button>
          </div>
        )}
      </div>
      <p className="muted small">
        {t(
          'Each week a random sample of verified clearances is re-checked against the evidence. The seed is written into the audit log, so the sample can be reproduced and no unit can predict it.',
        )}
      </p>
      {error && <ErrorNote error={error} />}
      {samples.error && <ErrorNote error={samples.error} />}
      {!samples.data && !samples.error && <Loading />}
      {samples.data?.items.length === 0 && <p className="muted">{t('No sample drawn yet.')}</p>}
      {samples.data?.items.map((s) => (
        <div key={s.id} className="sample">
          <h3>
            {t('Week {{week}}: {{from}} to {{to}}', {
              week: s.week,
              from: format.date(s.from),
              to: format.date(s.to),
            })}
          </h3>
          <p className="muted small">
            {t('{{n}} of {{total}} verified clearances · seed {{seed}} · drawn by {{who}}', {
              n: s.checks.length,
              total: s.candidates,
              seed: s.seed,
              who: nameOf(s.drawnBy),
            })}
          </p>
          <table className="claims">
            <thead>
              <tr>
                <th scope="col">{t('Person')}</th>
                <th scope="col">{t('Kind')}</th>
                <th scope="col">{t('Date')}</th>
                <th scope="col">{t('Unit')}</th>
                <th scope="col">{t('Evidence')}</th>
                <th scope="col">{t('Re-check')}</th>
              </tr>
            </thead>
            <tbody>
              {s.checks.map((c) => (
                <SampleRow key={c.clearanceId} sampleId={s.id} check={c} onChange={samples.reload} />
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function SampleRow({
  sampleId,
  check: c,
  onChange,
}: {
  sampleId: number;
  check: SampleOut['checks'][number];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const l = useLabels();
  const { hasRole } = useSession();
  const [note, setNote] = useState(c.note ?? '');
  const { error, run } = useAction();

  const record = (result: 'consistent' | 'discrepancy') =>
    run(async () => {
      await ok(
        client.POST('/api/quality-samples/{id}/checks/{clearanceId}', {
          params: { path: { id: sampleId, clearanceId: c.clearanceId } },
          body: { result, note },
        }),
      );
      onChange();
    });

  return (
    <tr>
      <td>
        <Link to={`/fugitives/${encodeURIComponent(c.listingNo)}`}>{c.listingNo}</Link>
      </td>
      <td>{l.kind[c.kind as keyof typeof l.kind] ?? c.kind}</td>
      <td className="nowrap">{format.date(c.occurredOn)}</td>
      <td>{c.unit ?? '—'}</td>
      <td>{c.evidenceRef ? <Clipped text={c.evidenceRef} /> : '—'}</td>
      <td>
        {c.result ? (
          <>
            <span className={`badge ${c.result === 'consistent' ? 'onTrack' : 'zero'}`}>
              {c.result === 'consistent' ? t('Matches the evidence') : t('Does not match')}
            </span>
            {c.note && <div className="small">{c.note}</div>}
            <div className="muted small">{nameOf(c.checkedBy)}</div>
          </>
        ) : hasRole('inspector') ? (
          <div className="actions">
            <input
              aria-label={t('Note')}
              placeholder={t('Note')}
              value={note}
              maxLength={LIMITS.reason}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="button" onClick={() => void record('consistent')}>
              {t('Matches')}
            </button>
            <button type="button" className="danger" onClick={() => void record('discrepancy')}>
              {t('Does not match')}
            </button>
            <FieldError error={error} field="note" />
          </div>
        ) : (
          <span className="muted">{t('Not checked yet')}</span>
        )}
      </td>
    </tr>
  );
}

const SETTING_FIELDS: (keyof IntegritySettings)[] = [
  'relistWithinDays',
  'spikeWindowDays',
  'spikeMinCount',
  'spikeFactor',
  'backdatedAfterDays',
  'jumpMinCaptures',
  'jumpSigmas',
  'jumpMinWeeks',
  'jumpMinSd',
  'jumpMinSdPoisson',
  'sampleSize',
];

function SettingsTab() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const campaign = useCampaign();
  const path = { campaign: campaign.name ?? '' };
  const settings = useGet(campaign.name ? '/api/campaigns/{campaign}/integrity-settings' : null, {
    params: { path },
  });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const { error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const editable = hasRole('commander');
  const labels: Record<keyof IntegritySettings, string> = {
    relistWithinDays: t('Relisting: days after a clearance'),
    spikeWindowDays: t('Cancellation spike: days before the deadline'),
    spikeMinCount: t('Cancellation spike: at least this many'),
    spikeFactor: t('Cancellation spike: times the earlier rate'),
    backdatedAfterDays: t('Back-dating: days between the date and the entry'),
    jumpMinCaptures: t('Results jump: at least this many captures in a week'),
    jumpSigmas: t('Results jump: standard deviations above the mean'),
    jumpMinWeeks: t('Results jump: earlier weeks needed'),
    jumpMinSd: t('Results jump: the standard deviation taken as at least'),
    jumpMinSdPoisson: t('Results jump: … and at least this many times the square root of the mean'),
    sampleSize: t('Quality sample: clearances per week'),
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings.data) return;
    setSaved(false);
    const current = settings.data;
    const body = Object.fromEntries(
      SETTING_FIELDS.map((f) => [f, Number(draft[f] ?? current[f])]),
    ) as IntegritySettings;
    await run(async () => {
      await ok(client.PUT('/api/campaigns/{campaign}/integrity-settings', { params: { path }, body }));
      setSaved(true);
      settings.reload();
    });
  }

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('Thresholds of the integrity rules')}</h2>
      {!editable && <p className="notice">{t('The commander sets these for the campaign.')}</p>}
      {(settings.error ?? campaign.error) && <ErrorNote error={settings.error ?? campaign.error} />}
      {!settings.data && !settings.error && <Loading />}
      {settings.data && (
        <form className="settings-form" onSubmit={(e) => void save(e)}>
          {SETTING_FIELDS.map((f) => (
            <div key={f} className="field">
              <label htmlFor={`setting-${f}`}>{labels[f]}</label>
              <input
                id={`setting-${f}`}
                type="number"
                step="any"
                min={0}
                readOnly={!editable}
                value={draft[f] ?? String(settings.data![f])}
                onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
                aria-invalid={error?.field === f || undefined}
              />
            </div>
          ))}
          {error && <ErrorNote error={error} />}
          {saved && (
            <p className="ok" role="status">
              {t('Saved.')}
            </p>
          )}
          {editable && (
            <button type="submit" className="primary">
              {t('Save the thresholds')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}

/** The deep check's findings: rows against the latest seal, and each campaign's kept counts against the persons. */
function DeepCheckItems({ deep }: { deep: NonNullable<HistoryCheck['deep']> }) {
  const { t } = useTranslation();
  const change = { changed: t('changed'), removed: t('removed'), added: t('added') };
  return (
    <>
      <li>
        {deep.seal
          ? t('Rows compared with the seal of event {{seq}}: {{n}}, changed with no audited event: {{bad}}', {
              seq: deep.seal.seq,
              n: format.number(deep.compared),
              bad: deep.differences.length,
            })
          : t('The tables were never sealed: signing an anchor seals them.')}
        {deep.brokenSeals.map((table) => (
          <div key={table} className="small">
            {t('The seal of {{table}} was edited', { table })}
          </div>
        ))}
        {deep.differences.map((d) => (
          <div key={`${d.table}:${d.key}`} className="small">
            <span className="mono">
              {d.table} {d.key}
            </span>
            : {change[d.change]}
          </div>
        ))}
      </li>
      <li>
        {deep.keptFigures.length === 0
          ? t("Every campaign's kept figures equal the facts the persons give")
          : deep.keptFigures.map(({ campaign, differences }) => (
              <div key={campaign}>
                {t('Kept figures of {{campaign}} differ from the persons in {{n}} counts', {
                  campaign,
                  n: differences.length,
                })}
                {differences.map((d, i) => (
                  <div key={i} className="small">
                    <span className="mono">{JSON.stringify(d.fact)}</span>:{' '}
                    {t('persons give {{expected}}, kept {{kept}}', { expected: d.expected, kept: d.kept })}
                  </div>
                ))}
              </div>
            ))}
      </li>
    </>
  );
}

function HistoryTab() {
  const { t } = useTranslation();
  const [check, setCheck] = useState<HistoryCheck | undefined>();
  const anchors = useGet('/api/audit/anchors');
  const { busy, error, run } = useAction();

  return (
    <section className="panel" aria-busy={busy} aria-labelledby="history-title">
      <div className="page-head">
        <h2 id="history-title">{t('Audit history')}</h2>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run(async () => setCheck(await ok(client.GET('/api/audit/history'))))}
          >
            {busy ? t('Checking…') : t('Check the history')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () =>
                setCheck(await ok(client.GET('/api/audit/history', { params: { query: { deep: 'true' } } }))),
              )
            }
          >
            {t('Deep check: tables and figures')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await ok(client.POST('/api/audit/anchors'));
                anchors.reload();
              })
            }
          >
            {t('Sign an anchor now')}
          </button>
        </div>
      </div>
      {error && <ErrorNote error={error} />}
      {check && (
        <div role="status" className={check.ok ? 'notice' : 'notice bad'}>
          <p>
            <strong>{check.ok ? t('History intact') : t('History tampered with')}</strong>
          </p>
          <ul>
            <li>
              {check.chain.ok
                ? t('Hash chain intact: {{n}} events', { n: format.number(check.chain.events) })
                : t('Hash chain broken at event {{seq}}: {{reason}}', {
                    seq: check.chain.brokenAt,
                    reason: check.chain.reason,
                  })}
            </li>
            <li>
              {t('Anchors checked: {{n}}, not holding: {{bad}}', {
                n: check.anchors,
                bad: check.anchorProblems.length,
              })}
              {!check.signaturesChecked && ` (${t('signatures not checked: no key configured')})`}
              {check.anchorProblems.map((p) => (
                <div key={p.seq} className="small">
                  #{p.seq}: {p.problem}
                </div>
              ))}
            </li>
            <li>
              {t('Clearances compared with their audit events: {{n}}, differing: {{bad}}', {
                n: format.number(check.records.compared),
                bad: check.records.drifted.length,
              })}
              {check.records.drifted.map((d) => (
                <div key={d.id} className="small">
                  #{d.id}: {d.fields.join(', ')}
                </div>
              ))}
            </li>
            {check.deep && <DeepCheckItems deep={check.deep} />}
          </ul>
        </div>
      )}
      <h3>{t('Signed anchors')}</h3>
      {anchors.data?.items.length === 0 && <p className="muted">{t('No anchor yet.')}</p>}
      {anchors.data && anchors.data.items.length > 0 && (
        <table className="claims">
          <thead>
            <tr>
              <th scope="col">{t('Event')}</th>
              <th scope="col">{t('Chain head')}</th>
              <th scope="col">{t('Signed at')}</th>
              <th scope="col">{t('Key')}</th>
            </tr>
          </thead>
          <tbody>
            {anchors.data.items.map((a) => (
              <tr key={a.seq}>
                <td>{a.seq}</td>
                <td className="mono small">{a.head}</td>
                <td className="nowrap">{format.dateTime(a.at)}</td>
                <td className="mono small">{a.keyId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
