import type { EChartsOption } from 'echarts';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../../areas/publicity/rules.ts';
import { type AnswerOf, ApiError, client, ok, upload } from '../api.ts';
import { LimitedTextarea } from '../components/long-text.tsx';
import { asApiError } from '../use-action.ts';
import { Chart } from '../components/chart.tsx';
import { useConfirm } from '../components/confirm.tsx';
import { ErrorNote, FieldError, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { formText } from '../practices.ts';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';
import '../publicity.css';
import '../workflow.css';

type T = ReturnType<typeof useTranslation>['t'];
type NoticeOut = AnswerOf<'/api/notices'>['notices'][number];

export function useActivityLabels(): (kind: ActivityKind) => string {
  const { t } = useTranslation();
  const labels: Record<ActivityKind, string> = {
    press_conference: t('Press conference'),
    tv_scroll: t('TV scroll broadcast'),
    poster: t('Posters'),
    online_post: t('Online post'),
  };
  return (kind) => labels[kind];
}

/** Publicity (measure 4): the log, surrenders per week against it, the notice, and the public list. */
export function PublicityPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const overview = useGet('/api/publicity');
  const label = useActivityLabels();

  // A week cut by the range (the launch mid-week, today) is marked as partial, and its bar pale:
  // two days' surrenders are not a collapse.
  const option = useMemo<EChartsOption | undefined>(() => {
    if (!overview.data) return undefined;
    const weeks = overview.data.weeks;
    const pale = (w: (typeof weeks)[number], value: number) =>
      w.days < 7 ? { value, itemStyle: { opacity: 0.4 } } : value;
    // ECharts drops the week labels that would overlap, on a phone the partial week's among them:
    // that one always shows, and the dates beside it (and all but every few) give way instead.
    const narrow = window.matchMedia('(max-width: 720px)').matches;
    const step = Math.max(1, Math.ceil(weeks.length / (narrow ? 4 : 12)));
    const room = narrow ? 2 : 0;
    const showLabel = (i: number) =>
      weeks[i]!.days < 7 || (i % step === 0 && !weeks.some((w, j) => w.days < 7 && Math.abs(j - i) <= room));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('Publicity activities'), t('Surrenders')] },
      grid: { left: 48, right: 48, top: 40, bottom: 48 },
      xAxis: {
        type: 'category',
        data: weeks.map((w) =>
          w.days < 7
            ? `${w.week.slice(5)}\n${t('partial: {{days}} of 7 days', { days: w.days })}`
            : w.week.slice(5),
        ),
        axisLabel: { interval: showLabel },
      },
      yAxis: [
        { type: 'value', name: t('Activities'), minInterval: 1 },
        { type: 'value', name: t('Surrenders'), minInterval: 1 },
      ],
      series: [
        {
          name: t('Publicity activities'),
          type: 'bar',
          data: weeks.map((w) => pale(w, w.activities)),
          color: '#7aa6d6',
        },
        {
          name: t('Surrenders'),
          type: 'line',
          yAxisIndex: 1,
          data: weeks.map((w) =>
            w.days < 7 ? { value: w.surrenders, symbol: 'emptyCircle' } : w.surrenders,
          ),
          color: '#b03030',
        },
      ],
    };
  }, [overview.data, t]);

  if (overview.error) return <ErrorNote error={overview.error} />;
  if (!overview.data) return <Loading />;
  const d = overview.data;
  return (
    <div aria-busy={overview.loading}>
      <div className="page-head">
        <h1>{t('Publicity')}</h1>
        <a className="button" href="/public" target="_blank" rel="noreferrer">
          {t('Open the public site')}
        </a>
      </div>
      <section className="kpis" aria-label={t('Headline figures')}>
        <div className="kpi">
          <div className="kpi-label">{t('Publicity activities')}</div>
          <div className="kpi-value">{format.number(d.activities.length)}</div>
          <div className="kpi-note">
            {format.date(d.from)} – {format.date(d.to)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t('Surrenders')}</div>
          <div className="kpi-value">{format.number(d.weeks.reduce((n, w) => n + w.surrenders, 0))}</div>
        </div>
        <div className="kpi">
          <div className="kpi-label">{t('Tips received')}</div>
          <div className="kpi-value">{format.number(d.tips.received)}</div>
          <div className="kpi-note">{t('Open: {{n}}', { n: format.number(d.tips.open) })}</div>
        </div>
        <div className="kpi onTrack">
          <div className="kpi-label">{t('Tips that led to a verified clearance')}</div>
          <div className="kpi-value">{format.number(d.tips.ledToClearance)}</div>
        </div>
      </section>
      <section className="panel">
        <h2>{t('Surrenders per week against publicity')}</h2>
        {option && <Chart option={option} label={t('Surrenders per week against publicity')} />}
      </section>
      {hasRole('publicity', 'commander') && <ActivityForm onSaved={overview.reload} />}
      <section className="panel">
        <h2>{t('Publicity log')}</h2>
        <div className="table-scroll scroll-box">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Date')}</th>
                <th scope="col">{t('Kind')}</th>
                <th scope="col">{t('Unit')}</th>
                <th scope="col">{t('Where')}</th>
                <th scope="col" className="num">
                  {t('How many')}
                </th>
                <th scope="col">{t('Description')}</th>
              </tr>
            </thead>
            <tbody>
              {d.activities.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{format.date(a.heldOn)}</td>
                  <td>{label(a.kind)}</td>
                  <td>{a.unit.name}</td>
                  <td>{a.place ?? '—'}</td>
                  <td className="num">{a.quantity === null ? '—' : format.number(a.quantity)}</td>
                  <td>{a.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {hasRole('publicity', 'commander') && <Notices />}
      {hasRole('publicity', 'commander') && <PublicList />}
    </div>
  );
}

function ActivityForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const label = useActivityLabels();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const quantity = formText(f, 'quantity');
    try {
      await ok(
        client.POST('/api/publicity/activities', {
          body: {
            kind: formText(f, 'kind') as ActivityKind,
            heldOn: formText(f, 'heldOn'),
            place: formText(f, 'place'),
            quantity: quantity ? Number(quantity) : null,
            description: formText(f, 'description'),
            unitCode: formText(f, 'unitCode') || undefined,
          },
        }),
      );
      setError(undefined);
      setDone(t('Saved.'));
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  return (
    <section className="panel">
      <h2>{t('Log an activity')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <div className="filters">
          <label>
            {t('Kind')}
            <select name="kind">
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('Date')}
            <input name="heldOn" type="date" required />
            <FieldError error={error} field="heldOn" />
          </label>
          <label>
            {t('Where')}
            <input name="place" maxLength={LIMITS.title} />
          </label>
          <label>
            {t('How many')}
            <input name="quantity" type="number" min={1} />
          </label>
          <label>
            {t('Unit code (default: yours)')}
            <input name="unitCode" maxLength={LIMITS.code} />
            <FieldError error={error} field="unitCode" />
          </label>
        </div>
        <label>
          {t('Description')}
          <input name="description" required maxLength={LIMITS.reason} />
          <FieldError error={error} field="description" />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t('Log it')}
          </button>
          {done && <span role="status">{done}</span>}
        </div>
        {error && !error.field && <ErrorNote error={error} />}
      </form>
    </section>
  );
}

function statusLabel(t: T, status: NoticeOut['status']): string {
  return {
    pending: t('Waiting for approval'),
    published: t('Live on the public site'),
    superseded: t('Replaced by a newer version'),
    rejected: t('Rejected'),
  }[status];
}

/** The surrender notice: versions, drafting (publicity officers) and approval (commanders). */
function Notices() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { hasRole } = useSession();
  const notices = useGet('/api/notices');
  const campaign = useCampaign();
  const [error, setError] = useState<ApiError>();
  const current = notices.data?.notices.find((n) => n.status === 'published');
  const latest = notices.data?.notices[0];

  async function draft(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await ok(
        client.POST('/api/notices', {
          body: {
            titleZh: formText(f, 'titleZh'),
            bodyZh: formText(f, 'bodyZh'),
            titleEn: formText(f, 'titleEn'),
            bodyEn: formText(f, 'bodyEn'),
          },
        }),
      );
      setError(undefined);
      notices.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  async function decide(id: number, decision: 'approve' | 'reject') {
    try {
      const path = { id };
      await ok(
        decision === 'approve'
          ? client.POST('/api/notices/{id}/approve', { params: { path } })
          : client.POST('/api/notices/{id}/reject', { params: { path } }),
      );
      setError(undefined);
      notices.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  if (!notices.data) return <ErrorNote error={notices.error} />;
  const base = latest ?? current;
  return (
    <section className="panel">
      <h2>{t('Surrender notice')}</h2>
      <ErrorNote error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Version')}</th>
            <th scope="col">{t('Title')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Drafted by')}</th>
            <th scope="col">{t('Decided by')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {notices.data.notices.map((n) => (
            <tr key={n.id} data-notice={n.version}>
              <td>{n.version}</td>
              <td>
                {n.titleZh}
                <br />
                <span className="muted small" lang="en">
                  {n.titleEn}
                </span>
              </td>
              <td>{statusLabel(t, n.status)}</td>
              <td>
                {nameOf(n.draftedBy)} · {format.dateTime(n.draftedAt)}
              </td>
              <td>{n.decidedBy ? `${nameOf(n.decidedBy)} · ${format.dateTime(n.decidedAt ?? '')}` : '—'}</td>
              <td>
                {campaign.base && (
                  <>
                    <a
                      href={`${campaign.base}/notices/${n.id}/docx`}
                      download
                      data-testid={`notice-docx-${n.version}`}
                    >
                      {t('Official notice (Word)')}
                    </a>{' '}
                    <a
                      href={`${campaign.base}/notices/${n.id}/pdf`}
                      download
                      data-testid={`notice-pdf-${n.version}`}
                    >
                      {t('Official notice (PDF)')}
                    </a>
                  </>
                )}{' '}
                {n.status === 'pending' && hasRole('commander') && (
                  <span className="actions">
                    <button type="button" className="primary" onClick={() => void decide(n.id, 'approve')}>
                      {t('Approve and publish')}
                    </button>
                    <button type="button" onClick={() => void decide(n.id, 'reject')}>
                      {t('Reject')}
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasRole('publicity') && (
        <form className="stack" key={base?.id ?? 0} onSubmit={(e) => void draft(e)}>
          <h3>{t('Draft a new version')}</h3>
          <label>
            {t('Title (Chinese)')}
            <input name="titleZh" required maxLength={LIMITS.title} defaultValue={base?.titleZh} />
          </label>
          <label>
            {t('Text (Chinese)')}
            <LimitedTextarea
              name="bodyZh"
              limit={LIMITS.document}
              required
              rows={6}
              defaultValue={base?.bodyZh}
            />
          </label>
          <label>
            {t('Title (English)')}
            <input name="titleEn" required maxLength={LIMITS.title} defaultValue={base?.titleEn} />
          </label>
          <label>
            {t('Text (English)')}
            <LimitedTextarea
              name="bodyEn"
              limit={LIMITS.document}
              required
              rows={6}
              defaultValue={base?.bodyEn}
            />
          </label>
          <div className="actions">
            <button type="submit" className="primary">
              {t('Submit for approval')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Who is on the public wanted list; publish or unpublish by listing number (takes effect at once). */
function PublicList() {
  const { t } = useTranslation();
  const list = useGet('/api/published-fugitives');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState('');
  const { dialog, ask } = useConfirm();
  async function set(listingNo: string, published: boolean, reward?: number | null) {
    const yes = await ask(
      published
        ? {
            title: t('Publish {{listingNo}}?', { listingNo }),
            body: t(
              '{{listingNo}} goes on the public wanted list at once: anyone can see the name, photo, offence and reward on the public site (the ID number masked).',
              { listingNo },
            ),
            confirm: t('Publish'),
          }
        : {
            title: t('Unpublish {{listingNo}}?', { listingNo }),
            body: t('{{listingNo}} leaves the public wanted list at once.', { listingNo }),
            confirm: t('Unpublish'),
          },
    );
    if (!yes) return;
    setDone('');
    try {
      await ok(
        client.PUT('/api/fugitives/{listingNo}/publication', {
          params: { path: { listingNo } },
          body: { published, ...(reward === undefined ? {} : { reward }) },
        }),
      );
      setError(undefined);
      setDone(
        published
          ? t('{{listingNo}} is on the public wanted list.', { listingNo })
          : t('{{listingNo}} is off the public wanted list.', { listingNo }),
      );
      list.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  async function attachPhoto(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const listingNo = formText(f, 'listingNo');
    const body = new FormData();
    const file = f.get('file');
    if (file instanceof File) body.append('file', file);
    try {
      await upload('/api/fugitives/{listingNo}/photo', { path: { listingNo } }, body);
      setError(undefined);
      form.reset();
      list.reload();
    } catch (err) {
      setError(asApiError(err));
    }
  }
  function publish(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const reward = formText(f, 'reward');
    void set(formText(f, 'listingNo'), true, reward ? Number(reward) : undefined);
  }
  return (
    <section className="panel">
      <h2>{t('Public wanted list')}</h2>
      <ErrorNote error={error} />
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {dialog}
      <form className="filters" onSubmit={publish}>
        <label>
          {t('Listing number')}
          <input name="listingNo" required maxLength={LIMITS.code} />
        </label>
        <label>
          {t('Reward (yuan)')}
          <input name="reward" type="number" min={0} />
        </label>
        <button type="submit" className="primary">
          {t('Publish')}
        </button>
      </form>
      <form className="filters" onSubmit={(e) => void attachPhoto(e)}>
        <label>
          {t('Listing number')}
          <input name="listingNo" required maxLength={LIMITS.code} />
        </label>
        <label>
          {t('Photo (PNG or JPEG)')}
          <input name="file" type="file" accept="image/png,image/jpeg" required />
        </label>
        <button type="submit">{t('Attach the photo')}</button>
      </form>
      {!list.data ? (
        <Loading />
      ) : (
        <div className="table-scroll scroll-box">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Listing number')}</th>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Offence')}</th>
                <th scope="col" className="num">
                  {t('Reward (yuan)')}
                </th>
                <th scope="col">{t('Photo')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((f) => (
                <tr key={f.listingNo} data-listing={f.listingNo}>
                  <td className="mono">{f.listingNo}</td>
                  <td>{f.name}</td>
                  <td>{f.offence}</td>
                  <td className="num">{f.reward === null ? '—' : format.number(f.reward)}</td>
                  <td>{f.hasPhoto ? '✓' : '—'}</td>
                  <td>
                    <button type="button" onClick={() => void set(f.listingNo, false)}>
                      {t('Unpublish')}
                    </button>
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
