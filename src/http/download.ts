import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../areas/letters/rules.ts';

/** Sends a file to be saved (not shown), never cached, never sniffed as another type. */
export function download(reply: FastifyReply, file: { bytes: Buffer; mediaType: string; fileName: string }) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
