import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { RewardRuleSetInput } from '../../areas/rewards/rules.ts';
import { withStore } from '../store.ts';

export function registerRewards(program: Command): void {
  const rewards = program.command('rewards').description('reward rules and the ledger');
  rewards
    .command('set-rules')
    .description("set a campaign's reward rules from a JSON file (a new version; the ledger is recomputed)")
    .argument('<file>', 'the rule set as JSON (see docs/rewards.md)')
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--note <text>', 'why the rules change')
    .action(async (file: string, o: { campaign?: string; note?: string }) => {
      const input = JSON.parse(await readFile(file, 'utf8')) as RewardRuleSetInput;
      const { setRewardRules } = await import('../../areas/rewards/service.ts');
      const { findCampaign } = await import('../../areas/campaigns/service.ts');
      const result = await withStore(async (ctx) =>
        setRewardRules(ctx, o.campaign ?? (await findCampaign(ctx.db)).name, input, o.note),
      );
      console.log(
        `rules version ${result.version}: ${result.changes.added} entries booked, ${result.changes.reversed} reversed`,
      );
    });
  rewards
    .command('sync')
    .description('bring the ledger up to date with the verified clearances and the active rules')
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .action(async (o: { campaign?: string }) => {
      const { syncLedger } = await import('../../areas/rewards/service.ts');
      const { findCampaign } = await import('../../areas/campaigns/service.ts');
      const result = await withStore(async (ctx) => syncLedger(ctx, await findCampaign(ctx.db, o.campaign)));
      console.log(
        result.version === null
          ? 'the campaign has no reward rules yet'
          : `ledger up to date (rules version ${result.version}): ${result.added} booked, ${result.reversed} reversed`,
      );
    });
}
