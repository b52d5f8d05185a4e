import type { Command } from 'commander';
import { CHECKPOINTS, type Checkpoint } from '../../areas/sanctions/rules.ts';
import { DomainError } from '../../shared/errors.ts';
import { withStore } from '../store.ts';

export function registerSanctions(program: Command): void {
  program
    .command('sanctions')
    .description('turn the sanctions due at a checkpoint into tracked items (from the checkpoint date on)')
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .option('--checkpoint <which>', CHECKPOINTS.join(' or '), 'deadline')
    .action(async (o: { campaign?: string; checkpoint: string }) => {
      if (!(CHECKPOINTS as readonly string[]).includes(o.checkpoint))
        throw new DomainError('usage', `--checkpoint: expected ${CHECKPOINTS.join(' or ')}`);
      const { evaluateSanctions } = await import('../../areas/sanctions/service.ts');
      const { findCampaign } = await import('../../areas/campaigns/service.ts');
      const result = await withStore(async (ctx) =>
        evaluateSanctions(ctx, (await findCampaign(ctx.db, o.campaign)).name, o.checkpoint as Checkpoint),
      );
      console.log(
        `${result.checkpoint} (${result.asOf}): ${result.due} sanctions due, ${result.created} new`,
      );
    });
}
