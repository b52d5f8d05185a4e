import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREDIT_POINTS, HOMICIDE_FACTOR } from '../../areas/merits/rules.ts';
import { type AnswerOf, client, ok } from '../api.ts';
import { useConfirm } from '../components/confirm.tsx';
import { DecideWithReason } from '../components/decide.tsx';
import { ErrorNote, Loading } from '../components/notes.tsx';
import { format } from '../i18n.ts';
import { usePracticeLabels } from '../practices.ts';
import { useAction } from '../use-action.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../use-api.ts';
import { useNameOf } from '../people.ts';
import { useCampaign } from '../use-campaign.ts';

type Officer = AnswerOf<'/api/campaigns/{campaign}/merits'>['officers'][number];
type Decision = 'approved' | 'declined';

/**
 * Officers' merits (立功受奖): each officer of your units credited by verified results of the
 * campaign (captures, persuasions, the pursuit team), their points, and the award the rules
 * propose, which a commander approves or declines with a reason.
 */
export function MeritsPage() {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const { hasRole } = useSession();
  const { name, base, error } = useCampaign();
  const path = { campaign: name ?? '' };
  const merits = useGet(name ? '/api/campaigns/{campaign}/merits' : null, { params: { path } });
  const l = usePracticeLabels();
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const [message, setMessage] = useState('');

  if (error) return <ErrorNote error={error} />;
  if (merits.error) return <ErrorNote error={merits.error} />;
  if (!name || !base || !merits.data) return <Loading />;
  const m = merits.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const mayDecide = hasRole('commander');

  async function decide(o: Officer, decision: Decision, reason?: string) {
    if (!o.proposal) return;
    const award = l.award[o.proposal];
    const yes = await ask({
      title: decision === 'approved' ? t('Approve the award') : t('Decline the award'),
      body:
        decision === 'approved'
          ? t('{{award}} for {{officer}} of {{unit}} ({{points}} points) is approved, in your name.', {
              award,
              officer: o.officer,
              unit: o.unit.name,
              points: o.points,
            })
          : t(
              '{{award}} for {{officer}} of {{unit}} ({{points}} points) is declined, in your name; it is not proposed again.',
              { award, officer: o.officer, unit: o.unit.name, points: o.points },
            ),
      confirm: decision === 'approved' ? t('Approve') : t('Decline'),
      danger: decision === 'declined',
    });
    if (!yes) return;
    // An officer with an account is decided by account (two of one name stay two); others by name.
    const who = o.username ? { username: o.username } : { officer: o.officer, unitCode: o.unit.code };
    const body = { ...who, award: o.proposal, decision, reason };
    const ran = await action.run(() =>
      ok(client.POST('/api/campaigns/{campaign}/merits/decisions', { params: { path }, body })),
    );
    if (ran) {
      setMessage(decision === 'approved' ? t('Award approved.') : t('Award declined.'));
      merits.reload();
    }
  }

  return (
    <div>
      {dialog}
      <div className="page-head">
        <h1>{t("Officers' merits")}</h1>
        <div className="actions">
          <a className="button" href={`${base}/merits.xlsx?lang=${lang}&asOf=${m.asOf}`} download>
            {t('Merits as Excel')}
          </a>
        </div>
      </div>
      <p className="muted">
        {t(
          'As of {{date}}. A capture earns {{capture}} points, a persuaded surrender {{persuasion}}, a member of the pursuit team {{pursuit}}; a homicide result counts {{factor}} times. {{commendation}} is proposed from {{c}} points, {{merit}} from {{m}}.',
          {
            date: format.date(m.asOf),
            ...CREDIT_POINTS,
            factor: HOMICIDE_FACTOR,
            commendation: l.award.commendation,
            merit: l.award.merit,
            c: m.thresholds.commendation,
            m: m.thresholds.merit,
          },
        )}
      </p>
      <ErrorNote error={action.error} />
      {message && <p role="status">{message}</p>}
      <section className="panel" aria-label={t('Tally')}>
        <h2>{t('Tally')}</h2>
        {m.officers.length === 0 ? (
          <p className="muted">{t('No officer of your units is credited yet.')}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Officer')}</th>
                  <th scope="col">{t('Unit')}</th>
                  <th scope="col">{t('Captures')}</th>
                  <th scope="col">{t('Persuasions')}</th>
                  <th scope="col">{t('Pursuits')}</th>
                  <th scope="col">{t('Results')}</th>
                  <th scope="col">{t('Points')}</th>
                  <th scope="col">{t('Proposed')}</th>
                  {mayDecide && <th scope="col" />}
                </tr>
              </thead>
              <tbody>
                {m.officers.map((o) => (
                  <tr
                    key={o.username ? `user-${o.username}` : `name-${o.unit.code}-${o.officer}`}
                    data-officer={o.username ?? o.officer}
                  >
                    <td>
                      {o.officer}
                      {!o.username && <div className="muted small">{t('no account')}</div>}
                    </td>
                    <td>{o.unit.name}</td>
                    <td className="num">{format.number(o.captures)}</td>
                    <td className="num">{format.number(o.persuasions)}</td>
                    <td className="num">{format.number(o.pursuits)}</td>
                    <td className="num">{format.number(o.results)}</td>
                    <td className="num">
                      <b>{format.number(o.points)}</b>
                    </td>
                    <td>{o.proposal && <span className="badge onTrack">{l.award[o.proposal]}</span>}</td>
                    {mayDecide && (
                      <td>
                        {o.proposal && (
                          <DecideWithReason
                            grant={t('Approve')}
                            refuse={t('Decline')}
                            reasonLabel={t('Reason to decline')}
                            busy={action.busy}
                            onDecide={(reason) => void decide(o, reason ? 'declined' : 'approved', reason)}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-label={t('Decisions')}>
        <h2>{t('Decisions')}</h2>
        {m.decisions.length === 0 ? (
          <p className="muted">{t('No award decided yet.')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Officer')}</th>
                <th scope="col">{t('Unit')}</th>
                <th scope="col">{t('Award')}</th>
                <th scope="col">{t('Points')}</th>
                <th scope="col">{t('Decision')}</th>
                <th scope="col">{t('Decided by')}</th>
              </tr>
            </thead>
            <tbody>
              {m.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{d.officer}</td>
                  <td>{d.unit.name}</td>
                  <td>{l.award[d.award]}</td>
                  <td className="num">{format.number(d.points)}</td>
                  <td>
                    <span className={`badge ${d.decision === 'approved' ? 'onTrack' : 'zero'}`}>
                      {l.decision[d.decision]}
                    </span>
                    {d.reason && ` ${d.reason}`}
                  </td>
                  <td>
                    {nameOf(d.decidedBy)} · {format.dateTime(d.decidedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
