// Meetings over HTTP: list a campaign's, record one with its tasks, attach and download the scan.
import type { AreaRoutes } from '../../http/routes.ts';
import { download } from '../../http/download.ts';
import { readUpload } from '../../http/upload.ts';
import { problemOut } from '../letters/schema.ts';
import { scanResponse } from '../rewards/schema.ts';
import * as s from './schema.ts';
import { attachMeetingScan, listMeetings, meetingScan, recordMeeting } from './service.ts';

export const meetingRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.get(
    '/api/campaigns/:campaign/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: "The campaign's meetings you may see (the city's, and those of or attended by your units)",
        params: s.campaignParam,
        querystring: s.meetingsQuery,
        response: { 200: s.meetingsOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listMeetings(app.context(request), request.params.campaign, request.query.kind),
  );

  fastify.post(
    '/api/campaigns/:campaign/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Record a meeting: chair, attending units, minutes, and its decisions as tasks',
        params: s.campaignParam,
        body: s.meetingInput,
        response: { 201: s.meetingOut },
      },
      config: { access: { roles: ['commander', 'leader'] } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordMeeting(app.context(request), request.params.campaign, request.body)),
  );

  fastify.post(
    '/api/meetings/:id/document',
    {
      schema: {
        tags: ['meetings'],
        summary:
          'Attach the scanned minutes (multipart/form-data, one file: PDF, PNG or JPEG, at most 5 MiB)',
        params: s.meetingIdParam,
        response: { 200: s.meetingOut, 413: problemOut },
      },
      config: { access: { roles: ['commander', 'leader'], resource: 'meeting' } },
    },
    async (request) =>
      attachMeetingScan(app.context(request), request.params.id, await readUpload(request, 'scan')),
  );

  fastify.get(
    '/api/meetings/:id/document',
    {
      schema: {
        tags: ['meetings'],
        summary: "Download a meeting's scanned minutes",
        params: s.meetingIdParam,
        response: scanResponse,
      },
      config: { access: { roles: 'any', resource: 'meeting' } },
    },
    async (request, reply) => download(reply, await meetingScan(app.context(request), request.params.id)),
  );
};
