import type { Request, Response } from 'express';
import { AppError } from '../lib/errors';
import type { Metrics } from '../lib/metrics';
import { safeEqual } from '../lib/secrets';

/**
 * `GET /metrics` (CONTRACT §14): Prometheus text exposition. With `SHENHE_METRICS_TOKEN` set, only a scraper
 * sending `Authorization: Bearer <token>` gets it; the token is compared in constant time.
 */
export function metricsEndpoint(metrics: Metrics, token: string | null) {
  return async (req: Request, res: Response): Promise<void> => {
    if (token !== null) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!m || !safeEqual(m[1], token)) {
        throw new AppError('UNAUTHORIZED', { detail: 'missing or wrong metrics token', headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });
      }
    }
    const { contentType, body } = await metrics.exposition();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  };
}
