import type { AreaRoutes } from '../../http/routes.ts';
import { campaignParam, closeInput, reviewIdParam, reviewOut, reviewsOut, roundOut } from './schema.ts';
import { closeReview, listReviews, runReviewRound } from './service.ts';

const tags = ['reviews'];

/** Review items (点评) during the campaign: the weekly round, the list, closing one with its plan. */
export const reviewRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/campaigns/:campaign/reviews',
    {
      schema: {
        tags,
        summary: 'Review items of your units (open first)',
        params: campaignParam,
        response: { 200: reviewsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listReviews(app.context(request), request.params.campaign),
  );

  fastify.post(
    '/api/campaigns/:campaign/reviews/round',
    {
      schema: {
        tags,
        summary: "Run this week's review round now: lagging and zero-result units get a review item",
        params: campaignParam,
        response: { 200: roundOut },
      },
      config: { access: { roles: ['commander'] } },
    },
    (request) => runReviewRound(app.context(request), request.params.campaign),
  );

  fastify.post(
    '/api/reviews/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a review with the reasons found and the catch-up plan (its owner or a commander)',
        params: reviewIdParam,
        body: closeInput,
        response: { 200: reviewOut },
      },
      config: { access: { roles: ['leader', 'commander'], resource: 'review' } },
    },
    (request) => closeReview(app.context(request), request.params.id, request.body),
  );
};
