import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import { teamMembers } from '../four-ones/rules.ts';
import * as repo from './repo.ts';
import {
  AWARD_THRESHOLDS,
  type Award,
  type MeritDecision,
  creditsOf,
  proposedAward,
  tallyCredits,
} from './rules.ts';
import type { DecisionInput, DecisionOut, MeritsOut } from './schema.ts';

function presentDecision(d: repo.DecisionRow): DecisionOut {
  return {
    id: d.id,
    officer: d.officer,
    unit: { code: d.unit_code, name: d.unit_name },
    award: d.award as Award,
    points: d.points,
    decision: d.decision as MeritDecision,
    reason: d.reason,
    decidedBy: d.decided_by,
    decidedAt: d.decided_at,
  };
}

const parseNames = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

/**
 * Every officer of the caller's units credited by verified results of the campaign up to a date,
 * with the award the rules propose; and the decisions taken so far.
 */
export async function officerMerits(ctx: Context, campaignName: string, asOf?: IsoDate): Promise<MeritsOut> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const day = asOf ?? localDate(ctx.now);
  const [results, decisions, units] = await Promise.all([
    repo.verifiedResults(ctx.db, campaign.start_on, day),
    repo.decisionsOf(ctx.db, campaign.id),
    allUnits(ctx.db),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const credits = results.flatMap((r) =>
    creditsOf({
      clearanceId: r.id,
      homicide: r.crime_category === 'homicide',
      capturingUnitId: r.capturing_unit_id,
      capturingOfficers: parseNames(r.capturing_officers),
      persuadingUnitId: r.persuading_unit_id,
      persuadingOfficer: r.persuading_officer,
      team: parseNames(r.team_json),
      teamUnitId: r.listing_unit_id,
    }),
  );
  const decided = (officer: string, unitId: number) =>
    decisions
      .filter((d) => d.officer === officer && d.unit_id === unitId)
      .map((d) => ({ award: d.award as Award, decision: d.decision as MeritDecision }));
  return {
    campaign: campaign.name,
    asOf: day,
    thresholds: AWARD_THRESHOLDS,
    officers: tallyCredits(credits)
      .filter((t) => inScope(ctx.scope, t.unitId))
      .map(({ unitId, ...t }) => {
        const unit = unitById.get(unitId)!;
        return {
          ...t,
          unit: { code: unit.code, name: unit.name },
          proposal: proposedAward(t.points, decided(t.officer, unitId)),
        };
      }),
    decisions: decisions.filter((d) => inScope(ctx.scope, d.unit_id)).map(presentDecision),
  };
}

/**
 * A commander decides the award the rules propose for an officer today: approved (嘉奖/记功 given)
 * or declined, with a reason. Only what is proposed can be decided. Audited.
 */
export async function decideMerit(
  ctx: Context,
  campaignName: string,
  input: DecisionInput,
): Promise<DecisionOut> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const unit = (await allUnits(tx.db)).find((u) => u.code === input.unitCode);
    if (!unit)
      throw new DomainError('unknown_unit', `unitCode: unknown unit ${input.unitCode}`, 'unitCode', {
        unit: input.unitCode,
      });
    if (!inScope(tx.scope, unit.id))
      throw new ForbiddenError(
        'unit_out_of_scope',
        `unitCode: unit ${unit.code} is outside yours`,
        'unitCode',
        {
          unit: unit.code,
        },
      );
    const merits = await officerMerits({ ...tx, scope: { all: true } }, campaign.name);
    const officer = merits.officers.find((o) => o.officer === input.officer && o.unit.code === unit.code);
    if (!officer || officer.proposal !== input.award)
      throw new ConflictError(
        'not_proposed',
        `award: ${input.award} is not proposed for ${input.officer} of ${unit.code} (proposed: ${officer?.proposal ?? 'nothing'})`,
        'award',
        { officer: input.officer, unit: unit.code },
      );
    if (input.decision === 'declined' && !input.reason)
      throw new DomainError(
        'decline_reason_required',
        'reason: is required: say why the award is declined',
        'reason',
      );
    const row = {
      campaign_id: campaign.id,
      officer: input.officer,
      unit_id: unit.id,
      award: input.award,
      points: officer.points,
      decision: input.decision,
      reason: input.reason || null,
      decided_by: tx.actor,
      decided_at: tx.now.toISOString(),
    };
    const id = await repo.insertDecision(tx.db, row);
    const out = presentDecision((await repo.decisionsOf(tx.db, campaign.id)).find((d) => d.id === id)!);
    await recordEvent(tx, { action: 'merit.decide', entityType: 'merit', entityId: id, after: out });
    return out;
  });
}

/**
 * Names the officers of a claim of the caller's units after it was filed (history carried over
 * named nobody; a name was misspelt). The tally follows at once. The old names stay in the audit chain.
 */
export async function nameClaimOfficers(
  ctx: Context,
  clearanceId: number,
  input: { capturingOfficers: string[]; persuadingOfficer?: string },
) {
  return inTransaction(ctx, async (tx) => {
    const claim = await repo.claimOfficers(tx.db, clearanceId);
    if (!claim) throw new NotFoundError('clearance', String(clearanceId));
    const unitId = claim.capturing_unit_id ?? claim.claim_unit_id;
    if (!inScope(tx.scope, unitId))
      throw new ForbiddenError(
        'out_of_scope',
        `clearance ${clearanceId} is of a unit outside yours`,
        undefined,
        { what: 'clearance', key: String(clearanceId) },
      );
    if (claim.kind !== 'arrest' && claim.kind !== 'surrender')
      throw new DomainError(
        'not_a_capture',
        `only arrests and surrenders name officers (this is a ${claim.kind})`,
        'capturingOfficers',
      );
    if (input.persuadingOfficer && claim.kind !== 'surrender')
      throw new DomainError(
        'only_for_surrenders',
        'persuadingOfficer: is only for surrenders',
        'persuadingOfficer',
        { field: 'persuadingOfficer' },
      );
    const capturing = teamMembers(input.capturingOfficers);
    const values = {
      capturing_officers: capturing.length > 0 ? JSON.stringify(capturing) : null,
      persuading_officer: input.persuadingOfficer || null,
    };
    await repo.setClaimOfficers(tx.db, clearanceId, values);
    const out = { clearanceId, capturingOfficers: capturing, persuadingOfficer: values.persuading_officer };
    await recordEvent(tx, {
      action: 'clearance.officers',
      entityType: 'clearance',
      entityId: clearanceId,
      before: {
        capturingOfficers: claim.capturing_officers ? (JSON.parse(claim.capturing_officers) as string[]) : [],
        persuadingOfficer: claim.persuading_officer,
      },
      after: out,
    });
    return out;
  });
}
