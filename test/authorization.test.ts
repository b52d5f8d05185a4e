// The authorization matrix: every route of the OpenAPI document × every role × in and out of the
// caller's units. The expectations are written here by hand, apart from the routes' own
// declarations, so that a route whose access changes (or a new route) fails this test until
// someone decides what it should be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/areas/accounts/rules.ts';
import { addUser, login } from '../src/areas/accounts/service.ts';
import { fileClaim } from '../src/areas/clearances/service.ts';
import { EVERYTHING } from '../src/areas/accounts/rules.ts';
import { DEMO_PASSWORD } from '../src/demo/load-demo.ts';
import { NOW, type TestApp, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

type Who = 'public' | 'any' | readonly Role[];
type Resource =
  'fugitive' | 'clearance' | 'leader' | 'letter' | 'anomaly' | 'tip' | 'review' | 'person_match';

/** Who may call each route, and what thing in the path (if any) must be in the caller's units. */
const EXPECTED: Record<string, { who: Who; resource?: Resource }> = {
  'GET /api/health': { who: 'public' },
  'POST /api/session': { who: 'public' },
  'GET /api/session': { who: 'any' },
  'DELETE /api/session': { who: 'any' },
  'GET /api/people': { who: 'any' },
  'GET /api/account/digest': { who: 'any' },
  'PUT /api/account/digest': { who: 'any' },
  'POST /api/clearances/verify': { who: ['inspector'] },
  'GET /api/users': { who: ['admin'] },
  'POST /api/users': { who: ['admin'] },
  'POST /api/users/{username}/disable': { who: ['admin'] },
  'GET /api/service-accounts': { who: ['admin'] },
  'POST /api/service-accounts': { who: ['admin'] },
  'POST /api/service-accounts/{username}/tokens': { who: ['admin'] },
  'POST /api/tokens/{id}/revoke': { who: ['admin'] },
  'GET /api/units': { who: 'any' },
  'GET /api/standings': { who: 'any' },
  'GET /api/campaigns/{campaign}/baseline-corrections': { who: 'any' },
  'POST /api/campaigns/{campaign}/baseline-corrections': { who: ['commander'] },
  'GET /api/dashboard': { who: 'any' },
  'GET /api/fugitives': { who: 'any' },
  'GET /api/roster': { who: 'any' },
  'POST /api/reconciliation': { who: ['commander'] },
  'POST /api/reconciliation/xlsx': { who: ['commander'] },
  'GET /api/fugitives/{listingNo}': { who: 'any', resource: 'fugitive' },
  'GET /api/person-matches': { who: ['inspector', 'commander'] },
  'POST /api/person-matches/{id}/confirm': { who: ['inspector'], resource: 'person_match' },
  'POST /api/person-matches/{id}/reject': { who: ['inspector'], resource: 'person_match' },
  'POST /api/person-matches/{id}/split': { who: ['inspector'], resource: 'person_match' },
  'GET /api/clearances': { who: ['officer', 'leader', 'inspector', 'commander', 'admin'] },
  'POST /api/clearances': { who: ['officer', 'leader'] },
  'POST /api/clearances/{id}/approve': { who: ['leader'], resource: 'clearance' },
  'POST /api/clearances/{id}/refuse': { who: ['leader'], resource: 'clearance' },
  'POST /api/clearances/{id}/verify': { who: ['inspector'], resource: 'clearance' },
  'POST /api/clearances/{id}/reject': { who: ['inspector'], resource: 'clearance' },
  'POST /api/clearances/{id}/correct': { who: ['officer', 'leader'], resource: 'clearance' },
  'GET /api/fugitives/{listingNo}/four-ones': { who: 'any', resource: 'fugitive' },
  'PUT /api/fugitives/{listingNo}/four-ones': { who: ['officer', 'leader'], resource: 'fugitive' },
  'POST /api/fugitives/{listingNo}/four-ones/approve-plan': { who: ['leader'], resource: 'fugitive' },
  'GET /api/four-ones/compliance': { who: 'any' },
  'PUT /api/fugitives/{listingNo}/owner': { who: ['commander', 'leader'], resource: 'fugitive' },
  'POST /api/fugitives/{listingNo}/corrections': {
    who: ['officer', 'leader', 'commander'],
    resource: 'fugitive',
  },
  'POST /api/fugitives': { who: ['officer', 'leader', 'commander'] },
  'POST /api/fugitives/{listingNo}/withdrawal': {
    who: ['officer', 'leader', 'commander'],
    resource: 'fugitive',
  },
  'POST /api/fugitives/{listingNo}/withdrawal/decision': { who: ['commander'] },
  'GET /api/withdrawals': { who: ['commander'] },
  'GET /api/leaders': { who: 'any' },
  'GET /api/leaders/{username}': { who: 'any', resource: 'leader' },
  'PUT /api/leaders/{username}/liaisons': { who: ['commander', 'admin'], resource: 'leader' },
  'GET /api/campaigns/{campaign}/letters': { who: 'any' },
  'POST /api/campaigns/{campaign}/letters': { who: ['leader', 'commander'] },
  'GET /api/campaigns/{campaign}/letters/{unit}/docx': { who: 'any' },
  'GET /api/campaigns/{campaign}/letters/{unit}/pdf': { who: 'any' },
  'POST /api/letters/{id}/document': { who: ['leader', 'commander'], resource: 'letter' },
  'GET /api/letters/{id}/document': { who: 'any', resource: 'letter' },
  'POST /api/imports/{table}': { who: ['admin', 'commander'] },
  'GET /api/imports/{table}/template': { who: ['admin', 'commander'] },
  'GET /api/anomalies': { who: ['inspector', 'commander'] },
  'POST /api/anomalies/scan': { who: ['inspector', 'commander'] },
  'POST /api/anomalies/{id}/transition': { who: ['inspector'], resource: 'anomaly' },
  'GET /api/campaigns/{campaign}/integrity-settings': { who: ['inspector', 'commander'] },
  'PUT /api/campaigns/{campaign}/integrity-settings': { who: ['commander'] },
  // The bureau's own inspectorate samples; the matrix's inspector sits in a sub-bureau.
  'GET /api/quality-samples': { who: ['commander'] },
  'POST /api/quality-samples': { who: [] },
  'POST /api/quality-samples/{id}/checks/{clearanceId}': { who: [] },
  'GET /api/audit/history': { who: ['inspector', 'commander'] },
  'GET /api/audit/anchors': { who: ['inspector', 'commander'] },
  'POST /api/audit/anchors': { who: ['inspector', 'commander'] },
  'GET /api/publicity': { who: 'any' },
  'POST /api/publicity/activities': { who: ['publicity', 'commander'] },
  'GET /api/notices': { who: ['publicity', 'commander'] },
  'POST /api/notices': { who: ['publicity'] },
  'POST /api/notices/{id}/approve': { who: ['commander'] },
  'POST /api/notices/{id}/reject': { who: ['commander'] },
  'GET /api/published-fugitives': { who: 'any' },
  'PUT /api/fugitives/{listingNo}/publication': { who: ['publicity', 'commander'], resource: 'fugitive' },
  'POST /api/fugitives/{listingNo}/photo': { who: ['publicity', 'commander'], resource: 'fugitive' },
  'GET /api/tips': { who: ['officer', 'leader', 'commander'] },
  'GET /api/tips/{id}': { who: ['officer', 'leader', 'commander'], resource: 'tip' },
  'POST /api/tips/{id}/triage': { who: ['officer', 'leader', 'commander'], resource: 'tip' },
  'POST /api/tips/{id}/questions': { who: ['officer', 'leader', 'commander'], resource: 'tip' },
  'POST /api/tips/{id}/close': { who: ['officer', 'leader', 'commander'], resource: 'tip' },
  // The public site (HTML, no session): notice and wanted list, tip form, receipt checks.
  'GET /public': { who: 'public' },
  'GET /public/tip': { who: 'public' },
  'POST /public/tip': { who: 'public' },
  'GET /public/receipt': { who: 'public' },
  'POST /public/receipt': { who: 'public' },
  'POST /public/receipt/answer': { who: 'public' },
  'POST /public/receipt/claim': { who: 'public' },
  'GET /api/campaigns/{campaign}/reward-rules': { who: 'any' },
  'PUT /api/campaigns/{campaign}/reward-rules': { who: ['commander'] },
  'GET /api/campaigns/{campaign}/ledger': { who: 'any' },
  'GET /api/campaigns/{campaign}/ledger.xlsx': { who: 'any' },
  'GET /api/campaigns/{campaign}/standings.xlsx': { who: 'any' },
  'GET /api/campaigns/{campaign}/sanctions': { who: 'any' },
  'GET /api/campaigns/{campaign}/sanctions/preview': { who: 'any' },
  'POST /api/campaigns/{campaign}/sanctions/evaluate': { who: ['commander'] },
  'POST /api/sanctions/{id}': { who: ['leader', 'commander'] },
  'POST /api/sanctions/{id}/document': { who: ['leader', 'commander'] },
  'GET /api/sanctions/{id}/document': { who: 'any' },
  'GET /api/campaigns/{campaign}/reviews': { who: 'any' },
  'POST /api/campaigns/{campaign}/reviews/round': { who: ['commander'] },
  'POST /api/campaigns/{campaign}/continue': { who: ['commander'] },
  'POST /api/reviews/{id}/close': { who: ['leader', 'commander'], resource: 'review' },
  'GET /api/campaigns/{campaign}/assessment': { who: 'any' },
  'GET /api/inspections': { who: 'any' },
  'POST /api/inspections': { who: ['inspector'] },
  'GET /api/campaigns/{campaign}/notices': { who: 'any' },
  'GET /api/campaigns/{campaign}/notice-proposals': { who: ['commander', 'inspector'] },
  'POST /api/campaigns/{campaign}/notices': { who: ['commander'] },
  'GET /api/campaigns/{campaign}/bulletins': { who: 'any' },
  'POST /api/campaigns/{campaign}/bulletins': { who: ['commander'] },
  'GET /api/campaigns/{campaign}/bulletin-draft': { who: ['commander', 'inspector'] },
  'GET /api/campaigns/{campaign}/document-settings': { who: ['commander', 'publicity'] },
  'PUT /api/campaigns/{campaign}/document-settings': { who: ['commander'] },
  'GET /api/campaigns/{campaign}/notices/{id}/docx': { who: ['publicity', 'commander'] },
  'GET /api/campaigns/{campaign}/notices/{id}/pdf': { who: ['publicity', 'commander'] },
  // Daily and weekly returns (a return's own unit scope is tested in test/returns.test.ts).
  'GET /api/campaigns/{campaign}/returns': { who: ['leader', 'commander', 'inspector'] },
  'GET /api/campaigns/{campaign}/returns/{unit}': { who: ['leader', 'commander', 'inspector'] },
  'GET /api/campaigns/{campaign}/returns/{unit}/file': { who: ['leader', 'commander', 'inspector'] },
  'POST /api/campaigns/{campaign}/returns/{unit}/confirm': { who: ['leader', 'commander'] },
  'PUT /api/campaigns/{campaign}/return-cutoff': { who: ['commander'] },
  'GET /api/bulletins/{id}/file': { who: 'any' },
  // Meetings, guidance visits, rectification, merits and staff-entered tips (their things' own
  // unit scope is tested in test/practices.test.ts, not planted here).
  'GET /api/notifications': { who: 'any' },
  'POST /api/notifications/{id}/read': { who: 'any' },
  'POST /api/notifications/read': { who: 'any' },
  'GET /api/campaigns/{campaign}/reminder-settings': { who: 'any' },
  'PUT /api/campaigns/{campaign}/reminder-settings': { who: ['commander'] },
  'GET /api/tasks': { who: 'any' },
  'POST /api/tasks/{id}': { who: 'any' },
  'GET /api/campaigns/{campaign}/meetings': { who: 'any' },
  'POST /api/campaigns/{campaign}/meetings': { who: ['commander', 'leader'] },
  'POST /api/meetings/{id}/document': { who: ['commander', 'leader'] },
  'GET /api/meetings/{id}/document': { who: 'any' },
  'GET /api/campaigns/{campaign}/guidance': { who: 'any' },
  'POST /api/campaigns/{campaign}/visits': { who: ['leader'] },
  'PUT /api/campaigns/{campaign}/guidance-settings': { who: ['commander'] },
  'GET /api/rectification': { who: 'any' },
  'POST /api/inspections/{id}/rectification': { who: ['inspector'] },
  'POST /api/rectification/{id}/report': { who: ['officer', 'leader', 'commander'] },
  'POST /api/rectification/{id}/decision': { who: ['inspector'] },
  'GET /api/campaigns/{campaign}/merits': { who: 'any' },
  'GET /api/campaigns/{campaign}/merits.xlsx': { who: 'any' },
  'POST /api/campaigns/{campaign}/merits/decisions': { who: ['commander'] },
  'PUT /api/clearances/{id}/officers': { who: ['officer', 'leader', 'commander'] },
  'POST /api/tips/entered': { who: ['officer', 'leader', 'commander'] },
  'GET /api/tips/entered.xlsx': { who: ['officer', 'leader', 'commander'] },
  'GET /api/tips/{id}/reward': { who: ['officer', 'leader', 'commander'] },
  'POST /api/tips/{id}/reward': { who: ['leader', 'commander', 'officer'] },
  'POST /api/tips/{id}/reward/payout': { who: ['officer', 'leader', 'commander'] },
  'GET /api/tip-rewards': { who: ['officer', 'leader', 'commander'] },
};

const ROLES: Role[] = ['commander', 'leader', 'officer', 'inspector', 'publicity', 'admin'];
/** One user per role; all but the city-level roles sit in sub-bureau 630103 and see only it. */
const MATRIX_USERS: { role: Role; unit: string }[] = [
  { role: 'commander', unit: '630100' },
  { role: 'admin', unit: '630100' },
  { role: 'leader', unit: '630103' },
  { role: 'officer', unit: '630103-01' },
  { role: 'inspector', unit: '630103' },
  { role: 'publicity', unit: '630103' },
];
const CITY_LEVEL: Role[] = ['commander', 'admin'];

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let app: TestApp;
  let routes: string[];
  const sessions = new Map<Role, { token: string; csrf: string }>();
  /** Path parameter values: things inside 630103 (in scope) and inside 630102 (outside). */
  const inside: Record<string, string> = {};
  const outside: Record<string, string> = {};

  async function session(role: Role): Promise<{ token: string; csrf: string }> {
    const ctx = contextFor(app.store, NOW, 'matrix');
    const { token, csrfToken } = await login(ctx, `m-${role}`, DEMO_PASSWORD);
    return { token, csrf: csrfToken };
  }

  async function activeListing(unit: string): Promise<string> {
    const row = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select(['f.listing_no'])
      .where('u.code', '=', unit)
      .where('f.exit_on', 'is', null)
      .where('f.crime_category', '=', 'homicide')
      .orderBy('f.listing_no')
      .executeTakeFirst();
    if (row) return row.listing_no;
    const any = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.listing_no')
      .where('u.code', '=', unit)
      .where('f.exit_on', 'is', null)
      .orderBy('f.listing_no')
      .executeTakeFirstOrThrow();
    return any.listing_no;
  }

  async function claimOn(listingNo: string, officer: string): Promise<string> {
    const user = await app.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', officer)
      .executeTakeFirstOrThrow();
    await app.store.db
      .updateTable('clearances')
      .set({ status: 'rejected' })
      .where('status', 'in', ['pending', 'approved'])
      .execute();
    const ctx = {
      ...contextFor(app.store, NOW, officer),
      user: {
        id: user.id,
        username: officer,
        displayName: officer,
        unitId: user.unit_id,
        roles: ['officer' as Role],
      },
      scope: EVERYTHING,
    };
    const claim = await fileClaim(ctx, {
      listingNo,
      kind: 'arrest',
      occurredOn: '2026-11-27',
      evidenceRef: 'E-1',
    });
    return String(claim.id);
  }

  /** An open review item of the unit (as the weekly round would raise one). */
  async function reviewFor(unit: string): Promise<string> {
    const unitRow = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', unit)
      .executeTakeFirstOrThrow();
    const campaign = await app.store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const { id } = await app.store.db
      .insertInto('reviews')
      .values({
        campaign_id: campaign.id,
        unit_id: unitRow.id,
        week_of: '2026-11-23',
        as_of: '2026-11-27',
        grounds: 'lagging',
        decline_rate: 0.1,
        target: 0.5,
        owner: 'm-leader',
        due_on: '2026-12-04',
        status: 'open',
        reasons: null,
        catch_up_plan: null,
        closed_by: null,
        closed_at: null,
        created_by: 'matrix',
        created_at: NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(id);
  }

  /** A suggested match of two persons listed by the unit. */
  async function personMatchFor(unit: string): Promise<string> {
    const persons = await app.store.db
      .selectFrom('fugitives as f')
      .innerJoin('units as u', 'u.id', 'f.listing_unit_id')
      .select('f.person_id')
      .distinct()
      .where('u.code', '=', unit)
      .orderBy('f.person_id')
      .limit(2)
      .execute();
    const { id } = await app.store.db
      .insertInto('person_matches')
      .values({
        person_id: persons[0]!.person_id!,
        other_person_id: persons[1]!.person_id!,
        status: 'suggested',
        created_at: NOW.toISOString(),
        decided_by: null,
        decided_at: null,
        reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(id);
  }

  async function letterFor(unit: string): Promise<string> {
    const unitRow = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', unit)
      .executeTakeFirstOrThrow();
    const campaign = await app.store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const signer = await app.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'commander')
      .executeTakeFirstOrThrow();
    const { id } = await app.store.db
      .insertInto('letters')
      .values({
        campaign_id: campaign.id,
        unit_id: unitRow.id,
        target: 0.5,
        baseline: 10,
        signer_id: signer.id,
        signed_by: 'commander',
        provenance: 'entry',
        signed_on: '2026-10-20',
        document_sha256: null,
        document_name: null,
        created_at: NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(id);
  }

  /** A finding about a claim of a unit, as the rules would file it. */
  async function anomalyOf(unitCode: string, claimId: string): Promise<string> {
    const unit = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', unitCode)
      .executeTakeFirstOrThrow();
    const campaign = await app.store.db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow();
    const { id } = await app.store.db
      .insertInto('anomalies')
      .values({
        campaign_id: campaign.id,
        rule: 'missing-evidence',
        finding_key: `matrix:${claimId}`,
        unit_id: unit.id,
        listing_no: null,
        reason: 'planted for the matrix',
        facts: '{}',
        claim_ids: `[${claimId}]`,
        status: 'open',
        found_at: NOW.toISOString(),
        last_seen_at: NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(id);
  }

  /** A tip assigned to the unit (as the public site would route one about its fugitive). */
  async function tipFor(unit: string): Promise<string> {
    const unitRow = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', unit)
      .executeTakeFirstOrThrow();
    const { id } = await app.store.db
      .insertInto('tips')
      .values({
        receipt_hash: `matrix-${unit}`,
        fugitive_id: null,
        assigned_unit_id: unitRow.id,
        seen_text: 'seen',
        seen_where: null,
        seen_when: null,
        language: 'zh',
        contact_sealed: null,
        status: 'new',
        triage: null,
        outcome: null,
        reward_claimed_at: null,
        received_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(id);
  }

  beforeAll(async () => {
    app = await startApp(dialect, 3000);
    const ctx = contextFor(app.store, NOW, 'matrix');
    for (const { role, unit } of MATRIX_USERS) {
      await addUser(ctx, {
        username: `m-${role}`,
        displayName: role,
        unitCode: unit,
        roles: [role],
        password: DEMO_PASSWORD,
      });
      sessions.set(role, await session(role));
    }
    await addUser(ctx, {
      username: 'victim',
      displayName: 'v',
      unitCode: '630103-01',
      roles: ['officer'],
      password: DEMO_PASSWORD,
    });
    const campaign = await app.store.db.selectFrom('campaigns').select('name').executeTakeFirstOrThrow();
    inside.listingNo = await activeListing('630103-01');
    outside.listingNo = await activeListing('630102-01');
    inside.id = await claimOn(inside.listingNo, 'officer2');
    outside.id = await claimOn(outside.listingNo, 'officer');
    // A leader whose unit every matrix user's scope contains (the officer's station).
    await addUser(ctx, {
      username: 'm-station-leader',
      displayName: 'l',
      unitCode: '630103-01',
      roles: ['leader'],
      password: DEMO_PASSWORD,
    });
    inside.username = 'm-station-leader';
    outside.username = 'leader';
    inside.campaign = outside.campaign = campaign.name;
    inside.letter = await letterFor('630103-01'); // inside every matrix user's scope
    outside.letter = await letterFor('630102-01');
    inside.anomaly = await anomalyOf('630103-01', inside.id);
    outside.anomaly = await anomalyOf('630102-01', outside.id);
    inside.tip = await tipFor('630103-01');
    outside.tip = await tipFor('630102-01');
    inside.review = await reviewFor('630103-01');
    outside.review = await reviewFor('630102-01');
    inside.person_match = await personMatchFor('630103-01');
    outside.person_match = await personMatchFor('630102-01');
    const doc = await app.anonymous.get('/api/docs/json');
    const paths = doc.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }, 120_000);
  afterAll(() => app.close());

  function url(route: string, values: Record<string, string>, resource?: Resource): string {
    const path = route.split(' ')[1]!;
    if (route === 'POST /api/users/{username}/disable') return path.replace('{username}', 'victim');
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const key =
        name === 'id' &&
        (resource === 'letter' ||
          resource === 'anomaly' ||
          resource === 'tip' ||
          resource === 'review' ||
          resource === 'person_match')
          ? resource
          : name;
      return encodeURIComponent(values[key] ?? 'x');
    });
  }

  async function call(route: string, path: string, role?: Role) {
    const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
    const auth = role
      ? route === 'DELETE /api/session'
        ? await session(role)
        : sessions.get(role)!
      : undefined;
    return app.server.inject({
      method,
      url: path,
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      ...(auth ? { cookies: { qw_session: auth.token }, headers: { 'x-csrf-token': auth.csrf } } : {}),
    });
  }

  it('has an expectation for every route of the OpenAPI document, and no other', () => {
    expect([...routes].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const route of routes) {
      const res = await call(route, url(route, inside, EXPECTED[route]?.resource));
      if (EXPECTED[route]?.who === 'public') expect(res.statusCode, route).not.toBe(401);
      else expect(res.statusCode, route).toBe(401);
    }
  });

  it('gives each role exactly its routes: 403 for the others, never 401 or 5xx for its own', async () => {
    for (const route of routes) {
      const { who, resource } = EXPECTED[route]!;
      if (who === 'public') continue;
      for (const role of ROLES) {
        const res = await call(route, url(route, inside, resource), role);
        const allowed = who === 'any' || who.includes(role);
        const label = `${route} as ${role} (in scope): ${res.body.slice(0, 120)}`;
        if (allowed) {
          expect([401, 403], label).not.toContain(res.statusCode);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
        }
      }
    }
  }, 120_000); // every route × every role, the roster's files among them

  it('refuses things outside the caller’s units (403), except to city-level roles', async () => {
    for (const route of routes) {
      const { who, resource } = EXPECTED[route]!;
      if (who === 'public' || !resource) continue;
      for (const role of ROLES) {
        if (who !== 'any' && !who.includes(role)) continue;
        const res = await call(route, url(route, outside, resource), role);
        const label = `${route} as ${role} (out of scope): ${res.body.slice(0, 120)}`;
        if (CITY_LEVEL.includes(role)) {
          expect([401, 403], label).not.toContain(res.statusCode);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json<{ code: string }>().code, label).toBe('out_of_scope');
        }
      }
    }
  });
});
