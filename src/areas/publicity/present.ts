import type { ActivityRow, NoticeRow, PublicFugitiveRow, TipRow } from './repo.ts';
import {
  type ActivityKind,
  type NoticeStatus,
  type TipChannel,
  type TipOutcome,
  type TipStatus,
  type TriageLabel,
  ledToClearance,
  maskIdNumber,
} from './rules.ts';
import type { ActivityOut, NoticeOut, TipOut } from './schema.ts';

/** What leaves the server: whitelists, so a new column never leaks by accident. */
export function presentActivity(a: ActivityRow): ActivityOut {
  return {
    id: a.id,
    unit: { code: a.unit_code, name: a.unit_name },
    kind: a.kind as ActivityKind,
    heldOn: a.held_on,
    place: a.place,
    quantity: a.quantity,
    description: a.description,
    createdBy: a.created_by,
    createdAt: a.created_at,
  };
}

export function presentNotice(n: NoticeRow): NoticeOut {
  return {
    id: n.id,
    version: n.version,
    titleZh: n.title_zh,
    bodyZh: n.body_zh,
    titleEn: n.title_en,
    bodyEn: n.body_en,
    status: n.status as NoticeStatus,
    draftedBy: n.drafted_by,
    draftedAt: n.drafted_at,
    decidedBy: n.decided_by,
    decidedAt: n.decided_at,
    publishedAt: n.published_at,
  };
}

/** A tip for staff lists: never the contact details (see the detail, for the assigned unit only). */
export function presentTip(t: TipRow): TipOut {
  const cleared = t.exit_on !== null && t.exit_on !== undefined;
  return {
    id: t.id,
    status: t.status as TipStatus,
    triage: t.triage as TriageLabel | null,
    outcome: t.outcome as TipOutcome | null,
    unit: { code: t.unit_code, name: t.unit_name },
    fugitive:
      t.listing_no === null || t.listing_no === undefined
        ? null
        : {
            listingNo: t.listing_no,
            name: t.fugitive_name ?? '',
            cleared,
            reward: t.reward === null || t.reward === undefined ? null : Number(t.reward),
          },
    seen: t.seen_text,
    where: t.seen_where,
    when: t.seen_when,
    language: t.language,
    hasContact: t.contact_sealed !== null,
    rewardClaimedAt: t.reward_claimed_at,
    receivedAt: t.received_at,
    updatedAt: t.updated_at,
    countsAsResult: ledToClearance(t.outcome, cleared),
    channel: t.channel as TipChannel,
    enteredBy: t.entered_by,
  };
}

/** A fugitive as the public sees them: no full ID number, no case number, no listing unit. */
export interface PublicFugitive {
  listingNo: string;
  name: string;
  sex: string | null;
  birthYear: string | null;
  idNumber: string | null;
  crimeCategory: string;
  offence: string;
  reward: number | null;
  photo: string | null;
}

export function presentPublicFugitive(f: PublicFugitiveRow): PublicFugitive {
  return {
    listingNo: f.listing_no,
    name: f.name,
    sex: f.sex,
    birthYear: f.birth_date ? f.birth_date.slice(0, 4) : null,
    idNumber: maskIdNumber(f.id_number),
    crimeCategory: f.crime_category,
    offence: f.offence,
    reward: f.reward === null ? null : Number(f.reward),
    photo: f.photo_sha256,
  };
}
