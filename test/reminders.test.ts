// The notification centre over HTTP and the daily digest by e-mail (both dialects): an overdue task
// reaches its owner and nobody else, is marked read, drops out once done; the digest arrives at a
// loopback SMTP server.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/areas/reminders/mail.ts';
import { refreshNotifications, sendDigests } from '../src/areas/reminders/service.ts';
import { addDays } from '../src/shared/dates.ts';
import { NOW, type TestApp, TODAY, startApp } from './support/http.ts';
import { DIALECTS, contextFor } from './support/stores.ts';

/** The text of a single-part message as a mail reader shows it (base64 or quoted-printable). */
function bodyText(message: string): string {
  const [head, ...rest] = message.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head!)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

interface Notifications {
  unread: number;
  items: { id: number; kind: string; params: Record<string, unknown>; read: boolean }[];
}

describe.each(DIALECTS)('reminders on %s', (dialect) => {
  let app: TestApp;
  let taskId: number;
  const title = '核实东关派出所在逃人员去向';
  beforeAll(async () => {
    app = await startApp(dialect, 300);
    const unit = await app.store.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', '630102')
      .executeTakeFirstOrThrow();
    const at = NOW.toISOString();
    const task = {
      source: 'meeting',
      meeting_id: null,
      visit_id: null,
      unit_id: unit.id,
      status: 'open',
      note: null,
      created_by: 'commander',
      created_at: at,
      updated_by: 'commander',
      updated_at: at,
    };
    ({ id: taskId } = await app.store.db
      .insertInto('tasks')
      .values({ ...task, title, owner: 'leader', due_on: addDays(TODAY, -1) })
      .returning('id')
      .executeTakeFirstOrThrow());
    // Due in ten days: too far off to remind of.
    await app.store.db
      .insertInto('tasks')
      .values({ ...task, title: '远期任务', owner: 'leader', due_on: addDays(TODAY, 10) })
      .execute();
  });
  afterAll(() => app.close());

  const notificationsOf = async (user: string) =>
    (await (await app.as(user)).get('/api/notifications')).json<Notifications>();

  it('tells the owner of an overdue task, nobody else; marked read, it stays until the task is done', async () => {
    const mine = await notificationsOf('leader');
    const overdue = mine.items.filter((n) => n.kind === 'task_due');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ read: false, params: { about: title, overdue: true } });
    expect(mine.unread).toBe(mine.items.length);
    for (const other of ['officer', 'commander', 'inspector'])
      expect((await notificationsOf(other)).items.some((n) => n.params.about === title)).toBe(false);

    // Only the owner marks it read.
    const id = overdue[0]!.id;
    expect((await (await app.as('officer')).post(`/api/notifications/${id}/read`, {})).statusCode).toBe(404);
    const leader = await app.as('leader');
    expect((await leader.post(`/api/notifications/${id}/read`, {})).json()).toEqual({ marked: 1 });
    const after = await notificationsOf('leader');
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.items.find((n) => n.id === id)?.read).toBe(true);

    // A changed situation updates its notification in place, read or not as it was.
    const renamed = `${title}（更正）`;
    await app.store.db.updateTable('tasks').set({ title: renamed }).where('id', '=', taskId).execute();
    expect((await notificationsOf('leader')).items.find((n) => n.id === id)).toMatchObject({
      read: true,
      params: { about: renamed },
    });
    await app.store.db.updateTable('tasks').set({ title }).where('id', '=', taskId).execute();

    await app.store.db.updateTable('tasks').set({ status: 'done' }).where('id', '=', taskId).execute();
    expect((await notificationsOf('leader')).items.some((n) => n.id === id)).toBe(false);
    await app.store.db.updateTable('tasks').set({ status: 'open' }).where('id', '=', taskId).execute();
  });

  it("gives each user's bell, read narrowed to what their roles can be told of, their part of everyone's", async () => {
    const everyone = await refreshNotifications(contextFor(app.store, NOW, 'system:jobs'));
    const users = await app.store.db.selectFrom('users').select(['id', 'username']).execute();
    const shown = (items: { kind: string; params: unknown }[]) =>
      items.map((n) => `${n.kind} ${JSON.stringify(n.params)}`).sort();
    let withSome = 0;
    for (const username of ['commander', 'leader', 'officer', 'officer2', 'inspector', 'publicity']) {
      const id = users.find((u) => u.username === username)!.id;
      const theirs = everyone.reminders.filter((r) => r.userId === id);
      if (theirs.length > 0) withSome += 1;
      expect(shown((await notificationsOf(username)).items), username).toEqual(shown(theirs));
    }
    expect(withSome).toBeGreaterThanOrEqual(3);
  });

  it('lets a commander set the thresholds, audited; nobody else', async () => {
    const commander = await app.as('commander');
    const { campaign } = (await commander.get('/api/standings')).json<{ campaign: string }>();
    const url = `/api/campaigns/${encodeURIComponent(campaign)}/reminder-settings`;
    expect((await commander.get(url)).json()).toEqual({
      claimWaitDays: 3,
      tipWaitDays: 2,
      dueSoonDays: 3,
      rejectedForDays: 7,
    });
    const changed = { claimWaitDays: 5, tipWaitDays: 1, dueSoonDays: 2, rejectedForDays: 14 };
    expect((await commander.put(url, changed)).json()).toEqual(changed);
    expect((await (await app.as('leader')).put(url, changed)).statusCode).toBe(403);
    expect((await (await app.as('leader')).get(url)).json()).toEqual(changed);
    const event = await app.store.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'reminders.settings')
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe('commander');
  });

  it('lets each user set their own e-mail address and opt in to the digest, validated and audited', async () => {
    const officer = await app.as('officer');
    expect((await officer.get('/api/account/digest')).json()).toEqual({ email: null, digest: false });
    const refused = async (body: unknown) => {
      const res = await officer.put('/api/account/digest', body);
      expect(res.statusCode).toBe(400);
      return res.json<{ code: string; field: string }>();
    };
    expect(await refused({ email: '', digest: true })).toMatchObject({
      code: 'digest_needs_email',
      field: 'email',
    });
    expect(await refused({ email: 'not an address', digest: false })).toMatchObject({
      code: 'not_an_email',
      field: 'email',
    });
    expect(await refused({ email: `${'a'.repeat(200)}@x.cn`, digest: true })).toMatchObject({
      code: 'too_long',
    });
    expect((await officer.get('/api/account/digest')).json()).toEqual({ email: null, digest: false });

    const wanted = { email: ' officer@qingwang.test ', digest: true };
    const saved = { email: 'officer@qingwang.test', digest: true };
    expect((await officer.put('/api/account/digest', wanted)).json()).toEqual(saved);
    expect((await officer.get('/api/account/digest')).json()).toEqual(saved);
    // Each user sees and sets only their own.
    expect((await (await app.as('inspector')).get('/api/account/digest')).json()).toEqual({
      email: null,
      digest: false,
    });
    const event = await app.store.db
      .selectFrom('audit_events')
      .select(['actor', 'entity_id', 'before_json', 'after_json'])
      .where('action', '=', 'user.digest')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor: 'officer', entity_id: 'officer' });
    expect(JSON.parse(event.before_json!)).toEqual({ email: null, digest: false });
    expect(JSON.parse(event.after_json!)).toEqual(saved);
    // Clearing the address opts out.
    expect((await officer.put('/api/account/digest', { email: null, digest: false })).json()).toEqual({
      email: null,
      digest: false,
    });
  });

  it("mails each user's daily digest over SMTP to a loopback server", async () => {
    const received: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'qingwang@qingwang.test');
      const system = contextFor(app.store, NOW, 'system');
      // An address alone is not a wish for the digest: nothing is mailed until the user opts in.
      const leader = await app.as('leader');
      const address = { email: 'leader@qingwang.test', digest: false };
      expect((await leader.put('/api/account/digest', address)).statusCode).toBe(200);
      expect((await sendDigests(system, mailer)).mailed).toBe(0);
      expect(received).toEqual([]);
      expect((await leader.put('/api/account/digest', { ...address, digest: true })).statusCode).toBe(200);
      const sent = await sendDigests(system, mailer);
      expect(sent.mailed).toBe(1);
      expect(sent.users).toBeGreaterThanOrEqual(1);
      expect(received.map((m) => m.to)).toEqual([['leader@qingwang.test']]);
      const text = bodyText(received[0]!.data);
      expect(text).toContain('李志强');
      expect(text).toContain(`任务“${title}”已于${addDays(TODAY, -1)}到期，已逾期。`);
    } finally {
      await new Promise<void>((resolve) => smtp.close(resolve));
    }
  });
});
