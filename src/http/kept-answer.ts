import type { FastifyReply } from 'fastify';

const serialised = new WeakMap<object, ReturnType<FastifyReply['serialize']>>();

/**
 * Sends an answer that is the same for as long as `key` (an object of a kept, frozen result) lives,
 * checked and serialised by the route's response schema only the first time. Serialising a few
 * thousand units' figures takes milliseconds of the event loop; fifty clients asking for the same
 * standings would otherwise queue every other request behind fifty copies of that work.
 */
export function sendKept(reply: FastifyReply, key: object, answer: unknown): FastifyReply {
  let json = serialised.get(key);
  if (json === undefined) {
    json = reply.serialize(answer);
    serialised.set(key, json);
  }
  return reply.type('application/json; charset=utf-8').send(json);
}
