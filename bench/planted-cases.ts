// Planted cases for the integrity rules (issue 7): the demo city (~5,000 listings, a campaign whose
// deadline is "today") with fabricated results of every known kind planted in it, written straight
// into the tables as an older system or a careless import would. Runs the rules and reports, per
// rule, how many planted cases were found and how many clean records were flagged.
// Run: node --import tsx bench/planted-cases.ts [--per-rule 10] [--seed 2011]
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { createCampaign } from '../src/areas/campaigns/service.ts';
import { changeSettings, findAnomalies } from '../src/areas/integrity/service.ts';
import { DEFAULT_SETTINGS, type IntegritySettings } from '../src/areas/integrity/schema.ts';
import { ANOMALY_RULES, type Anomaly, type AnomalyRule } from '../src/areas/integrity/types.ts';
import type { Executor } from '../src/db/connection.ts';
import type { NewClearance } from '../src/db/tables.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import type { Context } from '../src/shared/context.ts';
import { addDays, daysBetween } from '../src/shared/dates.ts';

export const PLANTED_CAMPAIGN = '清网核查演练 (planted cases)';

/** One planted case: the rule that should find it and what identifies it in a finding. */
export interface PlantedCase {
  rule: AnomalyRule;
  /** The claim a finding must name (claim-level rules) … */
  claimId?: number;
  /** … or the unit (and campaign week) it must concern (unit-level rules). */
  unit?: string;
  week?: number;
}

export interface DetectionRow {
  rule: AnomalyRule;
  planted: number;
  found: number;
  /** Findings of the rule that involve no planted record at all: clean records flagged. */
  cleanFlagged: number;
  /** Findings of the rule that involve planted records of another rule (a side effect of planting). */
  collateral: number;
}

interface Station {
  id: number;
  code: string;
}

/**
 * Loads the demo city, adds a campaign launched with the demo's and ending today, and plants
 * `perRule` cases of every rule, each in its own unit where the rule concerns a unit.
 */
export async function plantCases(ctx: Context, today: string, perRule: number, seed = 2011) {
  await loadDemo(ctx, { seed, anchor: today });
  const demo = await ctx.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
  await createCampaign(ctx, {
    name: PLANTED_CAMPAIGN,
    baselineOn: demo.baseline_on,
    startOn: demo.start_on,
    deadlineOn: today,
    target: demo.target,
  });
  const stations = await ctx.db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('kind', '=', 'station')
    .orderBy('code')
    .execute();
  const planter = new Planter(ctx.db, ctx.now.toISOString(), demo.start_on, today);
  const cases: PlantedCase[] = [];
  // Stations take turns, so no unit gets more than its share of planted results; a station with
  // too few unclaimed listings for the case is passed over.
  let turn = 0;
  const nextStation = async (listings = 1): Promise<Station> => {
    for (let tries = 0; tries < stations.length; tries += 1) {
      const station = stations[turn++ % stations.length]!;
      if ((await planter.freeCount(station)) >= listings) return station;
    }
    throw new Error(`no station has ${listings} unclaimed listings left`);
  };

  for (let i = 0; i < perRule; i += 1) {
    // Two units claim one person (the second claim is held as a conflict).
    const [a, b] = [await nextStation(), await nextStation()];
    const f = await planter.freeFugitive(a);
    const first = await planter.claim(f, a, { status: 'pending', occurred_on: planter.day(3 + i) });
    await planter.claim(f, b, { status: 'conflict', occurred_on: planter.day(4 + i) });
    cases.push({ rule: 'duplicate-claim', claimId: first });
  }
  for (let i = 0; i < perRule; i += 1) {
    // Cleared, then listed again under a new number with the same ID number within 90 days.
    const s = await nextStation();
    const f = await planter.freeFugitive(s);
    const occurred = planter.day(2 + i);
    const claimId = await planter.claim(f, s, {
      status: 'verified',
      occurred_on: occurred,
      evidence_ref: `E-R${i}`,
    });
    await planter.relist(f, addDays(occurred, 10 + i * 5), `PLANT-R${i}`);
    cases.push({ rule: 'relisted-after-clearance', claimId });
  }
  for (let i = 0; i < perRule; i += 1) {
    // Warrants withdrawn in bulk in the last two weeks, by a unit that withdrew none before.
    const s = await nextStation(4);
    for (let k = 0; k < 4; k += 1) {
      const f = await planter.freeFugitive(s);
      await planter.claim(f, s, {
        kind: 'cancellation',
        status: 'verified',
        occurred_on: addDays(today, -1 - k * 3),
        reason_code: 'warrant_withdrawn',
      });
    }
    cases.push({ rule: 'cancellation-spike', unit: s.code });
  }
  for (let i = 0; i < perRule; i += 1) {
    // An arrest entered 31 to 60 days after the date it claims.
    const s = await nextStation();
    const f = await planter.freeFugitive(s);
    const occurred = planter.day(1 + i);
    const claimId = await planter.claim(f, s, {
      status: 'pending',
      occurred_on: occurred,
      entered_at: `${addDays(occurred, 31 + i * 3)}T02:00:00.000Z`,
      evidence_ref: `E-B${i}`,
    });
    cases.push({ rule: 'backdated-entry', claimId });
  }
  for (let i = 0; i < perRule; i += 1) {
    // A verified arrest with no detention notice.
    const s = await nextStation();
    const f = await planter.freeFugitive(s);
    const claimId = await planter.claim(f, s, {
      status: 'verified',
      occurred_on: planter.day(5 + i),
      evidence_ref: null,
    });
    cases.push({ rule: 'missing-evidence', claimId });
  }
  const officer = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.username', 'n.id', 'n.code'])
    .where('u.username', '=', 'officer')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < perRule; i += 1) {
    // Verified by the claimant (even cases) or by someone of the claimant's own unit (odd cases).
    const own = i % 2 === 1;
    const s = own ? { id: officer.id, code: officer.code } : await nextStation();
    const f = await planter.freeFugitive(s);
    const claimant = `planted-claimant-${i}`;
    const claimId = await planter.claim(f, s, {
      status: 'verified',
      occurred_on: planter.day(6 + i),
      evidence_ref: `E-S${i}`,
      provenance: 'entry',
      claimed_by: claimant,
      decided_by: own ? officer.username : claimant,
    });
    cases.push({ rule: 'self-verified', claimId });
  }
  const lastWeek = Math.floor(daysBetween(demo.start_on, today) / 7);
  for (let i = 0; i < perRule; i += 1) {
    // Fifteen verified captures in the campaign's last week.
    const s = await nextStation(15);
    const weekStart = addDays(demo.start_on, lastWeek * 7);
    for (let k = 0; k < 15; k += 1) {
      const f = await planter.freeFugitive(s);
      await planter.claim(f, s, {
        status: 'verified',
        occurred_on: minDate(addDays(weekStart, k % 5), addDays(today, -1)),
        evidence_ref: `E-J${i}-${k}`,
      });
    }
    cases.push({ rule: 'results-jump', unit: s.code, week: lastWeek });
  }
  await plantNearMisses(planter, nextStation, today, Math.ceil(perRule / 2));
  return { cases, plantedClaimIds: planter.planted };
}

/**
 * Records just inside the rules' limits, the hard part for a rule: they are counted as clean, so a
 * rule that flags one shows up in the "findings on clean records only" column.
 */
async function plantNearMisses(
  planter: Planter,
  nextStation: (listings?: number) => Promise<Station>,
  today: string,
  count: number,
) {
  for (let i = 0; i < count; i += 1) {
    // Listed again 91 days and more after the clearance.
    const s = await nextStation();
    const f = await planter.freeFugitive(s);
    const cleared = addDays(today, -200);
    await planter.claim(f, s, { status: 'verified', occurred_on: cleared, evidence_ref: `N-R${i}` }, false);
    await planter.relist(f, addDays(cleared, 91 + i), `NEAR-R${i}`);
    // Entered 30 days after the date it claims (the limit is "more than 30").
    const b = await nextStation();
    const occurred = planter.day(i);
    await planter.claim(
      await planter.freeFugitive(b),
      b,
      {
        occurred_on: occurred,
        entered_at: `${addDays(occurred, 30)}T08:00:00.000Z`,
      },
      false,
    );
    // Two units' worth of claims on two people, never on the same one; one unit claiming twice.
    const d = await nextStation(2);
    const twice = await planter.freeFugitive(d);
    await planter.claim(twice, d, { status: 'pending', occurred_on: planter.day(i + 2) }, false);
    await planter.claim(twice, d, { status: 'conflict', occurred_on: planter.day(i + 3) }, false);
    // Two cancellations before the deadline (the minimum is three).
    const c = await nextStation(2);
    for (let k = 0; k < 2; k += 1)
      await planter.claim(
        await planter.freeFugitive(c),
        c,
        {
          kind: 'cancellation',
          status: 'verified',
          occurred_on: addDays(today, -2 - k),
          reason_code: 'warrant_withdrawn',
        },
        false,
      );
    // A pending arrest without evidence: only verified ones count.
    const e = await nextStation();
    await planter.claim(
      await planter.freeFugitive(e),
      e,
      { occurred_on: planter.day(i + 4), evidence_ref: null },
      false,
    );
  }
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** Writes planted records straight into the tables, remembering what it touched. */
class Planter {
  readonly planted = new Set<number>();
  private readonly used = new Set<number>();

  constructor(
    private readonly db: Executor,
    private readonly at: string,
    private readonly startOn: string,
    private readonly today: string,
  ) {}

  /** A campaign day, never later than yesterday. */
  day(n: number): string {
    return minDate(addDays(this.startOn, n), addDays(this.today, -1));
  }

  /** The station's listings from before the campaign that nothing has claimed. */
  private unclaimed(station: Station) {
    return this.db
      .selectFrom('fugitives as f')
      .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
      .select('f.id')
      .where('f.listing_unit_id', '=', station.id)
      .where('f.listed_on', '<', this.startOn)
      .where('c.id', 'is', null)
      .orderBy('f.id')
      .execute();
  }

  async freeCount(station: Station): Promise<number> {
    return (await this.unclaimed(station)).filter((r) => !this.used.has(r.id)).length;
  }

  async freeFugitive(station: Station): Promise<number> {
    const free = (await this.unclaimed(station)).find((r) => !this.used.has(r.id));
    if (!free) throw new Error(`no unclaimed listing left in ${station.code}`);
    this.used.add(free.id);
    return free.id;
  }

  /** Inserts a claim; `track` false for a near miss, which counts as a clean record. */
  async claim(fugitiveId: number, unit: Station, over: Partial<NewClearance>, track = true): Promise<number> {
    const occurred = over.occurred_on ?? this.day(1);
    const status = over.status ?? 'pending';
    const decided = status === 'verified';
    const row: NewClearance = {
      fugitive_id: fugitiveId,
      kind: 'arrest',
      occurred_on: occurred,
      capturing_unit_id: unit.id,
      capturing_agency: null,
      persuading_unit_id: null,
      place: null,
      evidence_ref: 'E-PLANTED',
      status,
      provenance: 'import',
      claimed_by: 'planted',
      entered_at: `${occurred}T02:00:00.000Z`,
      decided_by: decided ? 'planted-inspector' : null,
      decided_at: decided ? this.at : null,
      decision_reason: null,
      claim_unit_id: unit.id,
      reason_code: null,
      reason_text: null,
      approved_by: null,
      approved_at: null,
      supersedes_id: null,
      ...over,
    };
    const { id } = await this.db
      .insertInto('clearances')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    if (track) this.planted.add(id);
    return id;
  }

  /** Lists the person of `fugitiveId` again under a new listing number. */
  async relist(fugitiveId: number, listedOn: string, listingNo: string): Promise<void> {
    const rest = await this.db
      .selectFrom('fugitives')
      .select([
        'name',
        'sex',
        'birth_date',
        'id_number',
        'crime_category',
        'offence',
        'case_no',
        'listing_agency',
        'listing_unit_id',
        'published',
        'reward',
        'created_at',
      ])
      .where('id', '=', fugitiveId)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('fugitives')
      .values({
        ...rest,
        listing_no: listingNo,
        listed_on: listedOn,
        exit_clearance_id: null,
        exit_on: null,
        exit_kind: null,
        exit_unit_id: null,
      })
      .execute();
  }
}

/** Matches findings to planted cases, rule by rule. */
export function detectionReport(
  found: Anomaly[],
  cases: PlantedCase[],
  plantedClaimIds: Set<number>,
): DetectionRow[] {
  return ANOMALY_RULES.map((rule) => {
    const ofRule = found.filter((a) => a.rule === rule);
    const planted = cases.filter((c) => c.rule === rule);
    const matches = (a: Anomaly, c: PlantedCase) =>
      c.claimId !== undefined
        ? a.claimIds.includes(c.claimId)
        : a.unit === c.unit && (c.week === undefined || a.key.endsWith(`:week-${c.week}`));
    const foundCases = planted.filter((c) => ofRule.some((a) => matches(a, c)));
    const unmatched = ofRule.filter((a) => !planted.some((c) => matches(a, c)));
    const touchesPlanted = (a: Anomaly) => a.claimIds.some((id) => plantedClaimIds.has(id));
    return {
      rule,
      planted: planted.length,
      found: foundCases.length,
      cleanFlagged: unmatched.filter((a) => !touchesPlanted(a)).length,
      collateral: unmatched.filter(touchesPlanted).length,
    };
  });
}

export function formatReport(rows: DetectionRow[], clean: { claims: number; listings: number }): string {
  const lines = [
    `clean records: ${clean.claims} clearances, ${clean.listings} listings`,
    '| rule | planted cases | found | findings on clean records only | other findings touching planted records |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.rule} | ${r.planted} | ${r.found} | ${r.cleanFlagged} | ${r.collateral} |`),
  ];
  return lines.join('\n');
}

/**
 * Plants the cases in a fresh database and runs the rules over the planted campaign, with the
 * default thresholds and then with each set of `variants` (for showing how tuning trades off).
 */
export async function runPlantedCases(
  db: Executor,
  today: string,
  perRule: number,
  seed = 2011,
  variants: Partial<IntegritySettings>[] = [],
) {
  const ctx: Context = { db, actor: 'planted-cases', now: new Date(`${today}T04:00:00Z`), scope: EVERYTHING };
  const { cases, plantedClaimIds } = await plantCases(ctx, today, perRule, seed);
  const report = async () =>
    detectionReport(await findAnomalies(ctx, PLANTED_CAMPAIGN), cases, plantedClaimIds);
  const rows = await report();
  const tuned = [];
  for (const variant of variants) {
    await changeSettings(ctx, PLANTED_CAMPAIGN, { ...DEFAULT_SETTINGS, ...variant });
    tuned.push({ variant, rows: await report() });
  }
  const count = async (table: 'clearances' | 'fugitives') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const clean = {
    claims: (await count('clearances')) - plantedClaimIds.size,
    listings: (await count('fugitives')) - perRule,
  };
  return { rows, tuned, clean };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { openStore } = await import('../src/db/connection.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { values } = parseArgs({
    options: {
      'per-rule': { type: 'string', default: '10' },
      seed: { type: 'string', default: '2011' },
      today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
  });
  const store = openStore(process.env.DATABASE_URL ?? ':memory:');
  await migrateToLatest(store.db);
  const started = performance.now();
  const variants = [{ jumpMinCaptures: 8 }, { jumpMinCaptures: 10 }];
  const perRule = Number(values['per-rule']);
  const result = await runPlantedCases(store.db, values.today, perRule, Number(values.seed), variants);
  console.log(formatReport(result.rows, result.clean));
  for (const { variant, rows } of result.tuned) {
    const jump = rows.find((r) => r.rule === 'results-jump')!;
    console.log(
      `with ${JSON.stringify(variant)}: results-jump found ${jump.found} of ${jump.planted}, ` +
        `clean records flagged ${jump.cleanFlagged}, other ${jump.collateral}`,
    );
  }
  console.log(`(${Math.round(performance.now() - started)} ms, seed ${values.seed}, today ${values.today})`);
  await store.close();
}
