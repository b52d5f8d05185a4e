// Answers are checked against their route's response schema before they leave (issue 12 moved
// the check from zod's encode to its compiled parse): what the schema does not name is dropped,
// and an answer that breaks it is a server error, never sent as it is.
import Fastify from 'fastify';
import { type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializeAnswer } from '../src/http/serialize-answer.ts';

describe('the answers’ serializer', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  const unitOut = z.object({ code: z.string(), rank: z.number().int(), pace: z.number().nullable() });
  let answer: unknown;

  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializeAnswer);
    app.get(
      '/units',
      { schema: { response: { 200: z.object({ units: z.array(unitOut) }) } } },
      () => answer as never,
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('sends what the schema names, and drops what it does not', async () => {
    answer = { units: [{ code: 'P1', rank: 1, pace: null, secret: 'x' }], internal: 7 };
    const res = await app.inject({ url: '/units' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ units: [{ code: 'P1', rank: 1, pace: null }] });
  });

  it('refuses to send an answer that breaks the schema', async () => {
    answer = { units: [{ code: 'P1', rank: 1.5, pace: null }] };
    const res = await app.inject({ url: '/units' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('1.5');
  });
});
