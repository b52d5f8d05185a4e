import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import { officersOfClaims, replaceClaimOfficers, type ClaimOfficerRow } from '../clearances/repo.ts';
import { officersByClaim, officersByRole, presentOfficer } from '../clearances/present.ts';
import { officersToStore } from '../clearances/service.ts';
import type { OfficerRefInput } from '../clearances/schema.ts';
import * as repo from './repo.ts';
import {
  AWARD_THRESHOLDS,
  type Award,
  type MeritDecision,
  type NamedOfficer,
  creditsOf,
  proposedAward,
  tallyCredits,
} from './rules.ts';
import type { DecisionInput, DecisionOut, MeritsOut, OfficerOut } from './schema.ts';

function presentDecision(d: repo.DecisionRow): DecisionOut {
  return {
    id: d.id,
    officer: d.display_name ?? d.officer,
    username: d.username ?? null,
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

/** A claim's officer for the tally: the account (with its unit and name now), or the name given. */
const namedOfficer = (o: ClaimOfficerRow): NamedOfficer => ({
  userId: o.user_id,
  accountUnitId: o.user_unit_id ?? null,
  name: o.display_name ?? o.name,
});
/** A member of a four-ones pursuit team: the team is named, not linked to accounts. */
const teamMember = (name: string): NamedOfficer => ({ userId: null, accountUnitId: null, name });

/** An officer of the tally, with the account and unit (ids) the API shows by login and code. */
interface TalliedOfficer extends OfficerOut {
  userId: number | null;
  unitId: number;
}

/**
 * The tally of every officer (of all units) credited by verified results of a campaign up to a
 * day, with the award the rules propose; and the decisions taken so far.
 */
async function meritTally(ctx: Context, campaign: { id: number; start_on: IsoDate }, day: IsoDate) {
  const [results, decisions, units] = await Promise.all([
    repo.verifiedResults(ctx.db, campaign.start_on, day),
    repo.decisionsOf(ctx.db, campaign.id),
    allUnits(ctx.db),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const named = await officersOfClaims(
    ctx.db,
    results.map((r) => r.id),
  );
  const officersOf = officersByClaim(named);
  const usernames = new Map(
    named.flatMap((o) => (o.user_id !== null && o.username ? [[o.user_id, o.username]] : [])),
  );
  const credits = results.flatMap((r) => {
    const { capturingOfficers, persuadingOfficer } = officersByRole(officersOf.get(r.id) ?? [], namedOfficer);
    return creditsOf({
      clearanceId: r.id,
      homicide: r.crime_category === 'homicide',
      capturingUnitId: r.capturing_unit_id,
      capturingOfficers,
      persuadingUnitId: r.persuading_unit_id,
      persuadingOfficer,
      team: parseNames(r.team_json).map(teamMember),
      teamUnitId: r.listing_unit_id,
    });
  });
  // An account's decisions follow the account; a name's, the name within its unit.
  const decided = (t: { officer: string; userId: number | null; unitId: number }) =>
    decisions
      .filter((d) =>
        t.userId !== null
          ? d.user_id === t.userId
          : d.user_id === null && d.officer === t.officer && d.unit_id === t.unitId,
      )
      .map((d) => ({ award: d.award as Award, decision: d.decision as MeritDecision }));
  const officers = tallyCredits(credits).map((t): TalliedOfficer => {
    const unit = unitById.get(t.unitId)!;
    return {
      officer: t.officer,
      username: t.userId !== null ? (usernames.get(t.userId) ?? null) : null,
      unit: { code: unit.code, name: unit.name },
      captures: t.captures,
      persuasions: t.persuasions,
      pursuits: t.pursuits,
      results: t.results,
      points: t.points,
      proposal: proposedAward(t.points, decided(t)),
      userId: t.userId,
      unitId: t.unitId,
    };
  });
  return { officers, decisions, units };
}

/**
 * Every officer of the caller's units credited by verified results of the campaign up to a date,
 * with the award the rules propose; and the decisions taken so far.
 */
export async function officerMerits(ctx: Context, campaignName: string, asOf?: IsoDate): Promise<MeritsOut> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const day = asOf ?? localDate(ctx.now);
  const { officers, decisions } = await meritTally(ctx, campaign, day);
  return {
    campaign: campaign.name,
    asOf: day,
    thresholds: AWARD_THRESHOLDS,
    officers: officers
      .filter((t) => inScope(ctx.scope, t.unitId))
      .map(({ userId: _userId, unitId: _unitId, ...o }) => o),
    decisions: decisions.filter((d) => inScope(ctx.scope, d.unit_id)).map(presentDecision),
  };
}

function refuseOutOfScope(ctx: Context, unit: { id: number; code: string }): void {
  if (!inScope(ctx.scope, unit.id))
    throw new ForbiddenError(
      'unit_out_of_scope',
      `unitCode: unit ${unit.code} is outside yours`,
      'unitCode',
      {
        unit: unit.code,
      },
    );
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
    const { officers, units } = await meritTally(tx, campaign, localDate(tx.now));
    let officer: TalliedOfficer | undefined;
    if (input.username) {
      officer = officers.find((o) => o.username === input.username);
      if (officer) refuseOutOfScope(tx, { id: officer.unitId, code: officer.unit.code });
    } else {
      const unit = units.find((u) => u.code === input.unitCode);
      if (!unit)
        throw new DomainError('unknown_unit', `unitCode: unknown unit ${input.unitCode}`, 'unitCode', {
          unit: input.unitCode ?? '',
        });
      refuseOutOfScope(tx, unit);
      officer = officers.find(
        (o) => o.username === null && o.officer === input.officer && o.unitId === unit.id,
      );
    }
    const who = input.username ?? input.officer ?? '';
    if (!officer || officer.proposal !== input.award)
      throw new ConflictError(
        'not_proposed',
        `award: ${input.award} is not proposed for ${who}${officer ? ` of ${officer.unit.code}` : ''} (proposed: ${officer?.proposal ?? 'nothing'})`,
        'award',
        { officer: officer?.officer ?? who, unit: officer?.unit.code ?? input.unitCode ?? '' },
      );
    if (input.decision === 'declined' && !input.reason)
      throw new DomainError(
        'decline_reason_required',
        'reason: is required: say why the award is declined',
        'reason',
      );
    const row = {
      campaign_id: campaign.id,
      officer: officer.officer,
      user_id: officer.userId,
      unit_id: officer.unitId,
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
 * named nobody; a name was misspelt): accounts by login, officers without one by name. The tally
 * follows at once. The old officers stay in the audit chain.
 */
export async function nameClaimOfficers(
  ctx: Context,
  clearanceId: number,
  input: { capturingOfficers: OfficerRefInput[]; persuadingOfficer?: OfficerRefInput },
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
    const shown = async () => officersByRole(await officersOfClaims(tx.db, [clearanceId]), presentOfficer);
    const before = await shown();
    await replaceClaimOfficers(tx.db, clearanceId, await officersToStore(tx, claim.kind, input));
    const out = { clearanceId, ...(await shown()) };
    await recordEvent(tx, {
      action: 'clearance.officers',
      entityType: 'clearance',
      entityId: clearanceId,
      before,
      after: out,
    });
    return out;
  });
}
