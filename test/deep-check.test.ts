// Issue 13, defect 2: a direct UPDATE of a table the figures and rewards are computed from is found
// by the deep check, which names the row; audited changes after the seal are not reported; an
// edited seal is found too.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepCheck, sealFacts } from '../src/areas/integrity/deep-check.ts';
import { importFugitives } from '../src/areas/registry/service.ts';
import { askWithdrawal, decideWithdrawal } from '../src/areas/registry/withdrawal.ts';
import { importUnits } from '../src/areas/units/service.ts';
import { parseFile } from '../src/import/parse-file.ts';
import { csvFileWriter } from './support/csv-files.ts';
import { type TestApp, NOW, startApp } from './support/http.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { DIALECTS, contextFor, freshStore } from './support/stores.ts';
import { qingwang } from './support/cli.ts';

describe.each(DIALECTS)('the deep check on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect, 300);
  });
  afterAll(() => app.close());

  const db = () => app.store.db;
  const seal = () => sealFacts(contextFor(app.store, NOW, 'inspectorate'));

  it('finds nothing right after a seal', async () => {
    const sealed = await seal();
    // Every listing of the demo city: 300 made by the dice and the few that repeat someone already
    // listed without the ID number (the demo's suggested matches of persons).
    const { count } = await db()
      .selectFrom('fugitives')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBeGreaterThan(300);
    expect(sealed.tables.fugitives!.rows).toBe(Number(count));
    expect(sealed.tables.clearances!.rows).toBeGreaterThan(0);
    const check = await deepCheck(db());
    expect(check).toMatchObject({ ok: true, differences: [], brokenSeals: [] });
    expect(check.compared).toBeGreaterThan(600);
  });

  // One direct edit per table, each behind the application's back.
  const edits: { table: string; edit: () => Promise<string> }[] = [
    {
      table: 'fugitives',
      edit: async () => {
        const f = await db()
          .selectFrom('fugitives')
          .select('id')
          .where('exit_unit_id', 'is not', null)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        const other = await db()
          .selectFrom('units')
          .select('id')
          .where('kind', '=', 'station')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        await db().updateTable('fugitives').set({ exit_unit_id: other.id }).where('id', '=', f.id).execute();
        return String(f.id);
      },
    },
    {
      table: 'persons',
      edit: async () => {
        const p = await db().selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow();
        await db().updateTable('persons').set({ homicide: 1 }).where('id', '=', p.id).execute();
        return String(p.id);
      },
    },
    {
      table: 'clearances',
      edit: async () => {
        const c = await db()
          .selectFrom('clearances')
          .select('id')
          .where('provenance', '=', 'import')
          .orderBy('id')
          .executeTakeFirstOrThrow();
        await db()
          .updateTable('clearances')
          .set({ occurred_on: '2026-11-01' })
          .where('id', '=', c.id)
          .execute();
        return String(c.id);
      },
    },
    {
      table: 'campaigns',
      edit: async () => {
        const c = await db().selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
        await db().updateTable('campaigns').set({ target: 0.2 }).where('id', '=', c.id).execute();
        return String(c.id);
      },
    },
    {
      table: 'baseline_persons',
      edit: async () => {
        const b = await db()
          .selectFrom('baseline_persons')
          .select(['campaign_id', 'person_id'])
          .orderBy('person_id')
          .executeTakeFirstOrThrow();
        await db()
          .deleteFrom('baseline_persons')
          .where('campaign_id', '=', b.campaign_id)
          .where('person_id', '=', b.person_id)
          .execute();
        return `${b.campaign_id}/${b.person_id}`;
      },
    },
    {
      table: 'ledger_entries',
      edit: async () => {
        const e = await db()
          .selectFrom('ledger_entries')
          .select('id')
          .orderBy('id')
          .executeTakeFirstOrThrow();
        await sql`update ledger_entries set points = points + 100 where id = ${e.id}`.execute(db());
        return String(e.id);
      },
    },
  ];

  for (const { table, edit } of edits)
    it(`names a row of ${table} edited directly`, async () => {
      await seal();
      const key = await edit();
      const check = await deepCheck(db());
      expect(check.ok).toBe(false);
      expect(check.differences.map((d) => [d.table, d.key])).toEqual([[table, key]]);
      expect(check.differences[0]!.change).toBe(table === 'baseline_persons' ? 'removed' : 'changed');
    });

  it('names a row of letters edited directly', async () => {
    const campaign = await db().selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const unit = await db()
      .selectFrom('units')
      .select('id')
      .where('kind', '=', 'station')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('letters')
      .values({
        campaign_id: campaign.id,
        unit_id: unit.id,
        target: 0.5,
        baseline: 10,
        signer_id: null,
        signed_by: '王',
        provenance: 'paper',
        signed_on: '2026-10-20',
        document_sha256: null,
        document_name: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    await seal();
    const letter = await db().selectFrom('letters').select('id').executeTakeFirstOrThrow();
    await db().updateTable('letters').set({ target: 0.1 }).where('id', '=', letter.id).execute();
    const check = await deepCheck(db());
    expect(check.differences).toEqual([{ table: 'letters', key: String(letter.id), change: 'changed' }]);
  });

  it('does not report a change made through the application after the seal', async () => {
    await seal();
    // An officer claims an arrest of a listing of their station with no claim on it; an inspector verifies it.
    const station = await db()
      .selectFrom('units')
      .select('id')
      .where('code', '=', '630102-01')
      .executeTakeFirstOrThrow();
    const listing = await db()
      .selectFrom('fugitives as f')
      .leftJoin('clearances as c', 'c.fugitive_id', 'f.id')
      .select('f.listing_no')
      .where('f.listing_unit_id', '=', station.id)
      .where('f.exit_on', 'is', null)
      .where('c.id', 'is', null)
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    const claim = await (
      await app.as('officer')
    ).post('/api/clearances', {
      listingNo: listing.listing_no,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0001号',
      place: '西宁市城东区',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const res = await (
      await app.as('inspector')
    ).post(`/api/clearances/${claim.json<{ id: number }>().id}/verify`, {});
    expect(res.statusCode, res.body).toBe(200);
    const check = await deepCheck(db());
    expect(check.differences).toEqual([]);
  });

  it('finds a seal edited to hide an edit', async () => {
    await seal();
    const c = await db().selectFrom('campaigns').select(['id']).executeTakeFirstOrThrow();
    await db().updateTable('campaigns').set({ target: 0.3 }).where('id', '=', c.id).execute();
    const forged = await db()
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const { rowHash } = await import('../src/areas/integrity/seal-rules.ts');
    await db()
      .updateTable('fact_seals')
      .set({ row_hash: rowHash(forged) })
      .where('table_name', '=', 'campaigns')
      .where('row_key', '=', String(c.id))
      .execute();
    const check = await deepCheck(db());
    expect(check.differences).toEqual([]);
    expect(check.brokenSeals).toEqual(['campaigns']);
    expect(check.ok).toBe(false);
  });

  it('answers the integrity page with the deep check when asked', async () => {
    await seal();
    const inspector = await app.as('inspector');
    expect((await inspector.get('/api/audit/history?deep=true')).json()).toMatchObject({
      ok: true,
      deep: { ok: true, differences: [] },
    });
    const c = await db().selectFrom('campaigns').select(['id']).executeTakeFirstOrThrow();
    await db().updateTable('campaigns').set({ target: 0.25 }).where('id', '=', c.id).execute();
    const res = await inspector.get('/api/audit/history?deep=true');
    expect(res.json()).toMatchObject({
      ok: false,
      deep: { ok: false, differences: [{ table: 'campaigns', key: String(c.id), change: 'changed' }] },
    });
    // Without ?deep the old check knows nothing of it: that was the defect.
    expect((await inspector.get('/api/audit/history')).json()).toMatchObject({ ok: true });
  });
});

describe('qingwang audit seal and audit verify --deep', () => {
  it('seals, then names a row edited directly and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingwang-deep-'));
    const url = join(dir, 'q.db');
    const store = await freshStore('sqlite', url);
    await loadDemo(contextFor(store, NOW, 'demo'), { seed: 3, anchor: '2026-11-28', fugitives: 200 });
    await store.close();
    const sealed = await qingwang(url, 'audit', 'seal');
    expect(sealed.stdout).toMatch(/^sealed \d+ rows of 7 tables at event \d+/);
    const clean = await qingwang(url, 'audit', 'verify', '--deep');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('tables: all');
    const db = new Database(url);
    const row = db
      .prepare('select id from fugitives where exit_unit_id is not null order by id limit 1')
      .get() as { id: number };
    db.prepare('update fugitives set exit_unit_id = (select max(id) from units) where id = ?').run(row.id);
    db.close();
    const tampered = await qingwang(url, 'audit', 'verify', '--deep');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`  fugitives ${row.id}: changed`);
    expect(tampered.stderr).toContain('history TAMPERED');
  }, 180_000);
});

// A withdrawal takes a listing out of every list and figure: the deep check replays each request's
// own audit events, with or without a seal, and names a request edited, planted or deleted in SQL.
describe.each(DIALECTS)('the deep check of listing withdrawals on %s', (dialect) => {
  const csv = csvFileWriter('qingwang-deep-withdrawals-');
  const dir = mkdtempSync(join(tmpdir(), 'qingwang-deep-withdrawals-'));
  let store: Awaited<ReturnType<typeof freshStore>>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(dialect, dialect === 'sqlite' ? join(dir, 'q.db') : undefined);
    const ctx = contextFor(store, NOW, 'officer');
    await importUnits(ctx, parseFile('units', csv(['code,name,kind,parent_code', 'B,西宁市公安局,bureau,'])));
    await importFugitives(
      ctx,
      parseFile(
        'fugitives',
        csv([
          'listing_no,name,sex,birth_date,id_number,crime_category,offence,case_no,listing_agency,listed_on,published,reward',
          'L1,张三,,,,theft,盗窃,,B,2020-01-01,0,',
          'L2,李四,,,,theft,盗窃,,B,2020-01-01,0,',
          'L3,王五,,,,theft,盗窃,,B,2020-01-01,0,',
        ]),
      ),
    );
    const commander = { ...ctx, actor: 'commander' };
    ids.L1 = (await askWithdrawal(ctx, 'L1', { reason: '重复录入' })).id;
    await decideWithdrawal(commander, 'L1', { approve: true });
    ids.L2 = (await askWithdrawal(ctx, 'L2', { reason: '录错' })).id;
    await decideWithdrawal(commander, 'L2', { approve: false, reason: '并非误录' });
  });
  afterAll(() => store.dispose());

  it('finds the withdrawals as their events say, then names each one tampered with in SQL', async () => {
    expect(await deepCheck(store.db)).toMatchObject({ ok: true, withdrawals: { compared: 2, drifted: [] } });

    // The refusal turned into an approval behind the application's back: L2 leaves every figure.
    await store.db
      .updateTable('listing_withdrawals')
      .set({ status: 'approved', decision_reason: null })
      .where('id', '=', ids.L2!)
      .execute();
    // An approved withdrawal planted for L3, and L1's approval deleted.
    const { id: planted } = await store.db
      .insertInto('listing_withdrawals')
      .values({
        fugitive_id: (
          await store.db
            .selectFrom('fugitives')
            .select('id')
            .where('listing_no', '=', 'L3')
            .executeTakeFirstOrThrow()
        ).id,
        status: 'approved',
        reason: '误录',
        asked_by: 'officer',
        asked_at: NOW.toISOString(),
        decided_by: 'commander',
        decided_at: NOW.toISOString(),
        decision_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('listing_withdrawals').where('id', '=', ids.L1!).execute();

    const check = await deepCheck(store.db);
    expect(check.ok).toBe(false);
    expect(check.withdrawals.drifted).toEqual(
      [
        { id: ids.L1, listingNo: 'L1', fields: ['(the row is gone)'] },
        { id: ids.L2, listingNo: 'L2', fields: ['decisionReason', 'status'] },
        { id: planted, listingNo: 'L3', fields: ['(no audited event)'] },
      ].sort((a, b) => a.id! - b.id!),
    );

    const cli = await qingwang(store.url, 'audit', 'verify', '--deep');
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('withdrawals: 3 requests differ from their audit events:');
    expect(cli.stderr).toContain(`  withdrawal ${ids.L2} of L2: decisionReason, status`);
    expect(cli.stderr).toContain(`  withdrawal ${planted} of L3: (no audited event)`);
    expect(cli.stderr).toContain('history TAMPERED');
  }, 60_000);
});
