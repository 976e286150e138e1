'use strict';
/**
 * shenhe client for Node.js sites: submit content, read its status, verify webhooks.
 *
 * CommonJS with Node built-ins only, so it can be required from any Node program (the Waline plugin uses it)
 * without a build step or an install. Types: index.d.ts beside this file.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

/** An answer from the shenhe API that is not a success: `status` is the HTTP status, `code` the stable error code. */
class ShenheApiError extends Error {
  constructor(status, code, message, retryAfterSeconds) {
    super(message);
    this.name = 'ShenheApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A webhook whose signature is missing, malformed, wrong or outside the tolerance; `code` says which. */
class ShenheWebhookError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ShenheWebhookError';
    this.code = code;
  }
}

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks `X-Shenhe-Signature` (`t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<raw body>">`) and returns the
 * parsed event. Throws ShenheWebhookError when the signature is missing or wrong (SIGNATURE_INVALID), when `t` is
 * more than `toleranceSeconds` away from now (SIGNATURE_EXPIRED: a replayed old delivery), or when the signed body
 * is not JSON (INVALID_BODY). `rawBody` must be the bytes as received: a re-serialised object no longer matches.
 */
function verifyWebhook(rawBody, signatureHeader, secret, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, nowSeconds = Math.floor(Date.now() / 1000)) {
  if (!secret) throw new ShenheWebhookError('SECRET_MISSING', 'no webhook secret configured');
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody ?? ''), 'utf8');
  const header = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  if (typeof header !== 'string' || !header) throw new ShenheWebhookError('SIGNATURE_INVALID', 'missing X-Shenhe-Signature header');
  let t = NaN;
  const signatures = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    // Several v1 values may be present (for example while a secret is being rotated): any one may match.
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (!Number.isFinite(t) || signatures.length === 0) throw new ShenheWebhookError('SIGNATURE_INVALID', 'malformed X-Shenhe-Signature header');
  const expected = crypto.createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  if (!signatures.some((s) => crypto.timingSafeEqual(s, expected))) throw new ShenheWebhookError('SIGNATURE_INVALID', 'signature does not match');
  // Checked after the MAC, so an attacker cannot learn anything from which error comes back.
  if (Math.abs(nowSeconds - t) > toleranceSeconds)
    throw new ShenheWebhookError('SIGNATURE_EXPIRED', `signature timestamp is more than ${toleranceSeconds} s away`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ShenheWebhookError('INVALID_BODY', 'webhook body is not JSON');
  }
}

/** Status codes worth another try: the item was not accepted (503 says nothing was stored), or the limit was hit. */
const RETRYABLE = new Set([429, 502, 503, 504]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ShenheClient {
  /**
   * @param options.url shenhe's base URL, e.g. `https://shenhe.example.cn` (required)
   * @param options.apiKey the tenant's API key, `sk_…` (required)
   * @param options.timeoutMs per request (default 10000)
   * @param options.retries extra attempts after a network error, 429 or 502–504 (default 2). Safe for `submit`:
   *   the same `externalId` and body is an idempotent retry.
   */
  constructor(options) {
    if (!options || !options.url) throw new TypeError('shenhe client: url is required');
    if (!options.apiKey) throw new TypeError('shenhe client: apiKey is required');
    this.baseUrl = new URL(options.url);
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 2;
  }

  /** `POST /v1/contents`: `{id, externalId, status}`; `created` is false for an idempotent repeat (200). */
  async submit(content) {
    const res = await this.request('POST', '/v1/contents', content);
    return { ...res.body, created: res.status === 202 };
  }

  /** `GET /v1/contents/{id}`: status, verdict and decision of one of this tenant's items. */
  async get(id) {
    return (await this.request('GET', `/v1/contents/${encodeURIComponent(id)}`)).body;
  }

  async request(method, path, body) {
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await this.once(method, path, body);
      } catch (err) {
        if (attempt >= this.retries) throw err;
        await sleep(200 * 2 ** attempt);
        continue;
      }
      if (res.status < 300) return res;
      const error = res.body && res.body.error ? res.body.error : {};
      const retryAfter = Number(res.headers['retry-after']) || undefined;
      if (!RETRYABLE.has(res.status) || attempt >= this.retries) {
        throw new ShenheApiError(res.status, error.code || `HTTP_${res.status}`, error.message || `shenhe answered ${res.status}`, retryAfter);
      }
      await sleep(retryAfter ? Math.min(retryAfter, 30) * 1000 : 200 * 2 ** attempt);
    }
  }

  once(method, path, body) {
    const target = new URL(path.replace(/^\//, ''), this.baseUrl.href.endsWith('/') ? this.baseUrl : `${this.baseUrl.href}/`);
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body), 'utf8');
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        target,
        {
          method,
          timeout: this.timeoutMs,
          headers: {
            Authorization: `Bearer ${this.apiKey}`,
            Accept: 'application/json',
            'User-Agent': 'shenhe-client-node/1',
            ...(payload ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = { error: { code: `HTTP_${res.statusCode}`, message: text.slice(0, 200) } };
            }
            resolve({ status: res.statusCode, headers: res.headers, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`shenhe: no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload ?? undefined);
    });
  }
}

/** Shorthand for `new ShenheClient(options)`. */
const createClient = (options) => new ShenheClient(options);

module.exports = { ShenheClient, createClient, verifyWebhook, ShenheApiError, ShenheWebhookError, DEFAULT_TOLERANCE_SECONDS };
