import { type AreaRoutes, fileAnswer } from '../../http/routes.ts';
import { download } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import { OFFICIAL_FORMATS } from '../../reports/formats.ts';
import {
  activityInput,
  activityOut,
  closeInput,
  idParam,
  listingParam,
  noticeInput,
  noticeOut,
  campaignNoticeParam,
  noticesOut,
  publicationInput,
  publicationOut,
  publicityOut,
  publicityQuery,
  publishedListOut,
  questionInput,
  tipDetailOut,
  tipsOut,
  tipsQuery,
  triageInput,
} from './schema.ts';
import {
  askTipster,
  attachPhoto,
  closeTip,
  decideNotice,
  draftNotice,
  listNotices,
  noticeFile,
  listTips,
  logActivity,
  publicWantedList,
  publicityOverview,
  setPublication,
  tipDetail,
  triageTip,
} from './service.ts';

const tags = ['publicity'];
const TIP_HANDLERS = ['officer', 'leader', 'commander'] as const;

/** Publicity log, surrender notice, publication of fugitives, and the units' tip inbox. */
export const publicityRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/publicity',
    {
      schema: {
        tags,
        summary: 'The publicity log, surrenders per week against publicity, and tip counts in your units',
        querystring: publicityQuery,
        response: { 200: publicityOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => publicityOverview(app.context(request), request.query),
  );

  fastify.post(
    '/api/publicity/activities',
    {
      schema: {
        tags,
        summary: 'Log a press conference, TV scroll, poster run or online post',
        body: activityInput,
        response: { 201: activityOut },
      },
      config: { access: { roles: ['publicity', 'commander'] } },
    },
    async (request, reply) => reply.status(201).send(await logActivity(app.context(request), request.body)),
  );

  fastify.get(
    '/api/notices',
    {
      schema: {
        tags,
        summary: 'Every version of the surrender notice, newest first',
        response: { 200: noticesOut },
      },
      config: { access: { roles: ['publicity', 'commander'] } },
    },
    (request) => listNotices(app.context(request)),
  );

  fastify.post(
    '/api/notices',
    {
      schema: {
        tags,
        summary: 'Draft a new version of the surrender notice (Chinese and English); a commander approves it',
        body: noticeInput,
        response: { 201: noticeOut },
      },
      config: { access: { roles: ['publicity'] } },
    },
    async (request, reply) => reply.status(201).send(await draftNotice(app.context(request), request.body)),
  );

  for (const decision of ['approve', 'reject'] as const) {
    fastify.post(
      `/api/notices/:id/${decision}`,
      {
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'Approve a pending notice: it is published at once and replaces the last one'
              : 'Reject a pending notice',
          params: idParam,
          response: { 200: noticeOut },
        },
        config: { access: { roles: ['commander'] } },
      },
      (request) => decideNotice(app.context(request), request.params.id, decision),
    );
  }

  for (const format of OFFICIAL_FORMATS)
    fastify.get(
      `/api/campaigns/:campaign/notices/:id/${format}`,
      {
        schema: {
          tags,
          summary: `A version of the surrender notice as an official ${format === 'docx' ? '.docx' : 'PDF (laid out as the .docx, fonts embedded)'} (GB/T 9704), signed by the issuing bodies of the campaign's document settings; an unpublished version is marked as a draft`,
          params: campaignNoticeParam,
          response: fileAnswer('The notice', [format]),
        },
        config: { access: { roles: ['publicity', 'commander'] } },
      },
      async (request, reply) =>
        download(
          reply,
          await noticeFile(app.context(request), request.params.campaign, request.params.id, format),
        ),
    );

  fastify.get(
    '/api/published-fugitives',
    {
      schema: {
        tags,
        summary: 'Who is on the public wanted list right now',
        response: { 200: publishedListOut },
      },
      config: { access: { roles: 'any' } },
    },
    async () => ({
      items: (await publicWantedList(app.store.db)).map((f) => ({
        listingNo: f.listingNo,
        name: f.name,
        crimeCategory: f.crimeCategory,
        offence: f.offence,
        reward: f.reward,
        hasPhoto: f.photo !== null,
      })),
    }),
  );

  fastify.put(
    '/api/fugitives/:listingNo/publication',
    {
      schema: {
        tags,
        summary:
          'Publish a person on the public wanted list or take them off (immediate), and set the reward',
        params: listingParam,
        body: publicationInput,
        response: { 200: publicationOut },
      },
      config: { access: { roles: ['publicity', 'commander'], resource: 'fugitive' } },
    },
    (request) => setPublication(app.context(request), request.params.listingNo, request.body),
  );

  fastify.post(
    '/api/fugitives/:listingNo/photo',
    {
      schema: {
        tags,
        summary: 'Attach the photo for the public list (multipart/form-data, one PNG or JPEG file)',
        params: listingParam,
        response: { 200: publicationOut },
      },
      config: { access: { roles: ['publicity', 'commander'], resource: 'fugitive' } },
    },
    async (request) =>
      attachPhoto(app.context(request), request.params.listingNo, (await readUpload(request, 'photo')).bytes),
  );

  fastify.get(
    '/api/tips',
    {
      schema: {
        tags,
        summary: 'Tips assigned to your units (never with contact details)',
        querystring: tipsQuery,
        response: { 200: tipsOut },
      },
      config: { access: { roles: TIP_HANDLERS } },
    },
    (request) => listTips(app.context(request), request.query.status),
  );

  fastify.get(
    '/api/tips/:id',
    {
      schema: {
        tags,
        summary: 'A tip and its messages; contact details only for officers of the assigned unit',
        params: idParam,
        response: { 200: tipDetailOut },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => tipDetail(app.context(request), request.params.id),
  );

  fastify.post(
    '/api/tips/:id/triage',
    {
      schema: {
        tags,
        summary: 'Triage a tip and link it to a case',
        params: idParam,
        body: triageInput,
        response: { 200: tipDetailOut },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => triageTip(app.context(request), request.params.id, request.body),
  );

  fastify.post(
    '/api/tips/:id/questions',
    {
      schema: {
        tags,
        summary: 'Ask the tipster a follow-up question (they read it with their receipt)',
        params: idParam,
        body: questionInput,
        response: { 200: tipDetailOut },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => askTipster(app.context(request), request.params.id, request.body.body),
  );

  fastify.post(
    '/api/tips/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a tip with its outcome',
        params: idParam,
        body: closeInput,
        response: { 200: tipDetailOut },
      },
      config: { access: { roles: TIP_HANDLERS, resource: 'tip' } },
    },
    (request) => closeTip(app.context(request), request.params.id, request.body.outcome),
  );
};
