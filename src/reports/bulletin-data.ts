// The daily bulletin (每日通报) as data: a list of sections that every renderer (HTML, PDF, XLSX)
// walks in order. A new kind of section is one more member of `BulletinSection` and one more case
// in each renderer.
import { chainHead } from '../areas/audit/repo.ts';
import { dashboard, findCampaign, standings } from '../areas/campaigns/service.ts';
import { compliance } from '../areas/four-ones/service.ts';
import { listNotices } from '../areas/supervision/service.ts';
import { overdueItems } from '../areas/rectification/service.ts';
import { latestBulletin } from '../areas/bulletins/repo.ts';
import { confirmedFabrications } from '../areas/integrity/service.ts';
import type { AnomalyRule } from '../areas/integrity/types.ts';
import type { NoticeKind } from '../areas/supervision/rules.ts';
import type { UnitStanding } from '../areas/campaigns/rules.ts';
import type { PaceOut } from '../areas/campaigns/schema.ts';
import { type UnitKind, byKindThenRank } from '../areas/units/rules.ts';
import type { Context } from '../shared/context.ts';
import { type IsoDate, addDays, daysBetween, localDate } from '../shared/dates.ts';

export interface UnitRef {
  code: string;
  name: string;
}

/** A unit's place in a ranking. Fields marked optional are absent from bulletins issued before they existed. */
export interface RankedUnit extends UnitRef {
  kind?: UnitKind;
  parentName?: string | null;
  rank: number;
  baseline: number;
  cleared: number;
  declineRate: number | null;
  target?: number;
  captures: number;
  arrests?: number;
  surrenders?: number;
  newListings?: number;
  onTrack: boolean | null;
  /** When the unit reaches its target at the last 7 days' pace; null: not at this pace. */
  projectedOn?: IsoDate | null;
}

/** A person taken out of the frozen baseline: a listing proven entered in error. */
export interface BaselineCorrection {
  listingNos: string[];
  unit: UnitRef;
  reason: string;
  correctedBy: string;
  correctedOn: IsoDate;
}

/** The homicide figures (命案逃犯) of one unit. */
export interface HomicideRow extends UnitRef {
  baseline: number;
  cleared: number;
  declineRate: number | null;
  captures: number;
}

export type BulletinSection =
  | {
      kind: 'headline';
      baseline: number;
      cleared: number;
      declineRate: number | null;
      netDeclineRate: number | null;
      trajectory: number;
      capturesLocal: number;
      capturesRemote: number;
      arrests?: number;
      surrenders?: number;
      newListings?: number;
      cancellations: number;
      activeNow: number;
      daysLeft: number;
      /** The city's pace and forecast (absent from bulletins issued before it was printed). */
      pace?: PaceOut;
    }
  | { kind: 'trend'; points: { date: IsoDate; declineRate: number | null; trajectory: number }[] }
  | { kind: 'ranking'; units: RankedUnit[] }
  /** The issuing unit's homicide figures first, then those of the level below it. */
  | { kind: 'homicide'; units: HomicideRow[] }
  | {
      kind: 'lagging';
      trajectory: number;
      lagging: (UnitRef & { declineRate: number | null })[];
      zeroResult: UnitRef[];
    }
  | {
      kind: 'four-ones';
      units: (UnitRef & { fugitives: number; complete: number; completeShare: number | null })[];
    }
  | {
      kind: 'notices';
      notices: (UnitRef & { kind: NoticeKind; text: string; issuedOn: IsoDate })[];
      /** Fabricated results inspectors confirmed since the previous bulletin: criticised by name. */
      fabrications: {
        unit: UnitRef | null;
        listingNo: string | null;
        rule: AnomalyRule;
        note: string;
        confirmedOn: IsoDate;
      }[];
      /** Rectification items past their deadline without the unit's report (supervision). */
      overdueRectification?: (UnitRef & { problem: string; deadlineOn: IsoDate; daysOverdue: number })[];
    }
  | {
      kind: 'day-results';
      date: IsoDate;
      items: {
        listingNo: string;
        name: string;
        kind: string;
        category: string;
        unit: UnitRef | null;
        remote: boolean;
      }[];
    }
  | {
      kind: 'audit';
      head: string;
      events: number;
      baselineDigest?: string | null;
      /** Every baseline correction made by the end of the bulletin's day, oldest first. */
      corrections?: BaselineCorrection[];
    }
  /** Every police station and squad, ranked among its own kind. */
  | { kind: 'appendix'; units: RankedUnit[] };

export interface BulletinData {
  campaign: { name: string; startOn: IsoDate; deadlineOn: IsoDate; target: number };
  asOf: IsoDate;
  /** The baseline is not frozen yet (absent from bulletins issued before it was printed). */
  provisional?: boolean;
  /** 期号, once issued. */
  number: number | null;
  issuedAt: string | null;
  issuedBy: string | null;
  sections: BulletinSection[];
}

/** How many days back the bulletin prints issued praise and criticism notices. */
export const NOTICE_DAYS = 7;

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
    verifiedOn(ctx, asOf),
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
  return {
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
  const previous = await latestBulletin(ctx.db, campaignId);
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

/** The end of a local day (UTC+8) as an instant. */
const endOfDay = (date: IsoDate) => `${date}T16:00:00.000Z`;
const minInstant = (a: string, b: string) => (new Date(a) < new Date(b) ? a : b);

/** The day's verified results: clearances verified on a date (bureau's time zone) or dated that day. */
async function verifiedOn(ctx: Context, date: IsoDate) {
  // The local day [00:00, 24:00) at UTC+8 as instants.
  const from = endOfDay(addDays(date, -1));
  const to = endOfDay(date);
  const rows = await ctx.db
    .selectFrom('clearances as c')
    .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
    .leftJoin('units as u', 'u.id', 'c.capturing_unit_id')
    .select([
      'f.listing_no',
      'f.name',
      'f.crime_category',
      'f.listing_unit_id',
      'c.kind',
      'u.code',
      'u.name as unit_name',
    ])
    .where('c.status', '=', 'verified')
    // Verified that day as entered by a unit, or dated that day (history imported in bulk is not
    // the day's result just because it was loaded that day).
    .where((eb) =>
      eb.or([
        eb('c.occurred_on', '=', date),
        eb.and([
          eb('c.provenance', '=', 'entry'),
          eb('c.decided_at', '>=', from),
          eb('c.decided_at', '<', to),
        ]),
      ]),
    )
    .orderBy('c.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    listingNo: r.listing_no,
    name: r.name,
    kind: r.kind,
    category: r.crime_category,
    unit: r.code ? { code: r.code, name: r.unit_name! } : null,
    remote: r.listing_unit_id === null,
  }));
}
