import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { SecretBox } from '../lib/secrets';
import type { Filter } from '../rules/types';
import type { Store } from '../store/store';
import type { ReviewQueue } from '../workers/review-queue';

/** What the HTTP layer is given; it reads no environment and opens no connections itself. */
export interface ApiDeps {
  config: Config;
  store: Store;
  logger: Logger;
  secrets: SecretBox;
  /** This process's Prometheus metrics (GET /metrics). */
  metrics: Metrics;
  reviewQueue: ReviewQueue;
  /** The filter in force (for the console's rule tester). */
  filter: () => Filter;
  /** Asks the local outbox relay to dispatch now. */
  pokeOutbox: () => void;
  /** Readiness: Redis reachable and the store open. */
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}
