// The public site (/public/…): no login, no cookies, no scripts, nothing from other hosts. Pages
// are server-rendered HTML; a tip is a plain form POST. Rate limits key on a salted hash of the
// address, held only in memory; no address is written to the database or the log.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/app-context.ts';
import { DomainError, NotFoundError } from '../../shared/errors.ts';
import {
  type Lang,
  PUBLIC_CSS,
  homePage,
  langOf,
  problemPage,
  receiptLookupPage,
  receiptPage,
  tipFormPage,
  tipStatusPage,
} from './public-pages.ts';
import { receiptForm, tipForm } from './schema.ts';
import {
  answerAsTipster,
  claimReward,
  currentNotice,
  publicPhoto,
  publicWanted,
  publicWantedPage,
  submitTip,
  tipStatus,
} from './service.ts';
import { newReceiptCode } from './sealing.ts';

export interface PublicLimits {
  /** Tips accepted per address per window. */
  tipsPerWindow: number;
  /** Receipt look-ups, answers and claims per address per window. */
  receiptChecksPerWindow: number;
  windowMs: number;
  /** Page views per address per minute. */
  pagesPerMinute: number;
}

export const DEFAULT_PUBLIC_LIMITS: PublicLimits = {
  tipsPerWindow: 10,
  receiptChecksPerWindow: 30,
  windowMs: 10 * 60_000,
  pagesPerMinute: 300,
};

/** Every public page: a strict CSP (own origin only, no scripts at all), no referrer, no framing. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const salt = randomBytes(32);
/** The rate limiter's key: a salted hash of the address (the salt lives and dies with the process). */
const addressKey = (request: FastifyRequest) =>
  createHash('sha256').update(salt).update(request.ip).digest('base64url').slice(0, 22);

const publicAccess = { public: true } as const;
const hidden = { hide: true };

export function publicSiteRoutes(
  app: AppContext,
  overrides: Partial<PublicLimits> = {},
): FastifyPluginAsyncZod {
  const limits = { ...DEFAULT_PUBLIC_LIMITS, ...overrides };
  return async (fastify) => {
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => {
        const form: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(body as string)) form[key] = value;
        done(null, form);
      },
    );

    fastify.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(SECURITY_HEADERS);
      reply.removeHeader('set-cookie');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });

    const langOfRequest = (request: FastifyRequest): Lang =>
      langOf(
        (request.body as { lang?: string } | undefined)?.lang ?? (request.query as { lang?: string }).lang,
      );

    fastify.setErrorHandler((error, request, reply) => {
      const lang = langOfRequest(request);
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 429) return html(reply.status(429), problemPage(lang, 'rate_limited'));
      if (status === 413 || status === 400 || status === 415)
        return html(reply.status(status), problemPage(lang, 'error'));
      request.log.error(error);
      return html(reply.status(500), problemPage(lang, 'error'));
    });

    const tipLimit = {
      max: limits.tipsPerWindow,
      timeWindow: limits.windowMs,
      keyGenerator: addressKey,
    };
    // Reading is cheap but not free: a generous cap per address keeps a scraper from hogging the database.
    const readLimit = {
      max: limits.pagesPerMinute,
      timeWindow: 60_000,
      keyGenerator: addressKey,
    };
    const receiptLimit = {
      max: limits.receiptChecksPerWindow,
      timeWindow: limits.windowMs,
      keyGenerator: addressKey,
    };

    fastify.get(
      '/public/style.css',
      { schema: hidden, config: { access: publicAccess } },
      (_request, reply) =>
        reply
          .header('content-type', 'text/css; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(PUBLIC_CSS),
    );

    fastify.get(
      '/public',
      {
        schema: {
          tags: ['public site'],
          summary: 'The public page: surrender notice and wanted list (HTML)',
        },
        config: { access: publicAccess, rateLimit: readLimit },
      },
      async (request, reply) => {
        const query = request.query as { lang?: string; page?: string };
        const lang = langOf(query.lang);
        const [notice, wanted] = await Promise.all([
          currentNotice(app.store.db, lang),
          publicWantedPage(app.store.db, Number(query.page ?? 1)),
        ]);
        return html(reply, homePage(lang, notice, wanted));
      },
    );

    fastify.get(
      '/public/photos/:sha256',
      { schema: hidden, config: { access: publicAccess, rateLimit: readLimit } },
      async (request, reply) => {
        const photo = await publicPhoto(app.store.db, (request.params as { sha256: string }).sha256);
        if (!photo) return reply.status(404).header('content-type', 'text/plain').send('not found');
        return reply
          .header('content-type', photo.media_type)
          .send(Buffer.isBuffer(photo.content) ? photo.content : Buffer.from(photo.content));
      },
    );

    fastify.get(
      '/public/tip',
      {
        schema: {
          tags: ['public site'],
          summary: 'The tip form (HTML); ?about=<listing number> names the person',
        },
        config: { access: publicAccess, rateLimit: readLimit },
      },
      async (request, reply) => {
        const query = request.query as { lang?: string; about?: string };
        const lang = langOf(query.lang);
        const about = query.about ? await publicWanted(app.store.db, query.about.slice(0, 40)) : null;
        return html(
          reply,
          tipFormPage(lang, about, { values: { listingNo: about?.listingNo ?? '' }, errors: [] }),
        );
      },
    );

    fastify.post(
      '/public/tip',
      {
        schema: {
          tags: ['public site'],
          summary: 'Send a tip (form post); answers with the receipt code, or the form and its problems',
        },
        config: { access: publicAccess, rateLimit: tipLimit },
      },
      async (request, reply) => {
        const raw = (request.body ?? {}) as Record<string, string>;
        const lang = langOf(raw.lang);
        if (raw.website) {
          // A bot filled the honeypot: it gets a receipt that opens nothing, and nothing is stored.
          return html(reply, receiptPage(lang, newReceiptCode()));
        }
        const parsed = tipForm.safeParse(typeof raw === 'object' ? raw : {});
        if (!parsed.success) {
          const about = raw.listingNo
            ? await publicWanted(app.store.db, String(raw.listingNo).slice(0, 40))
            : null;
          const values = Object.fromEntries(
            Object.entries(raw)
              .filter(([k, v]) => typeof v === 'string' && k !== 'website')
              .map(([k, v]) => [k, v.slice(0, 5000)]),
          );
          const errors = parsed.error.issues.map((i) => ({
            field: String(i.path[0] ?? ''),
            message: i.message,
          }));
          return html(reply.status(400), tipFormPage(lang, about, { values, errors }));
        }
        const { receipt } = await submitTip(app.context(request), parsed.data, lang);
        return html(reply.status(201), receiptPage(lang, receipt));
      },
    );

    // Anything else under /public: a plain not-found page with the same headers (never the staff app).
    fastify.get('/public/*', { schema: hidden, config: { access: publicAccess } }, (request, reply) =>
      html(reply.status(404), problemPage(langOf((request.query as { lang?: string }).lang), 'not_found')),
    );

    fastify.get(
      '/public/receipt',
      {
        schema: { tags: ['public site'], summary: 'Form to check a tip with its receipt code (HTML)' },
        config: { access: publicAccess, rateLimit: readLimit },
      },
      (request, reply) => html(reply, receiptLookupPage(langOf((request.query as { lang?: string }).lang))),
    );

    async function withReceipt(
      request: FastifyRequest,
      reply: FastifyReply,
      action?: (receipt: string, form: { answer?: string }) => Promise<'answered' | 'claimed'>,
    ) {
      const form = receiptForm.safeParse(request.body ?? {});
      const data = form.success ? form.data : {};
      const lang = langOf(data.lang);
      const receipt = data.receipt ?? '';
      try {
        const flash = action ? await action(receipt, data) : undefined;
        return html(
          reply,
          tipStatusPage(lang, receipt, await tipStatus(app.context(request), receipt), flash),
        );
      } catch (error) {
        if (error instanceof NotFoundError)
          return html(reply.status(404), receiptLookupPage(lang, 'not_found'));
        if (error instanceof DomainError && error.code === 'invalid_receipt')
          return html(reply.status(400), receiptLookupPage(lang, 'invalid'));
        if (error instanceof DomainError)
          return html(
            reply.status(409),
            tipStatusPage(lang, receipt, await tipStatus(app.context(request), receipt)),
          );
        throw error;
      }
    }

    fastify.post(
      '/public/receipt',
      {
        schema: {
          tags: ['public site'],
          summary: 'Check a tip: its state and the officers’ questions (form post)',
        },
        config: { access: publicAccess, rateLimit: receiptLimit },
      },
      (request, reply) => withReceipt(request, reply),
    );

    fastify.post(
      '/public/receipt/answer',
      {
        schema: {
          tags: ['public site'],
          summary: 'Answer a follow-up question with the receipt code (form post)',
        },
        config: { access: publicAccess, rateLimit: receiptLimit },
      },
      (request, reply) =>
        withReceipt(request, reply, async (receipt, form) => {
          await answerAsTipster(app.context(request), receipt, form.answer ?? '');
          return 'answered';
        }),
    );

    fastify.post(
      '/public/receipt/claim',
      {
        schema: { tags: ['public site'], summary: 'Claim the reward with the receipt code (form post)' },
        config: { access: publicAccess, rateLimit: receiptLimit },
      },
      (request, reply) =>
        withReceipt(request, reply, async (receipt) => {
          await claimReward(app.context(request), receipt);
          return 'claimed';
        }),
    );
  };
}

function html(reply: FastifyReply, body: string) {
  return reply.header('content-type', 'text/html; charset=utf-8').send(body);
}
