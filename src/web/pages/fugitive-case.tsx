import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { Link, useLocation, useParams } from 'react-router';
import { isStanding } from '../../areas/clearances/rules.ts';
import type { ClaimOut } from '../../areas/clearances/schema.ts';
import type { FourOnesInput, FourOnesOut } from '../../areas/four-ones/schema.ts';
import { type ApiError, client, ok } from '../api.ts';
import { asApiError } from '../use-action.ts';
import { errorText } from '../error-text.ts';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { Clipped, LimitedTextarea } from '../components/long-text.tsx';
import { CorrectListing } from '../components/correct-listing.tsx';
import { WithdrawListing } from '../components/withdraw-listing.tsx';
import { useListingFieldNames } from '../components/listing-fields.tsx';
import type { CorrectionOut, WithdrawalOut } from '../../areas/registry/schema.ts';
import type { CorrectableField } from '../../areas/registry/rules.ts';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import {
  DOSSIER_ITEM_LIST,
  type FugitiveDetail,
  type CrimeCategory,
  type Labels,
  STATUS_TONE,
  type TimelineEntry,
  isDateOnly,
  useLabels,
} from '../workflow.ts';
import '../workflow.css';

/** What the claim form hands back when it returns here. */
export interface CaseLocationState {
  claimed?: ClaimOut;
}

/** The case page: the person, the claims, the four ones, the owner and the whole history. */
export function FugitiveCasePage() {
  const { t } = useTranslation();
  const l = useLabels();
  const { listingNo = '' } = useParams();
  const location = useLocation();
  const claimed = (location.state as CaseLocationState | null)?.claimed;
  const { hasRole } = useSession();
  const path = { params: { path: { listingNo } } };
  const detail = useGet('/api/fugitives/{listingNo}', path);
  const fourOnes = useGet('/api/fugitives/{listingNo}/four-ones', path);
  const units = useGet('/api/units');
  const unitNames = new Map((units.data ?? []).map((u) => [u.code, u.name]));

  if (detail.error) return <ErrorNote error={detail.error} />;
  const f = detail.data;
  if (!f) return <Loading />;
  const refresh = () => {
    detail.reload();
    fourOnes.reload();
  };
  // While a claim on this listing waits for a decision, a second one would only be a conflict.
  const awaiting = f.claims.some((c) => isStanding(c.status));
  // Who keeps the listing may correct it or ask for its withdrawal (a remote one: commanders).
  const keeps = hasRole('officer', 'leader', 'commander') && (f.listingUnit !== null || hasRole('commander'));

  return (
    <div className="case" aria-busy={detail.loading}>
      <div className="page-head">
        <h1>
          {f.name} <span className="muted">· {f.listingNo}</span>{' '}
          <span
            className={`badge ${f.status === 'active' ? 'lagging' : f.status === 'withdrawn' ? 'none' : 'onTrack'}`}
          >
            {l.fugitiveStatus[f.status]}
          </span>
        </h1>
        <div className="actions">
          <Link to="/registry" className="button">
            {t('Back to the registry')}
          </Link>
          {hasRole('officer', 'leader') && f.status === 'active' && awaiting && (
            <span className="muted">{t('A claim on this listing waits for a decision.')}</span>
          )}
          {hasRole('officer', 'leader') && f.status === 'active' && !awaiting && (
            <Link to={`/fugitives/${encodeURIComponent(f.listingNo)}/claim`} className="button primary">
              {t('Claim a clearance')}
            </Link>
          )}
        </div>
      </div>
      {claimed && claimed.listingNo === f.listingNo && (
        <p className="notice" role="status">
          {claimed.status === 'conflict'
            ? t(
                'Your claim was filed, but another claim on this person stands: it is held as a conflict for an inspector.',
              )
            : t('Your claim was filed and waits for verification.')}
        </p>
      )}

      <div className="grid-2">
        <Person f={f} l={l} />
        {/* A withdrawn listing (entered by mistake) is nobody's case: no owner, no four ones. */}
        {f.status !== 'withdrawn' && (
          <section className="panel" aria-labelledby="owner-title">
            <h2 id="owner-title">{t('Case owner')}</h2>
            {fourOnes.data ? (
              <Owner
                listingNo={f.listingNo}
                four={fourOnes.data}
                cleared={f.status === 'cleared'}
                onChange={refresh}
              />
            ) : fourOnes.error ? (
              <ErrorNote error={fourOnes.error} />
            ) : (
              <Loading />
            )}
          </section>
        )}
      </div>

      <Claims claims={f.claims} l={l} />

      {keeps && f.status !== 'withdrawn' && <CorrectListing f={f} onSaved={refresh} />}

      <WithdrawListing f={f} canAsk={keeps} onSaved={refresh} />

      {f.status !== 'withdrawn' && (
        <section className="panel" aria-labelledby="four-ones-title">
          <h2 id="four-ones-title">{t('The four ones')}</h2>
          {fourOnes.error && <ErrorNote error={fourOnes.error} />}
          {!fourOnes.data && !fourOnes.error && <Loading />}
          {fourOnes.data && (
            <FourOnes
              key={`${fourOnes.data.version}-${fourOnes.data.updatedAt ?? ''}`}
              four={fourOnes.data}
              local={f.listingUnit !== null}
              onSaved={refresh}
              onReload={refresh}
            />
          )}
        </section>
      )}

      <Timeline entries={f.timeline} l={l} unitNames={unitNames} />
    </div>
  );
}

function Person({ f, l }: { f: FugitiveDetail; l: Labels }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('Listing number'), f.listingNo],
    [t('Name'), f.name],
    [t('Sex'), f.sex ? l.sex[f.sex] : '—'],
    [t('ID number'), <span className="mono">{f.idNumber ?? '—'}</span>],
    [t('Birth date'), f.birthDate ? format.date(f.birthDate) : '—'],
    [t('Crime category'), l.category[f.crimeCategory]],
    [t('Offence'), f.offence],
    [t('Case number'), f.caseNo ?? '—'],
    [
      t('Listing unit'),
      f.listingUnit ? (
        f.listingUnit.name
      ) : (
        <>
          {f.listingAgency} <span className="badge none">{t('Remote')}</span>
        </>
      ),
    ],
    [t('Listed on'), format.date(f.listedOn)],
    [t('Published'), f.published ? t('Yes') : t('No')],
    [t('Reward'), f.reward === null ? '—' : t('{{amount}} yuan', { amount: format.number(f.reward) })],
    [
      t('Status'),
      f.exit
        ? `${l.fugitiveStatus[f.status]} · ${l.kind[f.exit.kind as ClaimOut['kind']] ?? f.exit.kind} · ${format.date(f.exit.on)}`
        : l.fugitiveStatus[f.status],
    ],
  ];
  return (
    <section className="panel" aria-labelledby="person-title">
      <h2 id="person-title">{t('The person')}</h2>
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Claims({ claims, l }: { claims: ClaimOut[]; l: Labels }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  return (
    <section className="panel" aria-labelledby="claims-title">
      <h2 id="claims-title">{t('Claims')}</h2>
      {claims.length === 0 ? (
        <p className="muted">{t('No clearance has been claimed for this person.')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Kind')}</th>
                <th scope="col">{t('Date')}</th>
                <th scope="col">{t('Capturing unit')}</th>
                <th scope="col">{t('Place')}</th>
                <th scope="col">{t('Evidence')}</th>
                <th scope="col">{t('Claimed by')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Decision')}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id} data-testid={`claim-${c.id}`}>
                  <td>
                    {l.kind[c.kind]}
                    {c.reasonCode && <div className="muted small">{l.reasonOf(c.reasonCode)}</div>}
                    {c.reasonText && <div className="small">{c.reasonText}</div>}
                  </td>
                  <td className="nowrap">{format.date(c.occurredOn)}</td>
                  <td>
                    {c.capturingUnit?.name ?? c.capturingAgency ?? '—'}
                    {c.capturingOfficers.length > 0 && (
                      <div className="small" data-testid="claim-officers">
                        {c.capturingOfficers.map((o) => o.name).join(t(', '))}
                      </div>
                    )}
                    {c.persuadingUnit && (
                      <div className="muted small">
                        {t('Persuaded by {{unit}}', { unit: c.persuadingUnit.name })}
                        {c.persuadingOfficer && ` · ${c.persuadingOfficer.name}`}
                      </div>
                    )}
                  </td>
                  <td>{c.place ? <Clipped text={c.place} /> : '—'}</td>
                  <td>
                    {c.evidenceRef ? (
                      <Clipped text={c.evidenceRef} />
                    ) : (
                      <span className="muted">{t('None')}</span>
                    )}
                  </td>
                  <td>
                    {c.claimUnit?.name ?? '—'}
                    <div className="muted small">
                      {nameOf(c.claimedBy)} · {format.dateTime(c.enteredAt)}
                    </div>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_TONE[c.status]}`}>{l.claimStatus[c.status]}</span>
                  </td>
                  <td>
                    {c.decidedBy ? (
                      <>
                        {nameOf(c.decidedBy)}
                        {c.decidedAt && (
                          <span className="muted small"> · {format.dateTime(c.decidedAt)}</span>
                        )}
                        {c.decisionReason && <div className="small wrap-anywhere">{c.decisionReason}</div>}
                      </>
                    ) : c.approvedBy ? (
                      <>{t('Approved by {{name}}', { name: nameOf(c.approvedBy) })}</>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Owner({
  listingNo,
  four,
  cleared,
  onChange,
}: {
  listingNo: string;
  four: FourOnesOut;
  cleared: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState('');
  const isCommander = hasRole('commander');
  const leaders = useGet(isCommander ? '/api/leaders' : null);
  const owner = four.responsibleLeader;
  const selectId = useId();

  async function assign(username: string) {
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        client.PUT('/api/fugitives/{listingNo}/owner', {
          params: { path: { listingNo } },
          body: { username },
        }),
      );
      onChange();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="owner">
      <p>
        {owner ? (
          <>
            {t('Owned by')} <strong>{owner.displayName}</strong>
          </>
        ) : (
          <span className="muted">{t('No leader owns this case yet.')}</span>
        )}
      </p>
      {hasRole('leader') && user && owner?.username !== user.username && !cleared && (
        <button type="button" className="primary" disabled={busy} onClick={() => void assign(user.username)}>
          {t('Take this case')}
        </button>
      )}
      {isCommander && leaders.data && !cleared && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void assign(chosen);
          }}
        >
          <label htmlFor={selectId}>{t('Leader')}</label>
          <select
            id={selectId}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            aria-describedby="username-error"
          >
            <option value="">{t('Choose a leader')}</option>
            {leaders.data.leaders
              .filter((x) => !x.disabled)
              .map((x) => (
                <option key={x.username} value={x.username}>
                  {x.displayName} · {x.unit.name}
                </option>
              ))}
          </select>
          <button type="submit" disabled={busy || !chosen}>
            {t('Assign the case')}
          </button>
        </form>
      )}
      <FieldError error={error} field="username" />
      {error && error.field !== 'username' && <ErrorNote error={error} />}
    </div>
  );
}

function FourOnes({
  four,
  local,
  onSaved,
  onReload,
}: {
  four: FourOnesOut;
  local: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const l = useLabels();
  const { hasRole } = useSession();
  const canEdit = local && hasRole('officer', 'leader');
  const canApprove = local && hasRole('leader');
  const [dossier, setDossier] = useState(four.dossier);
  const [plan, setPlan] = useState(four.planText ?? '');
  const [team, setTeam] = useState(four.team.join('\n'));
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const members = team
    .split(/\n|,|，|、/)
    .map((m) => m.trim())
    .filter(Boolean);
  const dirty =
    DOSSIER_ITEM_LIST.some((i) => dossier[i] !== four.dossier[i]) ||
    plan.trim() !== (four.planText ?? '') ||
    members.join('\n') !== four.team.join('\n');

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: FourOnesInput = {
      version: four.version,
      dossier,
      planText: plan.trim() ? plan.trim() : null,
      team: members,
    };
    try {
      await ok(
        client.PUT('/api/fugitives/{listingNo}/four-ones', {
          params: { path: { listingNo: four.listingNo } },
          body,
        }),
      );
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        client.POST('/api/fugitives/{listingNo}/four-ones/approve-plan', {
          params: { path: { listingNo: four.listingNo } },
          body: { version: four.version },
        }),
      );
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const stale = error?.code === 'stale';
  return (
    <div className="four-ones">
      <p>
        {!local ? (
          t('This person is listed by an outside agency: the four ones are kept there.')
        ) : four.required ? (
          four.complete ? (
            <span className="badge onTrack">{t('All four in place')}</span>
          ) : (
            <>
              <span className="badge zero">{t('Incomplete')}</span> {t('Missing:')}{' '}
              {four.missing.map((m) => l.fourOne[m]).join(t(', '))}
            </>
          )
        ) : (
          <span className="muted">
            {t('The four ones are not required for this case; they may still be kept.')}
          </span>
        )}
      </p>
      {four.updatedBy && four.updatedAt && (
        <p className="muted small">
          {t('Last changed by {{name}} at {{time}} (version {{version}})', {
            name: nameOf(four.updatedBy),
            time: format.dateTime(four.updatedAt),
            version: four.version,
          })}
        </p>
      )}
      <form className="four-ones-form" onSubmit={(e) => void save(e)} aria-label={t('The four ones')}>
        <fieldset disabled={!canEdit || busy}>
          <legend>{l.fourOne.dossier}</legend>
          <div className="checks">
            {DOSSIER_ITEM_LIST.map((item) => (
              <label key={item} className="check">
                <input
                  type="checkbox"
                  name={`dossier.${item}`}
                  checked={dossier[item]}
                  onChange={(e) => setDossier({ ...dossier, [item]: e.target.checked })}
                />
                {l.dossier[item]}
              </label>
            ))}
          </div>
          <FieldError error={error} field="dossier" />
        </fieldset>
        <fieldset disabled={!canEdit || busy}>
          <legend>{l.fourOne.plan}</legend>
          <label className="block" htmlFor="four-ones-plan">
            {t('Arrest plan text')}
          </label>
          <LimitedTextarea
            id="four-ones-plan"
            name="planText"
            limit={LIMITS.document}
            rows={5}
            value={plan}
            onChange={(e) => setPlan(e.target.value)}
            aria-describedby="planText-error plan-approval"
          />
          <FieldError error={error} field="planText" />
          <p id="plan-approval" className="small">
            {four.planApproved && four.planApprovedBy && four.planApprovedAt ? (
              <span className="badge onTrack">
                {t('Approved by {{name}} at {{time}}', {
                  name: nameOf(four.planApprovedBy),
                  time: format.dateTime(four.planApprovedAt),
                })}
              </span>
            ) : four.planText ? (
              <span className="badge lagging">{t('Not approved yet')}</span>
            ) : (
              <span className="muted">{t('No plan written yet')}</span>
            )}{' '}
            {four.planApproved && (
              <span className="muted">{t('Changing the text withdraws the approval.')}</span>
            )}
          </p>
        </fieldset>
        <fieldset>
          <legend>{l.fourOne.leader}</legend>
          {four.responsibleLeader ? (
            four.responsibleLeader.displayName
          ) : (
            <span className="muted">{t('None: a leader must take the case')}</span>
          )}
        </fieldset>
        <fieldset disabled={!canEdit || busy}>
          <legend>{l.fourOne.team}</legend>
          <label className="block" htmlFor="four-ones-team">
            {t('Team members, one per line')}
          </label>
          <textarea
            id="four-ones-team"
            name="team"
            rows={4}
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            aria-describedby="team-error team-hint"
          />
          <span id="team-hint" className="muted small">
            {t('A team needs at least two named members.')}
          </span>
          <FieldError error={error} field="team" />
        </fieldset>
        {stale ? (
          <div className="error" role="alert">
            {errorText(error, i18n)}{' '}
            <button type="button" onClick={onReload}>
              {t('Reload')}
            </button>
          </div>
        ) : (
          error && !['dossier', 'planText', 'team'].includes(error.field ?? '') && <ErrorNote error={error} />
        )}
        {(canEdit || canApprove) && (
          <div className="actions">
            {canEdit && (
              <button type="submit" className="primary" disabled={busy || !dirty}>
                {t('Save the four ones')}
              </button>
            )}
            {canApprove && four.planText && !four.planApproved && (
              <button
                type="button"
                disabled={busy || dirty}
                onClick={() => void approve()}
                title={dirty ? t('Save the changes before approving') : undefined}
              >
                {t('Approve the arrest plan')}
              </button>
            )}
          </div>
        )}
      </form>
    </div>
  );
}

function Timeline({
  entries,
  l,
  unitNames,
}: {
  entries: TimelineEntry[];
  l: Labels;
  unitNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const fieldNames = useListingFieldNames();
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('Timeline')}</h2>
      <ol className="timeline">
        {entries.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{isDateOnly(e.at) ? format.date(e.at) : format.dateTime(e.at)}</time>
            <span className="what">{l.action(e.action)}</span>
            <span className="who">{unitNames.get(e.actor) ?? nameOf(e.actor)}</span>
            <span className="muted small">{describe(e, l, fieldNames)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A line about what changed, from the event's detail where it is a claim or a correction. */
function describe(e: TimelineEntry, l: Labels, fieldNames: Record<CorrectableField, string>): string {
  if (e.action === 'fugitive.correct') return describeCorrection(e.detail as CorrectionOut, l, fieldNames);
  if (e.action.startsWith('fugitive.withdrawal-')) {
    const w = e.detail as WithdrawalOut | null;
    return (e.action === 'fugitive.withdrawal-ask' ? w?.reason : w?.decisionReason) ?? '';
  }
  const d = e.detail as Partial<ClaimOut> | null;
  if (!d || typeof d !== 'object') return '';
  if (e.action.startsWith('clearance.') && d.kind && d.occurredOn) {
    const parts = [`#${d.id ?? ''}`, l.kind[d.kind], format.date(d.occurredOn)];
    if (d.status) parts.push(l.claimStatus[d.status]);
    if ((e.action === 'clearance.reject' || e.action === 'clearance.refuse') && d.decisionReason)
      parts.push(d.decisionReason);
    return parts.join(' · ');
  }
  return '';
}

/** Each corrected field with its old and new value, then the reason. */
function describeCorrection(
  d: CorrectionOut,
  l: Labels,
  fieldNames: Record<CorrectableField, string>,
): string {
  const shown = (field: CorrectableField, value: string | null) => {
    if (value === null) return '—';
    if (field === 'sex') return l.sex[value as 'M' | 'F'] ?? value;
    if (field === 'crimeCategory') return l.category[value as CrimeCategory] ?? value;
    return value;
  };
  const changes = d.changes.map(
    (c) => `${fieldNames[c.field]}: ${shown(c.field, c.from)} → ${shown(c.field, c.to)}`,
  );
  return [...changes, d.reason].join(' · ');
}
