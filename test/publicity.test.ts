// Publicity and the public site: the notice's approval, the published wanted list (only published,
// active people; IDs masked; gone at once when cleared or unpublished), tips from the public
// (receipt stored only hashed, contact only encrypted, routed to the owning unit, visible to it
// alone), follow-up questions, outcome counting and the reward claim; and a bounded flood on
// loopback against the rate limit.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { receiptHash, useTipKey } from '../src/areas/publicity/sealing.ts';
import { buildServer } from '../src/http/server.ts';
import { NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';

const TEST_KEY = 'ab'.repeat(32);

/** A form post to the public site, as a browser without JavaScript sends it. */
function form(app: TestApp, url: string, fields: Record<string, string>, cookie?: string) {
  return app.server.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie: `qw_session=${cookie}` } : {}),
    },
  });
}

function receiptOf(res: LightMyRequestResponse): string {
  const match = /id="receipt">([\d ]+)</.exec(res.body);
  if (!match) throw new Error(`no receipt in: ${res.body.slice(0, 400)}`);
  return match[1]!.replaceAll(' ', '');
}

/** Every page of the public wanted list (zh), joined. */
async function wholePublicList(app: TestApp, lang = 'zh'): Promise<string> {
  const pages: string[] = [];
  for (let page = 1; page < 200; page += 1) {
    const res = await app.anonymous.get(`/public?lang=${lang}&page=${page}`);
    expect(res.statusCode).toBe(200);
    pages.push(res.body);
    if (!res.body.includes('rel="next"')) break;
  }
  return pages.join('\n');
}

interface Tip {
  id: number;
  status: string;
  unit: { code: string };
  fugitive: { listingNo: string } | null;
  seen: string;
  hasContact: boolean;
  countsAsResult: boolean;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
  contactVisible: boolean;
  messages: { author: string; body: string }[];
}

describe.each(DIALECTS)('publicity and the public site on %s', (dialect) => {
  let app: TestApp;
  /** A published, active homicide fugitive of 东关派出所 (630102-01) with a reward and an ID number. */
  let target: { listing_no: string; id_number: string; name: string };

  beforeAll(async () => {
    useTipKey(TEST_KEY);
    app = await startApp(dialect);
    const row = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select(['f.listing_no', 'f.id_number', 'f.name'])
      .where('u.code', '=', '630102-01')
      .where('f.exit_on', 'is', null)
      .where('f.id_number', 'is not', null)
      .where('f.id_number', '!=', '')
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    target = { listing_no: row.listing_no, id_number: row.id_number!, name: row.name };
    // Make sure no claim stands on the person, and publish them with a reward.
    await app.store.db
      .updateTable('clearances')
      .set({ status: 'rejected' })
      .where('status', 'in', ['pending', 'approved'])
      .where(
        'fugitive_id',
        'in',
        app.store.db.selectFrom('fugitives').select('id').where('listing_no', '=', row.listing_no),
      )
      .execute();
    const publicity = await app.as('publicity');
    const res = await publicity.put(`/api/fugitives/${target.listing_no}/publication`, {
      published: true,
      reward: 20000,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ published: true, reward: 20000, onPublicList: true });
  }, 120_000);
  afterAll(() => app.close());

  it('shows the demo notice in Chinese and English; a new version goes live only when a commander approves it', async () => {
    const zh = await app.anonymous.get('/public');
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('敦促在逃人员投案自首的通告');
    const en = await app.anonymous.get('/public?lang=en');
    expect(en.body).toContain('urging fugitives to surrender');

    const publicity = await app.as('publicity');
    const draft = await publicity.post('/api/notices', {
      titleZh: '新通告',
      bodyZh: '第二版正文',
      titleEn: 'New notice',
      bodyEn: 'Second version',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const { id } = draft.json<{ id: number }>();
    expect((await app.anonymous.get('/public')).body).not.toContain('第二版正文');
    expect((await publicity.post(`/api/notices/${id}/approve`)).statusCode).toBe(403);
    const approve = await (await app.as('commander')).post(`/api/notices/${id}/approve`);
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'published', decidedBy: 'commander' });
    expect((await app.anonymous.get('/public')).body).toContain('第二版正文');
    expect((await app.anonymous.get('/public?lang=en')).body).toContain('Second version');
    const versions = (await publicity.get('/api/notices')).json<{ notices: { status: string }[] }>().notices;
    expect(versions.filter((n) => n.status === 'published')).toHaveLength(1);
  });

  it('sends strict headers, no cookies (even to a signed-in officer) and no third-party content', async () => {
    const officer = await app.as('officer');
    for (const res of [
      await app.anonymous.get('/public'),
      await officer.get('/public/tip'),
      await app.anonymous.get('/public/receipt'),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).not.toContain('script-src');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toMatch(/<script|https?:\/\/(?!www\.w3)/i);
    }
    const missing = await app.anonymous.get('/public/no-such-page?lang=en');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
    expect(missing.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('lists only published, active people, with ID numbers masked to the first 6 and last 4', async () => {
    const page = await wholePublicList(app);
    expect(page).toContain(target.listing_no);
    expect(page).toContain(`${target.id_number.slice(0, 6)}********${target.id_number.slice(-4)}`);
    // No full 18-character ID number anywhere on the page.
    expect(page).not.toMatch(/\d{17}[\dX]/);
    const shown = [...page.matchAll(/data-listing="([^"]+)"/g)].map((m) => m[1]!);
    const rows = await app.store.db
      .selectFrom('fugitives')
      .select(['listing_no', 'published', 'exit_on'])
      .where('listing_no', 'in', shown)
      .execute();
    expect(rows).toHaveLength(shown.length);
    for (const r of rows) expect([r.published, r.exit_on]).toEqual([1, null]);
    const unpublished = await app.store.db
      .selectFrom('fugitives')
      .select('listing_no')
      .where('published', '=', 0)
      .execute();
    for (const u of unpublished) expect(page).not.toContain(`data-listing="${u.listing_no}"`);
  });

  it('pages the public list, 20 people a page, and names the person on the tip form', async () => {
    const first = (await app.anonymous.get('/public')).body;
    expect([...first.matchAll(/data-listing=/g)].length).toBe(20);
    expect(first).toContain('rel="next"');
    const whole = await wholePublicList(app);
    const { n } = await app.store.db
      .selectFrom('fugitives as f')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.published', '=', 1)
      .where('f.exit_on', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('clearances as c')
              .select('c.id')
              .whereRef('c.fugitive_id', '=', 'f.id')
              .where('c.status', 'in', ['pending', 'approved']),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    expect(new Set([...whole.matchAll(/data-listing="([^"]+)"/g)].map((m) => m[1])).size).toBe(Number(n));
    const tipForm = (await app.anonymous.get(`/public/tip?about=${target.listing_no}&lang=en`)).body;
    expect(tipForm).toContain(`value="${target.listing_no}"`);
    expect(tipForm).toContain('Your email address will not be published. Required fields are marked *');
  });

  it('takes a tip in Chinese with a receipt; the owning unit sees it and its contact, another unit does not', async () => {
    const res = await form(app, '/public/tip', {
      lang: 'zh',
      listingNo: target.listing_no,
      seen: '在火车站看到此人上了去湟中的班车',
      where: '火车站',
      when: '今天早上',
      name: '王秘密',
      phone: '13812345678',
      email: 'secret-tipster@example.cn',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const receipt = receiptOf(res);
    expect(receipt).toMatch(/^\d{16}$/);

    // Stored: the receipt only as a keyed hash, the contact only sealed.
    const stored = await app.store.db
      .selectFrom('tips')
      .selectAll()
      .where('receipt_hash', '=', receiptHash(receipt))
      .executeTakeFirstOrThrow();
    const everything = JSON.stringify(stored);
    for (const secret of [receipt, '王秘密', '13812345678', 'secret-tipster@example.cn'])
      expect(everything).not.toContain(secret);
    expect(stored.contact_sealed).toMatch(/^v1\./);
    const audit = JSON.stringify(await app.store.db.selectFrom('audit_events').selectAll().execute());
    for (const secret of [receipt, '王秘密', '13812345678', 'secret-tipster', '127.0.0.1'])
      expect(audit).not.toContain(secret);

    const officer = await app.as('officer'); // 东关派出所, the listing unit
    const list = (await officer.get('/api/tips')).json<{ tips: Tip[] }>().tips;
    const tip = list.find((t) => t.id === stored.id)!;
    expect(tip).toMatchObject({
      unit: { code: '630102-01' },
      fugitive: { listingNo: target.listing_no },
      hasContact: true,
    });
    expect(JSON.stringify(list)).not.toContain('13812345678');
    const detail = (await officer.get(`/api/tips/${tip.id}`)).json<Tip>();
    expect(detail).toMatchObject({
      contactVisible: true,
      contact: { name: '王秘密', phone: '13812345678', email: 'secret-tipster@example.cn' },
    });
    // The sub-bureau's leader sees the tip but not the contact; an officer of another unit, nothing.
    const leader = (await (await app.as('leader')).get(`/api/tips/${tip.id}`)).json<Tip>();
    expect(leader).toMatchObject({ contactVisible: false, contact: null });
    const other = await app.as('officer2');
    expect((await other.get(`/api/tips/${tip.id}`)).statusCode).toBe(403);
    expect((await other.get('/api/tips')).json<{ tips: Tip[] }>().tips.some((t) => t.id === tip.id)).toBe(
      false,
    );
    // Contact details sealed under a key since replaced are reported as unreadable, not a failure.
    const sealed = stored.contact_sealed!;
    const otherKey = `v1.${Buffer.from(sealed.slice(3), 'base64').reverse().toString('base64')}`;
    await app.store.db
      .updateTable('tips')
      .set({ contact_sealed: otherKey })
      .where('id', '=', tip.id)
      .execute();
    const unreadable = await officer.get(`/api/tips/${tip.id}`);
    expect(unreadable.statusCode).toBe(200);
    expect(unreadable.json()).toMatchObject({ contact: null, contactUnreadable: true });
    await app.store.db.updateTable('tips').set({ contact_sealed: sealed }).where('id', '=', tip.id).execute();
    // The public pages never show the contact.
    for (const page of ['/public?lang=en', `/public/tip?about=${target.listing_no}`])
      expect((await app.anonymous.get(page)).body).not.toContain('13812345678');
    for (const secret of ['13812345678', '王秘密', 'secret-tipster'])
      expect(await wholePublicList(app)).not.toContain(secret);
  });

  it('takes a tip in English; no person named sends it to the command centre', async () => {
    const res = await form(app, '/public/tip', {
      lang: 'en',
      seen: 'A man like the one on the poster, at the bus stop',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('Your receipt code');
    const stored = await app.store.db
      .selectFrom('tips as t')
      .innerJoin('units as u', 'u.id', 't.assigned_unit_id')
      .select(['t.id', 'u.code', 't.language', 't.contact_sealed'])
      .where('t.receipt_hash', '=', receiptHash(receiptOf(res)))
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ code: '630100', language: 'en', contact_sealed: null });
    // The command centre links it to a station's case: the tip goes down to that station.
    const officer = await app.as('officer');
    const inbox = async () => (await officer.get('/api/tips')).json<{ tips: Tip[] }>().tips.map((t) => t.id);
    expect(await inbox()).not.toContain(stored.id);
    const linked = await (
      await app.as('commander')
    ).post(`/api/tips/${stored.id}/triage`, {
      triage: 'credible',
      listingNo: target.listing_no,
    });
    expect(linked.json()).toMatchObject({ unit: { code: '630102-01' } });
    expect(await inbox()).toContain(stored.id);
  });

  it('refuses bad forms with the form and its problems, and drops honeypot posts silently', async () => {
    const before = await countTips();
    const empty = await form(app, '/public/tip', { lang: 'en', seen: '  ', email: 'not-an-email' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('What did you see is required');
    expect(empty.body).toContain('please give a valid email address');
    const long = await form(app, '/public/tip', {
      seen: 'x'.repeat(4001),
      name: '<script>alert(1)</script>',
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('不能超过 4000 个字');
    expect(long.body).not.toContain('<script>alert');
    expect(long.body).toContain('&lt;script&gt;');
    const bot = await form(app, '/public/tip', { seen: 'buy cheap watches', website: 'http://spam.example' });
    expect(bot.statusCode).toBe(200);
    expect(bot.body).toMatch(/id="receipt"/);
    expect(await countTips()).toBe(before);
  });

  it('lets the tipster check status, answer a follow-up, and claim the reward once the clearance is verified', async () => {
    const receipt = receiptOf(
      await form(app, '/public/tip', { listingNo: target.listing_no, seen: '他在东关大街的面馆打工' }),
    );
    const status = await form(app, '/public/receipt', { receipt: receipt.replace(/(\d{4})/g, '$1 ') });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('data-state="received"');
    expect(status.headers['cache-control']).toBe('no-store');
    expect((await form(app, '/public/receipt', { receipt: '1234567890123456' })).statusCode).toBe(404);
    expect((await form(app, '/public/receipt', { receipt: '12345' })).statusCode).toBe(400);

    const officer = await app.as('officer');
    const id = (
      await app.store.db
        .selectFrom('tips')
        .select('id')
        .where('receipt_hash', '=', receiptHash(receipt))
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await officer.post(`/api/tips/${id}/triage`, { triage: 'credible', listingNo: target.listing_no }))
        .statusCode,
    ).toBe(200);
    expect((await officer.post(`/api/tips/${id}/questions`, { body: '是哪一家面馆？' })).statusCode).toBe(
      200,
    );
    const asked = await form(app, '/public/receipt', { receipt });
    expect(asked.body).toContain('data-state="question"');
    expect(asked.body).toContain('是哪一家面馆？');
    const answered = await form(app, '/public/receipt/answer', { receipt, answer: '马记牛肉面' });
    expect(answered.statusCode).toBe(200);
    expect((await officer.get(`/api/tips/${id}`)).json<Tip>().messages.map((m) => m.author)).toEqual([
      'officer',
      'tipster',
    ]);

    // No reward before a verified result.
    expect((await form(app, '/public/receipt/claim', { receipt })).statusCode).toBe(409);

    // The officer arrests the person: still on the public list while the claim is pending (a mere
    // claim must not take anyone off it), off once verified.
    const claim = await officer.post('/api/clearances', {
      listingNo: target.listing_no,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: '拘字〔2026〕1号',
      capturingUnit: '630102-01',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(await wholePublicList(app)).toContain(target.listing_no);
    const verify = await (
      await app.as('inspector')
    ).post(`/api/clearances/${claim.json<{ id: number }>().id}/verify`);
    expect(verify.statusCode, verify.body).toBe(200);
    expect(await wholePublicList(app)).not.toContain(target.listing_no);
    expect(await wholePublicList(app, 'en')).not.toContain(target.listing_no);

    const overview = async () =>
      (await officer.get('/api/publicity')).json<{ tips: { ledToClearance: number } }>().tips;
    const counted = (await overview()).ledToClearance;
    const closed = await officer.post(`/api/tips/${id}/close`, { outcome: 'led_to_clearance' });
    expect(closed.json<Tip>()).toMatchObject({ status: 'closed', countsAsResult: true });
    expect((await overview()).ledToClearance).toBe(counted + 1);

    const page = await form(app, '/public/receipt', { receipt });
    expect(page.body).toContain('data-state="closed"');
    expect(page.body).toContain('/public/receipt/claim');
    const claimed = await form(app, '/public/receipt/claim', { receipt });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.body).toContain('悬赏申领已登记');
    expect((await form(app, '/public/receipt/claim', { receipt })).statusCode).toBe(409);
    expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
  });

  it('takes an unpublished person off the public list at once', async () => {
    const someone = /data-listing="([^"]+)"/.exec((await app.anonymous.get('/public')).body)![1]!;
    const res = await (
      await app.as('commander')
    ).put(`/api/fugitives/${someone}/publication`, { published: false });
    expect(res.json()).toMatchObject({ published: false, onPublicList: false });
    expect(await wholePublicList(app)).not.toContain(`data-listing="${someone}"`);
    // Naming them in a tip no longer routes to their unit (nor says they exist).
    const tip = await form(app, '/public/tip', { listingNo: someone, seen: 'seen' });
    const row = await app.store.db
      .selectFrom('tips')
      .select('fugitive_id')
      .where('receipt_hash', '=', receiptHash(receiptOf(tip)))
      .executeTakeFirstOrThrow();
    expect(row.fugitive_id).toBeNull();
  });

  it('logs publicity and charts surrenders per week against it', async () => {
    const publicity = await app.as('publicity');
    const res = await publicity.post('/api/publicity/activities', {
      kind: 'poster',
      heldOn: '2026-11-27',
      place: '南滩',
      quantity: 120,
      description: '张贴通缉令',
      unitCode: '630103',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await (await app.as('officer')).post('/api/publicity/activities', {})).statusCode).toBe(403);
    const overview = (await publicity.get('/api/publicity')).json<{
      weeks: { week: string; surrenders: number; activities: number; posters: number }[];
      activities: unknown[];
    }>();
    expect(overview.weeks.length).toBeGreaterThanOrEqual(6);
    expect(overview.weeks.at(-1)).toMatchObject({ week: '2026-11-23' });
    expect(overview.weeks.at(-1)!.posters).toBeGreaterThanOrEqual(120);
    expect(overview.weeks.reduce((n, w) => n + w.surrenders, 0)).toBeGreaterThan(0);
    expect(overview.activities.length).toBeGreaterThan(10);
  });

  it('holds the rate limit against a flood on loopback without losing the honest tips', async () => {
    const limited = await buildServer({
      store: app.store,
      now: () => NOW,
      publicLimits: { tipsPerWindow: 5, receiptChecksPerWindow: 5, windowMs: 60_000 },
    });
    const url = await limited.listen({ host: '127.0.0.1', port: 0 });
    try {
      const before = await countTips();
      const post = (i: number) =>
        fetch(`${url}/public/tip`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ lang: 'en', seen: `flood tip number ${i}` }).toString(),
        });
      // The honest tips within the limit, then a flood of 200 more (in waves of 20).
      const honest = [];
      for (let i = 0; i < 5; i += 1) honest.push(await post(i));
      expect(honest.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      const statuses: number[] = [];
      for (let wave = 0; wave < 10; wave += 1) {
        const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(100 + wave * 20 + i)));
        statuses.push(...responses.map((r) => r.status));
        if (wave === 0) {
          const page = await responses[0]!.text();
          expect(page).toContain('Too many requests');
          expect(responses[0]!.headers.get('content-type')).toContain('text/html');
        } else await Promise.all(responses.map((r) => r.text()));
      }
      expect(statuses.every((s) => s === 429)).toBe(true);
      expect(await countTips()).toBe(before + 5);
      const stored = await app.store.db
        .selectFrom('tips')
        .select('seen_text')
        .where('seen_text', 'like', 'flood tip number %')
        .execute();
      expect(stored.map((t) => t.seen_text).sort()).toEqual(
        [0, 1, 2, 3, 4].map((i) => `flood tip number ${i}`),
      );
      // Receipt look-ups have their own limit, so a flood of tips does not lock anyone out of them.
      const check = await fetch(`${url}/public/receipt`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'receipt=1234567890123456',
      });
      expect(check.status).toBe(404);
    } finally {
      await limited.close();
    }
  });

  it('under a flood from one address, tips from other addresses all land', async () => {
    const limited = await buildServer({
      store: app.store,
      now: () => NOW,
      publicLimits: { tipsPerWindow: 3, receiptChecksPerWindow: 3, windowMs: 60_000 },
    });
    try {
      const before = await countTips();
      const post = (address: string, seen: string) =>
        limited.inject({
          method: 'POST',
          url: '/public/tip',
          remoteAddress: address,
          payload: new URLSearchParams({ seen }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      const results: { flood: number[]; honest: number[] } = { flood: [], honest: [] };
      // 150 flood posts from one address, interleaved with one honest tip from each of 30 others.
      for (let round = 0; round < 30; round += 1) {
        const burst = await Promise.all([
          ...Array.from({ length: 5 }, (_, i) => post('198.51.100.7', `flood ${round}-${i}`)),
          post(`203.0.113.${round + 1}`, `honest tip ${round}`),
        ]);
        results.flood.push(...burst.slice(0, 5).map((r) => r.statusCode));
        results.honest.push(burst[5]!.statusCode);
      }
      expect(results.honest.every((s) => s === 201)).toBe(true);
      expect(results.flood.filter((s) => s === 201)).toHaveLength(3);
      expect(results.flood.filter((s) => s === 429)).toHaveLength(147);
      expect(await countTips()).toBe(before + 30 + 3);
    } finally {
      await limited.close();
    }
  });

  it('logs no client address and no contact details, even at debug level', async () => {
    const lines: string[] = [];
    const logged = await buildServer({
      store: app.store,
      now: () => NOW,
      logLevel: 'debug',
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      const res = await logged.inject({
        method: 'POST',
        url: '/public/tip',
        remoteAddress: '192.0.2.77',
        payload: new URLSearchParams({
          seen: 'seen at the market',
          phone: '13655554444',
          name: '李隐名',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(201);
      await logged.inject({ method: 'GET', url: '/public', remoteAddress: '192.0.2.77' });
      const log = lines.join('');
      expect(log).toContain('/public/tip'); // the log is on
      for (const secret of ['192.0.2.77', '13655554444', '李隐名', receiptOf(res)])
        expect(log).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });

  it('serves a published person’s photo, and stops when they leave the list', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const publicity = await app.as('publicity');
    const someone = /data-listing="([^"]+)"/.exec((await app.anonymous.get('/public')).body)![1]!;
    const res = await publicity.upload(`/api/fugitives/${someone}/photo`, png, 'p.png', 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hasPhoto: true, onPublicList: true });
    const page = (await app.anonymous.get('/public')).body;
    const src = /src="(\/public\/photos\/[0-9a-f]{64})"/.exec(page)![1]!;
    const photo = await app.anonymous.get(src);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['set-cookie']).toBeUndefined();
    const pdf = await publicity.upload(
      `/api/fugitives/${someone}/photo`,
      Buffer.from('%PDF-1.4\n'),
      'p.pdf',
      'application/pdf',
    );
    expect(pdf.statusCode).toBe(400);
    await publicity.put(`/api/fugitives/${someone}/publication`, { published: false });
    expect((await app.anonymous.get(src)).statusCode).toBe(404);
  });

  async function countTips(): Promise<number> {
    const { n } = await app.store.db
      .selectFrom('tips')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }
});
