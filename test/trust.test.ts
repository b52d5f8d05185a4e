// Issue 13, defects 1, 6 and 7: a claim is decided only by inspectors of units it does not credit,
// whatever its provenance; outside agencies' warrants are theirs to withdraw; a pending claim does
// not change the public wanted list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../src/areas/accounts/service.ts';
import { publicWanted } from '../src/areas/publicity/service.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { type Client, NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';
import { CLEARANCE_HEADER } from './support/xlsx.ts';

describe.each(DIALECTS)('independence of decisions and outside warrants on %s', (dialect) => {
  let app: TestApp;
  let officer: Client;
  let inspector: Client;
  let stationInspector: Client;
  let subBureauInspector: Client;

  /** Active listings without any standing claim: of a unit (local), or remote ones (unit null). */
  async function unclaimed(unit: string | null, published?: boolean): Promise<string[]> {
    let q = app.store.db
      .selectFrom('fugitives as f')
      .leftJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.listing_no')
      .where('f.exit_on', 'is', null)
      .where('f.listed_on', '<=', '2026-10-18')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('clearances as c')
              .select('c.id')
              .whereRef('c.fugitive_id', '=', 'f.id')
              .where('c.status', 'in', ['pending', 'approved', 'verified', 'conflict']),
          ),
        ),
      )
      .orderBy('f.listing_no')
      .limit(20);
    q = unit === null ? q.where('f.listing_unit_id', 'is', null) : q.where('u.code', '=', unit);
    if (published !== undefined) q = q.where('f.published', '=', published ? 1 : 0);
    return (await q.execute()).map((r) => r.listing_no);
  }

  /** Imports one pending clearance row (no claiming unit) and returns its id. */
  async function importPending(listingNo: string, kind: string, capturing: string, persuading = '') {
    const csv = `${CLEARANCE_HEADER.join(',')}\n${listingNo},${kind},2026-11-20,${capturing},${persuading},西宁,J-${listingNo}\n`;
    const res = await (
      await app.as('admin')
    ).upload('/api/imports/clearances', Buffer.from(csv), 'c.csv', 'text/csv');
    expect(res.statusCode).toBe(200);
    const row = await app.store.db
      .selectFrom('clearances as c')
      .innerJoin('fugitives as f', 'f.id', 'c.fugitive_id')
      .select('c.id')
      .where('f.listing_no', '=', listingNo)
      .where('c.status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    app = await startApp(dialect, 3000);
    const ctx = contextFor(app.store, NOW, 'admin');
    for (const [username, unitCode] of [
      ['station-insp', '630102-01'],
      ['subbureau-insp', '630102'],
    ] as const)
      await addUser(ctx, {
        username,
        displayName: username,
        unitCode,
        roles: ['inspector'],
        password: DEMO_PASSWORD,
      });
    officer = await app.as('officer');
    inspector = await app.as('inspector');
    stationInspector = await app.as('station-insp');
    subBureauInspector = await app.as('subbureau-insp');
  });
  afterAll(() => app.close());

  it('refuses to let the capturing unit, or the unit above it, verify or reject an imported claim', async () => {
    // A listing of another sub-bureau, captured (per the import) by station 630102-01.
    const [listingNo] = await unclaimed('630103-01');
    const id = await importPending(listingNo!, 'arrest', '630102-01');
    for (const who of [stationInspector, subBureauInspector]) {
      const verify = await who.post(`/api/clearances/${id}/verify`, {});
      expect(verify.statusCode).toBe(409);
      expect(verify.json()).toMatchObject({ code: 'not_independent' });
      const reject = await who.post(`/api/clearances/${id}/reject`, { reason: '证据不足' });
      expect(reject.statusCode).toBe(409);
      expect(reject.json()).toMatchObject({ code: 'not_independent' });
    }
    expect((await inspector.post(`/api/clearances/${id}/verify`, {})).statusCode).toBe(200);
  });

  it('refuses the persuading unit’s inspectors too', async () => {
    const [listingNo] = await unclaimed('630103-01');
    const id = await importPending(listingNo!, 'surrender', '630103-01', '630102-01');
    const verify = await stationInspector.post(`/api/clearances/${id}/verify`, {});
    expect(verify.statusCode).toBe(409);
    expect(verify.json()).toMatchObject({ code: 'not_independent' });
    expect((await inspector.post(`/api/clearances/${id}/reject`, { reason: '不实' })).statusCode).toBe(200);
  });

  it('refuses a reject by an inspector of the claiming unit of an entered claim', async () => {
    const [listingNo] = await unclaimed('630102-01');
    const claim = await officer.post('/api/clearances', {
      listingNo,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0101号',
    });
    const id = claim.json<{ id: number }>().id;
    const reject = await subBureauInspector.post(`/api/clearances/${id}/reject`, { reason: '证据不足' });
    expect(reject.statusCode).toBe(409);
    expect(reject.json()).toMatchObject({ code: 'not_independent' });
  });

  it('credits persuasion only to the claimant’s own units', async () => {
    const [listingNo] = await unclaimed('630102-01');
    const surrender = {
      listingNo,
      kind: 'surrender',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0102号',
    };
    const unrelated = await officer.post('/api/clearances', { ...surrender, persuadingUnit: '630103-01' });
    expect(unrelated.statusCode).toBe(403);
    expect(unrelated.json()).toMatchObject({ code: 'persuasion_outside_units', field: 'persuadingUnit' });
    const own = await officer.post('/api/clearances', { ...surrender, persuadingUnit: '630102-01' });
    expect(own.statusCode).toBe(201);
  });

  it('leaves an outside agency’s warrant to that agency: no cancellation filed by our officers', async () => {
    const [listingNo] = await unclaimed(null);
    const cancel = await officer.post('/api/clearances', {
      listingNo,
      kind: 'cancellation',
      occurredOn: '2026-11-26',
      reasonCode: 'warrant_withdrawn',
    });
    expect(cancel.statusCode).toBe(403);
    expect(cancel.json()).toMatchObject({ code: 'outside_warrant' });
    const commander = await (
      await app.as('commander')
    ).post('/api/clearances', {
      listingNo,
      kind: 'cancellation',
      occurredOn: '2026-11-26',
      reasonCode: 'warrant_withdrawn',
    });
    expect(commander.statusCode).toBe(403);
  });

  it('refuses NUL bytes and lone surrogates at the edge, naming the field', async () => {
    const [listingNo] = await unclaimed('630102-01');
    for (const bad of ['西宁\u0000市', 'abc\ud800', '\udc00x']) {
      const res = await officer.post('/api/clearances', {
        listingNo,
        kind: 'arrest',
        occurredOn: '2026-11-27',
        evidenceRef: '西公拘字〔2026〕0104号',
        place: bad,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_text', field: 'place' });
    }
    const fine = await officer.post('/api/clearances', {
      listingNo,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0104号',
      place: '西宁 😀 𠀋',
    });
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json()).toMatchObject({ place: '西宁 😀 𠀋' });
  });

  it('keeps a person on the public list while a claim on them is pending', async () => {
    const published = await unclaimed(null, true);
    expect(published.length).toBeGreaterThan(0);
    const listingNo = published[0]!;
    expect(await publicWanted(app.store.db, listingNo)).not.toBeNull();
    const claim = await officer.post('/api/clearances', {
      listingNo,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '西公拘字〔2026〕0103号',
    });
    expect(claim.json()).toMatchObject({ status: 'pending' });
    expect(await publicWanted(app.store.db, listingNo)).not.toBeNull();
    await inspector.post(`/api/clearances/${claim.json<{ id: number }>().id}/verify`, {});
    expect(await publicWanted(app.store.db, listingNo)).toBeNull();
  });
});
