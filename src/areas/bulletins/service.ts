import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { type Context, inTransaction } from '../../shared/context.ts';
import type { IsoDate } from '../../shared/dates.ts';
import { localDate } from '../../shared/dates.ts';
import { DomainError, NotFoundError } from '../../shared/errors.ts';
import { anchorChain, recordEvent } from '../audit/service.ts';
import { sealFacts } from '../integrity/deep-check.ts';
import { findCampaign } from '../campaigns/service.ts';
import { type BulletinData, bulletinData } from '../../reports/bulletin-data.ts';
import type { Lang } from '../../reports/labels.ts';
import { type Format, MEDIA_TYPES, renderBulletin } from '../../reports/render.ts';
import * as repo from './repo.ts';

function present(r: Awaited<ReturnType<typeof repo.bulletinsOf>>[number]) {
  return {
    id: r.id,
    number: r.number,
    asOf: r.as_of,
    dataSha256: r.data_sha256,
    chainHead: r.chain_head,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at,
  };
}
export type BulletinOut = ReturnType<typeof present>;

/**
 * A commander issues the day's bulletin: its data is assembled and frozen (every later download
 * renders the same figures), numbered within the campaign, with the audit chain head it prints.
 */
export async function issueBulletin(
  ctx: Context,
  campaignName: string,
  asOf?: IsoDate,
  /** With the anchor key, the chain head printed on the bulletin is also signed and kept as an anchor. */
  anchorKey?: KeyObject,
): Promise<BulletinOut> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const date = asOf ?? localDate(tx.now);
    if (date > localDate(tx.now))
      throw new DomainError('invalid_input', `asOf: is in the future (${date})`, 'asOf');
    const number = await repo.nextNumber(tx.db, campaign.id);
    const data: BulletinData = {
      ...(await bulletinData(tx, { campaign: campaign.name, asOf: date })),
      number,
      issuedAt: tx.now.toISOString(),
      issuedBy: tx.actor,
    };
    const json = JSON.stringify(data);
    const audit = data.sections.find((s) => s.kind === 'audit');
    const row = {
      campaign_id: campaign.id,
      number,
      as_of: date,
      data_json: json,
      data_sha256: createHash('sha256').update(json).digest('hex'),
      chain_head: audit?.kind === 'audit' ? audit.head : '',
      issued_by: tx.actor,
      issued_at: tx.now.toISOString(),
    };
    const id = await repo.insertBulletin(tx.db, row);
    const out = present({ id, ...row });
    await recordEvent(tx, { action: 'bulletin.issue', entityType: 'bulletin', entityId: id, after: out });
    // The tables the figures were read from are sealed as printed (the deep check compares with it).
    await sealFacts(tx);
    if (anchorKey) await anchorChain(tx, anchorKey);
    return out;
  });
}

export async function listBulletins(ctx: Context, campaignName: string): Promise<BulletinOut[]> {
  const campaign = await findCampaign(ctx.db, campaignName);
  return (await repo.bulletinsOf(ctx.db, campaign.id)).map(present);
}

/** An issued bulletin rendered from its frozen data. */
export async function bulletinFile(ctx: Context, id: number, format: Format, lang: Lang) {
  const row = await repo.bulletinById(ctx.db, id);
  if (!row) throw new NotFoundError('bulletin', String(id));
  const data = JSON.parse(row.data_json) as BulletinData;
  return {
    bytes: await renderBulletin(data, format, lang),
    mediaType: MEDIA_TYPES[format],
    fileName: `bulletin-${row.number}-${row.as_of}${lang === 'en' ? '-en' : ''}.${format}`,
  };
}
