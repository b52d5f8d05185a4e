import { createHash } from 'node:crypto';
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { addDays, localDate } from '../../shared/dates.ts';
import {
  ConflictError,
  conflictOf,
  DomainError,
  ForbiddenError,
  NotFoundError,
} from '../../shared/errors.ts';
import type { Executor } from '../../db/connection.ts';
import { inScope, unitFilter, requireInScope } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { isBureau } from '../units/repo.ts';
import { findCampaign } from '../campaigns/service.ts';
import { fugitiveByListingNo, lockFugitive } from '../registry/repo.ts';
import { withdrawnListingRefusal } from '../registry/rules.ts';
import { allUnits } from '../units/repo.ts';
import {
  type PublicFugitive,
  presentActivity,
  presentNotice,
  presentPublicFugitive,
  presentTip,
} from './present.ts';
import * as repo from './repo.ts';
import {
  type PublicTipState,
  type TipOutcome,
  ledToClearance,
  mayReadContact,
  normaliseReceipt,
  publicTipState,
  rewardClaimProblem,
  tipAssignment,
  weeklySeries,
} from './rules.ts';
import type {
  ActivityInput,
  ActivityOut,
  NoticeInput,
  NoticeOut,
  PublicationInput,
  PublicationOut,
  PublicityOut,
  TipDetailOut,
  TipForm,
  TipOut,
  TriageInput,
} from './schema.ts';
import { newReceiptCode, receiptHash, seal, unseal } from './sealing.ts';
import { acceptUpload, storeDocument } from '../letters/documents.ts';
import { issuingBodies } from '../bulletins/rules.ts';
import { campaignDocumentSettings } from '../bulletins/service.ts';
import type { OfficialFormat } from '../../reports/formats.ts';
import { noticeDocument } from '../../reports/notice-document.ts';
import { renderOfficial } from '../../reports/render.ts';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

// ——— Publicity log ———

/** Logs a press conference, TV scroll, poster run or online post of a unit in the caller's scope. */
export async function logActivity(ctx: Context, input: ActivityInput): Promise<ActivityOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const units = await allUnits(tx.db);
    const unit = input.unitCode
      ? units.find((u) => u.code === input.unitCode)
      : units.find((u) => u.id === user.unitId);
    if (!unit)
      throw new DomainError('unknown_unit', `unknown unit ${input.unitCode}`, 'unitCode', {
        unit: input.unitCode ?? '',
      });
    requireInScope(tx.scope, unit);
    if (input.heldOn > localDate(tx.now))
      throw new DomainError('in_future', 'heldOn: cannot be in the future', 'heldOn', {
        field: 'heldOn',
        value: input.heldOn,
      });
    const id = await repo.insertActivity(tx.db, {
      unit_id: unit.id,
      kind: input.kind,
      held_on: input.heldOn,
      place: input.place,
      quantity: input.quantity ?? null,
      description: input.description,
      created_by: tx.actor,
      created_at: tx.now.toISOString(),
    });
    const activity = presentActivity((await repo.activityById(tx.db, id))!);
    await recordEvent(tx, {
      action: 'publicity.log',
      entityType: 'publicity_activity',
      entityId: id,
      after: activity,
    });
    return activity;
  });
}

/** The publicity log, surrenders per week against publicity per week, and the tip counts in scope. */
export async function publicityOverview(
  ctx: Context,
  query: { from?: string; to?: string },
): Promise<PublicityOut> {
  const to = query.to ?? localDate(ctx.now);
  let from = query.from;
  if (!from) {
    try {
      from = (await findCampaign(ctx.db)).start_on;
    } catch {
      from = addDays(to, -83);
    }
  }
  if (from > to) throw new DomainError('from_after_to', 'from: must not be after to', 'from', { from, to });
  const [activities, surrenders, tips] = await Promise.all([
    repo.activitiesBetween(ctx.db, from, to),
    repo.surrenderDates(ctx.db, from, to),
    repo.tipCounts(ctx.db, unitFilter(ctx.scope)),
  ]);
  return {
    from,
    to,
    activities: activities.map(presentActivity),
    weeks: weeklySeries(
      from,
      to,
      surrenders,
      activities.map((a) => ({ heldOn: a.held_on, kind: a.kind, quantity: a.quantity })),
    ),
    tips,
  };
}

// ——— The surrender notice ———

export async function listNotices(ctx: Context): Promise<{ notices: NoticeOut[] }> {
  return { notices: (await repo.notices(ctx.db)).map(presentNotice) };
}

/**
 * A version of the surrender notice as an official .docx or PDF, signed by the bodies the campaign's
 * document settings name; a version not yet published is marked as a draft.
 */
export async function noticeFile(
  ctx: Context,
  campaignName: string,
  id: number,
  format: OfficialFormat = 'docx',
) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const notice = await repo.noticeById(ctx.db, id);
  if (!notice) throw new NotFoundError('notice', String(id));
  const published = notice.published_at !== null;
  const file = await renderOfficial(
    noticeDocument({
      title: notice.title_zh,
      body: notice.body_zh,
      issuers: issuingBodies(await campaignDocumentSettings(ctx, campaign)),
      datedOn: localDate(new Date(notice.published_at ?? notice.drafted_at)),
      published,
    }),
    format,
  );
  return { ...file, fileName: `notice-v${notice.version}.${format}` };
}

/** A publicity officer drafts a new version of the notice; it waits for a commander's approval. */
export async function draftNotice(ctx: Context, input: NoticeInput): Promise<NoticeOut> {
  signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertNotice(tx.db, {
      title_zh: input.titleZh,
      body_zh: input.bodyZh,
      title_en: input.titleEn,
      body_en: input.bodyEn,
      drafted_by: tx.actor,
      drafted_at: tx.now.toISOString(),
    });
    const notice = presentNotice((await repo.noticeById(tx.db, id))!);
    await recordEvent(tx, { action: 'notice.draft', entityType: 'notice', entityId: id, after: notice });
    return notice;
  });
}

/** A commander approves (publishes, replacing the last published version) or rejects a pending notice. */
export async function decideNotice(
  ctx: Context,
  id: number,
  decision: 'approve' | 'reject',
): Promise<NoticeOut> {
  signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const notice = await repo.noticeById(tx.db, id);
    if (!notice) throw new NotFoundError('notice', String(id));
    if (notice.status !== 'pending')
      throw new ConflictError(
        'not_pending',
        `notice version ${notice.version} is ${notice.status}, not pending`,
        undefined,
        { version: notice.version, status: notice.status },
      );
    if (notice.drafted_by === tx.actor)
      throw new ForbiddenError('same_person', 'the one who drafted a notice cannot also approve it');
    const previous = decision === 'approve' ? await repo.publishedNotice(tx.db) : undefined;
    await repo.decideNotice(
      tx.db,
      id,
      decision === 'approve' ? 'published' : 'rejected',
      tx.actor,
      tx.now.toISOString(),
    );
    const after = presentNotice((await repo.noticeById(tx.db, id))!);
    await recordEvent(tx, {
      action: decision === 'approve' ? 'notice.publish' : 'notice.reject',
      entityType: 'notice',
      entityId: id,
      before: { status: notice.status, replaces: previous?.version ?? null },
      after: { status: after.status, version: after.version },
    });
    return after;
  });
}

// ——— Publication of fugitives ———

async function publicationOf(db: Executor, listingNo: string): Promise<PublicationOut> {
  const f = await fugitiveByListingNo(db, listingNo);
  if (!f) throw new NotFoundError('fugitive', listingNo);
  return {
    listingNo,
    published: f.published === 1,
    reward: f.reward === null ? null : Number(f.reward),
    onPublicList: (await repo.publicFugitive(db, listingNo)) !== undefined,
    hasPhoto: f.photo_sha256 !== null,
  };
}

/** Puts a person on the public wanted list or takes them off it (at once), and sets the reward. */
export async function setPublication(
  ctx: Context,
  listingNo: string,
  input: PublicationInput,
): Promise<PublicationOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const f = await fugitiveByListingNo(tx.db, listingNo);
    if (!f) throw new NotFoundError('fugitive', listingNo);
    // Anyone may catch a remote fugitive, but only the bureau speaks for them to the public.
    if (f.listing_unit_id === null && !(await isBureau(tx.db, user.unitId)))
      throw new ForbiddenError(
        'bureau_publishes_remote',
        'a person listed by an outside agency is published by the bureau',
      );
    await lockFugitive(tx.db, f.id);
    const before = { published: f.published === 1, reward: f.reward };
    const reward = input.reward === undefined ? f.reward : input.reward || null;
    await repo.setPublication(tx.db, f.id, { published: input.published ? 1 : 0, reward });
    await recordEvent(tx, {
      action: 'fugitive.publication',
      entityType: 'fugitive',
      entityId: listingNo,
      before,
      after: { published: input.published, reward },
    });
    return publicationOf(tx.db, listingNo);
  });
}

/** Attaches the photo shown on the public list (PNG or JPEG, recognised by content, at most 5 MiB). */
export async function attachPhoto(ctx: Context, listingNo: string, bytes: Buffer): Promise<PublicationOut> {
  signedInUser(ctx);
  const mediaType = acceptUpload(
    bytes,
    ['image/png', 'image/jpeg'],
    'photo',
    'a photo must be a PNG or JPEG image',
  );
  return inTransaction(ctx, async (tx) => {
    const f = await fugitiveByListingNo(tx.db, listingNo);
    if (!f) throw new NotFoundError('fugitive', listingNo);
    const sha256 = await storeDocument(tx, bytes, mediaType);
    await repo.setPhoto(tx.db, f.id, sha256);
    await recordEvent(tx, {
      action: 'fugitive.photo',
      entityType: 'fugitive',
      entityId: listingNo,
      before: { photo: f.photo_sha256 },
      after: { photo: sha256 },
    });
    return publicationOf(tx.db, listingNo);
  });
}

// ——— The public site ———

export interface PublicNotice {
  version: number;
  title: string;
  body: string;
  publishedAt: string | null;
}

export async function currentNotice(db: Executor, lang: 'zh' | 'en'): Promise<PublicNotice | null> {
  const n = await repo.publishedNotice(db);
  if (!n) return null;
  return {
    version: n.version,
    title: lang === 'en' ? n.title_en : n.title_zh,
    body: lang === 'en' ? n.body_en : n.body_zh,
    publishedAt: n.published_at,
  };
}

/** Everyone on the public list (for the staff's overview). */
export async function publicWantedList(db: Executor): Promise<PublicFugitive[]> {
  return (await repo.publicFugitives(db, 2000)).map(presentPublicFugitive);
}

export const PUBLIC_PAGE_SIZE = 20;

/** One page of the public list, light enough for a phone. */
export async function publicWantedPage(
  db: Executor,
  page: number,
): Promise<{ items: PublicFugitive[]; page: number; pages: number; total: number }> {
  const total = await repo.countPublicFugitives(db);
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await repo.publicFugitives(db, PUBLIC_PAGE_SIZE, (current - 1) * PUBLIC_PAGE_SIZE);
  return { items: rows.map(presentPublicFugitive), page: current, pages, total };
}

export async function publicWanted(db: Executor, listingNo: string): Promise<PublicFugitive | null> {
  const f = await repo.publicFugitive(db, listingNo);
  return f ? presentPublicFugitive(f) : null;
}

export function publicPhoto(db: Executor, sha256: string) {
  return /^[0-9a-f]{64}$/.test(sha256) ? repo.publicPhoto(db, sha256) : Promise.resolve(undefined);
}

/**
 * Stores a tip from the public and returns its receipt code (shown once, stored only as a keyed
 * hash). The named person counts only if they are on the public list; the tip goes to the unit that
 * listed them, else to the command centre. Contact details are sealed; nothing identifies the sender.
 */
export async function submitTip(
  ctx: Context,
  form: TipForm,
  language: 'zh' | 'en',
): Promise<{ receipt: string }> {
  return inTransaction(ctx, async (tx) => {
    const named = form.listingNo ? await repo.publicFugitive(tx.db, form.listingNo) : undefined;
    const assigned = tipAssignment(named?.listing_unit_id, await repo.commandCentreId(tx.db));
    const contact =
      form.name || form.phone || form.email
        ? seal(JSON.stringify({ name: form.name, phone: form.phone, email: form.email }))
        : null;
    const receipt = newReceiptCode();
    const id = await repo.insertTip(tx.db, {
      receipt_hash: receiptHash(receipt),
      fugitive_id: named?.id ?? null,
      assigned_unit_id: assigned,
      seen_text: form.seen,
      seen_where: form.where,
      seen_when: form.when,
      language,
      contact_sealed: contact,
      received_at: tx.now.toISOString(),
    });
    // The chain holds digests only: no words of the tip, no contact details, nothing about the sender.
    await recordEvent(tx, {
      action: 'tip.receive',
      entityType: 'tip',
      entityId: id,
      after: {
        assignedUnitId: assigned,
        listingNo: named?.listing_no ?? null,
        contentDigest: digest(`${form.seen}\n${form.where ?? ''}\n${form.when ?? ''}`),
        hasContact: contact !== null,
      },
    });
    return { receipt };
  });
}

/** What a tipster sees with their receipt: state, the conversation, and whether a reward can be claimed. */
export interface TipStatusForTipster {
  state: PublicTipState;
  receivedAt: string;
  messages: { author: 'officer' | 'tipster'; body: string; at: string }[];
  reward: number | null;
  rewardClaimed: boolean;
  canClaimReward: boolean;
  ledToResult: boolean;
}

async function tipOfReceipt(db: Executor, receipt: string) {
  const code = normaliseReceipt(receipt);
  if (!code)
    throw new DomainError('invalid_receipt', 'receipt: must be the 16 digits you were given', 'receipt');
  const tip = await repo.tipByReceiptHash(db, receiptHash(code));
  if (!tip) throw new NotFoundError('tip_receipt', '');
  return tip;
}

export async function tipStatus(ctx: Context, receipt: string): Promise<TipStatusForTipster> {
  const tip = await tipOfReceipt(ctx.db, receipt);
  const messages = await repo.messagesOf(ctx.db, tip.id);
  const cleared = tip.exit_on !== null && tip.exit_on !== undefined;
  const otherClaimed = tip.fugitive_id
    ? await repo.rewardClaimedByOtherTip(ctx.db, tip.id, tip.fugitive_id)
    : false;
  const reward = tip.reward === null || tip.reward === undefined ? null : Number(tip.reward);
  return {
    state: publicTipState(tip.status, messages.at(-1)?.author ?? null),
    receivedAt: tip.received_at,
    messages: messages.map((m) => ({
      author: m.author as 'officer' | 'tipster',
      body: m.body,
      at: m.created_at,
    })),
    reward,
    rewardClaimed: tip.reward_claimed_at !== null,
    canClaimReward:
      rewardClaimProblem({
        outcome: tip.outcome,
        cleared,
        reward,
        claimedAt: tip.reward_claimed_at,
        otherClaimed,
      }) === null,
    ledToResult: ledToClearance(tip.outcome, cleared),
  };
}

/** The tipster answers the unit's follow-up question (or adds to the tip) with the receipt. */
export async function answerAsTipster(ctx: Context, receipt: string, body: string): Promise<void> {
  const text = body.trim();
  if (!text) throw new DomainError('required', 'answer: is required', 'answer', { field: 'answer' });
  if (text.length > 2000)
    throw new DomainError('too_long', 'answer: must be at most 2000 characters', 'answer', {
      field: 'answer',
      limit: 2000,
    });
  await inTransaction(ctx, async (tx) => {
    const tip = await tipOfReceipt(tx.db, receipt);
    if (tip.status === 'closed') throw new ConflictError('tip_closed', 'this tip is closed');
    await repo.insertMessage(tx.db, {
      tip_id: tip.id,
      author: 'tipster',
      officer: null,
      body: text,
      created_at: tx.now.toISOString(),
    });
    await repo.updateTip(tx.db, tip.id, { updated_at: tx.now.toISOString() });
    await recordEvent(tx, {
      action: 'tip.answer',
      entityType: 'tip',
      entityId: tip.id,
      after: { bodyDigest: digest(text) },
    });
  });
}

/** Claims the reward with the receipt: one claim per result, only once the clearance is verified. */
export async function claimReward(ctx: Context, receipt: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const tip = await tipOfReceipt(tx.db, receipt);
    if (tip.fugitive_id) await lockFugitive(tx.db, tip.fugitive_id);
    const problem = rewardClaimProblem({
      outcome: tip.outcome,
      cleared: tip.exit_on !== null && tip.exit_on !== undefined,
      reward: tip.reward === null || tip.reward === undefined ? null : Number(tip.reward),
      claimedAt: tip.reward_claimed_at,
      otherClaimed: tip.fugitive_id
        ? await repo.rewardClaimedByOtherTip(tx.db, tip.id, tip.fugitive_id)
        : false,
    });
    if (problem) throw conflictOf(problem);
    await repo.updateTip(tx.db, tip.id, {
      reward_claimed_at: tx.now.toISOString(),
      updated_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'tip.reward-claim',
      entityType: 'tip',
      entityId: tip.id,
      after: { listingNo: tip.listing_no, reward: tip.reward },
    });
  });
}

// ——— Tip handling by the units ———

export async function listTips(ctx: Context, status?: string): Promise<{ tips: TipOut[] }> {
  return { tips: (await repo.tipsInScope(ctx.db, unitFilter(ctx.scope), status)).map(presentTip) };
}

async function loadTip(ctx: Context, id: number) {
  const tip = await repo.tipById(ctx.db, id);
  if (!tip) throw new NotFoundError('tip', String(id));
  if (!inScope(ctx.scope, tip.assigned_unit_id))
    throw new ForbiddenError('out_of_scope', `tip ${id} belongs to a unit outside yours`, undefined, {
      what: 'tip',
      key: String(id),
    });
  return tip;
}

/** The sealed contact details, or 'unreadable' when they were sealed with another key. */
function openContact(sealed: string): TipDetailOut['contact'] | 'unreadable' {
  try {
    return JSON.parse(unseal(sealed)) as TipDetailOut['contact'];
  } catch {
    return 'unreadable';
  }
}

/** A tip with its conversation; the contact details only for officers of the assigned unit. */
export async function tipDetail(ctx: Context, id: number): Promise<TipDetailOut> {
  const user = signedInUser(ctx);
  const tip = await loadTip(ctx, id);
  const visible = mayReadContact(user.unitId, tip.assigned_unit_id);
  const opened = visible && tip.contact_sealed ? openContact(tip.contact_sealed) : null;
  const contact = opened === 'unreadable' ? null : opened;
  const messages = await repo.messagesOf(ctx.db, id);
  return {
    ...presentTip(tip),
    contact,
    contactVisible: visible,
    contactUnreadable: opened === 'unreadable',
    messages: messages.map((m) => ({
      author: m.author as 'officer' | 'tipster',
      officer: m.officer,
      body: m.body,
      at: m.created_at,
    })),
  };
}

/** Triage: judge the tip and link it to a case (a listing in the caller's units, or a remote one). */
export async function triageTip(ctx: Context, id: number, input: TriageInput): Promise<TipDetailOut> {
  await inTransaction(ctx, async (tx) => {
    const tip = await loadTip(tx, id);
    if (tip.status === 'closed') throw new ConflictError('tip_closed', `tip ${id} is closed`);
    let fugitiveId = tip.fugitive_id;
    let assignedUnitId = tip.assigned_unit_id;
    if (input.listingNo !== undefined) {
      if (input.listingNo === null) fugitiveId = null;
      else {
        const f = await fugitiveByListingNo(tx.db, input.listingNo);
        if (!f)
          throw new DomainError('unknown_listing', `no listing ${input.listingNo}`, 'listingNo', {
            listingNo: input.listingNo,
          });
        if (f.listing_unit_id !== null && !inScope(tx.scope, f.listing_unit_id))
          throw new ForbiddenError(
            'out_of_scope',
            `listing ${input.listingNo} belongs to a unit outside yours`,
            undefined,
            { what: 'fugitive', key: input.listingNo },
          );
        // A tip linked before the listing was withdrawn keeps its link; a new link to it is refused.
        const withdrawn = f.id === tip.fugitive_id ? null : withdrawnListingRefusal(f);
        if (withdrawn) throw conflictOf(withdrawn, 'listingNo');
        fugitiveId = f.id;
        // Linked to a local case, the tip goes to the unit that listed the person (the command
        // centre hands it down); a remote case leaves it where it is.
        if (f.listing_unit_id !== null) assignedUnitId = f.listing_unit_id;
      }
    }
    await repo.updateTip(tx.db, id, {
      triage: input.triage,
      fugitive_id: fugitiveId,
      assigned_unit_id: assignedUnitId,
      status: 'triaged',
      updated_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'tip.triage',
      entityType: 'tip',
      entityId: id,
      before: {
        status: tip.status,
        triage: tip.triage,
        listingNo: tip.listing_no,
        assignedUnitId: tip.assigned_unit_id,
      },
      after: {
        assignedUnitId,
        status: 'triaged',
        triage: input.triage,
        listingNo: input.listingNo === undefined ? tip.listing_no : input.listingNo,
      },
    });
  });
  return tipDetail(ctx, id);
}

/** Asks the tipster a follow-up question; they read it and answer with their receipt. */
export async function askTipster(ctx: Context, id: number, body: string): Promise<TipDetailOut> {
  await inTransaction(ctx, async (tx) => {
    const tip = await loadTip(tx, id);
    if (tip.status === 'closed') throw new ConflictError('tip_closed', `tip ${id} is closed`);
    await repo.insertMessage(tx.db, {
      tip_id: id,
      author: 'officer',
      officer: tx.actor,
      body,
      created_at: tx.now.toISOString(),
    });
    await repo.updateTip(tx.db, id, {
      status: tip.status === 'new' ? 'triaged' : tip.status,
      updated_at: tx.now.toISOString(),
    });
    await recordEvent(tx, {
      action: 'tip.question',
      entityType: 'tip',
      entityId: id,
      after: { bodyDigest: digest(body) },
    });
  });
  return tipDetail(ctx, id);
}

/** Closes a tip with its outcome; "led to a clearance" needs the tip linked to a case. */
export async function closeTip(ctx: Context, id: number, outcome: TipOutcome): Promise<TipDetailOut> {
  await inTransaction(ctx, async (tx) => {
    const tip = await loadTip(tx, id);
    if (tip.status === 'closed') throw new ConflictError('tip_closed', `tip ${id} is already closed`);
    if (outcome === 'led_to_clearance' && tip.fugitive_id === null)
      throw new DomainError(
        'not_linked',
        'outcome: link the tip to its case before closing it as leading to a clearance',
        'outcome',
      );
    await repo.updateTip(tx.db, id, { status: 'closed', outcome, updated_at: tx.now.toISOString() });
    await recordEvent(tx, {
      action: 'tip.close',
      entityType: 'tip',
      entityId: id,
      before: { status: tip.status },
      after: { status: 'closed', outcome, listingNo: tip.listing_no },
    });
  });
  return tipDetail(ctx, id);
}
