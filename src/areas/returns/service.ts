// Daily and weekly returns (日报/周报): gathering a unit's return, confirming it, and who has not.
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { type IsoDate, addDays, localDate } from '../../shared/dates.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { inScope, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { verifiedBetween } from '../bulletins/repo.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import { allUnits } from '../units/repo.ts';
import { subtreeIds } from '../units/rules.ts';
import type { Lang } from '../../reports/labels.ts';
import { MEDIA_TYPES } from '../../reports/formats.ts';
import { returnDocument } from '../../reports/return-document.ts';
import { officialDocx } from '../../reports/official-docx.ts';
import { returnXlsx } from '../../reports/return-xlsx.ts';
import * as repo from './repo.ts';
import {
  type ReturnPeriod,
  type SubmissionState,
  type Submission,
  type UnitReturn,
  dueAt,
  isCutoff,
  mayConfirm,
  returnPeriod,
  returnRow,
  submissionState,
} from './rules.ts';

export interface ReturnQuery {
  campaign?: string;
  unit: string;
  period: ReturnPeriod;
  on?: IsoDate;
}

async function returnUnit(ctx: Context, code: string) {
  const units = await allUnits(ctx.db);
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new NotFoundError('unit', code);
  requireInScope(ctx.scope, unit);
  return { unit, units };
}

export async function unitReturn(ctx: Context, q: ReturnQuery): Promise<UnitReturn> {
  const campaign = await findCampaign(ctx.db, q.campaign);
  const { unit, units } = await returnUnit(ctx, q.unit);
  const on = q.on ?? localDate(ctx.now);
  const { from, to } = returnPeriod(q.period, on);
  // Figures are counted over the whole city, then cut to the unit and the level below.
  const cityCtx: Context = { ...ctx, scope: { all: true } };
  const [end, before, verified, confirmed] = await Promise.all([
    standings(cityCtx, { campaign: campaign.name, asOf: to }),
    from > campaign.start_on
      ? standings(cityCtx, { campaign: campaign.name, asOf: addDays(from, -1) })
      : null,
    verifiedBetween(ctx.db, from, to),
    repo.submissions(ctx.db, { campaignId: campaign.id, period: q.period, on }),
  ]);
  const previous = new Map(before?.units.map((u) => [u.code, u]));
  const shown = end.units.filter((u) => u.code === unit.code || u.parent === unit.code);
  const below = new Set(subtreeIds(units, unit.id));
  const codes = new Set(units.filter((u) => below.has(u.id)).map((u) => u.code));
  const parent = units.find((u) => u.id === unit.parent_id);
  const due = dueAt(on, campaign.return_cutoff);
  const submission = confirmed.get(unit.id);
  return {
    campaign: {
      name: campaign.name,
      startOn: campaign.start_on,
      deadlineOn: campaign.deadline_on,
      target: campaign.target,
    },
    recipient: parent?.name ?? null,
    unit: { code: unit.code, name: unit.name },
    period: q.period,
    from,
    to,
    rows: shown.map((u) => returnRow(u, previous.get(u.code))),
    results: verified
      .filter((r) => unit.parent_id === null || (r.unit !== null && codes.has(r.unit.code)))
      .map((r) => ({
        listingNo: r.listingNo,
        name: r.name,
        kind: r.kind,
        category: r.category,
        unit: r.unit?.name ?? null,
      })),
    dueAt: due,
    submission: submission
      ? { ...submission, state: submissionState(submission.at, due, ctx.now.toISOString()) }
      : null,
  };
}

/** The unit's leader (for the city, a commander) confirms its return as submitted; audited. */
export async function confirmReturn(ctx: Context, q: ReturnQuery): Promise<UnitReturn> {
  const user = signedInUser(ctx);
  await inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, q.campaign);
    const { unit } = await returnUnit(tx, q.unit);
    if (!mayConfirm({ unit: user.unitId, roles: user.roles }, { id: unit.id, top: unit.parent_id === null }))
      throw new ForbiddenError(
        'not_the_units_leader',
        `only the leader of ${unit.code} confirms its return`,
        undefined,
        {
          unit: unit.code,
        },
      );
    const on = q.on ?? localDate(tx.now);
    const key = { campaignId: campaign.id, period: q.period, on };
    if (
      await repo.insertSubmission(tx.db, { ...key, unitId: unit.id, by: tx.actor, at: tx.now.toISOString() })
    )
      await recordEvent(tx, {
        action: 'return.confirm',
        entityType: 'unit',
        entityId: unit.id,
        after: { campaign: campaign.name, period: q.period, on },
      });
  });
  return unitReturn(ctx, q);
}

export interface ReturnStatus {
  code: string;
  name: string;
  /** The city: its return goes up to the province. */
  top: boolean;
  state: SubmissionState;
  submission: Submission | null;
}

/**
 * Where the returns of a date stand, for the caller's reporting units: the city and each unit
 * directly below it (a sub-bureau's staff see their own).
 */
export async function returnsOverview(
  ctx: Context,
  q: { campaign?: string; period: ReturnPeriod; on?: IsoDate },
): Promise<{ period: ReturnPeriod; on: IsoDate; cutoff: string; dueAt: string; units: ReturnStatus[] }> {
  const campaign = await findCampaign(ctx.db, q.campaign);
  const on = q.on ?? localDate(ctx.now);
  const units = await allUnits(ctx.db);
  const city = units.find((u) => u.parent_id === null);
  const reporting = units.filter(
    (u) => (u.parent_id === null || u.parent_id === city?.id) && inScope(ctx.scope, u.id),
  );
  const confirmed = await repo.submissions(ctx.db, { campaignId: campaign.id, period: q.period, on });
  const due = dueAt(on, campaign.return_cutoff);
  const now = ctx.now.toISOString();
  return {
    period: q.period,
    on,
    cutoff: campaign.return_cutoff,
    dueAt: due,
    units: reporting.map((u) => {
      const submission = confirmed.get(u.id) ?? null;
      return {
        code: u.code,
        name: u.name,
        top: u.parent_id === null,
        state: submissionState(submission?.at ?? null, due, now),
        submission,
      };
    }),
  };
}

/** Sets the local time by which units confirm the day's return; audited. */
export async function setReturnCutoff(ctx: Context, campaignName: string, cutoff: string): Promise<void> {
  if (!isCutoff(cutoff))
    throw new DomainError('not_a_time', `cutoff: ${cutoff} is not a time such as 18:00`, 'cutoff', {
      value: cutoff,
    });
  await inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    await repo.setCutoff(tx.db, campaign.id, cutoff);
    await recordEvent(tx, {
      action: 'campaign.return-cutoff',
      entityType: 'campaign',
      entityId: campaign.id,
      before: { cutoff: campaign.return_cutoff },
      after: { cutoff },
    });
  });
}

/** A unit's return as a file: `.docx` (the official form, in Chinese) or `.xlsx`. */
export async function returnFile(ctx: Context, q: ReturnQuery, format: 'docx' | 'xlsx', lang: Lang) {
  const r = await unitReturn(ctx, q);
  return {
    bytes: format === 'docx' ? await officialDocx(returnDocument(r)) : await returnXlsx(r, lang),
    mediaType: MEDIA_TYPES[format],
    fileName: `${q.period}-return-${r.unit.code}-${r.to}.${format}`,
  };
}
