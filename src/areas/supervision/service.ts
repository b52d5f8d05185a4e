import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, localDate } from '../../shared/dates.ts';
import { DomainError, NotFoundError } from '../../shared/errors.ts';
import { unitFilter, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import * as units from '../units/repo.ts';
import * as repo from './repo.ts';
import { type NoticeKind, proposeNotices } from './rules.ts';

async function unitByCode(ctx: Context, code: string) {
  const unit = (await units.allUnits(ctx.db)).find((u) => u.code === code);
  if (!unit) throw new NotFoundError('unit', code);
  return unit;
}

export interface InspectionInput {
  unitCode: string;
  inspectedOn: IsoDate;
  findings: string;
  followUp?: string;
}

/** An inspector records an inspection of a unit (in their scope): what was found, what follows. */
export async function recordInspection(ctx: Context, input: InspectionInput) {
  return inTransaction(ctx, async (tx) => {
    const unit = await unitByCode(tx, input.unitCode);
    requireInScope(tx.scope, unit);
    if (input.inspectedOn > localDate(tx.now))
      throw new DomainError(
        'in_future',
        `inspectedOn: is in the future (${input.inspectedOn})`,
        'inspectedOn',
        { field: 'inspectedOn', value: input.inspectedOn },
      );
    const row = {
      unit_id: unit.id,
      inspected_on: input.inspectedOn,
      inspector: tx.actor,
      findings: input.findings,
      follow_up: input.followUp || null,
      created_at: tx.now.toISOString(),
    };
    const id = await repo.insertInspection(tx.db, row);
    const out = {
      id,
      unit: { code: unit.code, name: unit.name },
      inspectedOn: row.inspected_on,
      inspector: row.inspector,
      findings: row.findings,
      followUp: row.follow_up,
    };
    await recordEvent(tx, {
      action: 'inspection.record',
      entityType: 'inspection',
      entityId: id,
      after: out,
    });
    return out;
  });
}

export async function listInspections(ctx: Context) {
  const rows = await repo.inspectionRows(ctx.db, unitFilter(ctx.scope));
  return rows.map((r) => ({
    id: r.id,
    unit: { code: r.unit_code, name: r.unit_name },
    inspectedOn: r.inspected_on,
    inspector: r.inspector,
    findings: r.findings,
    followUp: r.follow_up,
  }));
}

/** Praise and criticism proposed from the standings as of a date (default today). */
export async function noticeProposals(ctx: Context, campaignName: string, asOf?: IsoDate) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const figures = await standings(ctx, { campaign: campaign.name, asOf });
  return {
    campaign: campaign.name,
    asOf: figures.asOf,
    proposals: proposeNotices(figures.units, figures.elapsedShare),
  };
}

export function presentNotice(r: repo.NoticeRow) {
  return {
    id: r.id,
    unit: { code: r.unit_code, name: r.unit_name },
    kind: r.kind as NoticeKind,
    text: r.text,
    issuedOn: r.issued_on,
    issuedBy: r.issued_by,
  };
}
export type NoticeOut = ReturnType<typeof presentNotice>;

/** A commander issues a praise or criticism notice to a unit. Audited; bulletins print it. */
export async function issueNotice(
  ctx: Context,
  campaignName: string,
  input: { unitCode: string; kind: NoticeKind; text: string },
): Promise<NoticeOut> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const unit = await unitByCode(tx, input.unitCode);
    const id = await repo.insertNotice(tx.db, {
      campaign_id: campaign.id,
      unit_id: unit.id,
      kind: input.kind,
      text: input.text,
      issued_on: localDate(tx.now),
      issued_by: tx.actor,
      created_at: tx.now.toISOString(),
    });
    const out = presentNotice((await repo.noticeRows(tx.db, campaign.id)).find((n) => n.id === id)!);
    await recordEvent(tx, { action: 'notice.issue', entityType: 'notice', entityId: id, after: out });
    return out;
  });
}

export async function listNotices(ctx: Context, campaignName: string, upTo?: IsoDate): Promise<NoticeOut[]> {
  const campaign = await findCampaign(ctx.db, campaignName);
  return (await repo.noticeRows(ctx.db, campaign.id, upTo)).map(presentNotice);
}
