import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipped = promisify(gzip);

/** One kept answer as it goes on the wire: its JSON, the same compressed, and their tag. */
interface Wire {
  json: Buffer;
  gzip: Promise<Buffer>;
  etag: string;
}

const kept = new WeakMap<object, Wire>();

/**
 * Sends an answer that is the same for as long as `key` (an object of a kept, frozen result) lives,
 * checked and serialised by the route's response schema, tagged and compressed only the first
 * time. A city's standings are 1.5 MB of JSON at 3,000 units: serialising, hashing (for the ETag)
 * or compressing that for each of fifty clients would queue every other request behind the copies.
 * The compression runs on libuv's thread pool, and clients that take gzip get ~10× fewer bytes.
 */
export async function sendKept(
  request: FastifyRequest,
  reply: FastifyReply,
  key: object,
  answer: unknown,
): Promise<FastifyReply> {
  let wire = kept.get(key);
  if (wire === undefined) {
    const json = Buffer.from(reply.serialize(answer) as string);
    const etag = `W/"${createHash('sha1').update(json).digest('base64')}"`;
    wire = { json, gzip: gzipped(json), etag };
    kept.set(key, wire);
  }
  // The ETag plugin answers 304 for a matching If-None-Match; it hashes only untagged answers.
  reply.type('application/json; charset=utf-8').header('etag', wire.etag).header('vary', 'accept-encoding');
  if (negotiate(request.headers['accept-encoding'] ?? '', ['gzip']) === 'gzip')
    return reply.header('content-encoding', 'gzip').send(await wire.gzip);
  return reply.send(wire.json);
}
