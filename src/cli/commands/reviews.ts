import type { Command } from 'commander';
import { withStore } from '../store.ts';

export function registerReviews(program: Command): void {
  const reviews = program.command('reviews').description('review items (点评) during the campaign');
  reviews
    .command('round')
    .description(
      "this week's review round: lagging and zero-result units get a review item (run weekly, e.g. from cron)",
    )
    .option('--campaign <name>', 'campaign name (default: the latest)')
    .action(async (o: { campaign?: string }) => {
      const { runReviewRound } = await import('../../areas/reviews/service.ts');
      const r = await withStore((ctx) => runReviewRound(ctx, o.campaign));
      console.log(
        `${r.campaign}, week of ${r.weekOf} (figures as of ${r.asOf}): ${r.due} units to review, ${r.created} new review items`,
      );
    });
}
