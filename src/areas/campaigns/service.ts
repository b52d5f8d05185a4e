import { type Context, inTransaction } from '../../shared/context.ts';
import { type IsoDate, daysBetween, localDate } from '../../shared/dates.ts';
import { ConflictError, DomainError, NotFoundError } from '../../shared/errors.ts';
import { frozen } from '../../shared/frozen.ts';
import type { CampaignRow, UnitRow } from '../../db/tables.ts';
import type { Executor } from '../../db/connection.ts';
import { keptByVersion } from '../../db/kept-by-version.ts';
import { recordEvent } from '../audit/service.ts';
import * as repo from './repo.ts';
import { type FactDifference, compareForRank, composition, elapsedShare } from './rules.ts';
import { type ComputedFigures, campaignTerms, computeFigures, keptFactsDrift } from './figures.ts';
import { computeFiguresFor } from './figures-pool.ts';
import { projectionLine } from './pace.ts';
import { snapshotDigest } from './snapshot-digest.ts';
import { inScope, requireInScope } from '../accounts/rules.ts';
import { subtreeIds } from '../units/rules.ts';
import { allUnits } from '../units/repo.ts';
import { meetingsOf } from '../meetings/repo.ts';
import {
  TIMELINE_KINDS,
  type TimelineKind,
  campaignMobilisation,
  timelineMeetings,
} from '../meetings/rules.ts';
import { DEFAULT_VISIT_INTERVAL_DAYS } from '../guidance/rules.ts';
import { DEFAULT_RETURN_CUTOFF } from '../returns/rules.ts';
import {
  type BaselineCorrectionInput,
  type BaselineCorrectionOut,
  type CampaignInput,
  type StandingsOut,
  baselineCorrectionInput,
  campaignInput,
} from './schema.ts';

/**
 * Sets up a campaign. Its baseline freezes from the records at launch, unless `baseline` is given
 * (a follow-on campaign's carried-over persons, each in its unit): then that is frozen at once.
 */
export async function createCampaign(
  ctx: Context,
  input: CampaignInput,
  baseline?: readonly { person_id: number; unit_id: number }[],
): Promise<CampaignRow> {
  const c = campaignInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    if (await repo.campaignByName(tx.db, c.name)) {
      throw new DomainError('campaign_exists', `a campaign named ${c.name} already exists`, 'name', {
        name: c.name,
      });
    }
    const row = {
      name: c.name,
      baseline_on: c.baselineOn,
      start_on: c.startOn,
      deadline_on: c.deadlineOn,
      year_end_on: c.yearEndOn ?? `${c.deadlineOn.slice(0, 4)}-12-31`,
      target: c.target,
      counted_kinds: c.countedKinds.join(','),
      four_ones_categories: c.fourOnesCategories.join(','),
      integrity_settings: null,
      document_settings: null,
      reminder_settings: null,
      return_cutoff: DEFAULT_RETURN_CUTOFF,
      visit_interval_days: DEFAULT_VISIT_INTERVAL_DAYS,
      created_at: tx.now.toISOString(),
    };
    const id = await repo.insertCampaign(tx.db, { ...row, frozen_at: null, baseline_digest: null });
    await recordEvent(tx, { action: 'campaign.create', entityType: 'campaign', entityId: id, after: row });
    if (baseline) await freeze(tx, (await repo.campaignById(tx.db, id))!, baseline);
    // Launched today or earlier: the baseline is what the records show now.
    await freezeDueCampaigns(tx);
    return (await repo.campaignById(tx.db, id))!;
  });
}

/**
 * Freezes the baseline snapshot of a campaign: the persons the records show now (or, for a
 * follow-on campaign, the persons `given`), each in one unit, stored with a digest that goes into the audit chain. Nothing recorded later changes it.
 */
async function freeze(
  tx: Context,
  campaign: CampaignRow,
  given?: readonly { person_id: number; unit_id: number }[],
): Promise<CampaignRow> {
  const rows = given
    ? await repo.insertGivenBaseline(tx.db, campaign.id, given)
    : await repo.insertBaselineSnapshot(tx.db, campaign);
  const digest = snapshotDigest(rows);
  const at = tx.now.toISOString();
  await repo.markFrozen(tx.db, campaign.id, at, digest);
  await recordEvent(tx, {
    action: 'campaign.freeze',
    entityType: 'campaign',
    entityId: campaign.id,
    after: { campaign: campaign.name, persons: rows.length, baselineDigest: digest },
  });
  await lettersShowFrozenBaseline(tx, campaign, rows, digest);
  return { ...campaign, frozen_at: at, baseline_digest: digest };
}

/**
 * A letter signed before the freeze shows the provisional baseline of its signing day; at the
 * freeze each letter takes its unit's frozen count (its persons and those of the units below), so
 * every letter shows the frozen baseline. Each change is audited, with the snapshot's digest.
 */
async function lettersShowFrozenBaseline(
  tx: Context,
  campaign: CampaignRow,
  snapshot: readonly { unit_id: number }[],
  digest: string,
): Promise<void> {
  const letters = await repo.lettersWithBaselines(tx.db, campaign.id);
  if (letters.length === 0) return;
  const units = await allUnits(tx.db);
  const perUnit = new Map<number, number>();
  for (const p of snapshot) perUnit.set(p.unit_id, (perUnit.get(p.unit_id) ?? 0) + 1);
  for (const letter of letters) {
    const frozen = subtreeIds(units, letter.unit_id).reduce((n, id) => n + (perUnit.get(id) ?? 0), 0);
    if (frozen === letter.baseline) continue;
    await repo.setLetterBaseline(tx.db, letter.id, frozen);
    await recordEvent(tx, {
      action: 'letter.baseline-frozen',
      entityType: 'letter',
      entityId: letter.id,
      before: { baseline: letter.baseline },
      after: { baseline: frozen, campaign: campaign.name, baselineDigest: digest },
    });
  }
}

/**
 * Freezes every campaign launched by today that is not frozen yet. The first command or request on
 * or after a campaign's launch day calls this, so a campaign created ahead of launch freezes then.
 */
export async function freezeDueCampaigns(ctx: Context): Promise<void> {
  await freezeDueAt(ctx);
}

/**
 * Per store, the day and figures version at which no campaign was due to freeze. Creating or
 * freezing a campaign moves the version (triggers, in every process), so while neither it nor the
 * day has moved none has become due: every request asks, and the answer costs one version read.
 */
const noneDueAt = new WeakMap<Executor, string>();

/**
 * Freezes what is due; outside a transaction, returns the figures version read before the check
 * when nothing was due (what the caller may read the figures at), else null.
 */
async function freezeDueAt(ctx: Context): Promise<number | null> {
  const today = localDate(ctx.now);
  const version = ctx.db.isTransaction ? null : await repo.figuresVersion(ctx.db);
  if (version !== null && noneDueAt.get(ctx.db) === `${today} ${version}`) return version;
  if ((await repo.campaignsDueToFreeze(ctx.db, today)).length === 0) {
    if (version !== null) noneDueAt.set(ctx.db, `${today} ${version}`);
    return version;
  }
  await inTransaction(ctx, async (tx) => {
    // Two first requests at once: the second waits for the first and then finds nothing to do.
    await repo.lockCampaigns(tx.db);
    for (const c of await repo.campaignsDueToFreeze(tx.db, today)) await freeze(tx, c);
  });
  return null;
}

/** Freezes a campaign's baseline now (`qingwang campaign freeze`); refused before launch or twice. */
export async function freezeCampaign(ctx: Context, name: string): Promise<CampaignRow> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, name);
    if (campaign.frozen_at !== null)
      throw new ConflictError('already_frozen', `campaign ${name} was frozen at ${campaign.frozen_at}`);
    if (campaign.start_on > localDate(tx.now))
      throw new DomainError(
        'not_launched',
        `campaign ${name} launches on ${campaign.start_on}: its baseline freezes then`,
        'campaign',
        { date: campaign.start_on },
      );
    return freeze(tx, campaign);
  });
}

/**
 * A baseline correction: a listing proven entered in error takes its person out of the frozen
 * baseline. A commander's act with a reason, audited, and listed on every later bulletin.
 */
export async function correctBaseline(
  ctx: Context,
  campaignName: string,
  input: BaselineCorrectionInput,
): Promise<BaselineCorrectionOut> {
  const { listingNo, reason } = baselineCorrectionInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    if (campaign.frozen_at === null)
      throw new DomainError(
        'not_frozen',
        `campaign ${campaign.name} has no frozen baseline yet: its figures are provisional`,
        'campaign',
      );
    const row = await repo.baselineRowOfListing(tx.db, campaign.id, listingNo);
    if (!row)
      throw new DomainError(
        'not_in_baseline',
        `listing ${listingNo} is not one of our listings in the baseline of ${campaign.name}`,
        'listingNo',
        { listingNo },
      );
    if (row.corrected_at !== null)
      throw new ConflictError(
        'already_corrected',
        `listing ${listingNo} was taken out on ${row.corrected_at}`,
        undefined,
        { listingNo },
      );
    const correction = { at: tx.now.toISOString(), by: tx.actor, reason };
    await repo.markCorrected(tx.db, campaign.id, row.person_id, correction);
    const out = (await baselineCorrectionsOf(tx.db, campaign)).find((c) => c.listingNos.includes(listingNo))!;
    await recordEvent(tx, {
      action: 'campaign.baseline-correct',
      entityType: 'campaign',
      entityId: campaign.id,
      after: out,
    });
    return out;
  });
}

/** Every baseline correction of a campaign, oldest first (bulletins list them all). */
export async function baselineCorrections(
  ctx: Context,
  campaignName: string,
): Promise<BaselineCorrectionOut[]> {
  return baselineCorrectionsOf(ctx.db, await findCampaign(ctx.db, campaignName));
}

async function baselineCorrectionsOf(db: Executor, campaign: CampaignRow): Promise<BaselineCorrectionOut[]> {
  return (await repo.baselineCorrections(db, campaign.id)).map((c) => ({
    campaign: campaign.name,
    listingNos: c.listingNos,
    unit: { code: c.unit_code, name: c.unit_name },
    reason: c.correction_reason ?? '',
    correctedBy: c.corrected_by ?? '',
    correctedAt: c.corrected_at ?? '',
  }));
}

/** The named campaign, or the latest one when no name is given. */
export async function findCampaign(db: Executor, name?: string): Promise<CampaignRow> {
  const campaign = name ? await repo.campaignByName(db, name) : await repo.latestCampaign(db);
  if (!campaign)
    throw name
      ? new NotFoundError('campaign', name)
      : new DomainError('no_campaign', 'no campaign yet: create one first', 'campaign');
  return campaign;
}

/** A campaign looked up by name ('' for the latest), kept per store with the figures version it was read at. */
const keptCampaign = keptByVersion<CampaignRow>(8);

/** Computed figures kept per store, by campaign, as-of date and trend, with their data version (see `figuresOf`). */
const kept = new WeakMap<Executor, Map<string, KeptFigures>>();
type KeptFigures = { version: number; figures: Promise<ComputedFigures> };
const KEPT_PER_STORE = 8;

/**
 * The figures of a campaign as of a date (default: today). Outside a transaction they are computed
 * once per data version, which every write that can change a figure moves (database triggers):
 * identical requests at once share one computation and later ones take its result until the
 * version moves; on a server the computation runs off the event loop (figures-pool.ts). Inside a
 * transaction they are computed from what the transaction sees.
 */
async function figuresOf(ctx: Context, query: { campaign?: string; asOf?: IsoDate }, withTrend: boolean) {
  const seen = await freezeDueAt(ctx.primary ? { ...ctx, db: ctx.primary } : ctx);
  const asOf = query.asOf ?? localDate(ctx.now);
  if (ctx.db.isTransaction) {
    const campaign = await findCampaign(ctx.db, query.campaign);
    return { campaign, asOf, figures: frozen(await computeFigures(ctx.db, campaign, asOf, withTrend)) };
  }
  // The version first: everything read after it is at least as new, so no result is kept under a
  // version its data is older than. The freeze check's own read serves when it was of this store.
  const version = seen !== null && !ctx.primary ? seen : await repo.figuresVersion(ctx.db);
  // Every campaign write moves the version too, so the campaign is kept with it.
  const campaign = await keptCampaign(ctx.db, query.campaign ?? '', version, () =>
    findCampaign(ctx.db, query.campaign).then(frozen),
  );
  const keyOf = (trend: boolean) => `${campaign.id} ${asOf} ${trend}`;
  const key = keyOf(withTrend);
  let store = kept.get(ctx.db);
  if (!store) kept.set(ctx.db, (store = new Map<string, KeptFigures>()));
  // Figures of a newer version serve this request too. An older version's are never asked again
  // (the version only grows): the new figures replace them, and so free the answers and
  // dashboards kept with them, which under a stream of claims stayed until eight newer versions
  // had come (issue 12: the server's memory).
  const current = (found: KeptFigures | undefined) => (found && found.version >= version ? found : undefined);
  // A dashboard's figures hold the standings' too (the trend is all they add): after a change,
  // the standings of the same date take them instead of a second computation.
  let entry = current(store.get(key)) ?? (withTrend ? undefined : current(store.get(keyOf(true))));
  if (!entry) {
    const mine = store;
    const made: KeptFigures = {
      version,
      figures: computeFiguresFor(ctx.db, campaign, asOf, withTrend).then(frozen),
    };
    made.figures.catch(() => mine.get(key) === made && mine.delete(key));
    mine.delete(key); // set again below, as the newest
    mine.set(key, (entry = made));
    if (mine.size > KEPT_PER_STORE) mine.delete(mine.keys().next().value!);
  }
  return { campaign, asOf, figures: await entry.figures };
}

/** Every unit's figures as of a date (default: today). */
export async function standings(
  ctx: Context,
  query: { campaign?: string; asOf?: IsoDate },
): Promise<StandingsOut> {
  const { campaign, asOf, figures } = await figuresOf(ctx, query, false);
  const { units } = figures;
  return {
    campaign: campaign.name,
    asOf,
    target: campaign.target,
    elapsedShare: elapsedShare(campaignTerms(campaign), asOf),
    provisional: campaign.frozen_at === null,
    baselineDigest: campaign.baseline_digest,
    pace: units.find((u) => u.parent === null)?.pace ?? null,
    units,
  };
}

/**
 * What the dashboard shows for one unit (default: the caller's, or the city): its figures, its
 * children's for drill-down and ranking, the zero-result units below it, the decline rate over time
 * against the straight line to the target, and how its baseline left the list.
 */
export async function dashboard(ctx: Context, query: { campaign?: string; unit?: string; asOf?: IsoDate }) {
  const { campaign, asOf, figures } = await figuresOf(ctx, query, true);
  const { unitRows } = figures;
  const home =
    ctx.scope.all || !ctx.user
      ? unitRows.find((u) => u.parent_id === null)
      : unitRows.find((u) => u.id === ctx.user!.unitId);
  const unit = query.unit ? unitRows.find((u) => u.code === query.unit) : home;
  if (!unit) throw new NotFoundError('unit', query.unit ?? '');
  requireInScope(ctx.scope, unit);
  // Meetings move no figure, so the mobilisation meetings are read every time and key the kept answer.
  const meetings = (await meetingsOf(ctx.db, campaign.id, TIMELINE_KINDS)).map((m) => ({
    kind: m.kind as TimelineKind,
    heldOn: m.held_on,
    title: m.title,
    unitId: m.unit_id,
    unit: { code: m.unit_code, name: m.unit_name },
    byCity: m.unit_parent_id === null,
  }));
  const mobilisation = campaignMobilisation(meetings, asOf);
  const shown = mobilisation && { heldOn: mobilisation.heldOn, title: mobilisation.title };
  // The chart marks the city's meetings, and those of this unit, the units above it and below it
  // that are the viewer's.
  const parentOf = new Map(unitRows.map((u) => [u.id, u.parent_id]));
  const related = new Set(subtreeIds(unitRows, unit.id));
  for (let u = unit.parent_id; u !== null; u = parentOf.get(u) ?? null) related.add(u);
  const marked = timelineMeetings(
    meetings,
    asOf,
    (unitId) => parentOf.get(unitId) === null || (related.has(unitId) && inScope(ctx.scope, unitId)),
  ).map(({ heldOn, title, kind, unit: by, byCity }) => ({ heldOn, title, kind, unit: by, byCity }));

  let dashboards = keptDashboards.get(figures);
  if (!dashboards)
    keptDashboards.set(figures, (dashboards = new Map<string, ReturnType<typeof unitDashboard>>()));
  const key = JSON.stringify([unit.code, shown, marked]);
  let answer = dashboards.get(key);
  if (!answer)
    dashboards.set(key, (answer = frozen(unitDashboard(campaign, asOf, figures, unit, shown, marked))));
  return answer;
}

/** Each unit's dashboard, kept with the figures it was made from and the mobilisation meeting shown. */
const keptDashboards = new WeakMap<ComputedFigures, Map<string, ReturnType<typeof unitDashboard>>>();

function unitDashboard(
  campaign: CampaignRow,
  asOf: IsoDate,
  figures: ComputedFigures,
  unit: UnitRow,
  mobilisation: { heldOn: IsoDate; title: string } | null,
  mobilisations: {
    heldOn: IsoDate;
    title: string;
    kind: TimelineKind;
    unit: { code: string; name: string };
  }[],
) {
  const { unitRows, units: all } = figures;
  const terms = campaignTerms(campaign);
  const mine = all.find((u) => u.code === unit.code)!;
  const subtree = new Set(subtreeIds(unitRows, unit.id));
  const codesBelow = new Set(unitRows.filter((u) => subtree.has(u.id)).map((u) => u.code));
  // A unit's target is that of its letter in force at the as-of date, on every date of the line.
  const { dates, declineRates } = figures.trend!;
  const rates = declineRates.get(unit.code)!;
  const trend = dates.map((date, i) => ({
    date,
    declineRate: rates[i] ?? null,
    trajectory: mine.target * elapsedShare(terms, date),
  }));
  return {
    campaign: {
      name: campaign.name,
      baselineOn: campaign.baseline_on,
      startOn: campaign.start_on,
      deadlineOn: campaign.deadline_on,
      target: campaign.target,
    },
    asOf,
    provisional: campaign.frozen_at === null,
    baselineDigest: campaign.baseline_digest,
    daysLeft: Math.max(0, daysBetween(asOf, campaign.deadline_on)),
    elapsedShare: elapsedShare(terms, asOf),
    unit: mine,
    children: all.filter((u) => u.parent === unit.code).sort(compareForRank),
    zeroResultUnits: all
      .filter((u) => u.zeroResult && codesBelow.has(u.code))
      .map((u) => ({ code: u.code, name: u.name })),
    trend,
    mobilisation,
    mobilisations,
    projection: projectionLine(mine, mine.pace, asOf, campaign.deadline_on),
    composition: composition(figures.baseline, subtree, terms, asOf),
  };
}

/**
 * Every campaign whose kept counts (what the figures are read from) differ from the facts the
 * persons give, with the counts that differ: none when the triggers kept them right.
 */
export async function keptFiguresDrift(
  db: Executor,
): Promise<{ campaign: string; differences: FactDifference[] }[]> {
  const out: { campaign: string; differences: FactDifference[] }[] = [];
  for (const c of await repo.allCampaigns(db)) {
    const differences = await keptFactsDrift(db, c);
    if (differences.length > 0) out.push({ campaign: c.name, differences });
  }
  return out;
}
