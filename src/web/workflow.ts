// Shared by the registry, case, claim and queue pages: the names of the workflow's values in the
// reader's language, the API's refusals turned into sentences in that language, and the few
// response types the server does not export by name (from the generated API types, never by hand).
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
// The lists of codes come from the server's rules, so the app offers exactly what the API accepts.
import { CANCELLATION_REASONS, CLEARANCE_KINDS } from '../areas/clearances/rules.ts';
import type { ClaimOut } from '../areas/clearances/schema.ts';
import { CRIME_CATEGORIES } from '../areas/registry/rules.ts';
import type { FourOnesOut } from '../areas/four-ones/schema.ts';
import { DOSSIER_ITEMS } from '../areas/four-ones/rules.ts';
import type { FugitiveSummary } from '../areas/registry/schema.ts';
import type { UnitKind } from '../areas/units/rules.ts';
import { type AnswerOf, ApiError } from './api.ts';

export type ClaimKind = ClaimOut['kind'];
export type ClaimStatus = ClaimOut['status'];
export type CrimeCategory = FugitiveSummary['crimeCategory'];
export type DossierItem = keyof FourOnesOut['dossier'];
export type FourOne = FourOnesOut['missing'][number];

/** GET /api/fugitives/{listingNo}: the summary with the case number, the claims and the timeline. */
export type FugitiveDetail = AnswerOf<'/api/fugitives/{listingNo}'>;
export type TimelineEntry = FugitiveDetail['timeline'][number];

/** GET /api/units: one unit of the tree. */
export interface UnitNode {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}

export const CLAIM_KINDS = CLEARANCE_KINDS;
export const CRIME_CATEGORY_LIST = CRIME_CATEGORIES;
export const CANCELLATION_REASON_LIST = CANCELLATION_REASONS;
export const DOSSIER_ITEM_LIST = DOSSIER_ITEMS;

/** The workflow's values named in the reader's language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => labels(t), [t, i18n.language]);
}

function labels(t: TFunction) {
  const kind: Record<ClaimKind, string> = {
    arrest: t('Arrest'),
    surrender: t('Surrender'),
    death: t('Death'),
    cancellation: t('Cancellation'),
  };
  const claimStatus: Record<ClaimStatus, string> = {
    pending: t('Pending'),
    approved: t('Approved, awaiting verification'),
    verified: t('Verified'),
    rejected: t('Rejected'),
    conflict: t('Conflict'),
    superseded: t('Superseded'),
  };
  const category: Record<CrimeCategory, string> = {
    homicide: t('Homicide'),
    robbery: t('Robbery'),
    rape: t('Rape'),
    kidnapping: t('Kidnapping'),
    arson: t('Arson'),
    drugs: t('Drugs'),
    fraud: t('Fraud'),
    theft: t('Theft'),
    assault: t('Assault'),
    other: t('Other'),
  };
  const reason: Record<(typeof CANCELLATION_REASON_LIST)[number], string> = {
    warrant_withdrawn: t('Warrant withdrawn'),
    no_prosecution: t('No prosecution'),
    duplicate_listing: t('Duplicate listing'),
    limitation_expired: t('Limitation period expired'),
    listing_error: t('Listing error'),
    other: t('Other reason'),
  };
  const dossier: Record<DossierItem, string> = {
    case_file: t('Decision to open the case'),
    arrest_warrant: t('Arrest warrant'),
    photo: t('Recent photograph'),
    biometrics: t('Fingerprints and DNA'),
    identity_record: t('Identity and household registration'),
    social_relations: t('Social relations and contacts'),
    escape_analysis: t('Analysis of where the person fled'),
  };
  const fourOne: Record<FourOne, string> = {
    dossier: t('Dossier'),
    plan: t('Arrest plan'),
    leader: t('Responsible leader'),
    team: t('Pursuit team'),
  };
  const fugitiveStatus: Record<FugitiveSummary['status'], string> = {
    active: t('At large'),
    cleared: t('Cleared'),
  };
  const sex: Record<'M' | 'F', string> = { M: t('Male'), F: t('Female') };
  const action: Record<string, string> = {
    'fugitive.listed': t('Listed as wanted'),
    'clearance.claim': t('Clearance claimed'),
    'clearance.approve': t('Cancellation approved'),
    'clearance.refuse': t('Cancellation refused'),
    'clearance.verify': t('Claim verified'),
    'clearance.reject': t('Claim rejected'),
    'clearance.supersede': t('Claim replaced by a correction'),
    'four_ones.update': t('Four ones updated'),
    'four_ones.approve_plan': t('Arrest plan approved'),
    'case_owner.assign': t('Case owner assigned'),
  };
  return {
    kind,
    claimStatus,
    category,
    reason,
    reasonOf: (code: string | null) => (code && code in reason ? reason[code as keyof typeof reason] : code),
    dossier,
    fourOne,
    fugitiveStatus,
    sex,
    action: (a: string) => action[a] ?? a,
  };
}
export type Labels = ReturnType<typeof labels>;

/** A claim status as a badge whose colour and text both say it. */
export const STATUS_TONE: Record<ClaimStatus, string> = {
  pending: 'lagging',
  approved: 'info',
  verified: 'onTrack',
  rejected: 'zero',
  conflict: 'zero',
  superseded: 'none',
};

/** The unit tree in order, each with its depth, for selects that show the hierarchy. */
export function unitTree(units: UnitNode[], root?: string): { unit: UnitNode; depth: number }[] {
  const children = new Map<string | null, UnitNode[]>();
  for (const u of units) children.set(u.parent, [...(children.get(u.parent) ?? []), u]);
  const out: { unit: UnitNode; depth: number }[] = [];
  const walk = (u: UnitNode, depth: number) => {
    out.push({ unit: u, depth });
    for (const c of children.get(u.code) ?? []) walk(c, depth + 1);
  };
  const start = root ? units.filter((u) => u.code === root) : (children.get(null) ?? []);
  for (const u of start) walk(u, 0);
  return out;
}

/** An option label indented by depth (non-breaking spaces survive in <option>). */
export function indented(name: string, depth: number): string {
  return `${'\u00a0\u00a0'.repeat(depth)}${name}`;
}

/** A date (YYYY-MM-DD) or an instant, each in its own format. */
export function isDateOnly(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

/**
 * The API's message, in the reader's language where the web app knows it (the server speaks
 * English); the code and field stay, so FieldError still finds the field.
 */
export function localized(error: unknown, t: TFunction, l: Labels): ApiError {
  if (!(error instanceof ApiError)) return new ApiError(0, 'network', String(error));
  const say = (message: string) => new ApiError(error.status, error.code, message, error.field, error.rows);
  // The field name, and for schema errors the part of the request, lead the message of input
  // errors ("evidenceRef: is required …", "body reason: is required …").
  const text = error.message.replace(/^(?:(?:body|querystring|params) )?[\w.]+: /, '');
  let m: RegExpMatchArray | null;
  switch (error.code) {
    case 'stale':
      return say(t('Someone else changed this; reload.'));
    case 'no_plan':
      return say(t('There is no arrest plan to approve yet.'));
    case 'already_approved':
      return say(t('The plan was already approved.'));
    case 'cleared':
      return say(t('The case is already cleared.'));
    case 'owned':
      return say(t('Another leader owns this case: only a commander can reassign it.'));
    case 'remote_listing':
      return say(t('This person is listed by an outside agency: the four ones are kept there.'));
    case 'network':
      return say(t('The server could not be reached.'));
    case 'invalid_text':
      return say(t('Contains a NUL byte or a broken character: retype it.'));
    case 'busy':
      return say(t('The database is busy with another write (an import): try again in a few seconds.'));
    case 'not_independent':
      return say(
        text.startsWith('the claimant')
          ? t('The claimant cannot decide their own claim.')
          : t(
              'An inspector of a unit the claim credits or concerns, or above or below it, cannot decide it.',
            ),
      );
    case 'outside_warrant':
      return say(t('This person is listed by an outside agency: only that agency can withdraw its warrant.'));
    case 'not_under_way':
      return say(t('The campaign is not under way: reviews are held from launch to the deadline.'));
  }
  if (text === 'say what reasons were found with the unit')
    return say(t('Say what reasons were found with the unit.'));
  if (text === 'record the catch-up plan') return say(t('Record the catch-up plan.'));
  if (text === 'the review is already closed') return say(t('The review is already closed.'));
  if (text.startsWith('the review is owned by'))
    return say(t('Only the owner of the review or a commander closes it.'));
  if (text === 'the claimant cannot verify their own claim')
    return say(t('The claimant cannot verify their own claim.'));
  if (/^an inspector of the claimant.s unit cannot verify it$/.test(text))
    return say(t('An inspector of the claiming unit cannot verify its claim.'));
  if (text === 'the claimant cannot decide their own claim')
    return say(t('The claimant cannot decide their own claim.'));
  if (text === 'the claimant cannot be the second approver')
    return say(t('The claimant cannot be the second approver.'));
  if (text.startsWith('a cancellation needs a second approver'))
    return say(t('A cancellation needs a leader to approve it before it is verified.'));
  if (text.startsWith('a death needs a second approver'))
    return say(t('A death needs a leader to approve it before it is verified.'));
  if (text.startsWith('another claim on this person stands'))
    return say(t('Another claim on this person stands: reject it before verifying this one.'));
  if ((m = /^the claim is already (\w+)$/.exec(text))) {
    const status = m[1] as ClaimStatus;
    return say(t('The claim is already decided: {{status}}.', { status: l.claimStatus[status] ?? status }));
  }
  if (text === 'you can credit persuasion only to your own units')
    return say(t('You can credit persuasion only to your own units.'));
  if (text === 'you can claim captures only for your own units')
    return say(t('You can claim captures only for your own units.'));
  if ((m = /^is in the future \((.+)\)$/.exec(text)))
    return say(t('Is in the future ({{date}}).', { date: m[1] }));
  if ((m = /^is before the listing date (.+)$/.exec(text)))
    return say(t('Is before the listing date {{date}}.', { date: m[1] }));
  if (/^is required for \w+: the detention notice number$/.test(text))
    return say(t('Required for an arrest or a surrender: the detention notice number.'));
  if (/^is required for (arrest|surrender)$/.test(text))
    return say(t('Required for an arrest or a surrender.'));
  if (text === 'is required for a cancellation') return say(t('Required for a cancellation.'));
  if (text.startsWith('is required for a death'))
    return say(t("Required for a death: the death record's number."));
  if (text.startsWith('is required when the reason is'))
    return say(t('Required when the reason is “other”.'));
  if (text === 'is only for surrenders') return say(t('Only for surrenders.'));
  if (text.startsWith('is required: say why')) return say(t('Required: say why the claim is turned down.'));
  if (text === 'is required') return say(t('Required.'));
  if ((m = /^unknown unit (.+)$/.exec(text))) return say(t('Unknown unit {{code}}.', { code: m[1] }));
  return error;
}
