import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestStore, freshStore } from './support/stores.ts';
import { CLEARANCE_HEADER, workbook } from './support/xlsx.ts';
import { qingwang, qingwangAs } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'qingwang-cli-'));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const units = file('units.csv', [
  'code,name,kind,parent_code',
  'B,市局,bureau,',
  'P1,一所,station,B',
  'P2,二所,station,B',
]);
// Chinese headers are accepted as aliases of the canonical columns.
const fugitives = file('fugitives.csv', [
  '在逃人员编号,姓名,性别,出生日期,身份证号,案件类别,简要案情,案件编号,上网单位,上网日期,是否公开,悬赏金额',
  'F1,甲,男,,440524188001010014,homicide,故意杀人,,P1,2010-01-01,是,20000',
  'F2,乙,,,,theft,盗窃,,P1,2010-01-01,否,',
  'F3,丙,,,,theft,盗窃,,P2,2010-01-01,,',
]);

async function clearancesXlsx(): Promise<string> {
  const path = join(dir, 'clearances.xlsx');
  const rows = [
    ['F1', 'arrest', new Date(Date.UTC(2011, 10, 1)), 'P2', null, '西宁', 'J-1'],
    ['F2', 'surrender', '2011-11-05', 'P1', 'P2', null, 'J-2'],
  ];
  writeFileSync(path, await workbook(CLEARANCE_HEADER, rows));
  return path;
}

describe.each(DIALECTS)('the qingwang command on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore(dialect, join(dir, `cli-${dialect}.db`));
  }, 120_000);
  afterAll(() => store.dispose());

  it('imports CSV and XLSX files, creates a campaign and prints standings as JSON', async () => {
    expect((await qingwang(store.url, 'import', 'units', units)).stdout).toContain('3 imported');
    expect((await qingwang(store.url, 'import', 'fugitives', fugitives)).stdout).toContain('3 imported');
    const xlsx = await qingwang(store.url, 'import', 'clearances', await clearancesXlsx(), '--verified');
    expect(xlsx.stdout).toContain('2 imported');
    const created = await qingwang(
      store.url,
      ...['campaign', 'create', '--name', 'C1', '--baseline', '2011-10-16', '--start', '2011-10-17'],
      ...['--deadline', '2011-12-20'],
    );
    expect(created.code).toBe(0);

    const out = await qingwang(store.url, 'standings', '--campaign', 'C1', '--as-of', '2011-12-01', '--json');
    const standings = JSON.parse(out.stdout) as {
      units: { code: string; baseline: number; cleared: number; declineRate: number; captures: object }[];
    };
    expect(standings).toMatchObject({ campaign: 'C1', asOf: '2011-12-01', target: 0.5 });
    expect(standings.units.map((u) => [u.code, u.baseline, u.cleared, u.declineRate, u.captures])).toEqual([
      // Arrests and surrenders are shown apart: P2 arrested F1, P1 received F2's surrender.
      ['B', 3, 2, 2 / 3, { local: 2, remote: 0, arrests: 1, surrenders: 1 }],
      ['P1', 2, 2, 1, { local: 1, remote: 0, arrests: 0, surrenders: 1 }],
      ['P2', 1, 0, 0, { local: 1, remote: 0, arrests: 1, surrenders: 0 }],
    ]);

    const table = await qingwang(store.url, 'standings', '--as-of', '2011-12-01');
    expect(table.stdout).toMatch(/P1 +1 +2 +2 +100\.0%/);
  }, 120_000);

  it('prints the anomalies as it queues them: the same findings as without --enqueue, once in the queue', async () => {
    const printed = await qingwang(store.url, 'anomalies', '--json');
    const found = JSON.parse(printed.stdout) as { rule: string; listing_no: string }[];
    expect(found.length).toBeGreaterThan(0);
    const queued = await qingwang(store.url, 'anomalies', '--enqueue', '--json');
    expect(queued.code).toBe(0);
    expect(JSON.parse(queued.stdout)).toEqual(found);
    expect(queued.stderr).toContain(`${found.length} new findings queued`);
    const rows = await store.db.selectFrom('anomalies').select(['rule', 'listing_no']).execute();
    expect(rows.map((r) => `${r.rule} ${r.listing_no}`).sort()).toEqual(
      found.map((a) => `${a.rule} ${a.listing_no}`).sort(),
    );
    expect((await qingwang(store.url, 'anomalies', '--enqueue')).stderr).toContain('0 new findings queued');
  }, 120_000);

  it('imports the valid rows with --accept-valid and writes the refused ones beside the file', async () => {
    const mixed = file('mixed.csv', [
      '在逃人员编号,姓名,案件类别,简要案情,上网单位,上网日期',
      'AV1,好,盗窃,盗窃,P1,2010-02-01',
      'AV2,坏,海盗,劫船,P1,2010-02-01',
    ]);
    const out = await qingwang(store.url, 'import', 'fugitives', mixed, '--accept-valid');
    expect(out.stdout).toContain('1 imported');
    expect(out.stdout).toContain(
      `1 rows refused, written with their errors to ${join(dir, 'mixed-rejects.csv')}`,
    );
    const rejects = readFileSync(join(dir, 'mixed-rejects.csv'), 'utf8');
    expect(rejects.split('\r\n')).toEqual([
      '\uFEFF在逃人员编号,姓名,案件类别,简要案情,上网单位,上网日期,error',
      expect.stringMatching(
        /^AV2,坏,海盗,劫船,P1,2010-02-01,"row 3, column 案件类别: must be one of 故意杀人, /,
      ),
      '',
    ]);
  }, 120_000);

  it('prints publicity against surrenders per week, and the tip counts', async () => {
    const out = await qingwang(
      store.url,
      'publicity',
      '--from',
      '2011-10-17',
      '--to',
      '2011-11-13',
      '--json',
    );
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout) as { weeks: { week: string; surrenders: number }[]; tips: object };
    expect(result.weeks.map((w) => [w.week, w.surrenders])).toEqual([
      ['2011-10-17', 0],
      ['2011-10-24', 0],
      ['2011-10-31', 1],
      ['2011-11-07', 0],
    ]);
    expect(result.tips).toEqual({ received: 0, open: 0, ledToClearance: 0 });
    const table = await qingwang(store.url, 'publicity', '--from', '2011-10-17', '--to', '2011-11-13');
    expect(table.stdout).toMatch(/2011-10-31 +0 +0 +1/);
    expect(table.stdout).toContain('tips: 0 received');
  }, 120_000);

  it('refuses a bad file with every bad row listed and a non-zero exit, importing nothing', async () => {
    const bad = file(`bad-${dialect}.csv`, [
      'listing_no,kind,occurred_on,capturing_unit,persuading_unit,place,evidence_ref',
      'F3,arrest,2011-11-01,P1,,,',
      'F3,capture,2011-11-01,P1,,,',
      'F9,arrest,2011-11-01,P1,,,',
    ]);
    const result = await qingwang(store.url, 'import', 'clearances', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'row 3, field kind: must be one of 抓获, 投案自首, 投案, 自首, 死亡, 撤销, arrest, surrender, death, cancellation',
    );
    expect(result.stderr).toContain('row 4, field listing_no: unknown listing F9');
    const count = await store.db.selectFrom('clearances').select('id').execute();
    expect(count).toHaveLength(2);
  }, 120_000);

  it('verifies the audit chain and names the first broken event', async () => {
    expect((await qingwang(store.url, 'audit', 'verify')).stdout).toMatch(/audit chain intact: \d+ events/);
    await store.db.updateTable('audit_events').set({ actor: 'someone-else' }).where('seq', '=', 3).execute();
    const broken = await qingwang(store.url, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('BROKEN at event 3');
  }, 120_000);

  it('explains usage errors without a stack trace', async () => {
    const result = await qingwang(store.url, 'standings', '--as-of', '2011-02-30');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('expected a date written YYYY-MM-DD');
    const missing = await qingwang(store.url, 'import', 'units', join(dir, 'nope.csv'));
    expect(missing.stderr.trim()).toBe(`error: no such file ${join(dir, 'nope.csv')}`);
  }, 120_000);

  it('adds an account, changes its password and disables it', async () => {
    const cli = (args: string[], input?: string) =>
      spawnSync('node', ['bin/qingwang.js', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: store.url, QINGWANG_ACTOR: 'cli-test' },
      });
    const add = cli(
      ['user', 'add', 'wang.li', '--name', '王立', '--unit', 'P1', '--roles', 'officer', '--password-stdin'],
      'a long password 1\n',
    );
    expect(add.stdout).toContain('user wang.li created');
    const short = cli(['user', 'passwd', 'wang.li', '--password-stdin'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('password: must be at least 10 characters');
    expect(
      cli(['user', 'passwd', 'wang.li', '--password-stdin'], 'another long password\n').stdout,
    ).toContain('changed');
    expect(cli(['user', 'disable', 'wang.li']).stdout).toContain('disabled');
    const user = await store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'wang.li')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: '王立', roles: 'officer', disabled: 1 });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const actions = await store.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', 'wang.li')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['user.add', 'user.passwd', 'user.disable']);
  }, 120_000);

  it('withdraws a listing entered by mistake: one person asks, another refuses or approves', async () => {
    const withdraw = (actor: string, ...args: string[]) =>
      qingwangAs(actor, store.url, 'fugitive', 'withdraw', ...args);
    const asked = await withdraw('cli-test', 'ask', 'F3', '--reason', '重复录入');
    expect(asked.stdout).toContain('withdrawal of F3 asked by cli-test: it waits for a commander');
    expect((await withdraw('cli-test', 'list')).stdout).toContain('F3 丙 (P2): asked by cli-test');
    const own = await withdraw('cli-test', 'approve', 'F3');
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('who asked for a withdrawal cannot decide it');
    expect((await withdraw('zhao', 'refuse', 'F3', '--reason', '并非误录')).stdout).toContain(
      'withdrawal of F3 refused by zhao: the listing stands',
    );
    await withdraw('cli-test', 'ask', 'F3', '--reason', '确系误录');
    const approved = await withdraw('zhao', 'approve', 'F3', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({
      listingNo: 'F3',
      status: 'approved',
      askedBy: 'cli-test',
      decidedBy: 'zhao',
    });
    // F1 was caught (a verified claim stands on it): no mistake to withdraw.
    const caught = await withdraw('cli-test', 'ask', 'F1', '--reason', '误录');
    expect(caught.code).toBe(1);
    expect(caught.stderr).toContain('a verified clearance claim stands on listing F1');
    const rows = await store.db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_type', '=', 'fugitive')
      .where('entity_id', '=', 'F3')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => `${r.action} ${r.actor}`)).toEqual([
      'fugitive.withdrawal-ask cli-test',
      'fugitive.withdrawal-refuse zhao',
      'fugitive.withdrawal-ask cli-test',
      'fugitive.withdrawal-approve zhao',
    ]);
  }, 120_000);
});
