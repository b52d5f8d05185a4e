// A full run of the integrity rules reads the campaign a part at a time (issue 12, item 5). Here the
// parts are made small, so that the demo city with planted cases of every rule spans dozens of
// them, and what they find together must be what `runRules` finds over the whole campaign at once.
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClearancesTable } from '../src/db/tables.ts';
import { PLANTED_CAMPAIGN, plantCases } from '../bench/planted-cases.ts';
import { findCampaign } from '../src/areas/campaigns/service.ts';
import { claimFacts, claimFactsByFugitive, listingFacts } from '../src/areas/integrity/repo.ts';
import { compareAnomalies, runRules } from '../src/areas/integrity/rules.ts';
import { anomaliesInParts, scanCampaign, settingsOf } from '../src/areas/integrity/service.ts';
import { ANOMALY_RULES, type Anomaly } from '../src/areas/integrity/types.ts';
import { addDays } from '../src/shared/dates.ts';
import { DIALECTS, type TestStore, contextFor, freshStore } from './support/stores.ts';

const TODAY = '2026-11-28';

describe.each(DIALECTS)('the integrity rules in parts on %s', (dialect) => {
  let store: TestStore;
  let corrected: string;
  const ctx = () => contextFor(store, new Date(`${TODAY}T04:00:00Z`));

  beforeAll(async () => {
    store = await freshStore(dialect);
    await plantCases(ctx(), TODAY, 2);
    await plantMore();
  }, 120_000);
  afterAll(() => store.dispose());

  /**
   * What the generator does not plant: exits of baseline persons dated before the launch and entered
   * after the freeze, and a person listed again under a name written differently, without an ID
   * number (matched by name and birth date), far from the first listing in the order of ids; a
   * person with a long chain of corrections, more claims than a part holds, back-dated from the first.
   */
  async function plantMore() {
    const db = store.db;
    // Created after its launch, the campaign is frozen at once.
    const campaign = await findCampaign(db, PLANTED_CAMPAIGN);
    expect(campaign.frozen_at).not.toBeNull();
    const free = await db
      .selectFrom('fugitives as f')
      .where('f.listed_on', '<=', campaign.baseline_on)
      .where('f.exit_on', 'is', null)
      .where('f.birth_date', 'is not', null)
      .where('f.id_number', 'is not', null)
      .where('f.listing_unit_id', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('clearances as c').select('c.id').whereRef('c.fugitive_id', '=', 'f.id')),
        ),
      )
      .selectAll()
      .orderBy('f.id')
      .limit(5)
      .execute();
    expect(free).toHaveLength(5);
    const later = new Date(`${TODAY}T05:00:00Z`).toISOString();
    const claim = (f: (typeof free)[number], occurredOn: string, enteredAt: string) => ({
      fugitive_id: f.id,
      kind: 'arrest',
      occurred_on: occurredOn,
      capturing_unit_id: f.listing_unit_id,
      claim_unit_id: f.listing_unit_id,
      evidence_ref: 'E-MORE',
      status: 'verified',
      provenance: 'import',
      claimed_by: 'planted',
      entered_at: enteredAt,
      decided_by: 'planted-inspector',
      decided_at: later,
    });
    const preLaunch = addDays(campaign.start_on, -3);
    await db
      .insertInto('clearances')
      .values(free.slice(0, 2).map((f) => claim(f, preLaunch, later)))
      .execute();
    const cleared = addDays(campaign.start_on, 5);
    await db
      .insertInto('clearances')
      .values(free.slice(2, 4).map((f) => claim(f, cleared, `${cleared}T02:00:00.000Z`)))
      .execute();
    corrected = free[4]!.listing_no;
    let supersedes: number | null = null;
    for (let k = 0; k < 12; k += 1) {
      const last = k === 11;
      const row: Insertable<ClearancesTable> = {
        ...claim(free[4]!, cleared, `${addDays(cleared, k === 0 ? 1 : 40 + k)}T02:00:00.000Z`),
        status: last ? 'pending' : 'superseded',
        supersedes_id: supersedes,
      };
      const inserted: { id: number } = await db
        .insertInto('clearances')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      supersedes = inserted.id;
    }
    const copy = free[2]!;
    const relisted = {
      ...copy,
      id: undefined,
      person_id: null,
      exit_clearance_id: null,
      exit_on: null,
      exit_kind: null,
      exit_unit_id: null,
    };
    await db
      .insertInto('fugitives')
      .values([
        // The same name with a space in it and no ID number, 20 days after the clearance.
        {
          ...relisted,
          listing_no: 'MORE-R1',
          name: ` ${copy.name.slice(0, 1)} ${copy.name.slice(1)}`,
          id_number: null,
          listed_on: addDays(cleared, 20),
        },
        // The same ID number in lower case with blanks around it, 30 days after.
        {
          ...relisted,
          listing_no: 'MORE-R2',
          id_number: ` ${free[3]!.id_number!.toLowerCase()} `,
          name: free[3]!.name,
          birth_date: free[3]!.birth_date,
          listed_on: addDays(cleared, 30),
        },
      ])
      .execute();
  }

  async function wholeRun(): Promise<Anomaly[]> {
    const campaign = await findCampaign(store.db, PLANTED_CAMPAIGN);
    const facts = { claims: await claimFacts(store.db, campaign.id), listings: await listingFacts(store.db) };
    const dates = {
      startOn: campaign.start_on,
      deadlineOn: campaign.deadline_on,
      frozenAt: campaign.frozen_at,
    };
    return runRules(facts, dates, settingsOf(campaign));
  }

  it('finds in small parts what the rules find over the whole campaign, in the same order', async () => {
    const whole = await wholeRun();
    // Every rule has something to find here, the two planted above included.
    expect(new Set(whole.map((a) => a.rule))).toEqual(new Set(ANOMALY_RULES));
    const relistedMore = whole.filter(
      (a) => a.rule === 'relisted-after-clearance' && String(a.facts.newListingNo).startsWith('MORE-R'),
    );
    expect(relistedMore).toHaveLength(2);
    expect(whole.filter((a) => a.rule === 'late-baseline-exit').length).toBeGreaterThanOrEqual(2);
    // The corrections count from the first entry, a day after the arrest: none is back-dated.
    expect(whole.filter((a) => a.rule === 'backdated-entry' && a.listingNo === corrected)).toEqual([]);
    const campaign = await findCampaign(store.db, PLANTED_CAMPAIGN);
    for (const size of [9, 150, 1_000_000]) {
      const parts: Anomaly[][] = [];
      for await (const part of anomaliesInParts(store.db, campaign, size)) parts.push(part);
      if (size < 1_000_000) expect(parts.length, `parts of ${size}`).toBeGreaterThan(20);
      expect(parts.flat().sort(compareAnomalies), `parts of ${size}`).toEqual(whole);
    }
  }, 300_000);

  it('reads every claim once, a run of whole fugitives at a time, one alone when it has more', async () => {
    const campaign = await findCampaign(store.db, PLANTED_CAMPAIGN);
    const all = await claimFacts(store.db, campaign.id);
    const seen: number[] = [];
    let alone = 0;
    let after = 0;
    for await (const part of claimFactsByFugitive(store.db, campaign.id, 9)) {
      const fugitives = part.map((c) => c.fugitiveId);
      if (part.length > 9 && new Set(fugitives).size === 1) alone += 1;
      expect(Math.min(...fugitives)).toBeGreaterThan(after); // no fugitive split between parts
      after = Math.max(...fugitives);
      seen.push(...part.map((c) => c.id));
    }
    expect(alone).toBe(1); // the person with twelve claims
    expect(seen.sort((a, b) => a - b)).toEqual(all.map((c) => c.id));
  }, 120_000);

  it('puts into the queue, a few findings per transaction, what the whole run finds, once', async () => {
    const whole = await wholeRun();
    // The demo's own campaign has its queue already (loading the demo scans it); this is another one.
    const campaign = await findCampaign(store.db, PLANTED_CAMPAIGN);
    const scan = await scanCampaign(ctx(), PLANTED_CAMPAIGN, { partClaims: 13, batch: 17 });
    expect(scan).toMatchObject({ found: whole.length, added: whole.length });
    const queued = await store.db
      .selectFrom('anomalies')
      .select(['finding_key', 'reason', 'claim_ids'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    const byKey = (a: { finding_key: string }, b: { finding_key: string }) =>
      a.finding_key < b.finding_key ? -1 : 1;
    expect(queued.sort(byKey)).toEqual(
      whole
        .map((a) => ({ finding_key: a.key, reason: a.reason, claim_ids: JSON.stringify(a.claimIds) }))
        .sort(byKey),
    );
    // One event per batch that added findings, together counting every one of them.
    const events = await store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'anomalies.found')
      .execute();
    const counts = events
      .map((e) => JSON.parse(e.after_json!) as { campaign: string; count: number })
      .filter((e) => e.campaign === PLANTED_CAMPAIGN)
      .map((e) => e.count);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(whole.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(17);
    // Run again: nothing new.
    expect(await scanCampaign(ctx(), PLANTED_CAMPAIGN, { partClaims: 13, batch: 17 })).toMatchObject({
      found: whole.length,
      added: 0,
    });
  });
});
