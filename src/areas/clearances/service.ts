import type { NewClearance } from '../../db/tables.ts';
import { onOneConnection } from '../../db/connection.ts';
import { StagedRows } from '../../db/staged-rows.ts';
import { analyzeTables } from '../../db/bulk-load.ts';
import type { ParsedRows } from '../../import/parsed-rows.ts';
import { type ImportOptions, type ImportOutcome, RowErrors, RowsDigest } from '../../import/validate-rows.ts';
import { type Context, inTransaction, inTransactionOnce, signedInUser } from '../../shared/context.ts';
import { localDate, localDayBounds } from '../../shared/dates.ts';
import { recordEvent } from '../audit/service.ts';
import { ledgerFollowsDecision } from '../rewards/service.ts';
import * as registry from '../registry/repo.ts';
import { withdrawnListingRefusal } from '../registry/rules.ts';
import { lockPersonOf } from '../persons/repo.ts';
import * as units from '../units/repo.ts';
import { inspectorInvolved } from '../units/service.ts';
import {
  findingsAroundClaim,
  queueFindings,
  scanAroundClaim,
  scanLatestCampaign,
} from '../integrity/service.ts';
import { looksLikeUnitCode, unitCodeReader } from '../units/rules.ts';
import * as repo from './repo.ts';
import type { z } from 'zod';
import { inScope, unitFilter } from '../accounts/rules.ts';
import {
  ConflictError,
  conflictOf,
  DomainError,
  ForbiddenError,
  NotFoundError,
  refusalOf,
} from '../../shared/errors.ts';
import { officersByClaim, presentClaim } from './present.ts';
import { userByName } from '../accounts/repo.ts';
import { teamMembers } from '../four-ones/rules.ts';
import {
  type FieldProblem,
  alreadyDecided,
  approvalRefusal,
  canCorrect,
  type Decider,
  canReject,
  claimProblems,
  claimsRegrouped,
  importedReason,
  independenceRefusal,
  isCapture,
  isStanding,
  unitsOfClaim,
  verificationRefusal,
} from './rules.ts';
import type { ClaimInput, ClaimOut, ClearanceInput, OfficerRefInput, claimsQuery } from './schema.ts';
import type { Executor } from '../../db/connection.ts';

export interface ClearanceImportOptions extends ImportOptions {
  /** History from an older system: mark the clearances verified, with provenance "import". */
  verified: boolean;
}

/**
 * Imports clearance claims, all or nothing. A clearance dated before the listing or in the future,
 * for an unknown listing, or naming an unknown persuading unit fails its row, and then nothing is
 * imported. A clearance already registered (same person, kind, date, capturing unit) is skipped,
 * so the same file can be imported twice.
 *
 * The file is read and checked first, its good rows staged in a temporary table, without holding
 * the database's write lock (SQLite's is the whole database's); then one transaction checks them
 * again against the registry as it stands and writes them.
 */
export async function importClearances(
  ctx: Context,
  rows: ParsedRows<ClearanceInput>,
  options: ClearanceImportOptions,
): Promise<ImportOutcome> {
  return onOneConnection(ctx.db, async (db) => {
    const staged = await StagedRows.create<ClearanceInput>(db);
    try {
      const errors = new RowErrors(options);
      const total = await stageClearances({ ...ctx, db }, staged, rows, errors);
      errors.throwIfAny();
      return await writeStagedClearances({ ...ctx, db }, staged, total, errors, options);
    } finally {
      await staged.drop();
    }
  });
}

type ClearanceRow = { row: number; value: ClearanceInput };

/** Reads the file, checks each row against the units and listings, stages the good ones; returns the row count. */
async function stageClearances(
  ctx: Context,
  staged: StagedRows<ClearanceInput>,
  rows: ParsedRows<ClearanceInput>,
  errors: RowErrors,
): Promise<number> {
  const unitRows = await units.allUnits(ctx.db);
  const unitIds = new Set(unitRows.map((u) => u.code));
  const unitCode = unitCodeReader(unitRows);
  const today = localDate(ctx.now);
  let total = 0;
  for await (const batch of rows) {
    const chunk: ClearanceRow[] = [];
    for (const source of batch) {
      total += 1;
      const parsed = errors.valueOf(source);
      if (!parsed) continue;
      const c = {
        ...parsed,
        capturing_unit: parsed.capturing_unit && unitCode(parsed.capturing_unit),
        persuading_unit: parsed.persuading_unit && unitCode(parsed.persuading_unit),
      };
      if (c.occurred_on > today)
        errors.add(source.row, 'occurred_on', 'in_future', `is in the future (${c.occurred_on})`, {
          value: c.occurred_on,
        });
      // A date-only entry time is that day of the bureau's calendar, so compare calendar days.
      else if (c.entered_at && localDate(new Date(c.entered_at)) > today)
        errors.add(source.row, 'entered_at', 'in_future', 'is in the future');
      else if (c.persuading_unit && !unitIds.has(c.persuading_unit))
        errors.add(source.row, 'persuading_unit', 'unknown_unit', `unknown unit ${c.persuading_unit}`, {
          unit: c.persuading_unit,
        });
      else if (c.capturing_unit && !unitIds.has(c.capturing_unit) && looksLikeUnitCode(c.capturing_unit))
        errors.add(
          source.row,
          'capturing_unit',
          'unknown_unit_or_agency',
          `unknown unit ${c.capturing_unit} (write an outside agency by its name)`,
          { unit: c.capturing_unit },
        );
      else chunk.push({ row: source.row, value: c });
    }
    const good = checkListings(chunk, await listingsOf(ctx.db, chunk), errors);
    // Once a row is bad nothing will be kept, so stop staging and only check the rest.
    if (!errors.refusesFile) await staged.add(good.map(({ row, value }) => ({ row, value })));
  }
  return total;
}

async function listingsOf(db: Executor, chunk: readonly ClearanceRow[]) {
  const numbers = [...new Set(chunk.map((x) => x.value.listing_no))];
  return new Map((await registry.listingsByNo(db, numbers)).map((l) => [l.listing_no, l]));
}

/** The rows whose listing is registered and listed on or before the clearance; the others fail. */
function checkListings<L extends { listed_on: string; withdrawn: unknown }>(
  chunk: readonly ClearanceRow[],
  listings: ReadonlyMap<string, L>,
  errors: RowErrors,
): (ClearanceRow & { listing: L })[] {
  const good: (ClearanceRow & { listing: L })[] = [];
  for (const { row, value: c } of chunk) {
    const listing = listings.get(c.listing_no);
    if (!listing)
      errors.add(row, 'listing_no', 'unknown_listing', `unknown listing ${c.listing_no}`, {
        listingNo: c.listing_no,
      });
    else if (listing.withdrawn)
      errors.add(
        row,
        'listing_no',
        'listing_withdrawn',
        `listing ${c.listing_no} was withdrawn as entered by mistake`,
        { listingNo: c.listing_no },
      );
    else if (c.occurred_on < listing.listed_on)
      errors.add(row, 'occurred_on', 'before_listing', `is before the listing date ${listing.listed_on}`, {
        date: listing.listed_on,
      });
    else good.push({ row, value: c, listing });
  }
  return good;
}

const WRITE_BATCH = 2000;

/**
 * Writes the staged claims in one transaction, checking each again against the listings and the
 * claims registered by then: a claim already registered is skipped, a second claim on a person
 * whose claim stands is held as a conflict.
 */
async function writeStagedClearances(
  ctx: Context,
  staged: StagedRows<ClearanceInput>,
  total: number,
  errors: RowErrors,
  options: ClearanceImportOptions,
): Promise<ImportOutcome> {
  // Not run twice: the row errors found while writing add to the file's.
  const outcome = await inTransactionOnce(ctx, async (tx) => {
    const unitId = new Map((await units.allUnits(tx.db)).map((u) => [u.code, u.id]));
    const at = tx.now.toISOString();
    const seen = new Set<string>();
    const standing = new Set<number | null>(); // persons with a claim that stands, on any listing
    const digest = new RowsDigest();
    const verifiedPeople = new Set<number>();
    let inserted = 0;
    let unchanged = 0;

    for await (const chunk of staged.read(tx.db, WRITE_BATCH)) {
      const good = checkListings(chunk, await listingsOf(tx.db, chunk), errors);
      const registered = await repo.clearancesOfPersons(tx.db, [
        ...new Set(good.map((x) => x.listing.person_id!)),
      ]);
      const existing = new Set(registered.map(repo.clearanceKey));
      for (const r of registered) if (isStanding(r.status)) standing.add(r.person_id);
      const fresh: NewClearance[] = [];
      for (const { row, value: c, listing } of good) {
        const record = toRecord(c, listing.id, unitId, options, tx.actor, at);
        const key = repo.clearanceKey(record);
        if (existing.has(key)) {
          unchanged += 1;
          continue;
        }
        if (seen.has(key)) {
          errors.add(
            row,
            'listing_no',
            'duplicate_in_file',
            `the same ${c.kind} of ${c.listing_no} appears twice in the file`,
            { value: c.listing_no },
          );
          continue;
        }
        seen.add(key);
        // A second claim on a person whose claim already stands (on this listing or another of
        // theirs) is kept, but held as a conflict.
        if (standing.has(listing.person_id)) Object.assign(record, HELD_AS_CONFLICT);
        else standing.add(listing.person_id);
        fresh.push(record);
        digest.add(record);
      }
      if (!errors.refusesFile) {
        await repo.insertClearances(tx.db, fresh);
        if (inserted === 0) await analyzeTables(tx.db, ['clearances'], fresh.length);
        if (options.verified) {
          const people = [...new Set(fresh.map((r) => r.fugitive_id))];
          await repo.refreshExits(tx.db, people);
          for (const p of people) verifiedPeople.add(p);
        }
        inserted += fresh.length;
      }
    }
    errors.throwIfAny();
    // Analysed after the first batch, for the next batches' lookups; once more when the file added
    // many times that, or the claims filed next are planned against those 2,000 rows until
    // autovacuum comes (at 500,000 listings: a merge join over every listing, 0.5–1 s for each
    // claim's integrity rules, under the audit chain's lock).
    if (inserted > 4 * WRITE_BATCH) await analyzeTables(tx.db, ['clearances'], inserted);
    // The ledger follows once for the whole file, not once per batch (each sync re-judges the
    // early-finish bonus from the standings).
    if (verifiedPeople.size > 0) await ledgerFollowsDecision(tx, [...verifiedPeople]);

    const summary = errors.summary({ rows: total, inserted, unchanged });
    await recordEvent(tx, {
      action: 'clearances.import',
      entityType: 'clearance',
      entityId: '*',
      after: { ...summary, verified: options.verified, rowsDigest: digest.hex() },
    });
    return errors.outcome(summary);
  });
  await scanLatestCampaign(ctx);
  return outcome;
}

const HELD_AS_CONFLICT = {
  status: 'conflict',
  decided_by: null,
  decided_at: null,
  decision_reason: null,
} satisfies Partial<NewClearance>;

function toRecord(
  c: ClearanceInput,
  fugitiveId: number,
  unitId: Map<string, number>,
  options: ClearanceImportOptions,
  actor: string,
  at: string,
): NewClearance {
  const capturingUnitId = c.capturing_unit ? (unitId.get(c.capturing_unit) ?? null) : null;
  const reason = importedReason(c.reason);
  return {
    fugitive_id: fugitiveId,
    kind: c.kind,
    occurred_on: c.occurred_on,
    capturing_unit_id: capturingUnitId,
    // A capturing unit that is not one of ours is an outside agency, named as given.
    capturing_agency: capturingUnitId === null ? c.capturing_unit : null,
    persuading_unit_id: c.persuading_unit ? (unitId.get(c.persuading_unit) ?? null) : null,
    place: c.place,
    evidence_ref: c.evidence_ref,
    status: options.verified ? 'verified' : 'pending',
    provenance: 'import',
    claimed_by: actor,
    entered_at: c.entered_at ?? at,
    decided_by: options.verified ? actor : null,
    decided_at: options.verified ? at : null,
    decision_reason: options.verified ? 'verified history imported from an older system' : null,
    reason_code: reason.reasonCode,
    reason_text: reason.reasonText,
  };
}

// ——— The claim → verify workflow ———

/** Looks up unit codes of a request (loading the tree once): null for none, an error naming the field. */
async function unitLookup(ctx: Context) {
  const byCode = await units.unitsByCode(ctx.db);
  return (code: string | undefined, field: string): number | null => {
    if (!code) return null;
    const id = byCode.get(code)?.id;
    if (id === undefined)
      throw new DomainError('unknown_unit', `unknown unit ${code}`, field, { field, unit: code });
    return id;
  };
}

function refuse(problems: FieldProblem[]): void {
  const first = problems[0];
  if (first) throw refusalOf(first);
}

/**
 * Loads a claim under its person's lock, so that two decisions on one claim (or one person) run
 * one after the other; the second then sees the first and is refused as stale.
 */
async function loadClaimLocked(tx: Context, id: number) {
  const fugitiveId = await repo.fugitiveOfClaim(tx.db, id);
  if (fugitiveId === undefined) throw new NotFoundError('clearance', String(id));
  await registry.lockFugitive(tx.db, fugitiveId);
  await lockPersonOf(tx.db, fugitiveId);
  return (await repo.claimById(tx.db, id))!;
}

/** Writes a decision if the claim is still as read; otherwise someone decided first. */
async function decide(tx: Context, claim: repo.ClaimRow, changes: Partial<NewClearance>): Promise<void> {
  if (!(await repo.updateClaimIf(tx.db, claim.id, claim.status, changes)))
    throw new ConflictError('stale', 'someone else decided this claim a moment ago: reload it');
}

const claimState = (c: repo.ClaimRow) => ({
  kind: c.kind,
  status: c.status,
  claimedBy: c.claimed_by,
  claimUnitId: c.claim_unit_id,
  approvedBy: c.approved_by,
});

/**
 * An officer claims that a person left the list. The claim stands (pending) unless another claim
 * on the same person already stands: then it is kept but held as a conflict for an inspector.
 */
export async function fileClaim(
  ctx: Context,
  input: ClaimInput,
  supersedesId: number | null = null,
): Promise<ClaimOut> {
  const user = signedInUser(ctx);
  // From the kept tree, before the write lock: the units named are checked by their foreign keys too.
  const unitIdByCode = await unitLookup(ctx);
  return inTransaction(ctx, async (tx) => {
    const fugitive = await registry.fugitiveByListingNo(tx.db, input.listingNo);
    if (!fugitive) throw new NotFoundError('fugitive', input.listingNo);
    const withdrawn = withdrawnListingRefusal(fugitive);
    if (withdrawn) throw conflictOf(withdrawn, 'listingNo');
    // Remote listings are open to every unit (anyone may catch them); local ones to their units.
    if (fugitive.listing_unit_id !== null && !inScope(tx.scope, fugitive.listing_unit_id))
      throw new ForbiddenError(
        'out_of_scope',
        `fugitive ${input.listingNo} belongs to a unit outside yours`,
        undefined,
        { what: 'fugitive', key: String(input.listingNo) },
      );
    const capture = isCapture(input.kind);
    const capturingUnitId = input.capturingAgency
      ? null
      : (unitIdByCode(input.capturingUnit, 'capturingUnit') ?? (capture ? user.unitId : null));
    if (capturingUnitId !== null && !inScope(tx.scope, capturingUnitId))
      throw new ForbiddenError('capture_outside_units', 'you can claim captures only for your own units');
    // Only the agency that listed a person can withdraw its warrant; its cancellations come by import.
    if (input.kind === 'cancellation' && fugitive.listing_unit_id === null)
      throw new ForbiddenError(
        'outside_warrant',
        `${input.listingNo} is listed by an outside agency: only that agency can withdraw its warrant`,
        undefined,
        { listingNo: input.listingNo },
      );
    const persuadingUnitId = unitIdByCode(input.persuadingUnit, 'persuadingUnit');
    // Persuasion earns reward points: a claimant credits it only to units of their own.
    if (persuadingUnitId !== null && !inScope(tx.scope, persuadingUnitId))
      throw new ForbiddenError(
        'persuasion_outside_units',
        'you can credit persuasion only to your own units',
        'persuadingUnit',
      );
    const draft = {
      kind: input.kind,
      occurredOn: input.occurredOn,
      evidenceRef: input.evidenceRef || null,
      reasonCode: input.reasonCode ?? null,
      reasonText: input.reasonText || null,
      persuadingUnitId,
      capturingUnitId,
      capturingAgency: capture ? input.capturingAgency || null : null,
    };
    refuse(claimProblems(draft, fugitive.listed_on, localDate(tx.now)));
    const officers = await officersToStore(tx, input.kind, input);

    await registry.lockFugitive(tx.db, fugitive.id);
    await lockPersonOf(tx.db, fugitive.id);
    const standing = await repo.standingClaim(tx.db, fugitive.id);
    const at = tx.now.toISOString();
    const id = await repo.insertClaim(tx.db, {
      fugitive_id: fugitive.id,
      kind: draft.kind,
      occurred_on: draft.occurredOn,
      capturing_unit_id: draft.capturingUnitId,
      capturing_agency: draft.capturingAgency,
      persuading_unit_id: draft.persuadingUnitId,
      place: input.place || null,
      evidence_ref: draft.evidenceRef,
      status: standing ? 'conflict' : 'pending',
      provenance: 'entry',
      claimed_by: user.username,
      entered_at: at,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      claim_unit_id: user.unitId,
      reason_code: draft.reasonCode,
      reason_text: draft.reasonText,
      approved_by: null,
      approved_at: null,
      supersedes_id: supersedesId,
    });
    await repo.replaceClaimOfficers(tx.db, id, officers);
    const claim = await presentOne(tx.db, (await repo.claimById(tx.db, id))!);
    // The rules first: the event below takes the audit chain's lock, which every writer waits for.
    const findings = await findingsAroundClaim(tx, { fugitiveId: fugitive.id, unitId: user.unitId });
    const seq = await recordEvent(tx, {
      action: 'clearance.claim',
      entityType: 'clearance',
      entityId: id,
      after: claim,
    });
    await queueFindings(tx, findings, seq);
    return claim;
  });
}

/**
 * After listings change persons (a merge or a split of persons), puts the claims on these persons
 * back to one standing claim per person, any other held as a conflict for an inspector: a second
 * claim on the person a merge made is held, a claim held only because of a wrong merge stands again
 * once split. Each change is audited with its cause. Returns the changes. Runs in the caller's
 * transaction, under the persons' locks.
 */
export async function regroupClaims(
  tx: Context,
  personIds: readonly number[],
  cause: Record<string, unknown>,
): Promise<{ id: number; from: string; to: string }[]> {
  const changes = claimsRegrouped(await repo.liveClaimsOfPersons(tx.db, personIds));
  // Holding as conflicts first, so no listing ever has two standing claims in between.
  changes.sort((a, b) => (a.to === 'conflict' ? 0 : 1) - (b.to === 'conflict' ? 0 : 1) || a.id - b.id);
  for (const change of changes) {
    const before = (await repo.claimById(tx.db, change.id))!;
    await decide(tx, before, { status: change.to });
    await decided(
      tx,
      change.id,
      change.to === 'conflict' ? 'clearance.hold-as-conflict' : 'clearance.release-conflict',
      before,
      cause,
    );
  }
  return changes;
}

/** An officer as stored for a claim: the account (and its name now), or a typed name. */
export interface OfficerToStore {
  role: 'capture' | 'persuasion';
  user_id: number | null;
  name: string;
}

/**
 * The officers a claim names, as stored: each account by its id (an unknown or disabled login is
 * refused), each typed name trimmed; each officer once; the persuading officer only for a surrender.
 */
export async function officersToStore(
  tx: Context,
  kind: string,
  input: { capturingOfficers?: readonly OfficerRefInput[]; persuadingOfficer?: OfficerRefInput },
): Promise<OfficerToStore[]> {
  if (input.persuadingOfficer && kind !== 'surrender')
    throw new DomainError(
      'only_for_surrenders',
      'persuadingOfficer: is only for surrenders',
      'persuadingOfficer',
      {
        field: 'persuadingOfficer',
      },
    );
  const resolve = async (ref: OfficerRefInput, field: string) => {
    if (ref.username) {
      const user = await userByName(tx.db, ref.username);
      if (!user || user.disabled || user.kind !== 'person')
        throw new DomainError('unknown_user', `${field}: no active user ${ref.username}`, field, {
          user: ref.username,
        });
      return { user_id: user.id, name: user.display_name };
    }
    return { user_id: null, name: teamMembers([ref.name ?? ''])[0] ?? '' };
  };
  const out: OfficerToStore[] = [];
  const seen = new Set<string>();
  for (const [i, ref] of (input.capturingOfficers ?? []).entries()) {
    const officer = await resolve(ref, `capturingOfficers.${i}`);
    const key = officer.user_id !== null ? `user:${officer.user_id}` : `name:${officer.name}`;
    if (!officer.name || seen.has(key)) continue;
    seen.add(key);
    out.push({ role: 'capture', ...officer });
  }
  if (input.persuadingOfficer) {
    const officer = await resolve(input.persuadingOfficer, 'persuadingOfficer');
    if (officer.name) out.push({ role: 'persuasion', ...officer });
  }
  return out;
}

/** Claims as they leave the server, with the officers each names. */
export async function presentClaims(db: Executor, rows: readonly repo.ClaimRow[]): Promise<ClaimOut[]> {
  const officers = officersByClaim(
    await repo.officersOfClaims(
      db,
      rows.map((r) => r.id),
    ),
  );
  return rows.map((r) => presentClaim(r, officers.get(r.id) ?? []));
}

async function presentOne(db: Executor, row: repo.ClaimRow): Promise<ClaimOut> {
  return (await presentClaims(db, [row]))[0]!;
}

/** A leader, not the claimant, approves a cancellation or a death: the second approver it needs. */
export async function approveClaim(ctx: Context, id: number): Promise<ClaimOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const claim = await loadClaimLocked(tx, id);
    const refusal = approvalRefusal(claimState(claim), user);
    if (refusal) throw conflictOf(refusal);
    // A claim held as a conflict keeps that status: it is approved, not yet standing.
    const status = claim.status === 'pending' ? 'approved' : claim.status;
    await decide(tx, claim, { status, approved_by: user.username, approved_at: tx.now.toISOString() });
    return decided(tx, id, 'clearance.approve', claim);
  });
}

/**
 * A leader, not the claimant, refuses to approve a cancellation or a death, with a reason: the claim
 * is turned down and never reaches an inspector.
 */
export async function refuseClaim(ctx: Context, id: number, reason: string): Promise<ClaimOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const claim = await loadClaimLocked(tx, id);
    const refusal = approvalRefusal(claimState(claim), user);
    if (refusal) throw conflictOf(refusal);
    await decide(tx, claim, {
      status: 'rejected',
      decided_by: user.username,
      decided_at: tx.now.toISOString(),
      decision_reason: reason,
    });
    return decided(tx, id, 'clearance.refuse', claim);
  });
}

/** Refuses a decision by the claimant or by an inspector of any unit the claim credits or concerns. */
async function refuseUnlessIndependent(tx: Context, claim: repo.ClaimRow, user: Decider): Promise<void> {
  const involved = await inspectorInvolved(tx.db, user.unitId, unitsOfClaim(claim));
  const refusal = independenceRefusal(claimState(claim), user, involved);
  if (refusal) throw conflictOf(refusal);
}

/** An inspector of an uninvolved unit verifies a claim: from now on it counts. */
export async function verifyClaim(ctx: Context, id: number, reason?: string): Promise<ClaimOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const claim = await loadClaimLocked(tx, id);
    await refuseUnlessIndependent(tx, claim, user);
    const anotherStands = (await repo.standingClaim(tx.db, claim.fugitive_id, id)) !== undefined;
    const refusal = verificationRefusal(claimState(claim), user, anotherStands);
    if (refusal) throw conflictOf(refusal);
    await decide(tx, claim, {
      status: 'verified',
      decided_by: user.username,
      decided_at: tx.now.toISOString(),
      decision_reason: reason || null,
    });
    await repo.refreshExits(tx.db, [claim.fugitive_id]);
    await ledgerFollowsDecision(tx, [claim.fugitive_id]);
    const out = await decided(tx, id, 'clearance.verify', claim);
    await scanAroundClaim(tx, {
      fugitiveId: claim.fugitive_id,
      unitId: claim.claim_unit_id ?? claim.capturing_unit_id,
    });
    return out;
  });
}

/** What became of one claim of a bulk verification: verified, or refused with a keyed reason. */
export type BulkVerifyResult =
  | { id: number; claim: ClaimOut }
  | { id: number; error: { code: string; message: string; params: Record<string, string | number> } };

/**
 * An inspector verifies several claims with one confirmation and one written basis (kept as each
 * claim's decision reason, so in its audit event). Each is checked and decided on its own, as if
 * verified alone (scope, independence, state; its own transaction and audit event), so one refusal
 * leaves the others verified; the refusals come back with their codes.
 */
export async function verifyClaims(ctx: Context, ids: readonly number[], reason: string) {
  const results: BulkVerifyResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const owners = await repo.ownerUnitsOfClearance(ctx.db, String(id));
      if (!owners) throw new NotFoundError('clearance', String(id));
      if (!owners.units.some((unit) => inScope(ctx.scope, unit)))
        throw new ForbiddenError(
          'out_of_scope',
          `clearance ${id} belongs to a unit outside yours`,
          undefined,
          {
            what: 'clearance',
            key: String(id),
          },
        );
      results.push({ id, claim: await verifyClaim(ctx, id, reason) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ id, error: { code: error.code, message: error.message, params: error.params } });
    }
  }
  return { results };
}

/** An inspector turns a claim down, with a reason; a verified one stops counting at once. */
export async function rejectClaim(ctx: Context, id: number, reason: string): Promise<ClaimOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const claim = await loadClaimLocked(tx, id);
    await refuseUnlessIndependent(tx, claim, user);
    if (!canReject(claim.status)) throw conflictOf(alreadyDecided(claim.status));
    await decide(tx, claim, {
      status: 'rejected',
      decided_by: user.username,
      decided_at: tx.now.toISOString(),
      decision_reason: reason,
    });
    await repo.refreshExits(tx.db, [claim.fugitive_id]);
    // Any rejection, a confirmed fabrication included, takes back what the claim earned.
    await ledgerFollowsDecision(tx, [claim.fugitive_id]);
    return decided(tx, id, 'clearance.reject', claim);
  });
}

/**
 * A correction is a new claim that names the one it replaces; the old one is kept, marked
 * superseded, and stops counting. The new claim goes through verification again.
 */
export async function correctClaim(ctx: Context, id: number, input: ClaimInput): Promise<ClaimOut> {
  return inTransaction(ctx, async (tx) => {
    const old = await loadClaimLocked(tx, id);
    if (old.listing_no !== input.listingNo)
      throw new DomainError('correction_other_person', 'a correction concerns the same person', 'listingNo');
    if (!canCorrect(old.status))
      throw new ConflictError('not_correctable', `a ${old.status} claim cannot be corrected`, undefined, {
        status: old.status,
      });
    // Only the unit that filed the claim (for imported history: the unit that made the capture).
    const owner = old.claim_unit_id ?? old.capturing_unit_id;
    if (owner === null || !inScope(tx.scope, owner))
      throw new ForbiddenError('not_claiming_unit', 'only the claiming unit can correct its claim');
    await decide(tx, old, { status: 'superseded' });
    await repo.refreshExits(tx.db, [old.fugitive_id]);
    await ledgerFollowsDecision(tx, [old.fugitive_id]);
    await recordEvent(tx, {
      action: 'clearance.supersede',
      entityType: 'clearance',
      entityId: id,
      before: { status: old.status },
      after: { status: 'superseded' },
    });
    return fileClaim(tx, input, id);
  });
}

async function decided(
  tx: Context,
  id: number,
  action: string,
  before: repo.ClaimRow,
  cause?: Record<string, unknown>,
): Promise<ClaimOut> {
  const [after, shownBefore] = (await presentClaims(tx.db, [(await repo.claimById(tx.db, id))!, before])) as [
    ClaimOut,
    ClaimOut,
  ];
  await recordEvent(tx, {
    action,
    entityType: 'clearance',
    entityId: id,
    before: shownBefore,
    after: cause ? { ...after, cause } : after,
  });
  return after;
}

/** The claims the caller may see: the verification queue with `status=pending`. */
export async function listClaims(ctx: Context, query: z.output<typeof claimsQuery>) {
  const { total, items } = await repo.searchClaims(ctx.db, {
    scope: unitFilter(ctx.scope),
    status: query.status,
    listingNo: query.listingNo,
    decided: query.decidedOn ? localDayBounds(query.decidedOn) : undefined,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { total, page: query.page, pageSize: query.pageSize, items: await presentClaims(ctx.db, items) };
}
