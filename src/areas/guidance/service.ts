import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { DomainError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign } from '../campaigns/service.ts';
import { liaisonUnitsOf } from '../leaders/repo.ts';
import { addTasks, tasksOf } from '../tasks/service.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';
import { liaisonVisits, visitProblem } from './rules.ts';
import type { GuidanceOut, VisitInput, VisitOut } from './schema.ts';

/** A visit or a liaison concerns the visited unit and the leader (their page is their unit's). */
function visible(ctx: Context, row: { unit_id: number; username: string; leader_unit_id: number }): boolean {
  return (
    row.username === ctx.user?.username ||
    inScope(ctx.scope, row.unit_id) ||
    inScope(ctx.scope, row.leader_unit_id)
  );
}

async function present(ctx: Context, rows: repo.VisitRow[]): Promise<VisitOut[]> {
  const tasks = await tasksOf({ ...ctx, scope: { all: true } }, { visitIds: rows.map((v) => v.id) });
  return rows.map((v) => ({
    id: v.id,
    leader: { username: v.username, displayName: v.display_name },
    unit: { code: v.unit_code, name: v.unit_name },
    visitedOn: v.visited_on,
    findings: v.findings,
    createdAt: v.created_at,
    tasks: tasks.filter((t) => t.visitId === v.id),
  }));
}

/**
 * A leader records a guidance visit to one of their liaison units: what was found, and what was
 * decided as tasks for that unit (or units in the leader's own scope). Audited.
 */
export async function recordVisit(ctx: Context, campaignName: string, input: VisitInput): Promise<VisitOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const unit = (await allUnits(tx.db)).find((u) => u.code === input.unitCode);
    if (!unit)
      throw new DomainError('unknown_unit', `unitCode: unknown unit ${input.unitCode}`, 'unitCode', {
        unit: input.unitCode,
      });
    const liaisons = await liaisonUnitsOf(tx.db, [user.id]);
    const problem = visitProblem(
      { ...input, unitIsLiaison: liaisons.some((l) => l.id === unit.id) },
      localDate(tx.now),
      { baselineOn: campaign.baseline_on },
    );
    if (problem) throw refusalOf(problem);
    const id = await repo.insertVisit(tx.db, {
      campaign_id: campaign.id,
      leader_id: user.id,
      unit_id: unit.id,
      visited_on: input.visitedOn,
      findings: input.findings,
      created_by: tx.actor,
      created_at: tx.now.toISOString(),
    });
    await addTasks(
      tx,
      { visitId: id },
      input.tasks,
      (unitId) => unitId === unit.id || inScope(tx.scope, unitId),
    );
    const [out] = await present(tx, [(await repo.visitById(tx.db, id))!]);
    await recordEvent(tx, { action: 'visit.record', entityType: 'visit', entityId: id, after: out });
    return out!;
  });
}

/**
 * The city's view of guidance (or one leader's): every liaison unit with its visits, the days since
 * the last one and whether it waits longer than the campaign's interval; and the visits themselves.
 */
export async function guidanceView(
  ctx: Context,
  campaignName: string,
  query: { leader?: string; asOf?: IsoDate },
): Promise<GuidanceOut> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const asOf = query.asOf ?? localDate(ctx.now);
  const ofLeader = <T extends { username: string }>(rows: T[]) =>
    query.leader ? rows.filter((r) => r.username === query.leader) : rows;
  const [liaisons, visits] = await Promise.all([
    repo.allLiaisons(ctx.db),
    repo.visitsOf(ctx.db, campaign.id),
  ]);
  const shownVisits = ofLeader(visits).filter((v) => visible(ctx, v));
  return {
    campaign: campaign.name,
    asOf,
    intervalDays: campaign.visit_interval_days,
    liaisons: ofLeader(liaisons)
      .filter((l) => visible(ctx, l))
      .map((l) => {
        const dates = visits
          .filter((v) => v.leader_id === l.leader_id && v.unit_id === l.unit_id && v.visited_on <= asOf)
          .map((v) => v.visited_on);
        return {
          leader: { username: l.username, displayName: l.display_name },
          unit: { code: l.code, name: l.name },
          visits: dates.length,
          ...liaisonVisits(dates, campaign.start_on, asOf, campaign.visit_interval_days),
        };
      }),
    visits: await present(ctx, shownVisits),
  };
}

/** A commander sets after how many days without a visit a liaison unit is flagged. Audited. */
export async function setVisitInterval(ctx: Context, campaignName: string, days: number) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    if (!campaign) throw new NotFoundError('campaign', campaignName);
    await repo.setVisitInterval(tx.db, campaign.id, days);
    await recordEvent(tx, {
      action: 'campaign.visit-interval',
      entityType: 'campaign',
      entityId: campaign.id,
      before: { visitIntervalDays: campaign.visit_interval_days },
      after: { visitIntervalDays: days },
    });
    return { visitIntervalDays: days };
  });
}
