import express, { type Express } from 'express';
import type { Metrics } from '../lib/metrics';
import type { Logger } from '../lib/logger';
import { errorHandler, notFound } from './errors';
import { healthz, readyz } from './health';
import { metricsEndpoint } from './metrics';

/**
 * The HTTP surface of a process without the API (`shenhe worker --metrics-port`): its own metrics (screen
 * durations, webhook deliveries) and the two probes, nothing else.
 */
export function createMetricsApp(options: {
  metrics: Metrics;
  token: string | null;
  logger: Logger;
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', healthz());
  app.get('/readyz', readyz(options));
  app.get('/metrics', metricsEndpoint(options.metrics, options.token));
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}
