// The anomaly rules of issue 7: one pure function per rule, over facts the repository gathers.
// A finding is a lead for an inspector, not a verdict, so each reason states the figures behind it.
import { addDays, daysBetween, localDate } from '../../shared/dates.ts';
import { isStanding } from '../clearances/rules.ts';
import {
  ANOMALY_RULES,
  type Anomaly,
  type ClaimFact,
  DEFAULT_THRESHOLDS,
  type IntegrityCampaign,
  type IntegrityThresholds,
  type ListingFact,
} from './types.ts';

/** Everything the rules read about one campaign. */
export interface IntegrityFacts {
  claims: ClaimFact[];
  listings: ListingFact[];
}

// A claim held as a conflict is still a claim: imports keep the second claim that way, and both must show.
const LIVE_CLAIM = new Set<ClaimFact['status']>(['pending', 'approved', 'verified', 'conflict']);

const isCapture = (c: ClaimFact) => c.kind === 'arrest' || c.kind === 'surrender';

/** Rounds a figure for a reason: 0.4, 2.33, never 0.39999999. */
const fig = (n: number) => String(Math.round(n * 100) / 100);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * One fugitive claimed by two different units. Reported once per fugitive, under the unit of the
 * latest claim (the one made when the fugitive was already claimed), naming every unit and claim.
 */
export function duplicateClaim(claims: ClaimFact[]): Anomaly[] {
  const live = claims.filter((c) => LIVE_CLAIM.has(c.status));
  const findings: Anomaly[] = [];
  for (const group of groupBy(live, (c) => c.fugitiveId).values()) {
    const units = [...new Set(group.flatMap((c) => (c.unitCode ? [c.unitCode] : [])))].sort();
    if (units.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.id - b.id);
    const latest = sorted.findLast((c) => c.unitCode !== null);
    const first = sorted[0];
    if (!latest || !first) continue;
    const listed = sorted.map((c) => `#${c.id} by ${c.unitCode ?? 'no unit'} (${c.kind}, ${c.status})`);
    findings.push({
      rule: 'duplicate-claim',
      key: `duplicate-claim:fugitive-${first.fugitiveId}`,
      unit: latest.unitCode,
      listingNo: first.listingNo,
      reason: `${first.listingNo} is claimed by ${units.length} units (${units.join(', ')}): ${listed.join('; ')}`,
      facts: {
        listingNo: first.listingNo,
        unitCount: units.length,
        units: units.join(', '),
        claims: sorted.map((c) => `#${c.id} (${c.unitCode ?? '—'})`).join(', '),
      },
      claimIds: sorted.map((c) => c.id),
    });
  }
  return findings;
}

const normalName = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** What the relisting rule knows a person by. */
type Identity = Pick<ListingFact, 'name' | 'birthDate' | 'idNumber'>;

const idKey = (l: Identity) => l.idNumber?.trim().toUpperCase() || null;
const personKey = (l: Identity) => (l.birthDate ? `${normalName(l.name)}|${l.birthDate}` : null);

const sharing = (groups: Map<string | null, ListingFact[]>, key: string | null) =>
  key === null ? [] : (groups.get(key) ?? []);

// Without an ID number on either side, name and birth date are the best identity there is;
// a listing with neither an ID number nor a birth date cannot be matched at all.
function samePerson(a: ListingFact, b: ListingFact): boolean {
  const idA = a.idNumber?.trim().toUpperCase();
  const idB = b.idNumber?.trim().toUpperCase();
  if (idA && idB) return idA === idB;
  return a.birthDate !== null && a.birthDate === b.birthDate && normalName(a.name) === normalName(b.name);
}

/**
 * A person cleared (verified) and listed again within `relistWithinDays` after the clearance.
 */
export function relistedAfterClearance(
  claims: ClaimFact[],
  listings: ListingFact[],
  t: IntegrityThresholds,
): Anomaly[] {
  const listingOf = new Map(listings.map((l) => [l.fugitiveId, l]));
  // Candidates by ID number and by name and birth date, so each clearance looks at few listings.
  const byId = groupBy(listings, (l) => idKey(l));
  const byNameAndBirth = groupBy(listings, (l) => personKey(l));
  const findings: Anomaly[] = [];
  for (const claim of claims.filter((c) => c.status === 'verified')) {
    const cleared = listingOf.get(claim.fugitiveId);
    if (!cleared) continue;
    const candidates = new Set([
      ...sharing(byId, idKey(cleared)),
      ...sharing(byNameAndBirth, personKey(cleared)),
    ]);
    for (const other of candidates) {
      if (other.fugitiveId === cleared.fugitiveId || !samePerson(cleared, other)) continue;
      const days = daysBetween(claim.occurredOn, other.listedOn);
      if (days < 0 || days > t.relistWithinDays) continue;
      const match = cleared.idNumber && other.idNumber ? 'same ID number' : 'same name and birth date';
      findings.push({
        rule: 'relisted-after-clearance',
        key: `relisted-after-clearance:claim-${claim.id}:fugitive-${other.fugitiveId}`,
        unit: claim.unitCode,
        listingNo: claim.listingNo,
        reason:
          `${claim.listingNo} (${cleared.name}) was cleared by ${claim.kind} on ${claim.occurredOn} and ` +
          `listed again as ${other.listingNo} on ${other.listedOn}, ${plural(days, 'day')} later ` +
          `(${match}; limit ${t.relistWithinDays} days)`,
        facts: {
          listingNo: claim.listingNo,
          name: cleared.name,
          kind: claim.kind,
          clearedOn: claim.occurredOn,
          newListingNo: other.listingNo,
          listedOn: other.listedOn,
          days,
          limit: t.relistWithinDays,
        },
        claimIds: [claim.id],
      });
    }
  }
  return findings;
}

/**
 * A unit's cancellations piling up just before the deadline: withdrawing warrants is the cheap way
 * to shrink a list. Compared with the unit's own rate earlier in the campaign, per window length.
 */
export function cancellationSpike(
  claims: ClaimFact[],
  campaign: IntegrityCampaign,
  t: IntegrityThresholds,
): Anomaly[] {
  const windowStart = addDays(campaign.deadlineOn, -(t.spikeWindowDays - 1));
  const earlierDays = Math.max(0, daysBetween(campaign.startOn, windowStart));
  const cancellations = claims.filter(
    (c) => c.kind === 'cancellation' && LIVE_CLAIM.has(c.status) && c.unitCode,
  );
  const findings: Anomaly[] = [];
  for (const [unit, own] of groupBy(cancellations, (c) => c.unitCode)) {
    const recent = own.filter((c) => c.occurredOn >= windowStart && c.occurredOn <= campaign.deadlineOn);
    const earlier = own.filter((c) => c.occurredOn >= campaign.startOn && c.occurredOn < windowStart);
    const average = earlierDays > 0 ? earlier.length / (earlierDays / t.spikeWindowDays) : 0;
    if (recent.length < t.spikeMinCount || recent.length <= t.spikeFactor * average) continue;
    findings.push({
      rule: 'cancellation-spike',
      key: `cancellation-spike:${unit}`,
      unit,
      listingNo: null,
      reason:
        `${plural(recent.length, 'cancellation')} in the ${t.spikeWindowDays} days before the deadline ` +
        `(${windowStart} to ${campaign.deadlineOn}), against an average of ${fig(average)} per ` +
        `${t.spikeWindowDays} days earlier (${earlier.length} in ${plural(earlierDays, 'day')}; ` +
        `limit ${t.spikeFactor}×)`,
      facts: {
        count: recent.length,
        window: t.spikeWindowDays,
        from: windowStart,
        to: campaign.deadlineOn,
        average: fig(average),
        earlier: earlier.length,
        earlierDays,
        factor: t.spikeFactor,
      },
      claimIds: recent.map((c) => c.id).sort((a, b) => a - b),
    });
  }
  return findings;
}

/**
 * A clearance entered long after the date it claims: how results get dated before a deadline or
 * meeting. A correction counts from the entry of the first claim it corrects.
 */
export function backdatedEntry(claims: ClaimFact[], t: IntegrityThresholds): Anomaly[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const firstEntry = (c: ClaimFact): string => {
    let entered = c.enteredAt;
    const seen = new Set<number>();
    for (let p = c.supersedesId; p !== null && !seen.has(p); p = byId.get(p)?.supersedesId ?? null) {
      seen.add(p);
      const earlier = byId.get(p);
      if (earlier && earlier.enteredAt < entered) entered = earlier.enteredAt;
    }
    return entered;
  };
  return claims.flatMap((c) => {
    // The entry day is the bureau's calendar day (UTC+8), the same calendar occurredOn is written in.
    const enteredOn = localDate(new Date(firstEntry(c)));
    const days = daysBetween(c.occurredOn, enteredOn);
    if (days <= t.backdatedAfterDays) return [];
    return [
      {
        rule: 'backdated-entry' as const,
        key: `backdated-entry:claim-${c.id}`,
        unit: c.unitCode,
        listingNo: c.listingNo,
        reason:
          `${c.kind} of ${c.listingNo} dated ${c.occurredOn} was entered on ${enteredOn}, ` +
          `${plural(days, 'day')} later (limit ${t.backdatedAfterDays})`,
        facts: {
          kind: c.kind,
          listingNo: c.listingNo,
          occurredOn: c.occurredOn,
          enteredOn,
          days,
          limit: t.backdatedAfterDays,
        },
        claimIds: [c.id],
      },
    ];
  });
}

/** A verified capture with nothing to check it against. */
export function missingEvidence(claims: ClaimFact[]): Anomaly[] {
  return claims
    .filter((c) => c.status === 'verified' && isCapture(c) && !c.evidenceRef?.trim())
    .map((c) => ({
      rule: 'missing-evidence' as const,
      key: `missing-evidence:claim-${c.id}`,
      unit: c.unitCode,
      listingNo: c.listingNo,
      reason: `verified ${c.kind} of ${c.listingNo} (claim #${c.id}) has no evidence reference`,
      facts: { kind: c.kind, listingNo: c.listingNo, claimId: c.id },
      claimIds: [c.id],
    }));
}

/**
 * A claim verified by its claimant or by the claimant's own unit. Imported history is exempt: its
 * verification happened in the older system, and the import records the importer, not the verifier.
 */
export function selfVerified(claims: ClaimFact[]): Anomaly[] {
  return claims.flatMap((c) => {
    if (c.status !== 'verified' || c.provenance === 'import') return [];
    const byClaimant = c.decidedBy !== null && c.decidedBy === c.claimedBy;
    const byOwnUnit = c.deciderUnitCode !== null && c.deciderUnitCode === c.claimUnitCode;
    if (!byClaimant && !byOwnUnit) return [];
    const who = byClaimant
      ? `by its claimant ${c.claimedBy}`
      : `by ${c.decidedBy ?? 'a user'} of the claimant's own unit ${c.claimUnitCode ?? ''}`;
    return [
      {
        rule: 'self-verified' as const,
        key: `self-verified:claim-${c.id}`,
        unit: c.claimUnitCode ?? c.unitCode,
        listingNo: c.listingNo,
        reason: `${c.kind} of ${c.listingNo} (claim #${c.id}) was verified ${who}`,
        facts: {
          kind: c.kind,
          listingNo: c.listingNo,
          claimId: c.id,
          verifier: c.decidedBy ?? '',
          unit: c.claimUnitCode ?? '',
          byClaimant: byClaimant ? 1 : 0,
        },
        claimIds: [c.id],
      },
    ];
  });
}

function meanAndDeviation(counts: number[]): { mean: number; sd: number } {
  const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
  const variance = counts.reduce((s, n) => s + (n - mean) ** 2, 0) / counts.length;
  return { mean, sd: Math.sqrt(variance) };
}

// Float noise must not turn "exactly mean + kσ" (say 4.9999999 for 5) into a jump.
const EPSILON = 1e-9;

/**
 * A unit's verified captures in one campaign week far beyond its own earlier weeks. It needs a few
 * earlier weeks (a deviation over one or two weeks says nothing), and the deviation has a floor: a
 * unit with the same count every week has σ 0, and one more capture would otherwise be a jump. The
 * floor is √mean, the spread weekly counts have by chance alone (a Poisson count's), and at least 1.
 */
export function resultsJump(
  claims: ClaimFact[],
  campaign: IntegrityCampaign,
  t: IntegrityThresholds,
): Anomaly[] {
  const captures = claims.filter(
    (c) =>
      c.status === 'verified' &&
      isCapture(c) &&
      c.unitCode &&
      c.occurredOn >= campaign.startOn &&
      c.occurredOn <= campaign.deadlineOn,
  );
  const findings: Anomaly[] = [];
  for (const [unit, own] of groupBy(captures, (c) => c.unitCode)) {
    const byWeek = groupBy(own, (c) => Math.floor(daysBetween(campaign.startOn, c.occurredOn) / 7));
    for (const [week, inWeek] of byWeek) {
      if (week < t.jumpMinWeeks || inWeek.length < t.jumpMinCaptures) continue;
      const earlier = Array.from({ length: week }, (_, w) => byWeek.get(w)?.length ?? 0);
      const { mean, sd } = meanAndDeviation(earlier);
      const floor = Math.max(t.jumpMinSd, t.jumpMinSdPoisson * Math.sqrt(mean));
      const limit = mean + t.jumpSigmas * Math.max(sd, floor);
      if (inWeek.length <= limit + EPSILON) continue;
      const from = addDays(campaign.startOn, week * 7);
      findings.push({
        rule: 'results-jump',
        key: `results-jump:${unit}:week-${week}`,
        unit,
        listingNo: null,
        reason:
          `${plural(inWeek.length, 'verified capture')} in week ${week + 1} of the campaign (${from} to ${addDays(from, 6)}), ` +
          `against a mean of ${fig(mean)} and standard deviation of ${fig(sd)} (floor ${fig(floor)}) over the ` +
          `${plural(week, 'earlier week')} (limit ${fig(limit)})`,
        facts: {
          count: inWeek.length,
          week: week + 1,
          from,
          to: addDays(from, 6),
          mean: fig(mean),
          sd: fig(sd),
          floor: fig(floor),
          weeks: week,
          limit: fig(limit),
        },
        claimIds: inWeek.map((c) => c.id).sort((a, b) => a - b),
      });
    }
  }
  return findings;
}

// Nulls last, so findings without a unit or listing gather at the end of their rule.
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Orders findings by rule (in ANOMALY_RULES order), unit, listing number, then first record. */
export function compareAnomalies(a: Anomaly, b: Anomaly): number {
  return (
    ANOMALY_RULES.indexOf(a.rule) - ANOMALY_RULES.indexOf(b.rule) ||
    compareNullable(a.unit, b.unit) ||
    compareNullable(a.listingNo, b.listingNo) ||
    (a.claimIds[0] ?? 0) - (b.claimIds[0] ?? 0)
  );
}

/**
 * A clearance dated before launch but recorded after the baseline was frozen, for a person of the
 * baseline: the registry keeps it (the person did leave), the figures count it for nothing, and an
 * inspector should ask why a pre-campaign exit surfaced only now.
 */
export function lateBaselineExit(claims: ClaimFact[], campaign: IntegrityCampaign): Anomaly[] {
  const frozenAt = campaign.frozenAt;
  if (!frozenAt) return [];
  return claims
    .filter(
      (c) =>
        c.inBaseline === true &&
        isStanding(c.status) &&
        c.occurredOn < campaign.startOn &&
        c.enteredAt > frozenAt,
    )
    .map((c) => {
      const enteredOn = localDate(new Date(c.enteredAt));
      const frozenOn = localDate(new Date(frozenAt));
      return {
        rule: 'late-baseline-exit' as const,
        key: `late-baseline-exit:claim-${c.id}`,
        unit: c.unitCode,
        listingNo: c.listingNo,
        reason:
          `${c.kind} of ${c.listingNo} dated ${c.occurredOn}, before the launch on ${campaign.startOn}, ` +
          `was entered on ${enteredOn}, after the baseline was frozen on ${frozenOn}: it counts for nothing`,
        facts: {
          kind: c.kind,
          listingNo: c.listingNo,
          occurredOn: c.occurredOn,
          startOn: campaign.startOn,
          enteredOn,
          frozenOn,
        },
        claimIds: [c.id],
      };
    });
}

/** The rules about one person's claims and listings: all but the two about a unit's claims. */
export function runPersonRules(
  facts: IntegrityFacts,
  campaign: IntegrityCampaign,
  thresholds: IntegrityThresholds = DEFAULT_THRESHOLDS,
): Anomaly[] {
  const { claims, listings } = facts;
  return [
    ...duplicateClaim(claims),
    ...relistedAfterClearance(claims, listings, thresholds),
    ...backdatedEntry(claims, thresholds),
    ...missingEvidence(claims),
    ...selfVerified(claims),
    ...lateBaselineExit(claims, campaign),
  ].sort(compareAnomalies);
}

/** The rules over all of a unit's claims, against its own earlier record. */
export function runUnitRules(
  claims: ClaimFact[],
  campaign: IntegrityCampaign,
  thresholds: IntegrityThresholds = DEFAULT_THRESHOLDS,
): Anomaly[] {
  return [
    ...cancellationSpike(claims, campaign, thresholds),
    ...resultsJump(claims, campaign, thresholds),
  ].sort(compareAnomalies);
}

/**
 * Runs all eight rules over a campaign's facts.
 * @example runRules({ claims, listings }, { startOn: '2011-10-17', deadlineOn: '2011-12-20' })
 */
export function runRules(
  facts: IntegrityFacts,
  campaign: IntegrityCampaign,
  thresholds: IntegrityThresholds = DEFAULT_THRESHOLDS,
): Anomaly[] {
  return [
    ...runPersonRules(facts, campaign, thresholds),
    ...runUnitRules(facts.claims, campaign, thresholds),
  ].sort(compareAnomalies);
}

// ——— The rules in parts ———
// A full run reads the campaign a part at a time, so that its memory does not grow with the
// registry: the person rules over the claims of a range of fugitives (a person's claims are all on
// their listing, corrections included), the unit rules over the claims of a range of units. Only
// the relisting rule looks beyond a range, at other listings of the same person, found through
// hashes of the keys it matches people by.

/** A 32-bit FNV-1a hash, never 0 (0 stands for no key). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/**
 * The hashes of the two keys the relisting rule finds a person's other listings by (0: no such key).
 * Two listings it may pair share one; a collision only brings in a listing it then does not pair.
 */
export function identityHashes(l: Identity): [byId: number, byPerson: number] {
  const id = idKey(l);
  const person = personKey(l);
  return [id === null ? 0 : hash32(`id|${id}`), person === null ? 0 : hash32(`person|${person}`)];
}

/** Hashes sorted and distinct, for `hashIndex`: a Set of a million numbers costs ten times more. */
export function hashSet(hashes: Iterable<number>): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  return sorted.filter((h, i) => i === 0 || h !== sorted[i - 1]);
}

/** Where a hash is in a `hashSet`, or -1. */
export function hashIndex(set: Uint32Array, hash: number): number {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const h = set[mid]!;
    if (h === hash) return mid;
    if (h < hash) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A listing by id with what the relisting rule matches people by. */
export type IdentityRow = Identity & { id: number };

/** The hashed keys of cleared listings, and how many listings have each (0, 1, 2: two or more). */
export interface ClearedKeys {
  keys: Uint32Array;
  listings: Uint8Array;
}

/** The keys of the cleared listings (a first pass over them), none counted yet. */
export function clearedKeys(hashes: Iterable<number>): ClearedKeys {
  const keys = hashSet(hashes);
  return { keys, listings: new Uint8Array(keys.length) };
}

/** The hashed keys of some listings (0, no key, left out). */
export function identityKeys(cleared: IdentityRow[]): number[] {
  return cleared.flatMap((l) => identityHashes(l).filter((h) => h !== 0));
}

/** Counts the listings having each key (a second pass over all of them). */
export function countKeys(counted: ClearedKeys, listings: IdentityRow[]): void {
  for (const l of listings)
    for (const h of identityHashes(l)) {
      const at = h === 0 ? -1 : hashIndex(counted.keys, h);
      if (at >= 0 && counted.listings[at]! < 2) counted.listings[at] = counted.listings[at]! + 1;
    }
}

/** Listings having a key of a cleared listing that another listing has too: the only ones to pair. */
export interface RelistIndex {
  ids: number[];
  byId: number[];
  byPerson: number[];
}

/** Adds the listings with a shared key (counted by `countKeys`) to the index (a third pass). */
export function indexListings(index: RelistIndex, counted: ClearedKeys, listings: IdentityRow[]): void {
  const shared = (h: number) => h !== 0 && counted.listings[hashIndex(counted.keys, h)] === 2;
  for (const l of listings) {
    const [byId, byPerson] = identityHashes(l);
    if (!shared(byId) && !shared(byPerson)) continue;
    index.ids.push(l.id);
    index.byId.push(byId);
    index.byPerson.push(byPerson);
  }
}

/**
 * The other listings the relisting rule may pair with these cleared ones: those of the index with
 * one of their hashed keys, in the order of their ids.
 */
export function relistCandidates(index: RelistIndex, cleared: Identity[]): number[] {
  const keys = new Set(cleared.flatMap((l) => identityHashes(l).filter((h) => h !== 0)));
  return index.ids.filter((_, i) => keys.has(index.byId[i]!) || keys.has(index.byPerson[i]!));
}

/**
 * Packs units, in the order of their ids, into ranges of ids with about `size` claims each (a unit
 * with more is a range of its own): each range's claims are read and judged together.
 */
export function unitRanges(
  counts: { unitId: number; n: number }[],
  size: number,
): { from: number; to: number }[] {
  const total = new Map<number, number>();
  for (const { unitId, n } of counts) total.set(unitId, (total.get(unitId) ?? 0) + n);
  const ranges: { from: number; to: number; n: number }[] = [];
  for (const [unitId, n] of [...total].sort((a, b) => a[0] - b[0])) {
    const last = ranges.at(-1);
    if (last && last.n + n <= size) Object.assign(last, { to: unitId, n: last.n + n });
    else ranges.push({ from: unitId, to: unitId, n });
  }
  return ranges.map(({ from, to }) => ({ from, to }));
}

/**
 * A page of claims in the order of their fugitives, cut after the last fugitive it holds whole: on
 * a full page the last fugitive may go on into the next one. Empty when the page holds one fugitive.
 */
export function wholeFugitives(page: ClaimFact[], full: boolean): ClaimFact[] {
  const last = page.at(-1)?.fugitiveId;
  return full ? page.filter((c) => c.fugitiveId !== last) : page;
}

// ——— Records against their history ———

type Image = Record<string, unknown>;

/**
 * What the audit events say a record looks like now: the first event's before image (for records
 * that came in another way, such as an import), then each after image laid over the last.
 */
export function foldImages(events: { before: unknown; after: unknown }[]): Image {
  const image: Image = {};
  events.forEach((e, i) => {
    if (i === 0 && isImage(e.before)) Object.assign(image, e.before);
    if (isImage(e.after)) Object.assign(image, e.after);
  });
  return image;
}

const isImage = (v: unknown): v is Image => typeof v === 'object' && v !== null && !Array.isArray(v);

// The name of a person, an account or a unit may change legitimately; the unit a claim names may not.
const unitCode = (v: unknown) => (isImage(v) ? (v.code ?? null) : (v ?? null));
const IGNORED = new Set(['fugitiveName', 'claimedByName', 'approvedByName', 'decidedByName']);

/** An officer a claim names, as the history check holds it: the account's login, the name given. */
export interface RecordedOfficer {
  username: string | null;
  namedAs: string;
}

/**
 * Whether an officer in a claim's history is the officer it names now. Events before officers were
 * references hold the name; later ones the account (the name may change) or, without one, the name.
 */
function sameOfficer(recorded: unknown, current: unknown): boolean {
  if (!isImage(current)) return false;
  const now = current as unknown as RecordedOfficer;
  if (typeof recorded === 'string') return recorded === now.namedAs;
  if (!isImage(recorded)) return false;
  if (typeof recorded.username === 'string') return recorded.username === now.username;
  return now.username === null && recorded.name === now.namedAs;
}

function sameOfficers(recorded: unknown, current: unknown): boolean {
  if (Array.isArray(recorded))
    return (
      Array.isArray(current) &&
      recorded.length === current.length &&
      recorded.every((r, i) => sameOfficer(r, current[i]))
    );
  if (recorded === null || recorded === undefined) return current === null || current === undefined;
  return sameOfficer(recorded, current);
}

const OFFICER_FIELDS = new Set(['capturingOfficers', 'persuadingOfficer']);

/** The fields in which a record differs from what its history says (empty when they agree). */
export function driftedFields(recorded: Image, current: Image): string[] {
  return Object.keys(recorded)
    .filter((field) => !IGNORED.has(field) && field in current)
    .filter((field) =>
      OFFICER_FIELDS.has(field)
        ? !sameOfficers(recorded[field], current[field])
        : canonicalField(recorded[field]) !== canonicalField(current[field]),
    )
    .sort();
}

function canonicalField(value: unknown): string {
  return JSON.stringify(unitCode(value));
}
