import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import type { AnomalyRow, CampaignRow, NewAnomaly } from '../../db/tables.ts';
import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { ConflictError, conflictOf, DomainError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { latestCampaign } from '../campaigns/repo.ts';
import { findCampaign } from '../campaigns/service.ts';
import { inspectorInvolved } from '../units/service.ts';
import { chainHead, lockChain } from '../audit/repo.ts';
import { canonicalJson } from '../audit/rules.ts';
import { claimsByIds } from '../clearances/repo.ts';
import { unitsOfClaim } from '../clearances/rules.ts';
import * as repo from './repo.ts';
import {
  type AnomalyStatus,
  campaignWeek,
  drawSample,
  lastWholeWeek,
  transitionRefusal,
} from './queue-rules.ts';
import {
  compareAnomalies,
  clearedKeys,
  countKeys,
  identityKeys,
  indexListings,
  type RelistIndex,
  relistCandidates,
  runPersonRules,
  runRules,
  runUnitRules,
  unitRanges,
} from './rules.ts';
import {
  type AnomalyOut,
  DEFAULT_SETTINGS,
  type IntegritySettings,
  type SampleOut,
  type TransitionInput,
  type anomaliesQuery,
  integritySettings,
} from './schema.ts';
import type { Anomaly } from './types.ts';

// ——— Settings ———

/** A campaign's integrity settings: what the commander set, the defaults for the rest. */
export function settingsOf(campaign: CampaignRow): IntegritySettings {
  const stored = campaign.integrity_settings ? (JSON.parse(campaign.integrity_settings) as object) : {};
  return integritySettings.parse({ ...DEFAULT_SETTINGS, ...stored });
}

export async function getSettings(ctx: Context, campaignName: string): Promise<IntegritySettings> {
  return settingsOf(await findCampaign(ctx.db, campaignName));
}

export async function changeSettings(
  ctx: Context,
  campaignName: string,
  input: IntegritySettings,
): Promise<IntegritySettings> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const before = settingsOf(campaign);
    const after = integritySettings.parse(input);
    await repo.setIntegritySettings(tx.db, campaign.id, JSON.stringify(after));
    await recordEvent(tx, {
      action: 'integrity.settings',
      entityType: 'campaign',
      entityId: campaign.id,
      before,
      after,
    });
    return after;
  });
}

// ——— Running the rules ———

/** Runs every anomaly rule over the claims and listings of a campaign (default: the latest). */
export async function findAnomalies(ctx: Context, campaignName?: string): Promise<Anomaly[]> {
  const found: Anomaly[] = [];
  for await (const part of anomaliesInParts(ctx.db, await findCampaign(ctx.db, campaignName)))
    for (const finding of part) found.push(finding); // a part may find more than a call takes arguments
  return found.sort(compareAnomalies);
}

/**
 * The findings of every rule over a campaign a part at a time, for printing them all without
 * holding them all: ordered within each part (by rule, unit and listing), not across parts.
 */
export async function* anomaliesOfCampaign(ctx: Context, campaignName?: string): AsyncGenerator<Anomaly[]> {
  yield* anomaliesInParts(ctx.db, await findCampaign(ctx.db, campaignName));
}

/**
 * Claims a part of a full run reads at a time (see "The rules in parts" in rules.ts). What a part
 * allocates lives until the part is judged; beyond V8's young generation (16 MiB semi-spaces) it
 * is promoted, and the old generation, collected lazily, grows to a few times what a run keeps:
 * parts of 10,000 claims and batches of 5,000 findings took `qingwang anomalies --enqueue` at
 * 2,000,000 listings to 532 MiB, these to 365 MiB, in about the same time (bench/README.md, "The
 * command, bounded").
 */
const PART_CLAIMS = 2_500;
/** Listings read at a time for the index of the relisting rule. */
const LISTINGS_PAGE = 10_000;
/** Findings put into the queue in one transaction (held until then: see `PART_CLAIMS`). */
const ENQUEUE_BATCH = 2_500;

const datesOf = (campaign: CampaignRow) => ({
  startOn: campaign.start_on,
  deadlineOn: campaign.deadline_on,
  frozenAt: campaign.frozen_at,
});

/**
 * The rules over a whole campaign, a part at a time, so that memory stays flat however big the
 * registry: each part's findings, in order within the part. Together they are what `runRules` finds
 * over the whole campaign at once (test/integrity-parts.test.ts holds them to it).
 */
export async function* anomaliesInParts(
  db: Executor,
  campaign: CampaignRow,
  partClaims = PART_CLAIMS,
): AsyncGenerator<Anomaly[]> {
  const dates = datesOf(campaign);
  const settings = settingsOf(campaign);
  const index = await relistIndex(db);
  for await (const claims of repo.claimFactsByFugitive(db, campaign.id, partClaims)) {
    const cleared = new Set(claims.flatMap((c) => (c.status === 'verified' ? [c.fugitiveId] : [])));
    const own = await repo.listingFactsByIds(
      db,
      [...cleared].sort((a, b) => a - b),
    );
    const others = relistCandidates(index, own).filter((id) => !cleared.has(id));
    const listings = [...own, ...(await repo.listingFactsByIds(db, others))].sort(
      (a, b) => a.fugitiveId - b.fugitiveId,
    );
    yield runPersonRules({ claims, listings }, dates, settings);
  }
  for (const range of unitRanges(await repo.unitRuleClaimCounts(db), partClaims))
    yield runUnitRules(await repo.unitRuleClaimFacts(db, campaign.id, range), dates, settings);
}

/**
 * The listings having a hashed key (ID number; name and birth date) of a cleared listing that
 * another listing has too: three passes over the listings, keeping five bytes for each key of a
 * cleared listing and a few numbers for each listing that shares one.
 */
async function relistIndex(db: Executor): Promise<RelistIndex> {
  const pages: Uint32Array[] = [];
  for await (const page of repo.listingIdentities(db, 'cleared', LISTINGS_PAGE))
    pages.push(Uint32Array.from(identityKeys(page)));
  const all = new Uint32Array(pages.reduce((n, p) => n + p.length, 0));
  pages.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  pages.length = 0;
  const counted = clearedKeys(all);
  for await (const page of repo.listingIdentities(db, 'all', LISTINGS_PAGE)) countKeys(counted, page);
  const index: RelistIndex = { ids: [], byId: [], byPerson: [] };
  for await (const page of repo.listingIdentities(db, 'all', LISTINGS_PAGE))
    indexListings(index, counted, page);
  return index;
}

/** The rules over what concerns one claim, with the campaign's settings (see `scanAroundClaim`). */
async function anomaliesAround(db: Executor, campaign: CampaignRow, around: repo.Around): Promise<Anomaly[]> {
  const [claims, listings] = await Promise.all([
    repo.claimFacts(db, campaign.id, around),
    repo.listingFacts(db, around.fugitiveId),
  ]);
  return runRules({ claims, listings }, datesOf(campaign), settingsOf(campaign));
}

/**
 * Runs the rules over a whole campaign and puts what they find into the inspectors' queue. The
 * rules read without the write lock (SQLite's readers do not block its writer; inside a caller's
 * transaction they read in it), a part at a time; only each batch's queue update takes it, so a
 * full run after a big import neither holds the whole campaign in memory nor keeps the server's
 * writes waiting. Outside a caller's transaction each batch commits on its own, with its own event.
 */
export async function scanCampaign(
  ctx: Context,
  campaignName?: string,
  {
    partClaims = PART_CLAIMS,
    batch: batchSize = ENQUEUE_BATCH,
    onPart,
  }: {
    partClaims?: number;
    batch?: number;
    /** Each part's findings as the run goes (the CLI prints them: one run, not a second to print). */
    onPart?: (part: Anomaly[]) => Promise<void> | void;
  } = {},
) {
  const campaign = await findCampaign(ctx.db, campaignName);
  let found = 0;
  let added = 0;
  let batch: Anomaly[] = [];
  const flush = async () => {
    const findings = batch;
    batch = [];
    added += await inTransaction(ctx, (tx) => enqueue(tx, campaign, findings));
  };
  for await (const part of anomaliesInParts(ctx.db, campaign, partClaims)) {
    await onPart?.(part);
    for (const finding of part) {
      found += 1;
      batch.push(finding);
      if (batch.length >= batchSize) await flush();
    }
  }
  if (batch.length > 0) await flush();
  return { campaign: campaign.name, found, added };
}

/** After an import or a change of persons: the history goes through the same rules (a no-op before any campaign). */
export async function scanLatestCampaign(ctx: Context): Promise<void> {
  if (await latestCampaign(ctx.db)) await scanCampaign(ctx);
}

/**
 * Runs the rules when a claim is filed or decided, over what concerns it: the claims on the same
 * person, the claims credited to the same unit, the listings of the same person. A finding that
 * needs more than that (another unit's claims on the unit's other cases) waits for the full run.
 */
export async function scanAroundClaim(tx: Context, claim: repo.Around) {
  const campaign = await latestCampaign(tx.db);
  if (campaign) await enqueue(tx, campaign, await anomaliesAround(tx.db, campaign, claim));
}

/** What the rules found around a claim, and the chain's length when they began to read. */
export interface ClaimFindings {
  around: repo.Around;
  campaign: CampaignRow;
  found: Anomaly[];
  chainSeq: number;
}

/**
 * `scanAroundClaim` in two halves, for a claim's transaction: the rules run before the claim's
 * audit event takes the chain's lock (every writer waits for that lock until the holder commits, so
 * rules run under it made each claim wait for the rules of the one before), and their findings are
 * queued after it. Had any other write committed in between (the chain grew by more than the claim's
 * own event), the rules run again under the lock, where they see it.
 */
export async function findingsAroundClaim(tx: Context, around: repo.Around): Promise<ClaimFindings | null> {
  const chainSeq = (await chainHead(tx.db))?.seq ?? 0; // before the rules read anything
  const campaign = await latestCampaign(tx.db);
  return campaign
    ? { around, campaign, found: await anomaliesAround(tx.db, campaign, around), chainSeq }
    : null;
}

/** The second half (see `findingsAroundClaim`); `eventSeq` is the claim's own event's place in the chain. */
export async function queueFindings(
  tx: Context,
  findings: ClaimFindings | null,
  eventSeq: number,
): Promise<void> {
  if (!findings) return;
  const { around, campaign, chainSeq } = findings;
  const found = eventSeq === chainSeq + 1 ? findings.found : await anomaliesAround(tx.db, campaign, around);
  await enqueue(tx, campaign, found);
}

/** New findings join the queue as open; open ones get fresh reasons; decided ones are left alone. */
async function enqueue(tx: Context, campaign: CampaignRow, found: Anomaly[]): Promise<number> {
  // One writer at a time: a claim-time run and a full run must not both insert the same finding.
  await lockChain(tx.db);
  const at = tx.now.toISOString();
  const known = new Map(
    (
      await repo.anomaliesByKey(
        tx.db,
        campaign.id,
        found.map((f) => f.key),
      )
    ).map((a) => [a.finding_key, a]),
  );
  const unitIds = await repo.unitIdsByCode(tx.db, [
    ...new Set(found.flatMap((f) => (f.unit ? [f.unit] : []))),
  ]);
  const fresh: NewAnomaly[] = [];
  let reopened = 0;
  for (const f of found) {
    const claimIds = JSON.stringify(f.claimIds);
    const unitId = f.unit === null ? null : (unitIds.get(f.unit) ?? null);
    const existing = known.get(f.key);
    if (!existing) {
      const row = {
        campaign_id: campaign.id,
        rule: f.rule,
        finding_key: f.key,
        unit_id: unitId,
        listing_no: f.listingNo,
        reason: f.reason,
        facts: JSON.stringify(f.facts),
        claim_ids: claimIds,
        status: 'open',
        found_at: at,
        last_seen_at: at,
      };
      fresh.push(row);
    } else if (existing.reason !== f.reason || existing.claim_ids !== claimIds) {
      const refreshed = {
        reason: f.reason,
        facts: JSON.stringify(f.facts),
        claim_ids: claimIds,
        unit_id: unitId,
      };
      const before = { status: existing.status, reason: existing.reason, claim_ids: existing.claim_ids };
      const previous = new Set(JSON.parse(existing.claim_ids) as number[]);
      if (isUndecided(existing)) {
        const changes = { ...refreshed, last_seen_at: at };
        if (await repo.updateAnomalyIf(tx.db, existing.id, existing.status, changes))
          await recordEvent(tx, {
            action: 'anomaly.refresh',
            entityType: 'anomaly',
            entityId: existing.id,
            before,
            after: changes,
          });
      } else if (f.claimIds.some((id) => !previous.has(id))) {
        // New claims behind a decided finding (more cancellations after a dismissed spike, say): open it again.
        const changes = {
          ...refreshed,
          status: 'open',
          last_seen_at: at,
          decided_at: null,
          decision_note: null,
          handled_by: null,
        };
        if (await repo.updateAnomalyIf(tx.db, existing.id, existing.status, changes)) {
          await recordEvent(tx, {
            action: 'anomaly.reopen',
            entityType: 'anomaly',
            entityId: existing.id,
            before,
            after: changes,
          });
          reopened += 1;
        }
      }
    }
  }
  if (fresh.length > 0) {
    // One event for the batch, with a digest of its new findings: a scan over imported history can
    // find hundreds of thousands, a batch of thousands at a time.
    await repo.insertAnomalies(tx.db, fresh);
    await recordEvent(tx, {
      action: 'anomalies.found',
      entityType: 'anomaly',
      entityId: '*',
      after: {
        campaign: campaign.name,
        count: fresh.length,
        keys: fresh.length <= 50 ? fresh.map((r) => r.finding_key) : undefined,
        rowsDigest: createHash('sha256').update(canonicalJson(fresh)).digest('hex'),
      },
    });
  }
  return fresh.length + reopened;
}

const isUndecided = (a: AnomalyRow) => a.status === 'open' || a.status === 'investigating';

// ——— The queue ———

/** Findings as the API shows them, each claim with its listing number. */
async function presentAnomalies(db: Executor, rows: repo.AnomalyListRow[]): Promise<AnomalyOut[]> {
  const claimIds = rows.map((a) => JSON.parse(a.claim_ids) as number[]);
  const listingOf = await repo.listingNosOfClaims(db, [...new Set(claimIds.flat())]);
  return rows.map((a, i) => ({
    ...presentAnomaly(a),
    claims: claimIds[i]!.flatMap((id) => {
      const listingNo = listingOf.get(id);
      return listingNo === undefined ? [] : [{ id, listingNo }];
    }),
  }));
}

function presentAnomaly(a: repo.AnomalyListRow): Omit<AnomalyOut, 'claims'> {
  return {
    id: a.id,
    campaign: a.campaign_name,
    rule: a.rule as AnomalyOut['rule'],
    unit: a.unit_code === null ? null : { code: a.unit_code, name: a.unit_name ?? '' },
    listingNo: a.listing_no,
    reason: a.reason,
    facts: JSON.parse(a.facts) as AnomalyOut['facts'],
    claimIds: JSON.parse(a.claim_ids) as number[],
    status: a.status as AnomalyStatus,
    foundAt: a.found_at,
    lastSeenAt: a.last_seen_at,
    handledBy: a.handled_by,
    decisionNote: a.decision_note,
    decidedAt: a.decided_at,
  };
}

export async function listAnomalies(ctx: Context, query: z.output<typeof anomaliesQuery>) {
  const campaign = await findCampaign(ctx.db, query.campaign);
  const { total, items, byStatus } = await repo.searchAnomalies(ctx.db, {
    campaignId: campaign.id,
    scope: unitFilter(ctx.scope),
    status: query.status,
    rule: query.rule,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = { open: 0, investigating: 0, confirmed: 0, dismissed: 0 };
  for (const { status, n } of byStatus) counts[status as AnomalyStatus] = n;
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts,
    items: await presentAnomalies(ctx.db, items),
  };
}

/**
 * An inspector moves a finding along: investigating, dismissed with a reason, or confirmed — the
 * claims found false are then rejected through the clearance workflow, so the unit's figures (and
 * anything computed from verified results) are corrected at once.
 */
export async function moveAnomaly(
  ctx: Context,
  id: number,
  step: TransitionInput,
  /** The clearance workflow's rejection (passed in: the clearances area already depends on this one). */
  rejectClaim: (tx: Context, claimId: number, reason: string) => Promise<unknown>,
): Promise<AnomalyOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const finding = await repo.anomalyById(tx.db, id);
    if (!finding) throw new NotFoundError('anomaly', String(id));
    const claimIds = JSON.parse(finding.claim_ids) as number[];
    const claims = await claimsByIds(tx.db, claimIds);
    const units = claims.flatMap(unitsOfClaim);
    if (await inspectorInvolved(tx.db, user.unitId, [finding.unit_id, ...units]))
      throw new ConflictError(
        'not_independent_finding',
        'an inspector of a unit concerned, or above or below one, cannot decide this finding',
      );
    const refusal = transitionRefusal(finding.status as AnomalyStatus, step, claimIds);
    if (refusal) throw refusal.field === 'to' ? conflictOf(refusal, 'to') : refusalOf(refusal);
    const final = step.to !== 'investigating';
    const changes = {
      status: step.to,
      handled_by: user.username,
      decision_note: step.note || null,
      decided_at: final ? tx.now.toISOString() : null,
    };
    if (!(await repo.updateAnomalyIf(tx.db, id, finding.status, changes)))
      throw new ConflictError('stale', 'someone else moved this finding first: reload it');
    // A claim already rejected (in the verification queue, say) stays as it is.
    const standing = new Set(
      claims.filter((c) => c.status !== 'rejected' && c.status !== 'superseded').map((c) => c.id),
    );
    for (const claimId of step.rejectClaimIds.filter((c) => standing.has(c)))
      await rejectClaim(tx, claimId, `confirmed false by anomaly #${id} (${finding.rule}): ${step.note}`);
    await recordEvent(tx, {
      action: `anomaly.${step.to}`,
      entityType: 'anomaly',
      entityId: id,
      before: { status: finding.status },
      after: { ...changes, rejectedClaims: step.rejectClaimIds },
    });
    return (await presentAnomalies(tx.db, [(await repo.anomalyById(tx.db, id))!]))[0]!;
  });
}

/** Confirmed fabrications of a campaign, for the bulletin's criticism section. */
export async function confirmedFabrications(db: Executor, campaignId: number) {
  const { items } = await repo.searchAnomalies(db, {
    campaignId,
    scope: { all: true },
    status: 'confirmed',
    limit: 1000,
    offset: 0,
  });
  return presentAnomalies(db, items);
}

// ——— Quality samples ———

/**
 * Draws the week's sample of verified clearances for re-checking against their evidence. The seed is
 * drawn at random now and written into the audit log with the candidates' digest, so anyone can
 * reproduce the sample afterwards and no one could have predicted it. One sample per week.
 */
export async function drawWeeklySample(ctx: Context, input: { campaign?: string; week?: number }) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, input.campaign);
    // Weeks are counted from 1 for people, from 0 inside (the launch week is index 0).
    const today = localDate(tx.now);
    const week =
      input.week === undefined
        ? lastWholeWeek(campaign.start_on, campaign.deadline_on, today)
        : input.week - 1;
    const { from, to } = campaignWeek(campaign.start_on, week);
    // Only a finished week: drawn earlier, a sample would miss what the rest of the week verifies.
    if (to >= today)
      throw new DomainError(
        'week_not_over',
        `week: week ${week + 1} is not over yet (it ends ${to})`,
        'week',
        { week: week + 1, date: to },
      );
    if (await repo.sampleOfWeek(tx.db, campaign.id, week))
      throw new ConflictError(
        'week_sampled',
        `week ${week + 1} of ${campaign.name} is already sampled`,
        'week',
        {
          week: week + 1,
        },
      );
    // Every verified result of the campaign up to the week's end that no sample has taken yet, so a
    // claim dated back into a week already sampled is still drawn from later.
    const candidates = await repo.unsampledVerified(tx.db, campaign.id, campaign.start_on, to);
    const seed = randomBytes(16).toString('hex');
    const size = settingsOf(campaign).sampleSize;
    const chosen = drawSample(seed, candidates, size);
    const sample = {
      campaign_id: campaign.id,
      week,
      seed,
      candidates: candidates.length,
      drawn_at: tx.now.toISOString(),
      drawn_by: tx.actor,
    };
    const id = await repo.insertSample(tx.db, sample, chosen);
    await recordEvent(tx, {
      action: 'quality.sample',
      entityType: 'quality_sample',
      entityId: id,
      after: {
        ...sample,
        from,
        to,
        size,
        candidatesDigest: createHash('sha256').update(candidates.join(',')).digest('hex'),
        chosen,
      },
    });
    return (await samplesOf(tx.db, campaign)).find((s) => s.id === id)!;
  });
}

export async function listSamples(ctx: Context, campaignName?: string): Promise<SampleOut[]> {
  return samplesOf(ctx.db, await findCampaign(ctx.db, campaignName));
}

async function samplesOf(db: Executor, campaign: CampaignRow): Promise<SampleOut[]> {
  const samples = await repo.samplesOfCampaign(db, campaign.id);
  const checks = await repo.checksOf(
    db,
    samples.map((s) => s.id),
  );
  return samples.map((s) => ({
    id: s.id,
    campaign: s.campaign_name,
    week: s.week + 1,
    ...campaignWeek(campaign.start_on, s.week),
    seed: s.seed,
    candidates: s.candidates,
    drawnAt: s.drawn_at,
    drawnBy: s.drawn_by,
    checks: checks
      .filter((c) => c.sample_id === s.id)
      .map((c) => ({
        clearanceId: c.clearance_id,
        listingNo: c.listing_no,
        kind: c.kind,
        occurredOn: c.occurred_on,
        unit: c.unit_code,
        evidenceRef: c.evidence_ref,
        result: c.result as 'consistent' | 'discrepancy' | null,
        note: c.note,
        checkedBy: c.checked_by,
        checkedAt: c.checked_at,
      })),
  }));
}

/** An inspector of the bureau records the re-check of one sampled clearance; a result, once recorded, stands. */
export async function recordQualityCheck(
  ctx: Context,
  sampleId: number,
  clearanceId: number,
  input: { result: 'consistent' | 'discrepancy'; note: string },
) {
  const user = signedInUser(ctx);
  if (input.result === 'discrepancy' && !input.note)
    throw new DomainError('mismatch_note_required', 'note: say what does not match the evidence', 'note');
  return inTransaction(ctx, async (tx) => {
    const changes = {
      result: input.result,
      note: input.note || null,
      checked_by: user.username,
      checked_at: tx.now.toISOString(),
    };
    if (!(await repo.recordCheck(tx.db, sampleId, clearanceId, changes))) {
      if (await repo.checkExists(tx.db, sampleId, clearanceId))
        throw new ConflictError(
          'already_checked',
          'this clearance was already re-checked: the result stands',
        );
      throw new NotFoundError('sampled_clearance', `${sampleId}/${clearanceId}`);
    }
    await recordEvent(tx, {
      action: 'quality.check',
      entityType: 'quality_sample',
      entityId: sampleId,
      after: { clearanceId, ...changes },
    });
    return changes;
  });
}
