import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { conflictOf, DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope, parseRoles, scopeOf } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { latestCampaign } from '../campaigns/repo.ts';
import { standings } from '../campaigns/service.ts';
import { fugitiveByListingNo, lockFugitive } from '../registry/repo.ts';
import { withdrawnListingRefusal } from '../registry/rules.ts';
import { allUnits } from '../units/repo.ts';
import { type UnitKind, subtreeIds } from '../units/rules.ts';
import { presentLeader, presentOwnedCase } from './present.ts';
import * as repo from './repo.ts';
import { type Refusal, assignmentRefusal, compareCases, countCases, isLeader, latestById } from './rules.ts';
import {
  type CaseOwnerOut,
  type LeaderPageOut,
  type LeadersOut,
  type LiaisonsOut,
  unitFigures,
} from './schema.ts';

function refuse(refusal: Refusal | null, field?: string): void {
  if (!refusal) return;
  if (refusal.kind === 'forbidden')
    throw new ForbiddenError(refusal.code, refusal.message, undefined, refusal.params);
  if (refusal.kind === 'conflict') throw conflictOf(refusal);
  throw new DomainError(refusal.code, refusal.message, field, refusal.params);
}

async function loadUser(ctx: Context, username: string) {
  const user = await repo.userWithUnit(ctx.db, username);
  if (!user) throw new NotFoundError('user', username);
  return user;
}

/** A leader's account, or 404 when the name is not a leader's. */
async function loadLeader(ctx: Context, username: string) {
  const user = await repo.userWithUnit(ctx.db, username);
  if (!user || !isLeader({ roles: parseRoles(user.roles) })) throw new NotFoundError('leader', username);
  return user;
}

/**
 * Makes a leader the personal owner (包案) of a case. A commander assigns any leader; a leader
 * takes a case for themselves. Assigning the current owner again changes nothing.
 */
export async function assignCaseOwner(
  ctx: Context,
  listingNo: string,
  username: string,
): Promise<CaseOwnerOut> {
  const assigner = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const fugitive = await fugitiveByListingNo(tx.db, listingNo);
    if (!fugitive) throw new NotFoundError('fugitive', listingNo);
    const withdrawn = withdrawnListingRefusal(fugitive);
    if (withdrawn) throw conflictOf(withdrawn, 'listingNo');
    await lockFugitive(tx.db, fugitive.id); // two leaders taking one case: the second sees the first
    const owner = await loadUser(tx, username);
    const unitRows = await allUnits(tx.db);
    const current = await repo.caseOwner(tx.db, fugitive.id);
    refuse(
      assignmentRefusal(
        assigner,
        { username: owner.username, roles: parseRoles(owner.roles), disabled: owner.disabled === 1 },
        current?.username ?? null,
        fugitive.exit_on !== null,
        fugitive.listing_unit_id === null ||
          inScope(
            scopeOf({ roles: parseRoles(owner.roles), unitId: owner.unit_id }, (id) =>
              subtreeIds(unitRows, id),
            ),
            fugitive.listing_unit_id,
          ),
      ),
      'username',
    );
    if (current?.username === owner.username)
      return {
        listingNo,
        owner: presentLeader(owner),
        assignedBy: current.assigned_by,
        assignedAt: current.assigned_at,
      };
    const at = tx.now.toISOString();
    await repo.setCaseOwner(tx.db, {
      fugitive_id: fugitive.id,
      user_id: owner.id,
      assigned_by: assigner.username,
      assigned_at: at,
    });
    const result = { listingNo, owner: presentLeader(owner), assignedBy: assigner.username, assignedAt: at };
    await recordEvent(tx, {
      action: 'case_owner.assign',
      entityType: 'fugitive',
      entityId: listingNo,
      before: { owner: current?.username ?? null },
      after: { owner: owner.username, assignedBy: assigner.username, assignedAt: at },
    });
    return result;
  });
}

/** Replaces a leader's liaison units (联系点). */
export async function setLiaisonUnits(ctx: Context, username: string, codes: string[]): Promise<LiaisonsOut> {
  return inTransaction(ctx, async (tx) => {
    const leader = await loadUser(tx, username);
    if (!isLeader({ roles: parseRoles(leader.roles) }))
      throw new DomainError(
        'not_a_leader',
        `${username} is not a leader: only leaders have liaison units`,
        undefined,
        {
          user: username,
        },
      );
    const units = new Map((await allUnits(tx.db)).map((u) => [u.code, u]));
    const wanted = [...new Set(codes)].sort();
    const unknown = wanted.find((code) => !units.has(code));
    if (unknown !== undefined)
      throw new DomainError('unknown_unit', `unknown unit ${unknown}`, 'units', { unit: unknown });
    const before = (await repo.liaisonUnitsOf(tx.db, [leader.id])).map((u) => u.code);
    const chosen = wanted.map((code) => units.get(code)!);
    const result = {
      username,
      units: chosen.map((u) => ({ code: u.code, name: u.name, kind: u.kind as UnitKind })),
    };
    if (before.join(',') === wanted.join(',')) return result;
    await repo.replaceLiaisons(
      tx.db,
      leader.id,
      chosen.map((u) => u.id),
    );
    await recordEvent(tx, {
      action: 'leader.liaisons',
      entityType: 'user',
      entityId: username,
      before: { liaisonUnits: before },
      after: { liaisonUnits: wanted },
    });
    return result;
  });
}

/** Every leader, with their liaison units and how many of their cases are open or cleared. */
export async function listLeaders(ctx: Context): Promise<LeadersOut> {
  const leaders = (await repo.leaderCandidates(ctx.db)).filter(
    (u) => isLeader({ roles: parseRoles(u.roles) }) && inScope(ctx.scope, u.unit_id),
  );
  const [liaisons, counts] = await Promise.all([
    repo.liaisonUnitsOf(
      ctx.db,
      leaders.map((l) => l.id),
    ),
    repo.ownedCaseCounts(ctx.db),
  ]);
  const countOf = new Map(counts.map((c) => [c.userId, c]));
  return {
    leaders: leaders.map((l) => ({
      ...presentLeader(l),
      liaisonUnits: liaisons.filter((u) => u.user_id === l.id).map((u) => ({ code: u.code, name: u.name })),
      ownedCases: { active: countOf.get(l.id)?.active ?? 0, cleared: countOf.get(l.id)?.cleared ?? 0 },
    })),
  };
}

/**
 * A leader's page: their liaison units with each unit's figures in the latest campaign as of today,
 * and the cases they own with how each one moves (its exit, its latest claim).
 */
export async function leaderPage(ctx: Context, username: string): Promise<LeaderPageOut> {
  const leader = await loadLeader(ctx, username);
  const [liaisons, owned, campaign] = await Promise.all([
    repo.liaisonUnitsOf(ctx.db, [leader.id]),
    repo.ownedCases(ctx.db, leader.id),
    latestCampaign(ctx.db),
  ]);
  const figures = campaign
    ? await standings(ctx, { campaign: campaign.name, asOf: localDate(ctx.now) })
    : null;
  const standingOf = new Map(figures?.units.map((u) => [u.code, u]));
  const claims = await repo.claimsOn(
    ctx.db,
    owned.map((c) => c.id),
  );
  const claimsOf = new Map<number, typeof claims>();
  for (const k of claims) claimsOf.set(k.fugitive_id, [...(claimsOf.get(k.fugitive_id) ?? []), k]);
  const cases = owned
    .map((c) => presentOwnedCase(c, latestById(claimsOf.get(c.id) ?? [])))
    .sort(compareCases);
  return {
    leader: presentLeader(leader),
    campaign: figures && {
      name: figures.campaign,
      asOf: figures.asOf,
      target: figures.target,
      elapsedShare: figures.elapsedShare,
      provisional: figures.provisional,
    },
    liaisonUnits: liaisons.map((u) => {
      const s = standingOf.get(u.code);
      return {
        code: u.code,
        name: u.name,
        kind: u.kind as UnitKind,
        // Every figure the standings give, whatever is added to them later.
        figures: s ? unitFigures.parse(s) : null,
      };
    }),
    ownedCases: countCases(cases),
    cases,
  };
}
