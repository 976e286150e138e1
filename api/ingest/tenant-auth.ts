import type { RequestHandler } from 'express';
import { appError, rateLimited } from '../../lib/errors';
import { hashToken } from '../../lib/secrets';
import type { Store } from '../../store/store';
import type { TenantWithSecrets } from '../../store/store';
import { TokenBucket } from './token-bucket';

export interface TenantAuthOptions {
  store: Store;
  ratePerSecond: number;
  /** How long a key lookup is cached, in ms (default 2000): a rotated or disabled key stops working within it. */
  cacheMs?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    tenant?: TenantWithSecrets;
  }
}

/** `Authorization: Bearer <apiKey>` → the tenant, then its rate limit; 401 and 429 as CONTRACT §3 says. */
export function tenantAuth(options: TenantAuthOptions): RequestHandler {
  const cache = new Map<string, { tenant: TenantWithSecrets | null; until: number }>();
  const limiter = new TokenBucket(options.ratePerSecond);
  const cacheMs = options.cacheMs ?? 2000;
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S{8,512})\s*$/i.exec(header);
    if (!m) throw appError('UNAUTHORIZED', 'missing Bearer API key');
    const hash = hashToken(m[1]);
    const now = Date.now();
    let entry = cache.get(hash);
    if (!entry || entry.until < now) {
      entry = { tenant: await options.store.tenantByKeyHash(hash), until: now + cacheMs };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, entry);
    }
    if (!entry.tenant) throw appError('UNAUTHORIZED', 'invalid API key');
    if (entry.tenant.disabled) throw appError('TENANT_DISABLED');
    const wait = limiter.take(entry.tenant.id, now);
    if (wait > 0) {
      req.resume();
      throw rateLimited('RATE_LIMITED', wait);
    }
    req.tenant = entry.tenant;
    next();
  };
}
