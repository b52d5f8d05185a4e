// Shared by the registry, case, claim and queue pages: the names of the workflow's values in the
// reader's language, and the few response types the server does not export by name (built from
// its schemas, never by hand).
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
import type { AnswerOf } from './api.ts';

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
    withdrawn: t('Withdrawn (entered by mistake)'),
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
    'clearance.hold-as-conflict': t('Claim held as a conflict (persons regrouped)'),
    'clearance.release-conflict': t('Claim stands again (persons regrouped)'),
    'four_ones.update': t('Four ones updated'),
    'four_ones.approve_plan': t('Arrest plan approved'),
    'case_owner.assign': t('Case owner assigned'),
    'fugitive.correct': t('Listing corrected'),
    'fugitive.withdrawal-ask': t('Withdrawal asked (entered by mistake)'),
    'fugitive.withdrawal-approve': t('Withdrawal approved: the listing is withdrawn'),
    'fugitive.withdrawal-refuse': t('Withdrawal refused'),
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
