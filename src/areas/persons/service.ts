// Persons over listings: a person may carry several listings (warrants), in several units, and
// every figure counts persons. Listings with one resident ID number are one person, always;
// listings of the same name, sex and birth date without one are a suggested match an inspector
// confirms (the two persons become one) or rejects.
import { BulkLoad } from '../../db/bulk-load.ts';
import { type Context, inTransaction } from '../../shared/context.ts';
import { ConflictError, NotFoundError, conflictOf } from '../../shared/errors.ts';
import { inScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { regroupClaims } from '../clearances/service.ts';
import { scanLatestCampaign } from '../integrity/service.ts';
import { ledgerFollowsDecision } from '../rewards/service.ts';
import type { CrimeCategory } from '../registry/rules.ts';
import * as repo from './repo.ts';
import { type MatchStatus, decisionRefusal, mergePlan, splitPlan } from './rules.ts';
import {
  type MatchDecisionInput,
  type MatchOut,
  type MatchesOut,
  type MatchesQuery,
  matchDecisionInput,
} from './schema.ts';

/**
 * Links the listings an import has just added to their persons (same ID number, same person),
 * brings the persons' figures up to date and suggests matches for them (same name, sex and birth
 * date). Runs inside the import's transaction.
 */
export async function linkNewListings(tx: Context): Promise<{ persons: number; suggestedMatches: number }> {
  const fresh = await repo.unlinkedListings(tx.db);
  if (fresh.length === 0) return { persons: 0, suggestedMatches: 0 };
  const at = tx.now.toISOString();
  await repo.linkListings(tx.db, at);
  const persons = await repo.personsOfListings(tx.db, fresh);
  await repo.refreshPersons(tx.db, persons);
  const suggestedMatches = await repo.suggestMatches(tx.db, fresh, at);
  return { persons: persons.length, suggestedMatches };
}

/**
 * Links the listings of an import to their persons in two steps: `prepareStagedLinks` while the
 * listings are still staged (no lock held), then `linkStagedListings` in the import's transaction,
 * which re-links what changed after listing `seenUpTo` (the last one when the links were prepared),
 * founds the new persons, lets `moveListings` move the listings in with ids after `lastId`, brings
 * the registered persons who gained a listing up to date and suggests matches.
 */
export async function prepareStagedLinks(ctx: Context, staged: string): Promise<void> {
  await repo.prepareStagedPersons(ctx.db, staged);
}

/** Drops what `prepareStagedLinks` made (nothing when it did not run). */
export async function dropStagedLinks(ctx: Context, staged: string): Promise<void> {
  await repo.dropStagedPersons(ctx.db, staged);
}

export async function linkStagedListings(
  tx: Context,
  staged: { table: string; count: number; seenUpTo: number; lastId: number },
  moveListings: () => Promise<void>,
): Promise<{ persons: number; suggestedMatches: number }> {
  const at = tx.now.toISOString();
  // Up to one new person per staged listing: past BulkLoad's threshold, their indexes are rebuilt after.
  const bulk = new BulkLoad(tx.db, 'persons');
  await bulk.added(staged.count);
  const { founded, joined } = await repo.foundStagedPersons(tx.db, staged.table, staged, at);
  await bulk.finish();
  await moveListings();
  await repo.refreshPersons(tx.db, joined);
  const moved = Array.from({ length: staged.count }, (_, i) => staged.lastId + i + 1);
  const suggestedMatches = await repo.suggestMatches(tx.db, moved, at);
  return { persons: founded + joined.length, suggestedMatches };
}

/**
 * The suggested matches (or those in another state) the caller may see: those with a listing in
 * the caller's units, or with listings of outside agencies only. Each person with all their listings.
 */
export async function listMatches(ctx: Context, query: MatchesQuery): Promise<MatchesOut> {
  const rows = await repo.matches(ctx.db, query.status === 'all' ? undefined : query.status);
  const listings = await repo.listingDetailsOfPersons(
    ctx.db,
    rows.flatMap((m) => [m.person_id, m.other_person_id]),
  );
  const unitsOf = new Map<number, (number | null)[]>();
  for (const l of listings)
    unitsOf.set(l.person_id!, [...(unitsOf.get(l.person_id!) ?? []), l.listing_unit_id]);
  const visible = (m: repo.MatchRow) => {
    const units = [...(unitsOf.get(m.person_id) ?? []), ...(unitsOf.get(m.other_person_id) ?? [])];
    return units.every((u) => u === null) || units.some((u) => inScope(ctx.scope, u));
  };
  return { items: rows.filter(visible).map((m) => presentMatch(m, listings)) };
}

type ListingRow = Awaited<ReturnType<typeof repo.listingDetailsOfPersons>>[number];

function presentMatch(m: repo.MatchRow, listings: ListingRow[]): MatchOut {
  const side = (personId: number) => ({
    personId,
    listings: listings
      .filter((l) => l.person_id === personId)
      .map((l) => ({
        listingNo: l.listing_no,
        name: l.name,
        sex: l.sex as 'M' | 'F' | null,
        birthDate: l.birth_date,
        idNumber: l.id_number,
        crimeCategory: l.crime_category as CrimeCategory,
        listingAgency: l.listing_agency,
        listingUnit: l.unit_code === null ? null : { code: l.unit_code, name: l.unit_name ?? '' },
        listedOn: l.listed_on,
        status: l.exit_on === null ? ('active' as const) : ('cleared' as const),
      })),
  });
  return {
    id: m.id,
    status: m.status as MatchStatus,
    persons: [side(m.person_id), side(m.other_person_id)],
    createdAt: m.created_at,
    decidedBy: m.decided_by,
    decidedAt: m.decided_at,
    reason: m.reason,
    split: m.split_at === null ? null : { by: m.split_by!, at: m.split_at, reason: m.split_reason ?? '' },
  };
}

async function openMatch(tx: Context, id: number): Promise<repo.MatchRow> {
  const match = await repo.matchById(tx.db, id);
  if (!match) throw new NotFoundError('person_match', String(id));
  const refusal = decisionRefusal(match.status as MatchStatus);
  if (refusal) throw conflictOf(refusal);
  return match;
}

/**
 * Moves a match on from the state it was read in. Two inspectors deciding one match at once: the
 * second waits for the first (the persons' locks, or the match's row) and is refused as stale.
 */
async function changeMatch(
  tx: Context,
  match: repo.MatchRow,
  changes: Parameters<typeof repo.updateMatchIf>[2],
): Promise<void> {
  if (!(await repo.updateMatchIf(tx.db, match, changes)))
    throw new ConflictError('stale', 'someone else decided this match a moment ago: reload it');
}

async function presentOne(tx: Context, id: number): Promise<MatchOut> {
  const match = (await repo.matchById(tx.db, id))!;
  return presentMatch(
    match,
    await repo.listingDetailsOfPersons(tx.db, [match.person_id, match.other_person_id]),
  );
}

/**
 * An inspector confirms that the two persons of a match are one: the survivor (the one a frozen
 * baseline names, else the older) takes every listing of the other, so one verified clearance on
 * any of them clears the person, and the figures, the ledger and the integrity rules follow.
 * Refused when both are in a frozen baseline, or each has a verified clearance. Claims on the two
 * are regrouped: of several standing claims on the one person, one stands and the others are held
 * as conflicts for an inspector (never a second capture or reward). Audited with the reason.
 */
export async function confirmMatch(ctx: Context, id: number, input: MatchDecisionInput): Promise<MatchOut> {
  const { reason } = matchDecisionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const match = await openMatch(tx, id);
    await repo.lockPersons(tx.db, [match.person_id, match.other_person_id]);
    const side = async (personId: number) => ({
      personId,
      inBaseline: await repo.inSomeBaseline(tx.db, personId),
      cleared: await repo.hasVerifiedClearance(tx.db, personId),
    });
    const plan = mergePlan(await side(match.person_id), await side(match.other_person_id));
    if ('refusal' in plan) throw conflictOf(plan.refusal);
    const before = await presentOne(tx, id);
    await changeMatch(tx, match, {
      status: 'confirmed',
      decided_by: tx.actor,
      decided_at: tx.now.toISOString(),
      reason,
    });
    const dropped = await repo.mergePersons(tx.db, id, plan.survivor, plan.absorbed);
    // Regrouping never touches a verified clearance, so the person's exit stays as refreshed.
    const claims = await regroupClaims(tx, [plan.survivor], { personMatch: id, merge: true });
    const after = await presentOne(tx, id);
    await recordEvent(tx, {
      action: 'person.merge',
      entityType: 'person',
      entityId: plan.survivor,
      before: { match: before },
      after: {
        match: id,
        survivor: plan.survivor,
        absorbed: plan.absorbed,
        reason,
        droppedSuggestions: dropped,
        claimsRegrouped: claims,
      },
    });
    const listingIds = await repo.listingsOfPersons(tx.db, [plan.survivor]);
    await ledgerFollowsDecision(tx, listingIds);
    await scanLatestCampaign(tx);
    return after;
  });
}

/**
 * An inspector splits a wrong merge: the listings the merge moved (and any listing of theirs with
 * the same resident ID number) go back to the absorbed person, with a reason, audited. The match
 * becomes `split` (the pair is not suggested again). Claims are regrouped: a claim held as a
 * conflict only because of the merge stands again. Frozen baselines do not change: the person a
 * snapshot names keeps their place in it (docs/figures.md). Figures, ledger and integrity follow.
 */
export async function splitMatch(ctx: Context, id: number, input: MatchDecisionInput): Promise<MatchOut> {
  const { reason } = matchDecisionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const match = await repo.matchById(tx.db, id);
    if (!match) throw new NotFoundError('person_match', String(id));
    const absorbed = match.absorbed_person_id;
    const moved = absorbed === null ? [] : await repo.mergedListings(tx.db, id);
    const holders = [...new Set(moved.map((m) => m.personId))];
    await repo.lockPersons(tx.db, [...holders, ...(absorbed === null ? [] : [absorbed])]);
    const holderListings = holders.length === 1 ? await repo.listingIdsOfPerson(tx.db, holders[0]!) : [];
    const plan = splitPlan(match.status as MatchStatus, moved, holderListings);
    if ('refusal' in plan) throw conflictOf(plan.refusal);
    const before = await presentOne(tx, id);
    await changeMatch(tx, match, {
      status: 'split',
      split_by: tx.actor,
      split_at: tx.now.toISOString(),
      split_reason: reason,
    });
    await repo.moveListings(tx.db, plan.listings, plan.holder, absorbed!);
    const claims = await regroupClaims(tx, [plan.holder, absorbed!], { personMatch: id, split: true });
    // The listings come back as they were: suggested again with anyone else of their name, sex and birth date.
    const suggested = await repo.suggestMatches(tx.db, plan.listings, tx.now.toISOString());
    const after = await presentOne(tx, id);
    await recordEvent(tx, {
      action: 'person.split',
      entityType: 'person',
      entityId: absorbed!,
      before: { match: before },
      after: {
        match: id,
        from: plan.holder,
        to: absorbed,
        listings: plan.listings,
        reason,
        claimsRegrouped: claims,
        suggestedMatches: suggested,
      },
    });
    await ledgerFollowsDecision(tx, await repo.listingsOfPersons(tx.db, [plan.holder, absorbed!]));
    await scanLatestCampaign(tx);
    return after;
  });
}

/** An inspector rejects a match: the two are different persons, and the pair is not suggested again. Audited. */
export async function rejectMatch(ctx: Context, id: number, input: MatchDecisionInput): Promise<MatchOut> {
  const { reason } = matchDecisionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const match = await openMatch(tx, id);
    await changeMatch(tx, match, {
      status: 'rejected',
      decided_by: tx.actor,
      decided_at: tx.now.toISOString(),
      reason,
    });
    await recordEvent(tx, {
      action: 'person-match.reject',
      entityType: 'person-match',
      entityId: id,
      after: { persons: [match.person_id, match.other_person_id], reason },
    });
    return presentOne(tx, id);
  });
}
