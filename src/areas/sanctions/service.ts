import type { CampaignRow } from '../../db/tables.ts';
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { ConflictError, conflictOf, ForbiddenError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { hasAnyRole, inScope, unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { createCampaign, findCampaign, standings } from '../campaigns/service.ts';
import { stillActiveBaselinePersons } from '../campaigns/repo.ts';
import { subtreeIds } from '../units/rules.ts';
import type { ClearanceKind } from '../clearances/rules.ts';
import type { CrimeCategory } from '../registry/rules.ts';
import * as rewards from '../rewards/repo.ts';
import { activeRules } from '../rewards/service.ts';
import { DEFAULT_RULE_SET, rewardRuleSet } from '../rewards/rules.ts';
import * as units from '../units/repo.ts';
import { type DocumentType, documentFileName } from '../letters/rules.ts';
import * as repo from './repo.ts';
import {
  type Checkpoint,
  type DueSanction,
  type SanctionStatus,
  sanctionsDue,
  transitionRefusal,
  type Measure,
  closingRefusal,
  countedSanctions,
  unfinishedUnits,
} from './rules.ts';
import { acceptScan, storeDocument } from '../letters/documents.ts';

export function checkpointDate(campaign: CampaignRow, checkpoint: Checkpoint): IsoDate {
  return checkpoint === 'deadline' ? campaign.deadline_on : campaign.year_end_on;
}

async function deductionsOf(ctx: Context, campaignId: number) {
  const active = await activeRules(ctx, campaignId);
  return (active?.rules ?? rewardRuleSet.parse(DEFAULT_RULE_SET)).deductions;
}

/** The sanctions the rules give at a checkpoint, from the figures as of `asOf`. */
async function dueAt(ctx: Context, campaign: CampaignRow, checkpoint: Checkpoint, asOf: IsoDate) {
  const [figures, unitRows] = await Promise.all([
    standings(ctx, { campaign: campaign.name, asOf }),
    units.allUnits(ctx.db),
  ]);
  const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
  const due = sanctionsDue(
    figures.units.map((u) => ({ ...u, unitId: idOf.get(u.code)! })),
    {
      checkpointOn: checkpointDate(campaign, checkpoint),
      yearEndOn: campaign.year_end_on,
    },
    await deductionsOf(ctx, campaign.id),
  );
  return { due, unitRows };
}

/**
 * What the checkpoint would bring if it were today (before it) or what it brings (from it on): a
 * preview, nothing written.
 */
export async function previewSanctions(ctx: Context, campaignName: string, checkpoint: Checkpoint) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const today = localDate(ctx.now);
  const on = checkpointDate(campaign, checkpoint);
  const asOf = today < on ? today : on;
  const { due, unitRows } = await dueAt(ctx, campaign, checkpoint, asOf);
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  return {
    campaign: campaign.name,
    checkpoint,
    checkpointOn: on,
    asOf,
    provisional: asOf < on,
    items: due
      .filter((d) => inScope(ctx.scope, d.unitId))
      .map((d) => ({ ...d, unit: { code: unitOf.get(d.unitId)!.code, name: unitOf.get(d.unitId)!.name } }))
      .map(({ unitId: _unitId, ...rest }) => rest),
  };
}

/**
 * At (or after) a checkpoint, a commander turns the due sanctions into tracked items, each owned by
 * a leader of the unit (or of the nearest unit above it that has one). Items already tracked stay
 * as they are. Audited.
 */
export async function evaluateSanctions(ctx: Context, campaignName: string, checkpoint: Checkpoint) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const on = checkpointDate(campaign, checkpoint);
    if (localDate(tx.now) < on)
      throw new ConflictError(
        'too_early',
        `the ${checkpoint.replace('_', ' ')} is ${on}: sanctions are evaluated from then on`,
        undefined,
        { date: on },
      );
    const { due, unitRows } = await dueAt(tx, campaign, checkpoint, on);
    const leaders = await repo.leadersByUnit(tx.db);
    const parentOf = new Map(unitRows.map((u) => [u.id, u.parent_id]));
    // The unit's own leader; a unit without one answers through the nearest leader above it.
    const ownerOf = (unitId: number): string | null => {
      for (let u: number | null | undefined = unitId; u != null; u = parentOf.get(u)) {
        const leader = leaders.get(u);
        if (leader) return leader;
      }
      return null;
    };
    const at = tx.now.toISOString();
    const created = await repo.insertSanctions(
      tx.db,
      due.map((d: DueSanction) => ({
        campaign_id: campaign.id,
        checkpoint,
        unit_id: d.unitId,
        measure: d.measure,
        grounds: d.grounds,
        deduction: d.deduction,
        carried_over: d.carriedOver,
        owner: ownerOf(d.unitId),
        due_on: d.dueOn,
        status: 'open',
        record: null,
        waive_reason: null,
        updated_by: tx.actor,
        updated_at: at,
        created_at: at,
      })),
    );
    await recordEvent(tx, {
      action: 'sanctions.evaluate',
      entityType: 'campaign',
      entityId: campaign.id,
      after: { checkpoint, asOf: on, due: due.length, created },
    });
    return { checkpoint, asOf: on, due: due.length, created };
  });
}

/** The tracked sanctions of a campaign in the caller's units. */
export async function listSanctions(ctx: Context, campaignName: string) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const rows = await repo.sanctionRows(ctx.db, campaign.id, unitFilter(ctx.scope));
  return { campaign: campaign.name, items: rows.map(repo.presentSanction) };
}

export interface SanctionChange {
  status: Exclude<SanctionStatus, 'open'>;
  record?: string;
  reason?: string;
}

/**
 * Closes a sanction with the record of what was done (its unit's leader, or a commander), or waives
 * it with a written reason (commanders only). Audited, with the state before and after.
 */
export async function changeSanction(ctx: Context, id: number, change: SanctionChange) {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await repo.sanctionById(tx.db, id);
    if (!row) throw new NotFoundError('sanction', String(id));
    if (!inScope(tx.scope, row.unit_id))
      throw new ForbiddenError('out_of_scope', 'the sanction is of a unit outside yours', undefined, {
        what: 'sanction',
      });
    if (change.status === 'waived' && !hasAnyRole(user, ['commander']))
      throw new ForbiddenError('commander_waives', 'only a commander can waive a sanction');
    const closing =
      change.status === 'done' &&
      closingRefusal(row.measure as Measure, {
        commander: hasAnyRole(user, ['commander']),
        ofTheUnit: user.unitId === row.unit_id,
      });
    if (closing) throw new ForbiddenError(closing.code, closing.message, undefined, closing.params);
    const refusal = transitionRefusal(row.status as SanctionStatus, change.status, change);
    if (refusal) throw refusal.field === 'status' ? conflictOf(refusal) : refusalOf(refusal);
    const at = tx.now.toISOString();
    const changes = {
      status: change.status,
      record: change.status === 'done' ? change.record! : row.record,
      waive_reason: change.status === 'waived' ? change.reason! : null,
      updated_by: tx.actor,
      updated_at: at,
    };
    if (!(await repo.updateSanctionIf(tx.db, id, row.status, changes)))
      throw new ConflictError('stale', 'someone else changed this sanction a moment ago: reload it');
    const after = repo.presentSanction((await repo.sanctionById(tx.db, id))!);
    await recordEvent(tx, {
      action: change.status === 'waived' ? 'sanction.waive' : 'sanction.done',
      entityType: 'sanction',
      entityId: id,
      before: repo.presentSanction(row),
      after,
    });
    return after;
  });
}

/**
 * The year-end assessment table: each unit's results (as of the year end, or today before it),
 * reward points earned in its subtree, deductions and the sanctions it carries.
 */
export async function yearEndAssessment(ctx: Context, campaignName: string) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const today = localDate(ctx.now);
  const asOf = today < campaign.year_end_on ? today : campaign.year_end_on;
  const [figures, unitRows, balances, sanctions] = await Promise.all([
    standings(ctx, { campaign: campaign.name, asOf }),
    units.allUnits(ctx.db),
    rewards.balancesByUnit(ctx.db, campaign.id),
    repo.sanctionRows(ctx.db, campaign.id, { all: true }),
  ]);
  const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
  const parentOf = new Map(unitRows.map((u) => [u.id, u.parent_id]));
  // Points roll up the tree like every figure: a sub-bureau's include its stations'.
  const points = new Map<number, number>();
  for (const [unitId, b] of balances) {
    for (let u: number | null | undefined = unitId; u != null; u = parentOf.get(u))
      points.set(u, (points.get(u) ?? 0) + b.points);
  }
  const rows = figures.units
    .filter((u) => inScope(ctx.scope, idOf.get(u.code)!))
    .map((u) => {
      const id = idOf.get(u.code)!;
      const mine = countedSanctions(sanctions.filter((s) => s.unit_id === id));
      const deductions = mine.reduce((sum, s) => sum + Number(s.deduction), 0);
      const earned = points.get(id) ?? 0;
      return {
        code: u.code,
        name: u.name,
        kind: u.kind,
        depth: u.depth,
        baseline: u.baseline,
        cleared: u.cleared,
        declineRate: u.declineRate,
        captures: u.captures.local + u.captures.remote,
        points: earned,
        deductions,
        score: earned - deductions,
        sanctions: [...new Set(mine.map((s) => s.measure as Measure))],
        awardEligible: !mine.some((s) => s.measure === 'award_ineligible'),
      };
    });
  return {
    campaign: campaign.name,
    asOf,
    yearEndOn: campaign.year_end_on,
    provisional: asOf < campaign.year_end_on,
    units: rows,
  };
}

/**
 * Attaches a scan to a sanction's record (PDF, PNG or JPEG, at most 5 MiB, recognised by its
 * bytes): its unit's leader or a commander. Audited with the document's digest.
 */
export async function attachSanctionDocument(
  ctx: Context,
  id: number,
  upload: { bytes: Buffer; fileName?: string },
) {
  signedInUser(ctx);
  const { bytes } = upload;
  const mediaType = acceptScan(bytes);
  return inTransaction(ctx, async (tx) => {
    const row = await repo.sanctionById(tx.db, id);
    if (!row) throw new NotFoundError('sanction', String(id));
    if (!inScope(tx.scope, row.unit_id))
      throw new ForbiddenError('out_of_scope', 'the sanction is of a unit outside yours', undefined, {
        what: 'sanction',
      });
    if (row.status === 'waived')
      throw new ConflictError('waived_no_record', 'a waived sanction takes no record', 'file');
    const sha256 = await storeDocument(tx, bytes, mediaType);
    const name = documentFileName(upload.fileName, mediaType, `sanction-${id}`);
    await repo.setSanctionDocument(tx.db, id, { sha256, name, by: tx.actor, at: tx.now.toISOString() });
    await recordEvent(tx, {
      action: 'sanction.document',
      entityType: 'sanction',
      entityId: id,
      before: { document: row.document_sha256 },
      after: { document: { sha256, name, mediaType, size: bytes.length } },
    });
    return repo.presentSanction((await repo.sanctionById(tx.db, id))!);
  });
}

/** A sanction's attached scan, for a reader who may see the sanction's unit. */
export async function sanctionDocument(ctx: Context, id: number) {
  const doc = await repo.documentOfSanction(ctx.db, id);
  if (!doc) throw new NotFoundError('sanction_document', String(id));
  if (!inScope(ctx.scope, doc.unit_id))
    throw new ForbiddenError('out_of_scope', 'the sanction is of a unit outside yours', undefined, {
      what: 'sanction',
    });
  return {
    bytes: doc.content,
    mediaType: doc.media_type as DocumentType,
    fileName: doc.document_name ?? `sanction-${id}`,
  };
}

export interface ContinueInput {
  from: string;
  name: string;
  startOn: IsoDate;
  deadlineOn: IsoDate;
}

/**
 * Carry-over (the last of the seed's sanctions): after the year end, next year's follow-on campaign
 * whose baseline is the unfinished units' still-active baseline persons: every person of the
 * earlier campaign's frozen baseline, in the subtree of a unit below its own target at the year end,
 * who is still on the list today, each kept in the unit the earlier snapshot gave them. The new
 * campaign's baseline is frozen at once (its baseline date is the earlier year end), with the
 * earlier campaign's target and counted kinds. Audited.
 */
export async function continueCampaign(ctx: Context, input: ContinueInput) {
  return inTransaction(ctx, async (tx) => {
    const from = await findCampaign(tx.db, input.from);
    if (localDate(tx.now) < from.year_end_on)
      throw new ConflictError(
        'too_early',
        `campaign ${from.name} is assessed at its year end ${from.year_end_on}: its task is carried over from then on`,
        undefined,
        { date: from.year_end_on },
      );
    if (from.frozen_at === null)
      throw new ConflictError('not_frozen', `campaign ${from.name} has no frozen baseline to carry over`);
    const [figures, unitRows] = await Promise.all([
      standings(tx, { campaign: from.name, asOf: from.year_end_on }),
      units.allUnits(tx.db),
    ]);
    const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
    const unfinished = unfinishedUnits(figures.units);
    const carried = new Set(unfinished.flatMap((u) => subtreeIds(unitRows, idOf.get(u.code)!)));
    const persons = await stillActiveBaselinePersons(tx.db, from.id, [...carried]);
    const created = await createCampaign(
      tx,
      {
        name: input.name,
        baselineOn: from.year_end_on,
        startOn: input.startOn,
        deadlineOn: input.deadlineOn,
        target: from.target,
        countedKinds: from.counted_kinds.split(',') as ClearanceKind[],
        fourOnesCategories: from.four_ones_categories.split(',') as CrimeCategory[],
      },
      persons,
    );
    const result = {
      campaign: created.name,
      from: from.name,
      units: unfinished.map((u) => u.code),
      persons: persons.length,
      baselineDigest: created.baseline_digest,
    };
    await recordEvent(tx, {
      action: 'campaign.continue',
      entityType: 'campaign',
      entityId: created.id,
      after: result,
    });
    return result;
  });
}
