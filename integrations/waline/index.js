'use strict';
/**
 * Official Waline plugin (CONTRACT §14): every new comment waits for a human decision in shenhe.
 *
 *   const shenhe = require('<shenhe>/integrations/waline');
 *   module.exports = require('@waline/vercel')({
 *     plugins: [shenhe({ url: 'https://shenhe.example.cn', apiKey: 'sk_…', webhookSecret: 'whsec_…', siteUrl: 'https://blog.example.cn' })],
 *   });
 *
 * and the tenant's callback URL set to `<your Waline server>/shenhe/webhook`.
 *
 * CommonJS, Node built-ins only (through ../client), so it loads from any Waline install without a build.
 */
const crypto = require('node:crypto');
const { createClient, verifyWebhook, DEFAULT_TOLERANCE_SECONDS } = require('../client');

const WEBHOOK_PATH = '/shenhe/webhook';
const EXTERNAL_ID_PREFIX = 'waline-';
/** What each outcome makes of the comment; other event types (e.g. a future one) are acknowledged and ignored. */
const STATUS_BY_EVENT = {
  'content.approved': 'approved',
  'content.rejected': 'spam',
  'content.blocked': 'spam',
  'content.appeal_rejected': 'spam',
};
const MAX_BODY_BYTES = 1024 * 1024;

/** Waline's storage for comments, as its own controllers reach it (a custom model first, then the configured storage). */
function commentModel(ctx) {
  const think = globalThis.think;
  const customModel = think.config('customModel');
  if (typeof customModel === 'function') {
    const model = customModel('Comment', ctx);
    if (model) return model;
  }
  return think.service(`storage/${think.config('storage')}`, 'Comment');
}

/** The raw body as signed: Waline's payload middleware keeps it in `rawBody`; read the stream when it has not run. */
function rawBodyOf(ctx) {
  if (typeof ctx.request.rawBody === 'string' || Buffer.isBuffer(ctx.request.rawBody)) return Promise.resolve(ctx.request.rawBody);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    ctx.req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(Object.assign(new Error('webhook body too large'), { status: 413 }));
      else chunks.push(c);
    });
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
    ctx.req.on('error', reject);
  });
}

/**
 * A stable author id for shenhe's author history: the Waline user, else a hash of the e-mail (or nickname), so the
 * address itself never leaves the blog.
 */
function authorId(comment) {
  if (comment.user_id) return `waline-user-${comment.user_id}`;
  const who = String(comment.mail || comment.nick || 'anonymous')
    .trim()
    .toLowerCase();
  return `waline-anon-${crypto.createHash('sha256').update(who).digest('hex').slice(0, 24)}`;
}

function answer(ctx, status, body) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

/**
 * @param options.url shenhe's base URL (required)
 * @param options.apiKey the tenant's API key (required)
 * @param options.webhookSecret the tenant's webhook secret (required: unsigned outcomes are never trusted)
 * @param options.siteUrl the blog's address, e.g. `https://blog.example.cn`; Waline keeps pages as paths and
 *   shenhe's moderators see `siteUrl` + path (optional when the tenant has a site URL in shenhe)
 * @param options.toleranceSeconds how old a signed webhook may be (default 300)
 * @param options.logger where failures are reported (default: Waline's `think.logger`, else console)
 */
module.exports = function shenhe(options) {
  const { url, apiKey, webhookSecret, siteUrl } = options || {};
  if (!url || !apiKey || !webhookSecret) throw new TypeError('shenhe Waline plugin: url, apiKey and webhookSecret are required');
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const client = createClient({ url, apiKey, timeoutMs: options.timeoutMs, retries: options.retries });
  const logger = () => options.logger || (globalThis.think && globalThis.think.logger) || console;
  const pageUrl = (path) => {
    if (!path) return undefined;
    if (!siteUrl || !path.startsWith('/') || path.startsWith('//')) return path;
    return new URL(path, siteUrl).toString();
  };

  const hooks = {
    /** Nothing is shown before a human approved it in shenhe; what Waline itself marked as spam stays spam. */
    async preSave(data) {
      if (data.status !== 'spam') data.status = 'waiting';
    },

    /** Stored (so it has an id): send it to shenhe. A failure leaves the comment waiting, never shown. */
    async postSave(comment) {
      if (!comment || comment.status !== 'waiting') return;
      try {
        await client.submit({
          externalId: `${EXTERNAL_ID_PREFIX}${comment.objectId}`,
          kind: 'comment',
          text: String(comment.comment || ''),
          author: {
            id: authorId(comment),
            ...(comment.nick ? { name: String(comment.nick).slice(0, 128) } : {}),
            ...(comment.ip ? { ip: comment.ip } : {}),
          },
          url: pageUrl(comment.url),
          meta: { waline: { objectId: String(comment.objectId), ...(comment.pid ? { pid: String(comment.pid) } : {}), link: comment.link || null } },
        });
      } catch (err) {
        logger().error(`shenhe: could not submit comment ${comment.objectId}: ${err.message}`);
      }
    },
  };

  /** `POST /shenhe/webhook`: a verified outcome sets the comment's status; 2xx only once that is stored. */
  async function webhook(ctx, next) {
    if (ctx.method !== 'POST' || !(ctx.path === WEBHOOK_PATH || ctx.path.endsWith(WEBHOOK_PATH))) return next();
    let event;
    try {
      event = verifyWebhook(await rawBodyOf(ctx), ctx.get('x-shenhe-signature'), webhookSecret, toleranceSeconds);
    } catch (err) {
      logger().warn(`shenhe: webhook refused: ${err.message}`);
      return answer(ctx, err.status || 401, { error: { code: err.code || 'SIGNATURE_INVALID', message: err.message } });
    }
    const status = STATUS_BY_EVENT[event.type];
    const externalId = String(event.externalId || '');
    // Not a Waline comment of this site, or an event without a status change: acknowledged, so it is not retried.
    if (!status || !externalId.startsWith(EXTERNAL_ID_PREFIX)) return answer(ctx, 200, { ignored: true });
    const objectId = externalId.slice(EXTERNAL_ID_PREFIX.length);
    try {
      const updated = await commentModel(ctx).update({ status }, { objectId });
      // A comment deleted in Waline meanwhile: nothing left to change.
      return answer(ctx, 200, { objectId, status, updated: Array.isArray(updated) ? updated.length : 0 });
    } catch (err) {
      // Not stored: shenhe retries the delivery.
      logger().error(`shenhe: could not set comment ${objectId} to ${status}: ${err.message}`);
      return answer(ctx, 503, { error: { code: 'STORE_FAILED', message: 'could not store the status; retry' } });
    }
  }

  return { hooks, middlewares: [webhook] };
};
