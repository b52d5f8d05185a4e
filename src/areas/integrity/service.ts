import type { Context } from '../../shared/context.ts';
import { findCampaign } from '../campaigns/service.ts';
import * as repo from './repo.ts';
import { runRules } from './rules.ts';
import { type Anomaly, DEFAULT_THRESHOLDS } from './types.ts';

/** Runs every anomaly rule over the claims and listings of a campaign (default: the latest). */
export async function findAnomalies(ctx: Context, campaignName?: string): Promise<Anomaly[]> {
  const campaign = await findCampaign(ctx.db, campaignName);
  const [claims, listings] = await Promise.all([repo.claimFacts(ctx.db), repo.listingFacts(ctx.db)]);
  return runRules(
    { claims, listings },
    { startOn: campaign.start_on, deadlineOn: campaign.deadline_on },
    DEFAULT_THRESHOLDS,
  );
}
