// Meetings, guidance visits, tasks, rectification, officers' merits and staff-entered tips over
// HTTP on both databases: who may do what, in which units, and that every write is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/areas/audit/service.ts';
import { addDays } from '../src/shared/dates.ts';
import { type TestApp, TODAY, startApp } from './support/http.ts';
import { DIALECTS } from './support/stores.ts';
import ExcelJS from 'exceljs';

const C = `/api/campaigns/${encodeURIComponent('清网行动 2026')}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(DIALECTS)('the campaign practices on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(dialect);
  }, 120_000);
  afterAll(() => app?.close());

  async function lastEvent(action: string) {
    return app.store.db
      .selectFrom('audit_events')
      .select(['actor', 'entity_id', 'after_json'])
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirst();
  }

  describe('meetings and tasks', () => {
    it('shows the demo mobilisation meeting to everyone, with its tasks', async () => {
      const officer2 = await app.as('officer2');
      const res = await officer2.get(`${C}/meetings?kind=mobilization`);
      expect(res.statusCode).toBe(200);
      const meetings = res.json<{
        meetings: { heldOn: string; unit: { code: string }; tasks: unknown[] }[];
      }>().meetings;
      // The city's; not 城东分局's of the next day, which is for its own units.
      expect(meetings.map((m) => [m.heldOn, m.unit.code])).toEqual([[addDays(TODAY, -40), '630100']]);
      const leaders = await (await app.as('leader')).get(`${C}/meetings?kind=mobilization`);
      expect(
        leaders
          .json<{ meetings: { heldOn: string; unit: { code: string } }[] }>()
          .meetings.map((m) => [m.heldOn, m.unit.code]),
      ).toEqual([
        [addDays(TODAY, -39), '630102'],
        [addDays(TODAY, -40), '630100'],
      ]);
      const meeting = meetings.find((m) => m.unit.code === '630100');
      // Only the task of officer2's own units is shown to them.
      expect(meeting!.tasks).toEqual([expect.objectContaining({ owner: 'officer2' })]);
    });

    it('lets a leader record a meeting of their unit with tasks, audited, and refuses other units', async () => {
      const leader = await app.as('leader');
      const body = {
        kind: 'review',
        heldOn: TODAY,
        title: '点评会',
        chair: '李志强',
        attendingUnits: ['630102-01'],
        minutes: '逐所点评。',
        tasks: [{ title: '补齐档案', owner: 'officer', unitCode: '630102-01', dueOn: addDays(TODAY, 3) }],
      };
      const res = await leader.post(`${C}/meetings`, body);
      expect(res.statusCode).toBe(201);
      const meeting = res.json<{
        id: number;
        unit: { code: string };
        tasks: { id: number; status: string }[];
      }>();
      expect(meeting.unit.code).toBe('630102');
      expect(meeting.tasks).toHaveLength(1);
      // Given by the leader who recorded it, from the unit that held the meeting (not the task's unit).
      expect(meeting.tasks[0]).toMatchObject({
        assignedBy: 'leader',
        assignedFrom: { code: '630102' },
        unit: { code: '630102-01' },
      });
      expect(await lastEvent('meeting.record')).toMatchObject({
        actor: 'leader',
        entity_id: String(meeting.id),
      });

      const outside = await leader.post(`${C}/meetings`, { ...body, unitCode: '630103' });
      expect(outside.statusCode).toBe(403);
      const badTask = await leader.post(`${C}/meetings`, {
        ...body,
        tasks: [{ ...body.tasks[0], unitCode: '630103-01' }],
      });
      expect(badTask.statusCode).toBe(403);
      const early = await leader.post(`${C}/meetings`, {
        ...body,
        tasks: [{ ...body.tasks[0], dueOn: addDays(TODAY, -1) }],
      });
      expect(early.statusCode).toBe(400);
      expect(early.json()).toMatchObject({ field: 'tasks.0.dueOn' });
      const future = await leader.post(`${C}/meetings`, { ...body, heldOn: addDays(TODAY, 1) });
      expect(future.json()).toMatchObject({ field: 'heldOn' });
      expect((await (await app.as('officer')).post(`${C}/meetings`, body)).statusCode).toBe(403);

      // The scan of the minutes: attached by the holding unit, downloaded by an attending one.
      const scan = await leader.upload(
        `/api/meetings/${meeting.id}/document`,
        PDF,
        '纪要.pdf',
        'application/pdf',
      );
      expect(scan.statusCode).toBe(200);
      expect(scan.json()).toMatchObject({ document: { name: '纪要.pdf' } });
      const download = await (await app.as('officer')).get(`/api/meetings/${meeting.id}/document`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect((await (await app.as('officer2')).get(`/api/meetings/${meeting.id}/document`)).statusCode).toBe(
        403,
      );

      // The owner marks the task done; someone of another unit may not.
      const taskId = meeting.tasks[0]!.id;
      expect(
        (await (await app.as('officer2')).post(`/api/tasks/${taskId}`, { status: 'done' })).statusCode,
      ).toBe(403);
      const done = await (
        await app.as('officer')
      ).post(`/api/tasks/${taskId}`, { status: 'done', note: '已补齐' });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'done', note: '已补齐', updatedBy: 'officer' });
      expect(await lastEvent('task.change')).toMatchObject({ actor: 'officer', entity_id: String(taskId) });
    });

    it("marks each unit's mobilisation and re-mobilisation meetings on the dashboard, as far as you see", async () => {
      type Board = {
        mobilisation: { heldOn: string } | null;
        mobilisations: { heldOn: string; kind: string; unit: { code: string }; byCity: boolean }[];
      };
      const marks = (b: Board) => b.mobilisations.map((m) => [m.heldOn, m.kind, m.unit.code, m.byCity]);
      const city = [addDays(TODAY, -40), 'mobilization', '630100', true];
      const east = [addDays(TODAY, -39), 'mobilization', '630102', false];
      const again = [addDays(TODAY, -14), 'remobilization', '630100', true];
      // The leader of 城东分局, on their own dashboard and a station's: the city's and their own.
      const leader = await app.as('leader');
      const own = (await leader.get('/api/dashboard')).json<Board>();
      expect(marks(own)).toEqual([city, east, again]);
      expect(own.mobilisation).toMatchObject({ heldOn: addDays(TODAY, -40) });
      expect(marks((await leader.get('/api/dashboard?unit=630102-01')).json<Board>())).toEqual([
        city,
        east,
        again,
      ]);
      // The commander on the city's dashboard sees the sub-bureaus' below it.
      const commander = await app.as('commander');
      expect(marks((await commander.get('/api/dashboard')).json<Board>())).toEqual([city, east, again]);
      // Another sub-bureau's officer: the city's only.
      const other = (await (await app.as('officer2')).get('/api/dashboard')).json<Board>();
      expect(marks(other)).toEqual([city, again]);
      // As of a day, only the meetings held by then.
      const early = (await commander.get(`/api/dashboard?asOf=${addDays(TODAY, -39)}`)).json<Board>();
      expect(marks(early)).toEqual([city, east]);
    });

    it("lists a unit's tasks and an owner's, flagging the overdue ones", async () => {
      const officer = await app.as('officer');
      const mine = await officer.get('/api/tasks?owner=officer&status=open');
      const tasks = mine.json<{ tasks: { owner: string; overdue: boolean; dueOn: string }[] }>().tasks;
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.every((t) => t.owner === 'officer')).toBe(true);
      expect(tasks.filter((t) => t.overdue).every((t) => t.dueOn < TODAY)).toBe(true);
      expect(tasks.some((t) => t.overdue)).toBe(true);
      const unit = await (await app.as('officer2')).get('/api/tasks?unit=630102');
      expect(unit.json<{ tasks: unknown[] }>().tasks).toEqual([]);
    });
  });

  describe('guidance visits', () => {
    it('shows liaison units not visited within the interval, and lets the leader record a visit', async () => {
      const commander = await app.as('commander');
      const view = await commander.get(`${C}/guidance`);
      const liaisons = view.json<{
        liaisons: { unit: { code: string }; overdue: boolean; visits: number }[];
      }>().liaisons;
      expect(liaisons.find((l) => l.unit.code === '630105-01')).toMatchObject({ visits: 0, overdue: true });

      const leader = await app.as('leader');
      const res = await leader.post(`${C}/visits`, {
        unitCode: '630105-01',
        visitedOn: TODAY,
        findings: '零战果原因：排查不细。',
        tasks: [{ title: '制定追赶计划', owner: 'leader', unitCode: '630105-01', dueOn: addDays(TODAY, 7) }],
      });
      expect(res.statusCode).toBe(201);
      expect(await lastEvent('visit.record')).toMatchObject({ actor: 'leader' });
      // The visit's task comes from the visiting leader and their unit, listed with the unit's tasks.
      const visitTasks = await leader.get('/api/tasks?owner=leader&status=open');
      expect(
        visitTasks.json<{ tasks: { title: string }[] }>().tasks.find((t) => t.title === '制定追赶计划'),
      ).toMatchObject({ assignedBy: 'leader', assignedFrom: { code: '630102' } });
      const after = await leader.get(`${C}/guidance?leader=leader`);
      expect(
        after
          .json<{ liaisons: { unit: { code: string }; overdue: boolean }[] }>()
          .liaisons.find((l) => l.unit.code === '630105-01'),
      ).toMatchObject({ overdue: false });

      const notMine = await leader.post(`${C}/visits`, {
        unitCode: '630103-01',
        visitedOn: TODAY,
        findings: 'x',
      });
      expect(notMine.statusCode).toBe(400);
      expect(notMine.json()).toMatchObject({ code: 'not_liaison_unit', field: 'unitCode' });
      expect(
        (await commander.post(`${C}/visits`, { unitCode: '630105-01', visitedOn: TODAY, findings: 'x' }))
          .statusCode,
      ).toBe(403);
    });

    it('lets only a commander set the interval, audited', async () => {
      expect(
        (await (await app.as('leader')).put(`${C}/guidance-settings`, { visitIntervalDays: 3 })).statusCode,
      ).toBe(403);
      const res = await (await app.as('commander')).put(`${C}/guidance-settings`, { visitIntervalDays: 30 });
      expect(res.json()).toEqual({ visitIntervalDays: 30 });
      const view = await (await app.as('commander')).get(`${C}/guidance`);
      expect(view.json()).toMatchObject({ intervalDays: 30 });
      expect(await lastEvent('campaign.visit-interval')).toMatchObject({ actor: 'commander' });
    });
  });

  describe('rectification', () => {
    it('runs an item from the inspection to the report, a return and an acceptance', async () => {
      const inspector = await app.as('inspector');
      const inspection = await inspector.post('/api/inspections', {
        unitCode: '630102-01',
        inspectedOn: TODAY,
        findings: '台账不全。',
      });
      const added = await inspector.post(
        `/api/inspections/${inspection.json<{ id: number }>().id}/rectification`,
        {
          items: [{ unitCode: '630102-01', problem: '台账不全', deadlineOn: addDays(TODAY, 5) }],
        },
      );
      expect(added.statusCode).toBe(201);
      const id = added.json<{ items: { id: number; status: string }[] }>().items[0]!.id;

      expect(
        (await (await app.as('officer2')).post(`/api/rectification/${id}/report`, { report: 'x' }))
          .statusCode,
      ).toBe(403);
      const reported = await (
        await app.as('officer')
      ).post(`/api/rectification/${id}/report`, { report: '已补齐' });
      expect(reported.json()).toMatchObject({ status: 'reported', reportedBy: 'officer' });
      const noReason = await inspector.post(`/api/rectification/${id}/decision`, { decision: 'return' });
      expect(noReason.json()).toMatchObject({ field: 'reason' });
      const returned = await inspector.post(`/api/rectification/${id}/decision`, {
        decision: 'return',
        reason: '缺签字',
      });
      expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '缺签字' });
      await (await app.as('officer')).post(`/api/rectification/${id}/report`, { report: '已签字' });
      const accepted = await inspector.post(`/api/rectification/${id}/decision`, { decision: 'accept' });
      expect(accepted.json()).toMatchObject({ status: 'accepted', decidedBy: 'inspector' });
      const actions = await app.store.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'rectification')
        .where('entity_id', '=', String(id))
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'rectification.add',
        'rectification.report',
        'rectification.return',
        'rectification.report',
        'rectification.accept',
      ]);
    });

    it('lists overdue items of your units only, and the bulletin names them', async () => {
      const overdue = await (await app.as('leader')).get('/api/rectification?overdue=true');
      const items = overdue.json<{
        items: { unit: { code: string }; daysOverdue: number; problem: string }[];
      }>().items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.unit.code.startsWith('630102') && i.daysOverdue > 0)).toBe(true);
      expect(
        (await (await app.as('officer2')).get('/api/rectification')).json<{ items: unknown[] }>().items,
      ).toEqual([]);
      const html = await (await app.as('commander')).get(`${C}/bulletin-draft?format=html`);
      expect(html.body).toContain('逾期未整改');
      expect(html.body).toContain(items[0]!.problem);
    });
  });

  describe("officers' merits", () => {
    it('credits the officers named on a claim once verified, and exports the tally', async () => {
      const merits = await (await app.as('commander')).get(`${C}/merits`);
      const officers = merits.json<{
        officers: { officer: string; username: string | null; unit: { code: string }; points: number }[];
      }>().officers;
      // 张海军 is named by his account on the demo's claims; 马国庆, without one, by name.
      expect(officers.find((o) => o.username === 'officer')).toMatchObject({
        officer: '东关派出所民警 张海军',
        unit: { code: '630102-01' },
      });
      expect(officers.find((o) => o.officer === '马国庆')).toMatchObject({
        username: null,
        unit: { code: '630102-01' },
      });
      // Scope: officer2's sub-bureau does not see 630102's officers.
      const theirs = await (await app.as('officer2')).get(`${C}/merits`);
      expect(
        theirs
          .json<{ officers: { unit: { code: string } }[] }>()
          .officers.every((o) => o.unit.code.startsWith('630103')),
      ).toBe(true);
      const xlsx = await (await app.as('commander')).get(`${C}/merits.xlsx?lang=en`);
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('Officer');
    });

    it('lets a commander decide only what the rules propose, audited', async () => {
      const commander = await app.as('commander');
      const merits = await commander.get(`${C}/merits`);
      type Officer = {
        officer: string;
        username: string | null;
        unit: { code: string };
        proposal: string | null;
      };
      const proposed = merits.json<{ officers: Officer[] }>().officers.find((o) => o.proposal && !o.username);
      expect(proposed).toBeDefined();
      const wrong = await commander.post(`${C}/merits/decisions`, {
        officer: proposed!.officer,
        unitCode: proposed!.unit.code,
        award: proposed!.proposal === 'merit' ? 'commendation' : 'merit',
        decision: 'approved',
      });
      expect(wrong.json()).toMatchObject({ code: 'not_proposed' });
      const body = { officer: proposed!.officer, unitCode: proposed!.unit.code, award: proposed!.proposal };
      expect(
        (await (await app.as('leader')).post(`${C}/merits/decisions`, { ...body, decision: 'approved' }))
          .statusCode,
      ).toBe(403);
      const ok = await commander.post(`${C}/merits/decisions`, { ...body, decision: 'approved' });
      expect(ok.statusCode).toBe(201);
      expect(await lastEvent('merit.decide')).toMatchObject({ actor: 'commander' });
      const again = await commander.get(`${C}/merits`);
      expect(
        again
          .json<{ officers: Officer[] }>()
          .officers.find((o) => o.officer === body.officer && o.unit.code === body.unitCode)?.proposal,
      ).not.toBe(body.award);
      // An officer with an account is decided by the account.
      const account = again.json<{ officers: Officer[] }>().officers.find((o) => o.username && o.proposal);
      expect(account).toBeDefined();
      const byAccount = await commander.post(`${C}/merits/decisions`, {
        username: account!.username,
        award: account!.proposal,
        decision: 'declined',
        reason: '另行表彰',
      });
      expect(byAccount.statusCode).toBe(201);
      expect(byAccount.json()).toMatchObject({ username: account!.username, officer: account!.officer });
      const stored = await app.store.db
        .selectFrom('merit_decisions as d')
        .innerJoin('users as u', 'u.id', 'd.user_id')
        .select(['u.username', 'd.decision'])
        .where('d.id', '=', byAccount.json<{ id: number }>().id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ username: account!.username, decision: 'declined' });
      const nameless = await commander.post(`${C}/merits/decisions`, {
        award: 'merit',
        decision: 'approved',
      });
      expect(nameless.statusCode).toBe(400);
    });

    it('names the officers of a claim only within your units', async () => {
      const claims = await (await app.as('officer')).get('/api/clearances?status=verified&pageSize=200');
      const mine = claims
        .json<{
          items: { id: number; kind: string; occurredOn: string; capturingUnit: { code: string } | null }[];
        }>()
        .items.find(
          (c) =>
            c.kind === 'arrest' &&
            c.capturingUnit?.code === '630102-01' &&
            c.occurredOn >= addDays(TODAY, -40),
        );
      expect(mine).toBeDefined();
      const res = await (
        await app.as('officer')
      ).put(`/api/clearances/${mine!.id}/officers`, {
        capturingOfficers: [{ name: '韩晓东' }, { name: ' 韩晓东 ' }],
      });
      expect(res.json()).toEqual({
        clearanceId: mine!.id,
        capturingOfficers: [{ username: null, name: '韩晓东' }],
        persuadingOfficer: null,
      });
      expect(
        (
          await (
            await app.as('officer2')
          ).put(`/api/clearances/${mine!.id}/officers`, { capturingOfficers: [{ name: 'x' }] })
        ).statusCode,
      ).toBe(403);
      const merits = await (await app.as('officer')).get(`${C}/merits`);
      expect(merits.json<{ officers: { officer: string }[] }>().officers.map((o) => o.officer)).toContain(
        '韩晓东',
      );
    });
    it('counts two officers of one name apart by their accounts, and a name without one apart again', async () => {
      // Two officers named 张伟 with accounts at 东关派出所, and one without an account.
      const units = await app.store.db.selectFrom('units').select(['id', 'code']).execute();
      const station = units.find((u) => u.code === '630102-01')!.id;
      for (const username of ['zhangwei1', 'zhangwei2'])
        await app.store.db
          .insertInto('users')
          .values({
            username,
            display_name: '张伟',
            unit_id: station,
            roles: 'officer',
            password_hash: 'x',
            disabled: 0,
            created_at: TODAY,
            password_changed_at: TODAY,
          })
          .execute();
      const officer = await app.as('officer');
      const claims = await officer.get('/api/clearances?status=verified&pageSize=200');
      const free = claims
        .json<{
          items: {
            id: number;
            kind: string;
            occurredOn: string;
            capturingUnit: { code: string } | null;
            capturingOfficers: unknown[];
          }[];
        }>()
        .items.filter(
          (c) =>
            (c.kind === 'arrest' || c.kind === 'surrender') &&
            c.capturingUnit?.code === '630102-01' &&
            c.occurredOn >= addDays(TODAY, -40),
        )
        // Those that name nobody yet first (naming others replaces their officers).
        .sort((a, b) => a.capturingOfficers.length - b.capturingOfficers.length);
      expect(free.length).toBeGreaterThanOrEqual(2);
      const [first, second] = free as [(typeof free)[number], (typeof free)[number]];
      const named = await officer.put(`/api/clearances/${first.id}/officers`, {
        capturingOfficers: [{ username: 'zhangwei1' }, { username: 'zhangwei2' }, { username: 'zhangwei1' }],
      });
      expect(named.json()).toMatchObject({
        capturingOfficers: [
          { username: 'zhangwei1', name: '张伟' },
          { username: 'zhangwei2', name: '张伟' },
        ],
      });
      await officer.put(`/api/clearances/${second.id}/officers`, {
        capturingOfficers: [{ username: 'zhangwei1' }, { name: '张伟' }],
      });
      const merits = await officer.get(`${C}/merits`);
      const zhangs = merits
        .json<{ officers: { officer: string; username: string | null; results: number; points: number }[] }>()
        .officers.filter((o) => o.officer === '张伟');
      expect(
        zhangs.map((o) => [o.username, o.results]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual([
        [null, 1],
        ['zhangwei1', 2],
        ['zhangwei2', 1],
      ]);
      const one = zhangs.find((o) => o.username === 'zhangwei2')!.points;
      expect(zhangs.find((o) => o.username === 'zhangwei1')!.points).toBeGreaterThan(one);
      // The claim shows each by name; the case page reads them.
      const claim = (await officer.get(`/api/clearances?status=verified&pageSize=200`))
        .json<{ items: { id: number; capturingOfficers: unknown }[] }>()
        .items.find((c) => c.id === second.id);
      expect(claim?.capturingOfficers).toEqual([
        { username: 'zhangwei1', name: '张伟' },
        { username: null, name: '张伟' },
      ]);
      // An unknown login, or a reference that is both or neither, is refused.
      const unknown = await officer.put(`/api/clearances/${second.id}/officers`, {
        capturingOfficers: [{ username: 'nobody' }],
      });
      expect(unknown.json()).toMatchObject({ code: 'unknown_user', field: 'capturingOfficers.0' });
      const both = await officer.put(`/api/clearances/${second.id}/officers`, {
        capturingOfficers: [{ username: 'zhangwei1', name: '张伟' }],
      });
      expect(both.statusCode).toBe(400);
      expect(await lastEvent('clearance.officers')).toMatchObject({ actor: 'officer' });
    });
  });

  describe('staff-entered tips and rewards', () => {
    it('takes a telephone tip into the unit inbox with the contact sealed and a receipt', async () => {
      const officer = await app.as('officer');
      const res = await officer.post('/api/tips/entered', {
        channel: 'telephone',
        receivedAt: `${TODAY}T01:00:00.000Z`,
        seen: '电话反映在网吧见到可疑人员',
        contactPhone: '13900000000',
      });
      expect(res.statusCode).toBe(201);
      const { id, receipt } = res.json<{ id: number; receipt: string }>();
      expect(receipt).toMatch(/^\d{16}$/);
      const stored = await app.store.db
        .selectFrom('tips')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.contact_sealed).not.toContain('13900000000');
      expect(stored).toMatchObject({ channel: 'telephone', entered_by: 'officer' });
      const detail = await officer.get(`/api/tips/${id}`);
      expect(detail.json()).toMatchObject({
        channel: 'telephone',
        enteredBy: 'officer',
        contact: { phone: '13900000000' },
      });
      const event = await lastEvent('tip.enter');
      expect(event?.after_json).not.toContain('13900000000');
      const future = await officer.post('/api/tips/entered', {
        channel: 'letter',
        receivedAt: addDays(TODAY, 2) + 'T00:00:00.000Z',
        seen: 'x',
      });
      expect(future.json()).toMatchObject({ field: 'receivedAt' });
    });

    it('shows the demo reward and payout only to the assigned unit', async () => {
      const officer = await app.as('officer');
      const tips = await officer.get('/api/tips');
      const rewarded = tips
        .json<{ tips: { id: number; channel: string; countsAsResult: boolean }[] }>()
        .tips.find((t) => t.channel === 'in_person' && t.countsAsResult);
      expect(rewarded).toBeDefined();
      const reward = await officer.get(`/api/tips/${rewarded!.id}/reward`);
      expect(reward.json()).toMatchObject({
        reward: { amount: 2000, paidBy: '张海军', receiptRef: 'JL-2026-0017' },
      });
      expect((await (await app.as('leader')).get(`/api/tips/${rewarded!.id}/reward`)).json()).toMatchObject({
        code: 'contact_hidden',
      });
      expect((await (await app.as('officer2')).get(`/api/tips/${rewarded!.id}/reward`)).statusCode).toBe(403);
      const twice = await officer.post(`/api/tips/${rewarded!.id}/reward`, { amount: 100 });
      expect(twice.statusCode).toBe(409);
      const repaid = await officer.post(`/api/tips/${rewarded!.id}/reward/payout`, {
        paidOn: TODAY,
        paidBy: 'x',
        receiptRef: 'y',
      });
      expect(repaid.json()).toMatchObject({ code: 'reward_paid' });
    });

    it('refuses a reward for a tip that led to nothing', async () => {
      const officer = await app.as('officer');
      const tips = await officer.get('/api/tips');
      const open = tips
        .json<{ tips: { id: number; channel: string }[] }>()
        .tips.find((t) => t.channel === 'telephone');
      const res = await officer.post(`/api/tips/${open!.id}/reward`, { amount: 500 });
      expect(res.json()).toMatchObject({ code: 'no_result' });
    });
  });

  it('keeps the audit chain whole', async () => {
    expect((await verifyAuditChain(app.store.db)).ok).toBe(true);
  });
});
