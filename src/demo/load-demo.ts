import { importClearances } from '../areas/clearances/service.ts';
import { scanCampaign } from '../areas/integrity/service.ts';
import { createCampaign } from '../areas/campaigns/service.ts';
import { importFugitives } from '../areas/registry/service.ts';
import { holdsUnits, importUnits } from '../areas/units/service.ts';
import { parseRows } from '../import/parsed-rows.ts';
import type { SourceRow } from '../import/read-table.ts';
import { clearanceRow } from '../areas/clearances/schema.ts';
import { fugitiveRow } from '../areas/registry/schema.ts';
import { unitRow } from '../areas/units/schema.ts';
import type { Executor } from '../db/connection.ts';
import { type Context, inTransaction } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { type DemoOptions, demoCity } from './demo-city.ts';
import type { NewUser } from '../areas/accounts/schema.ts';
import { accountExists, addUser } from '../areas/accounts/service.ts';
import { loadPublicityDemo } from './publicity-demo.ts';
import { loadPracticesDemo } from './practices-demo.ts';
import { setRewardRules } from '../areas/rewards/service.ts';
import { DEFAULT_RULE_SET } from '../areas/rewards/rules.ts';
import { issueNotice, noticeProposals, recordInspection } from '../areas/supervision/service.ts';
import { addDays } from '../shared/dates.ts';

/** The demo's password for every account; the quick start prints it. Never for real use. */
export const DEMO_PASSWORD = 'qingwang-demo';

/** One account per role, and a second officer in another sub-bureau to show unit scope. */
export const DEMO_USERS: Omit<NewUser, 'password'>[] = [
  { username: 'commander', displayName: '指挥长 王建国', unitCode: '630100', roles: ['commander'] },
  { username: 'leader', displayName: '城东分局局长 李志强', unitCode: '630102', roles: ['leader'] },
  { username: 'officer', displayName: '东关派出所民警 张海军', unitCode: '630102-01', roles: ['officer'] },
  { username: 'officer2', displayName: '人民街派出所民警 赵文华', unitCode: '630103-01', roles: ['officer'] },
  { username: 'inspector', displayName: '督察 马明亮', unitCode: '630100', roles: ['inspector'] },
  { username: 'publicity', displayName: '宣传干事 周玉兰', unitCode: '630100', roles: ['publicity'] },
  { username: 'admin', displayName: '系统管理员', unitCode: '630100', roles: ['admin'] },
];

export interface DemoSummary {
  units: number;
  fugitives: number;
  verified: number;
  pending: number;
  campaign: string;
}

/**
 * Loads the demo city through the same validated, audited imports a bureau would use, in one
 * transaction. Refuses a database that already holds units.
 */
export async function loadDemo(
  ctx: Context,
  options: DemoOptions & { password?: string },
): Promise<DemoSummary> {
  const city = demoCity(options);
  return inTransaction(ctx, async (tx) => {
    if (await holdsUnits(tx.db)) {
      throw new DomainError(
        'not_empty',
        'the database already holds units: the demo loads only into an empty one',
      );
    }
    await importUnits(tx, parseRows(unitRow, asRows(city.units)));
    await importFugitives(tx, parseRows(fugitiveRow, asRows(city.fugitives)));
    await importClearances(tx, parseRows(clearanceRow, asRows(city.verified)), { verified: true });
    await importClearances(tx, parseRows(clearanceRow, asRows(city.pending)), { verified: false });
    await createCampaign(tx, city.campaign);
    // Measures 5 and 6: the default reward rules (the ledger follows), two inspections, and the
    // first praise and criticism proposed by the standings, issued.
    await setRewardRules(tx, city.campaign.name, DEFAULT_RULE_SET, 'default rules of the demo');
    await recordInspection(tx, {
      unitCode: '630102-01',
      inspectedOn: addDays(options.anchor, -3),
      findings: '抽查在逃人员档案 20 份，2 份缺少抓捕方案审批记录。',
      followUp: '一周内补齐审批记录，督察回访。',
    });
    await recordInspection(tx, {
      unitCode: '630103',
      inspectedOn: addDays(options.anchor, -1),
      findings: '核查上周抓获记录 12 条，拘留通知书编号与系统一致。',
    });
    const { proposals } = await noticeProposals(tx, city.campaign.name, options.anchor);
    for (const kind of ['praise', 'criticism'] as const) {
      const first = proposals.find((p) => p.kind === kind);
      if (first)
        await issueNotice(tx, city.campaign.name, {
          unitCode: first.code,
          kind,
          text:
            kind === 'praise'
              ? `${first.name}行动以来战果突出，提前完成阶段任务，予以通报表扬。`
              : `${first.name}工作进度落后，责令分析原因、限期整改。`,
        });
    }
    await scanCampaign(tx, city.campaign.name); // the inspectors' queue starts with what the rules find
    for (const user of DEMO_USERS)
      await addUser(tx, { ...user, password: options.password ?? DEMO_PASSWORD });
    await loadPublicityDemo(tx, city.campaign.startOn);
    await loadPracticesDemo(tx, city.campaign, options.anchor);
    return {
      units: city.units.length,
      fugitives: city.fugitives.length,
      verified: city.verified.length,
      pending: city.pending.length,
      campaign: city.campaign.name,
    };
  });
}

/** True while the demo's accounts are present (a demo database): the server names them at start. */
export async function demoAccountsPresent(db: Executor): Promise<boolean> {
  return accountExists(db, DEMO_USERS[0]!.username);
}

/** Presents in-memory records as the rows of a file (row numbers as a spreadsheet shows them). */
export function* asRows(records: Record<string, string>[], batch = 500): Generator<SourceRow[]> {
  for (let start = 0; start < records.length; start += batch) {
    yield records.slice(start, start + batch).map((values, i) => ({ row: start + i + 2, values }));
  }
}
