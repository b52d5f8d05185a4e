import { type AreaRoutes, fileAnswer } from '../../http/routes.ts';
import { readUpload } from '../../http/upload.ts';
import { download } from '../../http/download.ts';
import { OFFICIAL_FORMATS } from '../../reports/formats.ts';
import { letterFile } from '../bulletins/service.ts';
import { attachmentDisposition } from './rules.ts';
import {
  campaignParam,
  letterIdParam,
  letterUnitParam,
  letterInput,
  letterOut,
  lettersOut,
  problemOut,
} from './schema.ts';
import { attachDocument, letterDocument, listLetters, signLetter } from './service.ts';

const tags = ['letters'];

/** Responsibility letters (责任书): signing, the list per campaign, and the scanned letter. */
export const letterRoutes: AreaRoutes = (app) => async (fastify) => {
  fastify.post(
    '/api/campaigns/:campaign/letters',
    {
      schema: {
        tags,
        summary: "Sign a unit's responsibility letter: its target, with its baseline frozen",
        params: campaignParam,
        body: letterInput,
        response: { 201: letterOut },
      },
      config: { access: { roles: ['leader', 'commander'] } },
    },
    async (request, reply) =>
      reply.status(201).send(await signLetter(app.context(request), request.params.campaign, request.body)),
  );

  fastify.get(
    '/api/campaigns/:campaign/letters',
    {
      schema: {
        tags,
        summary: "A campaign's letters in your units, and the units that have not signed yet",
        params: campaignParam,
        response: { 200: lettersOut },
      },
      config: { access: { roles: 'any' } },
    },
    (request) => listLetters(app.context(request), request.params.campaign),
  );

  for (const format of OFFICIAL_FORMATS)
    fastify.get(
      `/api/campaigns/:campaign/letters/:unit/${format}`,
      {
        schema: {
          tags,
          summary:
            format === 'docx'
              ? "A unit's signed letter as an official two-party .docx (GB/T 9704)"
              : "A unit's signed letter as an official two-party PDF, laid out as the .docx (GB/T 9704, fonts embedded)",
          params: letterUnitParam,
          response: fileAnswer('The letter', [format]),
        },
        // The letters the caller may see: a unit outside their scope has none (404).
        config: { access: { roles: 'any' } },
      },
      async (request, reply) =>
        download(
          reply,
          await letterFile(app.context(request), request.params.campaign, request.params.unit, format),
        ),
    );

  fastify.post(
    '/api/letters/:id/document',
    {
      schema: {
        tags,
        summary: 'Attach the scanned letter (multipart/form-data, one file: PDF, PNG or JPEG, at most 5 MiB)',
        params: letterIdParam,
        response: { 200: letterOut, 413: problemOut },
      },
      config: { access: { roles: ['leader', 'commander'], resource: 'letter' } },
    },
    async (request) =>
      attachDocument(app.context(request), request.params.id, await readUpload(request, 'scan')),
  );

  fastify.get(
    '/api/letters/:id/document',
    {
      schema: {
        tags,
        summary: 'Download the scanned letter',
        params: letterIdParam,
        response: fileAnswer('The scanned letter, with the media type it was recognised as', [
          'pdf',
          'png',
          'jpeg',
        ]),
      },
      config: { access: { roles: 'any', resource: 'letter' } },
    },
    async (request, reply) => {
      const doc = await letterDocument(app.context(request), request.params.id);
      return reply
        .header('content-type', doc.mediaType)
        .header('content-disposition', attachmentDisposition(doc.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(doc.bytes);
    },
  );
};
