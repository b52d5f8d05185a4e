import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, addDays, daysBetween, localDate } from '../../shared/dates.ts';
import { DomainError, NotFoundError, conflictOf } from '../../shared/errors.ts';
import { anchorChain, recordEvent } from '../audit/service.ts';
import { sealFacts } from '../integrity/deep-check.ts';
import { chainHead } from '../audit/repo.ts';
import { dashboard, findCampaign, standings } from '../campaigns/service.ts';
import type { UnitStanding } from '../campaigns/rules.ts';
import type { PaceOut } from '../campaigns/schema.ts';
import { compliance } from '../four-ones/service.ts';
import { confirmedFabrications } from '../integrity/service.ts';
import { overdueItems } from '../rectification/service.ts';
import { listNotices } from '../supervision/service.ts';
import { byKindThenRank } from '../units/rules.ts';
import {
  type BulletinData,
  type DocumentSettings,
  type HomicideRow,
  documentNumber,
  documentSettings,
  issueRefusal,
  NOTICE_DAYS,
  type RankedUnit,
  type UnitRef,
  endOfDay,
  minInstant,
} from './rules.ts';
import type { Lang } from '../../reports/labels.ts';
import { type Format, MEDIA_TYPES, type OfficialFormat, fileName } from '../../reports/formats.ts';
import { renderBulletin } from '../../reports/render.ts';
import { letterDocument } from '../../reports/letter-document.ts';
import { renderOfficial } from '../../reports/render.ts';
import { listLetters } from '../letters/service.ts';
import { remainingToTarget } from '../campaigns/pace.ts';
import { allUnits } from '../units/repo.ts';
import * as repo from './repo.ts';

function present(r: Awaited<ReturnType<typeof repo.bulletinsOf>>[number]) {
  return {
    correctsId: r.corrects_id,
    correctsNumber: r.corrects_number,
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
  /** A second bulletin for a date is a correction of the latest one: its id. */
  corrects?: number,
): Promise<BulletinOut> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const date = asOf ?? localDate(tx.now);
    if (date > localDate(tx.now))
      throw new DomainError('in_future', `asOf: is in the future (${date})`, 'asOf', {
        field: 'asOf',
        value: date,
      });
    // The document number first: its lock holds concurrent issuers of the campaign, so the
    // bulletin's own number (期号) that follows is theirs alone too.
    const issuedOn = localDate(tx.now);
    const seq = await repo.takeDocumentNumber(tx.db, {
      campaign_id: campaign.id,
      year: Number(issuedOn.slice(0, 4)),
      kind: 'bulletin',
      issued_by: tx.actor,
      issued_at: tx.now.toISOString(),
    });
    // Under that lock: two commanders clicking at once issue one bulletin for the date, not two.
    const sameDay = await repo.bulletinsOn(tx.db, campaign.id, date);
    const refusal = issueRefusal(date, sameDay, corrects);
    if (refusal) throw conflictOf(refusal, 'corrects');
    const number = await repo.nextNumber(tx.db, campaign.id);
    const draft = await bulletinData(tx, { campaign: campaign.name, asOf: date });
    const settings = settingsOf(campaign.document_settings, draft.document?.authority ?? '');
    const data: BulletinData = {
      ...draft,
      document: {
        ...draft.document!,
        number: documentNumber(settings.prefix, Number(issuedOn.slice(0, 4)), seq),
        issuer: settings.issuer ?? tx.actor,
      },
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
      corrects_id: corrects ?? null,
    };
    const id = await repo.insertBulletin(tx.db, row);
    const correctsNumber = sameDay.find((b) => b.id === corrects)?.number ?? null;
    const out = present({ id, ...row, corrects_number: correctsNumber });
    await recordEvent(tx, { action: 'bulletin.issue', entityType: 'bulletin', entityId: id, after: out });
    // The tables the figures were read from are sealed as printed (the deep check compares with it).
    await sealFacts(tx);
    if (anchorKey) await anchorChain(tx, anchorKey);
    return out;
  });
}

/** A page of the campaign's bulletins, newest first, optionally of figures dated from and to. */
export async function listBulletins(
  ctx: Context,
  campaignName: string,
  query: { from?: IsoDate; to?: IsoDate; page: number; pageSize: number },
) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const filter = { from: query.from, to: query.to };
  const [rows, counted] = await Promise.all([
    repo.bulletinsOf(ctx.db, campaign.id, {
      ...filter,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.countBulletins(ctx.db, campaign.id, filter),
  ]);
  return { items: rows.map(present), page: query.page, pageSize: query.pageSize, ...counted };
}

/** An issued bulletin rendered from its frozen data. */
export async function bulletinFile(ctx: Context, id: number, format: Format, lang: Lang) {
  const row = await repo.bulletinById(ctx.db, id);
  if (!row) throw new NotFoundError('bulletin', String(id));
  const data = JSON.parse(row.data_json) as BulletinData;
  return {
    bytes: await renderBulletin(data, format, lang),
    mediaType: MEDIA_TYPES[format],
    fileName: fileName(`bulletin-${row.number}-${row.as_of}${lang === 'en' ? '-en' : ''}`, format),
  };
}

/** Assembles the bulletin of a campaign as of a date from the same figures as the dashboard. */
export async function bulletinData(
  ctx: Context,
  query: { campaign?: string; asOf?: IsoDate },
): Promise<BulletinData> {
  const campaign = await findCampaign(ctx.db, query.campaign);
  const asOf = query.asOf ?? localDate(ctx.now);
  const cityCtx: Context = { ...ctx, scope: { all: true } };
  const [board, figures, fourOnes, notices, dayResults, head, fabrications, overdue] = await Promise.all([
    dashboard(cityCtx, { campaign: campaign.name, asOf }),
    standings(cityCtx, { campaign: campaign.name, asOf }),
    compliance(cityCtx, { campaign: campaign.name }),
    listNotices(cityCtx, campaign.name, asOf),
    repo.verifiedBetween(ctx.db, asOf, asOf),
    chainHead(ctx.db),
    fabricationsSincePreviousBulletin(ctx, campaign.id, asOf),
    overdueItems(ctx, asOf),
  ]);
  const trajectory = campaign.target * board.elapsedShare;
  const u = board.unit;
  const ref = (x: UnitRef) => ({ code: x.code, name: x.name });
  const nameOf = new Map(figures.units.map((x) => [x.code, x.name]));
  const ranked = (x: UnitStanding & { pace: PaceOut }): RankedUnit => ({
    ...ref(x),
    kind: x.kind,
    parentName: x.parent === null ? null : (nameOf.get(x.parent) ?? null),
    rank: x.rank,
    baseline: x.baseline,
    cleared: x.cleared,
    declineRate: x.declineRate,
    target: x.target,
    captures: x.captures.local + x.captures.remote,
    arrests: x.captures.arrests,
    surrenders: x.captures.surrenders,
    newListings: x.newListings,
    onTrack: x.onTrack,
    projectedOn: x.pace.projectedOn,
  });
  const homicide = (x: UnitStanding): HomicideRow => ({
    ...ref(x),
    baseline: x.homicide.baseline,
    cleared: x.homicide.cleared,
    declineRate: x.homicide.declineRate,
    captures: x.homicide.captures,
  });
  const settings = settingsOf(campaign.document_settings, u.name);
  return {
    document: {
      authority: settings.authority,
      number: null,
      issuer: settings.issuer,
      recipients: settings.recipients,
      copiesTo: settings.copiesTo,
      printedBy: settings.printedBy,
    },
    campaign: {
      name: campaign.name,
      startOn: campaign.start_on,
      deadlineOn: campaign.deadline_on,
      target: campaign.target,
    },
    asOf,
    provisional: figures.provisional,
    number: null,
    issuedAt: null,
    issuedBy: null,
    sections: [
      {
        kind: 'headline',
        baseline: u.baseline,
        cleared: u.cleared,
        declineRate: u.declineRate,
        netDeclineRate: u.netDeclineRate,
        trajectory,
        capturesLocal: u.captures.local,
        capturesRemote: u.captures.remote,
        arrests: u.captures.arrests,
        surrenders: u.captures.surrenders,
        newListings: u.newListings,
        cancellations: u.cancellations,
        activeNow: u.activeNow,
        daysLeft: Math.max(0, daysBetween(asOf, campaign.deadline_on)),
        pace: u.pace,
      },
      { kind: 'trend', points: board.trend },
      { kind: 'ranking', units: byKindThenRank(board.children).map(ranked) },
      {
        kind: 'lagging',
        trajectory,
        lagging: figures.units
          .filter((x) => x.depth > 0 && x.onTrack === false && !x.zeroResult)
          .sort((a, b) => (a.declineRate ?? 0) - (b.declineRate ?? 0))
          .map((x) => ({ ...ref(x), declineRate: x.declineRate })),
        zeroResult: board.zeroResultUnits.map(ref),
      },
      { kind: 'homicide', units: [u, ...byKindThenRank(board.children)].map(homicide) },
      {
        kind: 'four-ones',
        units: fourOnes.units
          .filter((x) => x.depth === 1)
          .map((x) => ({
            ...ref(x),
            fugitives: x.fugitives,
            complete: x.complete,
            completeShare: x.completeShare,
          })),
      },
      {
        kind: 'notices',
        notices: notices
          .filter((n) => n.issuedOn > addDays(asOf, -NOTICE_DAYS))
          .map((n) => ({ ...n.unit, kind: n.kind, text: n.text, issuedOn: n.issuedOn })),
        fabrications,
        overdueRectification: overdue.map((i) => ({
          ...i.unit,
          problem: i.problem,
          deadlineOn: i.deadlineOn,
          daysOverdue: i.daysOverdue,
        })),
      },
      { kind: 'day-results', date: asOf, items: dayResults },
      {
        kind: 'audit',
        head: head?.hash ?? '0'.repeat(64),
        events: head?.seq ?? 0,
        baselineDigest: figures.baselineDigest,
      },
      {
        kind: 'appendix',
        units: byKindThenRank(figures.units.filter((x) => x.kind === 'station' || x.kind === 'squad')).map(
          ranked,
        ),
      },
    ],
  };
}

/**
 * Findings confirmed as fabricated after what the previous bulletin covered and by the end of
 * `asOf`: each is criticised once, in the next bulletin. The previous one covered up to the end of
 * its own date, or up to its issue if that came first.
 */
async function fabricationsSincePreviousBulletin(ctx: Context, campaignId: number, asOf: IsoDate) {
  const previous = await repo.latestBulletin(ctx.db, campaignId);
  const until = endOfDay(asOf);
  const since = previous && minInstant(previous.issued_at, endOfDay(previous.as_of));
  return (await confirmedFabrications(ctx.db, campaignId))
    .filter((a) => a.decidedAt !== null && a.decidedAt < until && (!since || a.decidedAt >= since))
    .map((a) => ({
      unit: a.unit,
      listingNo: a.listingNo,
      rule: a.rule,
      note: a.decisionNote ?? '',
      confirmedOn: localDate(new Date(a.decidedAt!)),
    }));
}

/** What a campaign has set of its document settings (stored as JSON). */
const storedSettings = (json: string | null): Partial<DocumentSettings> =>
  json ? (JSON.parse(json) as Partial<DocumentSettings>) : {};

/** A campaign's document settings (stored JSON) with their defaults from the city bureau's name. */
function settingsOf(stored: string | null, cityBureau: string): DocumentSettings {
  return documentSettings(storedSettings(stored), cityBureau);
}

/** A campaign's document settings, defaulting from the name of the city bureau (the top unit). */
export async function campaignDocumentSettings(
  ctx: Context,
  campaign: { document_settings: string | null },
): Promise<DocumentSettings> {
  const city = (await allUnits(ctx.db)).find((u) => u.parent_id === null);
  return settingsOf(campaign.document_settings, city?.name ?? '');
}

/** What a campaign may set of its documents' settings; an empty string clears one (back to its default). */
export type DocumentSettingsInput = Partial<Record<keyof DocumentSettings, string>>;

/** A campaign's document settings: what it has set, and what documents print (with the defaults). */
export interface DocumentSettingsView {
  stored: Partial<DocumentSettings>;
  effective: DocumentSettings;
}

export async function readDocumentSettings(
  ctx: Context,
  campaignName: string,
): Promise<DocumentSettingsView> {
  const campaign = await findCampaign(ctx.db, campaignName);
  return {
    stored: storedSettings(campaign.document_settings),
    effective: await campaignDocumentSettings(ctx, campaign),
  };
}

/** Sets a campaign's document settings (authority, number prefix, issuer, …); audited. */
export async function setDocumentSettings(
  ctx: Context,
  campaignName: string,
  input: DocumentSettingsInput,
): Promise<DocumentSettingsView> {
  for (const [field, value] of Object.entries(input))
    if (value !== undefined && value.trim().length > 100)
      throw new DomainError('too_long', `${field}: at most 100 characters`, field, { field, limit: 100 });
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const before = storedSettings(campaign.document_settings);
    const after: Partial<DocumentSettings> = { ...before };
    for (const [field, value] of Object.entries(input) as [keyof DocumentSettings, string | undefined][]) {
      if (value === undefined) continue;
      if (value.trim() === '') delete after[field];
      else after[field] = value.trim();
    }
    const json = JSON.stringify(after);
    await repo.updateDocumentSettings(tx.db, campaign.id, json);
    await recordEvent(tx, {
      action: 'campaign.document-settings',
      entityType: 'campaign',
      entityId: campaign.id,
      before,
      after,
    });
    return { stored: after, effective: await campaignDocumentSettings(tx, { document_settings: json }) };
  });
}

/** A unit's signed responsibility letter as an official .docx or PDF (in the caller's scope). */
export async function letterFile(
  ctx: Context,
  campaignName: string,
  unitCode: string,
  format: OfficialFormat = 'docx',
) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const letter = (await listLetters(ctx, campaign.name)).letters.find((l) => l.unit.code === unitCode);
  if (!letter) throw new NotFoundError('letter', `${campaign.name} ${unitCode}`);
  const settings = await campaignDocumentSettings(ctx, campaign);
  const file = await renderOfficial(
    letterDocument({
      campaign: { name: campaign.name, startOn: campaign.start_on, deadlineOn: campaign.deadline_on },
      authority: settings.authority,
      unit: letter.unit.name,
      baseline: letter.baseline,
      target: letter.target,
      persons: remainingToTarget(letter.baseline, letter.target, 0),
      signer: letter.signer.displayName,
      signedOn: letter.signedOn,
    }),
    format,
  );
  return { ...file, fileName: `letter-${unitCode}.${format}` };
}
