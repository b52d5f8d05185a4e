import type { EChartsOption } from 'echarts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { GuidancePanel } from './guidance.tsx';
import { OwnerTasks } from '../components/tasks-table.tsx';
import type { LeaderPageOut, LiaisonsInput, LiaisonsOut } from '../../areas/leaders/schema.ts';
import type { UnitKind } from '../../areas/units/rules.ts';
import { ApiError, client, ok } from '../api.ts';
import { asApiError } from '../use-action.ts';
import { Chart } from '../components/chart.tsx';
import { Projected, perDay } from '../components/pace.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { TONE_COLORS, toneOf, useToneLabels, useUnitKindLabels } from '../standing.ts';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useLabels as useWorkflowLabels } from '../workflow.ts';
import '../workflow.css';

type LiaisonUnit = LeaderPageOut['liaisonUnits'][number];
type OwnedCase = LeaderPageOut['cases'][number];
/** What the liaison form needs of GET /api/units (which returns these fields and the parent). */
type UnitOption = LiaisonsOut['units'][number];

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The words for the codes the API uses, each one a literal sentence, so the Chinese file covers it. */
function useLabels() {
  const { t } = useTranslation();
  const { kind, claimStatus, category } = useWorkflowLabels();
  const tone = useToneLabels();
  const unitKind = useUnitKindLabels();
  return useMemo(
    () => ({
      kind,
      claimStatus,
      category,
      tone,
      unitKind,
      unitKinds: {
        bureau: t('City bureau'),
        sub_bureau: t('Sub-bureaus'),
        detachment: t('Detachments'),
        station: t('Police stations'),
        squad: t('Squads'),
      } satisfies Record<UnitKind, string>,
    }),
    [t, kind, claimStatus, category, tone, unitKind],
  );
}

/** One leader: liaison units with their campaign figures, the cases they own and how each moves. */
export function LeaderPage() {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const { hasRole } = useSession();
  const labels = useLabels();
  const { data, error, loading, reload } = useGet('/api/leaders/{username}', {
    params: { path: { username } },
  });
  const mayEdit = hasRole('commander', 'admin');

  const trajectory = data?.campaign ? data.campaign.target * data.campaign.elapsedShare : null;
  const withFigures = useMemo(() => data?.liaisonUnits.filter((u) => u.figures) ?? [], [data]);

  const chartOption = useMemo<EChartsOption | undefined>(
    () =>
      trajectory === null || withFigures.length === 0
        ? undefined
        : {
            tooltip: { trigger: 'axis', valueFormatter: (v) => format.percent(Number(v)) },
            grid: { left: 16, right: 40, top: 32, bottom: 16, containLabel: true },
            xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => format.percent(v) } },
            yAxis: { type: 'category', inverse: true, data: withFigures.map((u) => u.name) },
            series: [
              {
                name: t('Decline rate'),
                type: 'bar',
                data: withFigures.map((u) => ({
                  value: u.figures?.declineRate ?? 0,
                  itemStyle: { color: TONE_COLORS[toneOf(u.figures)] },
                })),
                markLine: {
                  symbol: 'none',
                  label: { formatter: t('Trajectory'), position: 'start' },
                  data: [{ xAxis: trajectory }],
                },
              },
            ],
          },
    [trajectory, withFigures, t],
  );

  if (error?.status === 404)
    return (
      <div className="error" role="alert">
        {t('There is no leader with the user name {{username}}.', { username })}{' '}
        <Link to="/leaders">{t('All leaders')}</Link>
      </div>
    );
  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading />;
  const { leader, campaign } = data;

  return (
    <div aria-busy={loading}>
      <div className="page-head">
        <h1>
          {leader.displayName} · {leader.unit.name}
          {leader.disabled && <span className="badge none"> {t('Disabled')}</span>}
          {campaign?.provisional && (
            <span className="badge provisional" data-testid="provisional">
              {t('Provisional: the baseline is not frozen yet')}
            </span>
          )}
        </h1>
        <div className="actions">
          <Link to="/leaders" className="button">
            {t('All leaders')}
          </Link>
        </div>
      </div>
      <section className="kpis" aria-label={t('Headline figures')}>
        <div className="kpi lagging">
          <div className="kpi-label">{t('Owned cases still at large')}</div>
          <div className="kpi-value">{format.number(data.ownedCases.active)}</div>
        </div>
        <div className="kpi onTrack">
          <div className="kpi-label">{t('Owned cases cleared')}</div>
          <div className="kpi-value">{format.number(data.ownedCases.cleared)}</div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t('Liaison units')}</div>
          <div className="kpi-value">{format.number(data.liaisonUnits.length)}</div>
        </div>
        {campaign && trajectory !== null && (
          <div className="kpi">
            <div className="kpi-label">{campaign.name}</div>
            <div className="kpi-value">{format.percent(trajectory)}</div>
            <div className="kpi-note">
              {t('Trajectory today')} · {t('Target')} {format.percent(campaign.target)} · {t('As of')}{' '}
              {format.date(campaign.asOf)}
            </div>
          </div>
        )}
      </section>

      <section className="panel">
        <h2>{t('Liaison units and their campaign figures')}</h2>
        {!campaign && <p className="muted">{t('No campaign yet: figures appear once one is set up.')}</p>}
        {data.liaisonUnits.length === 0 ? (
          <p className="muted">{t('This leader has no liaison units yet.')}</p>
        ) : (
          <>
            {chartOption && (
              <Chart
                option={chartOption}
                label={t('Decline rate of the liaison units against the trajectory')}
                height={Math.max(140, withFigures.length * 32 + 60)}
              />
            )}
            <LiaisonTable
              units={data.liaisonUnits}
              elapsedShare={campaign?.elapsedShare ?? null}
              labels={labels}
            />
          </>
        )}
        {mayEdit && (
          <LiaisonForm
            username={leader.username}
            current={data.liaisonUnits.map((u) => u.code)}
            onSaved={reload}
            unitKindLabels={labels.unitKinds}
          />
        )}
      </section>

      <section className="panel">
        <h2>{t('Owned cases')}</h2>
        {data.cases.length === 0 ? (
          <p className="muted">{t('This leader owns no case yet.')}</p>
        ) : (
          <CasesTable cases={data.cases} labels={labels} />
        )}
      </section>

      <GuidancePanel leader={leader.username} />
      <OwnerTasks owner={leader.username} />
    </div>
  );
}

/** Each liaison unit against its own target (its letter's, else the campaign's). */
function LiaisonTable({
  units,
  elapsedShare,
  labels,
}: {
  units: LiaisonUnit[];
  elapsedShare: number | null;
  labels: ReturnType<typeof useLabels>;
}) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('Unit')}</th>
          <th scope="col" className="num">
            {t('Baseline')}
          </th>
          <th scope="col" className="num">
            {t('Cleared')}
          </th>
          <th scope="col" className="num">
            {t('Decline rate')}
          </th>
          <th scope="col" className="num">
            {t('Target')}
          </th>
          <th scope="col" className="num">
            {t('Trajectory')}
          </th>
          <th scope="col" className="num">
            {t('Arrests')}
          </th>
          <th scope="col" className="num">
            {t('Surrenders')}
          </th>
          <th scope="col" className="num">
            {t('Remote captures')}
          </th>
          <th scope="col" className="num">
            {t('New listings')}
          </th>
          <th scope="col" className="num">
            {t('Homicide decline rate')}
          </th>
          <th scope="col" className="num">
            {t('Persons still to clear')}
          </th>
          <th scope="col" className="num">
            {t('Needed a day')}
          </th>
          <th scope="col" className="num">
            {t('Last 7 days, a day')}
          </th>
          <th scope="col">{t('Target reached')}</th>
          <th scope="col">{t('Status')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => {
          const f = u.figures;
          const tone = toneOf(f);
          return (
            <tr key={u.code} data-testid={`liaison-${u.code}`}>
              <td>
                <Link to={`/units/${encodeURIComponent(u.code)}`}>{u.name}</Link>{' '}
                <span className="muted">{labels.unitKind[u.kind]}</span>
              </td>
              <td className="num">{f ? format.number(f.baseline) : '—'}</td>
              <td className="num">{f ? format.number(f.cleared) : '—'}</td>
              <td className="num">{f ? format.percent(f.declineRate) : '—'}</td>
              <td className="num">{f ? format.percent(f.target) : '—'}</td>
              <td className="num">
                {f && elapsedShare !== null ? format.percent(f.target * elapsedShare) : '—'}
              </td>
              <td className="num">{f ? format.number(f.captures.arrests) : '—'}</td>
              <td className="num">{f ? format.number(f.captures.surrenders) : '—'}</td>
              <td className="num">{f ? format.number(f.captures.remote) : '—'}</td>
              <td className="num">{f ? format.number(f.newListings) : '—'}</td>
              <td className="num">{f ? format.percent(f.homicide.declineRate) : '—'}</td>
              <td className="num">{f ? format.number(f.pace.remaining) : '—'}</td>
              <td className="num">{f ? perDay(f.pace.requiredPerDay) : '—'}</td>
              <td className="num">{f ? perDay(f.pace.last7PerDay) : '—'}</td>
              <td style={NOWRAP}>{f ? <Projected pace={f.pace} /> : '—'}</td>
              <td>
                <span className={`badge ${tone}`}>{f ? labels.tone[tone] : t('No figures')}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CasesTable({ cases, labels }: { cases: OwnedCase[]; labels: ReturnType<typeof useLabels> }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('Listing number')}</th>
          <th scope="col">{t('Name')}</th>
          <th scope="col">{t('Crime')}</th>
          <th scope="col">{t('Listed by')}</th>
          <th scope="col">{t('Listed on')}</th>
          <th scope="col">{t('Status')}</th>
          <th scope="col">{t('Left the list')}</th>
          <th scope="col">{t('Latest claim')}</th>
          <th scope="col">{t('Owned since')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.listingNo} data-testid={`case-${c.listingNo}`}>
            <td style={NOWRAP}>
              <Link to={`/fugitives/${encodeURIComponent(c.listingNo)}`}>{c.listingNo}</Link>
            </td>
            <td>{c.name}</td>
            <td>{labels.category[c.crimeCategory]}</td>
            <td style={NOWRAP}>{c.listingUnit?.name ?? c.listingAgency}</td>
            <td style={NOWRAP}>{format.date(c.listedOn)}</td>
            <td>
              <span className={`badge ${c.status === 'cleared' ? 'onTrack' : 'lagging'}`}>
                {c.status === 'cleared' ? t('Cleared') : t('Still at large')}
              </span>
            </td>
            <td>
              {c.exit ? (
                <>
                  <span style={NOWRAP}>{format.date(c.exit.on)}</span> · {labels.kind[c.exit.kind]}
                  {c.exit.unit && <span className="muted"> · {c.exit.unit.name}</span>}
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {c.latestClaim ? (
                <>
                  {labels.kind[c.latestClaim.kind]} · {labels.claimStatus[c.latestClaim.status]}
                  <span className="muted" style={NOWRAP}>
                    {' '}
                    · {format.date(c.latestClaim.occurredOn)}
                  </span>
                </>
              ) : (
                <span className="muted">{t('No claim yet')}</span>
              )}
            </td>
            <td>
              <span style={NOWRAP}>{format.date(c.assignedAt)}</span>
              <span className="muted"> · {t('assigned by {{user}}', { user: nameOf(c.assignedBy) })}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Commanders and admins choose a leader's liaison units from the unit tree. */
function LiaisonForm({
  username,
  current,
  onSaved,
  unitKindLabels,
}: {
  username: string;
  current: string[];
  onSaved: () => void;
  unitKindLabels: Record<UnitKind, string>;
}) {
  const { t } = useTranslation();
  const units = useGet('/api/units');
  const currentKey = current.join(',');
  const [chosen, setChosen] = useState<string[]>(current);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  // A reload after saving brings the server's list; start from it again.
  useEffect(() => setChosen(currentKey ? currentKey.split(',') : []), [currentKey]);

  const groups = useMemo(() => {
    const byKind = new Map<UnitKind, UnitOption[]>();
    for (const u of [...(units.data ?? [])].sort((a, b) => a.code.localeCompare(b.code)))
      byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
    return (['bureau', 'sub_bureau', 'detachment', 'station', 'squad'] as const)
      .filter((k) => byKind.has(k))
      .map((k) => [k, byKind.get(k)!] as const);
  }, [units.data]);
  const nameOf = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u.name])), [units.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const body: LiaisonsInput = { units: chosen };
      await ok(client.PUT('/api/leaders/{username}/liaisons', { params: { path: { username } }, body }));
      setError(undefined);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  if (units.error) return <ErrorNote error={units.error} />;
  if (!units.data) return <Loading />;
  const fieldProblem = error?.field === 'units';

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} style={{ marginTop: '1rem' }}>
      <h3 style={{ margin: 0, fontSize: '1rem' }}>{t('Change the liaison units')}</h3>
      {/* A checklist, not a multiple select: a phone has no Ctrl key, and a click never drops the rest. */}
      <fieldset
        className="checklist"
        aria-invalid={fieldProblem || undefined}
        aria-describedby={fieldProblem ? 'units-error' : undefined}
      >
        <legend>{t('Choose the liaison units')}</legend>
        {groups.map(([kind, list]) => (
          <fieldset key={kind} className="checklist-group">
            <legend className="muted small">{unitKindLabels[kind]}</legend>
            {list.map((u) => (
              <label key={u.code} className="check">
                <input
                  type="checkbox"
                  name="units"
                  value={u.code}
                  checked={chosen.includes(u.code)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setChosen((was) => (on ? [...was, u.code] : was.filter((c) => c !== u.code)));
                    setSaved(false);
                  }}
                />
                {u.name} <span className="muted small">({u.code})</span>
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>
      <FieldError error={error} field="units" />
      <div aria-live="polite">
        <span className="muted">{t('Chosen:')}</span>{' '}
        {chosen.length === 0 ? (
          <span className="muted">{t('none')}</span>
        ) : (
          <ul className="chips" style={{ display: 'inline-flex', margin: 0 }}>
            {chosen.map((c) => (
              <li key={c}>{nameOf.get(c) ?? c}</li>
            ))}
          </ul>
        )}
      </div>
      {error && !fieldProblem && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('Saving…') : t('Save liaison units')}
        </button>
        <button type="button" disabled={busy} onClick={() => setChosen(current)}>
          {t('Undo changes')}
        </button>
        {saved && (
          <span role="status" className="muted">
            {t('Liaison units saved.')}
          </span>
        )}
      </div>
    </form>
  );
}
