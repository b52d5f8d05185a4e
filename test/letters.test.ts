import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { MAX_DOCUMENT_BYTES } from '../src/areas/letters/rules.ts';
import { addDays } from '../src/shared/dates.ts';
import { type TestApp, TODAY, multipart, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

interface Letter {
  id: number;
  campaign: string;
  unit: { code: string };
  target: number;
  baseline: number;
  signer: { username: string };
  signedOn: string;
  document: { sha256: string; name: string; mediaType: string; size: number } | null;
}

interface Standings {
  campaign: string;
  units: { code: string; baseline: number }[];
}

const someText = expect.any(String) as string;
const START = addDays(TODAY, -40); // the demo campaign's launch; its baseline date is the day before

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff, 0x0d, 0x0a]), // binary bytes survive the round trip
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);

/** A multipart/form-data body with one file, built by hand. */

describe.each(DIALECTS)('responsibility letters on %s', (dialect) => {
  let app: TestApp;
  let campaign: string;
  let letters: string;
  let letter: Letter;

  /** Uploads a file as a signed-in user, with their cookie and CSRF token. */
  async function upload(
    username: string,
    id: number,
    file: Buffer,
    filename: string,
    contentType = 'application/pdf',
  ): Promise<LightMyRequestResponse> {
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: DEMO_PASSWORD },
    });
    const token = login.cookies.find((c) => c.name === 'qw_session')!.value;
    const body = multipart(file, filename, contentType);
    return app.server.inject({
      method: 'POST',
      url: `/api/letters/${id}/document`,
      payload: body.payload,
      cookies: { qw_session: token },
      headers: {
        'content-type': body.contentType,
        'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
      },
    });
  }

  const standingsAsOf = async (asOf: string) =>
    (await (await app.as('commander')).get(`/api/standings?asOf=${asOf}`)).json<Standings>();

  beforeAll(async () => {
    app = await startApp(dialect);
    campaign = (await standingsAsOf(TODAY)).campaign;
    letters = `/api/campaigns/${encodeURIComponent(campaign)}/letters`;
  });
  afterAll(() => app.close());

  it("signs a unit's letter with its baseline frozen as the standings give it, signed by the caller", async () => {
    const res = await (
      await app.as('leader')
    ).post(letters, {
      unitCode: '630102',
      target: 0.6,
      signedOn: START,
    });
    expect(res.statusCode).toBe(201);
    letter = res.json<Letter>();
    const baseline = (await standingsAsOf(START)).units.find((u) => u.code === '630102')!.baseline;
    expect(baseline).toBeGreaterThan(0);
    expect(letter).toMatchObject({
      campaign,
      unit: { code: '630102', kind: 'sub_bureau' },
      target: 0.6,
      baseline,
      signer: { username: 'leader', displayName: someText },
      signedOn: START,
      document: null,
    });
  });

  it('takes one letter per unit and campaign', async () => {
    const again = await (await app.as('commander')).post(letters, { unitCode: '630102', target: 0.5 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'duplicate', field: 'unitCode' });
  });

  it("defaults to the campaign's target and today, and lets a commander sign for any unit", async () => {
    const res = await (await app.as('commander')).post(letters, { unitCode: '630103' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ target: 0.5, signedOn: TODAY, signer: { username: 'commander' } });
  });

  it('refuses units outside the caller, other roles, unknown units and impossible dates', async () => {
    const leader = await app.as('leader');
    const outside = await leader.post(letters, { unitCode: '630104', target: 0.5, signedOn: START });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'unit_out_of_scope', params: { unit: '630104' } });
    const officer = await (await app.as('officer')).post(letters, { unitCode: '630102-01', target: 0.5 });
    expect(officer.statusCode).toBe(403);
    const unknown = await leader.post(letters, { unitCode: '999999', target: 0.5 });
    expect(unknown.json()).toMatchObject({ code: 'unknown_unit', field: 'unitCode' });
    const future = await leader.post(letters, { unitCode: '630102-01', signedOn: addDays(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ field: 'signedOn' });
    const lower = await leader.post(letters, { unitCode: '630102-01', target: 0.01 });
    expect(lower.statusCode).toBe(400);
    expect(lower.json()).toMatchObject({ code: 'target_below_campaign', field: 'target' }); // no easier target for oneself
    const badTarget = await leader.post(letters, { unitCode: '630102-01', target: 1.5 });
    expect(badTarget.json()).toMatchObject({ code: 'too_big', field: 'target', params: { limit: 1 } });
    const noCampaign = await leader.post('/api/campaigns/nope/letters', { unitCode: '630102-01' });
    expect(noCampaign.statusCode).toBe(404);
  });

  it('keeps the frozen baseline when a later verified clearance is dated before launch', async () => {
    // A clearance dated before the launch, verified now. It used to take the person out of the
    // baseline (the baseline was recomputed live); the campaign's baseline is now frozen at launch,
    // so the standings keep the person and the letter's count agrees with them.
    const leader = await app.as('leader');
    const candidates = (
      await leader.get(
        `/api/fugitives?unit=630102&origin=local&status=active&listedTo=${addDays(START, -30)}&pageSize=50`,
      )
    ).json<{ items: { listingNo: string; listingUnit: { code: string } }[] }>().items;
    let claimId: number | undefined;
    for (const f of candidates) {
      const claim = await leader.post('/api/clearances', {
        listingNo: f.listingNo,
        kind: 'arrest',
        occurredOn: addDays(START, -5),
        evidenceRef: '西公(东)拘字[2026]77号',
        capturingUnit: f.listingUnit.code,
      });
      expect(claim.statusCode).toBe(201);
      if (claim.json<{ status: string }>().status === 'pending') {
        claimId = claim.json<{ id: number }>().id;
        break;
      }
    }
    expect(claimId).toBeDefined();
    const verified = await (await app.as('inspector')).post(`/api/clearances/${claimId}/verify`, {});
    expect(verified.statusCode).toBe(200);

    const now = (await standingsAsOf(START)).units.find((u) => u.code === '630102')!.baseline;
    expect(now).toBe(letter.baseline);
    const list = (await leader.get(letters)).json<{ letters: Letter[] }>();
    expect(list.letters.find((l) => l.id === letter.id)!.baseline).toBe(letter.baseline);
  });

  it('lists the letters of units in scope, and the units there that have not signed', async () => {
    const mine = (await (await app.as('leader')).get(letters)).json<{
      campaign: string;
      letters: Letter[];
      unsigned: { code: string }[];
    }>();
    expect(mine.campaign).toBe(campaign);
    expect(mine.letters.map((l) => l.unit.code)).toEqual(['630102']);
    expect(mine.unsigned.map((u) => u.code)).toContain('630102-01');
    expect(mine.unsigned.every((u) => u.code.startsWith('630102-'))).toBe(true);

    const other = (await (await app.as('officer2')).get(letters)).json<typeof mine>();
    expect(other.letters).toEqual([]);
    expect(other.unsigned.map((u) => u.code)).toEqual(['630103-01']);

    const all = (await (await app.as('inspector')).get(letters)).json<typeof mine>();
    expect(all.letters.map((l) => l.unit.code)).toEqual(['630102', '630103']);
    expect(all.unsigned.map((u) => u.code)).not.toContain('630103');
  });

  it('attaches a scanned PDF and gives back the very same bytes as a download', async () => {
    const res = await upload('leader', letter.id, PDF, '城东分局责任书.pdf');
    expect(res.statusCode).toBe(200);
    const sha256 = (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex');
    expect(res.json<Letter>().document).toEqual({
      sha256,
      name: '城东分局责任书.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
    });

    const download = await (await app.as('inspector')).get(`/api/letters/${letter.id}/document`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('城东分局责任书.pdf')}`,
    );

    const listed = (await (await app.as('leader')).get(letters)).json<{ letters: Letter[] }>();
    expect(listed.letters[0]!.document).toMatchObject({ sha256, mediaType: 'application/pdf' });
  });

  it('recognises a scan by its content, not by its name or declared type', async () => {
    const text = await upload('leader', letter.id, Buffer.from('this is not a PDF at all\n'), 'letter.pdf');
    expect(text.statusCode).toBe(400);
    expect(text.json()).toMatchObject({ code: 'unsupported_type', field: 'file' });

    const png = await upload('leader', letter.id, PNG, 'scan.pdf', 'application/pdf');
    expect(png.statusCode).toBe(200);
    expect(png.json<Letter>().document).toMatchObject({ name: 'scan.png', mediaType: 'image/png' });
    const download = await (await app.as('leader')).get(`/api/letters/${letter.id}/document`);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
  });

  it('refuses a file over 5 MiB, and an empty or missing one', async () => {
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    PDF.copy(big);
    const tooBig = await upload('leader', letter.id, big, 'big.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'too_large' });

    const empty = await upload('leader', letter.id, Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'empty_file' });

    const notMultipart = await (await app.as('leader')).post(`/api/letters/${letter.id}/document`, {});
    expect(notMultipart.statusCode).toBe(400);

    // The refused uploads left the last good scan in place.
    const letterNow = (await (await app.as('leader')).get(letters)).json<{ letters: Letter[] }>();
    expect(letterNow.letters[0]!.document).toMatchObject({ mediaType: 'image/png' });
  });

  it('keeps scans to the units of the letter and to leaders and commanders', async () => {
    expect((await upload('officer', letter.id, PDF, 'a.pdf')).statusCode).toBe(403);
    const other = await (await app.as('officer2')).get(`/api/letters/${letter.id}/document`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'out_of_scope' });
    expect((await (await app.as('leader')).get('/api/letters/99999/document')).statusCode).toBe(404);
    const second = (await (await app.as('inspector')).get(letters)).json<{ letters: Letter[] }>().letters[1]!;
    const none = await (await app.as('commander')).get(`/api/letters/${second.id}/document`);
    expect(none.statusCode).toBe(404);
  });

  it('records signing and scans in the audit chain (the digest, never the bytes), and the chain verifies', async () => {
    const check = await verifyAuditChain(app.store.db);
    expect(check.ok).toBe(true);
    const events = await app.store.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'entity_id', 'after_json'])
      .where('action', 'in', ['letter.sign', 'letter.document'])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'letter.sign',
      'letter.sign',
      'letter.document',
      'letter.document',
    ]);
    const scan = events[2]!;
    expect(scan).toMatchObject({ entity_type: 'letter', entity_id: String(letter.id) });
    expect(JSON.parse(scan.after_json!)).toMatchObject({
      document: {
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      },
    });
    expect(scan.after_json!.length).toBeLessThan(400);
  });
});
