import { type Context, inTransaction, signedInUser } from '../../shared/context.ts';
import { localDate } from '../../shared/dates.ts';
import { ConflictError, conflictOf, ForbiddenError, NotFoundError, refusalOf } from '../../shared/errors.ts';
import { hasAnyRole, inScope, unitFilter } from '../accounts/rules.ts';
import { recordEvent } from '../audit/service.ts';
import { findCampaign, standings } from '../campaigns/service.ts';
import * as units from '../units/repo.ts';
import * as repo from './repo.ts';
import {
  type ReviewStatus,
  closingProblem,
  mayClose,
  reviewOwner,
  reviewsDue,
  roundDates,
  underWay,
} from './rules.ts';
import type { CloseInput, ReviewOut, RoundOut } from './schema.ts';

/**
 * The week's review round (点评): every lagging unit and every zero-result station or squad, by the
 * figures as of today, gets a review item owned by its liaison leader (else the nearest leader above
 * it), due within 7 days. Run weekly (`qingwang reviews round` from cron) and on demand; a unit
 * gets at most one review a week and none while an earlier one is still open. Audited.
 */
export async function runReviewRound(ctx: Context, campaignName?: string): Promise<RoundOut> {
  return inTransaction(ctx, async (tx) => {
    const campaign = await findCampaign(tx.db, campaignName);
    const asOf = localDate(tx.now);
    if (!underWay({ startOn: campaign.start_on, deadlineOn: campaign.deadline_on }, asOf))
      throw new ConflictError(
        'not_under_way',
        `the campaign runs from ${campaign.start_on} to ${campaign.deadline_on}: reviews are held while it is under way`,
        undefined,
        { from: campaign.start_on, to: campaign.deadline_on },
      );
    const [figures, unitRows, leaders, open] = await Promise.all([
      standings(tx, { campaign: campaign.name, asOf }),
      units.allUnits(tx.db),
      repo.leaderMap(tx.db),
      repo.unitsWithOpenReview(tx.db, campaign.id),
    ]);
    const idOf = new Map(unitRows.map((u) => [u.code, u.id]));
    const parentOf = new Map(unitRows.map((u) => [u.id, u.parent_id]));
    const due = reviewsDue(figures.units);
    const { weekOf, dueOn } = roundDates(asOf);
    const at = tx.now.toISOString();
    const ids = await repo.insertReviews(
      tx.db,
      due
        .map((d) => ({ ...d, unitId: idOf.get(d.code)! }))
        .filter((d) => !open.has(d.unitId))
        .map((d) => ({
          campaign_id: campaign.id,
          unit_id: d.unitId,
          week_of: weekOf,
          as_of: asOf,
          grounds: d.grounds,
          decline_rate: d.declineRate,
          target: d.target,
          owner: reviewOwner(d.unitId, { ...leaders, parentOf }),
          due_on: dueOn,
          status: 'open',
          reasons: null,
          catch_up_plan: null,
          closed_by: null,
          closed_at: null,
          created_by: tx.actor,
          created_at: at,
        })),
    );
    const result = { campaign: campaign.name, asOf, weekOf, due: due.length, created: ids.length };
    await recordEvent(tx, {
      action: 'reviews.round',
      entityType: 'campaign',
      entityId: campaign.id,
      after: { ...result, reviewIds: ids },
    });
    return result;
  });
}

/** A campaign's review items in the caller's units. */
export async function listReviews(ctx: Context, campaignName: string) {
  const campaign = await findCampaign(ctx.db, campaignName);
  const rows = await repo.reviewRows(ctx.db, campaign.id, unitFilter(ctx.scope));
  return { campaign: campaign.name, items: rows.map(repo.presentReview) };
}

/**
 * Closes a review with the reasons found with the unit and its catch-up plan: its owner, or a
 * commander. Audited, with the state before and after.
 */
export async function closeReview(ctx: Context, id: number, input: CloseInput): Promise<ReviewOut> {
  const user = signedInUser(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await repo.reviewById(tx.db, id);
    if (!row) throw new NotFoundError('review', String(id));
    if (!inScope(tx.scope, row.unit_id))
      throw new ForbiddenError('out_of_scope', 'the review is of a unit outside yours', undefined, {
        what: 'review',
      });
    if (!mayClose(row.owner, { username: user.username, commander: hasAnyRole(user, ['commander']) }))
      throw new ForbiddenError(
        'not_review_owner',
        `the review is owned by ${row.owner ?? 'no leader'}: its owner or a commander closes it`,
      );
    const problem = closingProblem(row.status as ReviewStatus, input);
    if (problem) throw problem.field === 'status' ? conflictOf(problem) : refusalOf(problem);
    const closed = await repo.closeReviewIf(tx.db, id, {
      reasons: input.reasons,
      catch_up_plan: input.catchUpPlan,
      closed_by: user.username,
      closed_at: tx.now.toISOString(),
    });
    if (!closed) throw new ConflictError('stale', 'someone else closed this review a moment ago: reload it');
    const after = repo.presentReview((await repo.reviewById(tx.db, id))!);
    await recordEvent(tx, {
      action: 'review.close',
      entityType: 'review',
      entityId: id,
      before: repo.presentReview(row),
      after,
    });
    return after;
  });
}
