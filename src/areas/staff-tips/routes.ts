// Tips entered by staff, and tipsters' rewards, over HTTP. Rewards are shown only to the officers
// of the tip's assigned unit (those who may read the tipster's contact).
import type { AreaRoutes } from '../../http/routes.ts';
import { download } from '../../http/download.ts';
import { MEDIA_TYPES } from '../../reports/formats.ts';
import { enteredTipsXlsx } from '../../reports/tips-export.ts';
import { localDate } from '../../shared/dates.ts';
import { findCampaign } from '../campaigns/service.ts';
import { fileResponse } from '../rewards/schema.ts';
import * as s from './schema.ts';
import { enterTip, enteredTips, markReward, recordPayout, tipReward, unitRewards } from './service.ts';

const TIP_HANDLERS = ['officer', 'leader', 'commander'] as const;

export const staffTipRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.post(
    '/api/tips/entered',
    {
      schema: {
        tags: ['publicity'],
        summary:
          'Enter a tip received by telephone, letter or in person (returns the receipt for the tipster)',
        body: s.staffTipInput,
        response: { 201: s.staffTipOut },
      },
      config: { access: { roles: TIP_HANDLERS } },
    },
    async (request, reply) => reply.status(201).send(await enterTip(app.context(request), request.body)),
  );

  fastify.get(
    '/api/tips/entered.xlsx',
    {
      schema: {
        tags: ['publicity'],
        summary:
          "Tips your units' staff entered (telephone, letter, in person) received on some days, as Excel: never the contact details or rewards",
        querystring: s.enteredTipsExportQuery,
        response: fileResponse,
      },
      config: { access: { roles: TIP_HANDLERS } },
    },
    async (request, reply) => {
      const ctx = app.context(request);
      const from = request.query.from ?? (await findCampaign(ctx.db)).start_on;
      const to = request.query.to ?? localDate(ctx.now);
      const tips = await enteredTips(ctx, { from, to, unit: request.query.unit });
      return download(reply, {
        bytes: await enteredTipsXlsx(tips, request.query.lang),
        mediaType: MEDIA_TYPES.xlsx,
        fileName: `staff-tips-${from}-${to}.xlsx`,
      });
    },
  );

  fastify.get(
    '/api/tips/:id/reward',
    {
      schema: {
        tags: ['publicity'],
        summary: "A tip's reward and its payout (the assigned unit's officers only)",
        params: s.idParam,
        response: { 200: s.rewardState },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => tipReward(app.context(request), request.params.id),
  );

  fastify.post(
    '/api/tips/:id/reward',
    {
      schema: {
        tags: ['publicity'],
        summary: 'Mark a tip that led to a verified result for a reward',
        params: s.idParam,
        body: s.markInput,
        response: { 200: s.rewardState },
      },
      config: { access: { roles: ['leader', 'commander', 'officer'], resource: 'tip' } },
    },
    (request) => markReward(app.context(request), request.params.id, request.body.amount),
  );

  fastify.post(
    '/api/tips/:id/reward/payout',
    {
      schema: {
        tags: ['publicity'],
        summary: 'Record the payout of the reward to the tipster (date, paid by, signed receipt)',
        params: s.idParam,
        body: s.payoutInput,
        response: { 200: s.rewardState },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => recordPayout(app.context(request), request.params.id, request.body),
  );

  fastify.get(
    '/api/tip-rewards',
    {
      schema: {
        tags: ['publicity'],
        summary: "Rewards of your own unit's tips",
        response: { 200: s.rewardsOut },
      },
      config: { access: { roles: TIP_HANDLERS } },
    },
    (request) => unitRewards(app.context(request)),
  );
};
