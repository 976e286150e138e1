import { DelayedError, Worker, type Job } from 'bullmq';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { QUEUE_PREFIX, QUEUES } from '../lib/queues';
import type { Redis } from '../lib/redis';
import type { SecretBox } from '../lib/secrets';
import type { Store } from '../store/store';
import { sendWebhook, signatureHeader } from './webhook-sender';

export interface RetryPolicy {
  /** First retry delay in ms (default 5000); doubles per attempt. */
  baseMs: number;
  /** Longest delay between attempts in ms (default 1 hour). */
  maxMs: number;
  /** Retries stop after this long since the event (default 48 hours; CONTRACT §4 asks for at least 24). */
  windowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5000, maxMs: 3_600_000, windowMs: 48 * 3_600_000 };

export function retryDelay(policy: RetryPolicy, attempts: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.8 + Math.random() * 0.4)); // jitter spreads a receiver's recovery load
}

export interface PublishWorkerOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  connection: Redis;
  secrets: SecretBox;
  logger: Logger;
  allowPrivate: boolean;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  /** Where attempts are counted (`shenhe_webhook_deliveries_total{result}`). */
  metrics?: Metrics;
}

/**
 * Sends CONTRACT §4 webhooks. Retry state lives in the store (attempt count, next attempt time), not only in
 * Redis, so a wiped Redis loses no delivery: reconciliation re-adds the job with the remaining delay.
 */
export class PublishWorker {
  private readonly worker: Worker;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: PublishWorkerOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.worker = new Worker(QUEUES.publish, (job, token) => this.process(job, token), {
      connection: options.connection,
      prefix: options.prefix ?? QUEUE_PREFIX,
      concurrency: options.concurrency ?? 16,
      autorun: false,
      // Short locks (renewed while a job runs) so a killed worker's jobs return within seconds, not a minute.
      lockDuration: 15_000,
      stalledInterval: 5000,
    });
    this.worker.on('error', (err) => options.logger.warn({ err: String(err) }, 'publish worker: error'));
  }

  start(): this {
    void this.worker.run();
    return this;
  }

  private async process(job: Job, token: string | undefined): Promise<string> {
    const { store, logger } = this.options;
    const deliveryId = String((job.data as { deliveryId?: unknown }).deliveryId ?? '');
    const delivery = await store.getDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'done-before';
    const tenant = await store.getTenant(delivery.tenantId);
    if (!tenant?.callbackUrl) {
      // The tenant switched to polling: nobody to tell, so the outcome stands as delivered.
      await store.markDelivered(delivery.id);
      return 'no-callback';
    }
    const body = delivery.body;
    const t = Math.floor(Date.now() / 1000);
    const headers = {
      'X-Shenhe-Delivery': delivery.id,
      'X-Shenhe-Event': delivery.type,
      'X-Shenhe-Signature': signatureHeader(this.options.secrets.open(tenant.webhookSecretEnc), body, t),
    };
    const result = await sendWebhook(tenant.callbackUrl, body, headers, { allowPrivate: this.options.allowPrivate });
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const attempt = delivery.attempts + 1;
    const giveUp = !ok && Date.now() - Date.parse(delivery.createdAt) > this.retry.windowMs;
    const nextAt = ok || giveUp ? null : Date.now() + retryDelay(this.retry, attempt);
    await store.recordAttempt(
      {
        deliveryId: delivery.id,
        attempt,
        attemptedAt: new Date().toISOString(),
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      },
      nextAt ? new Date(nextAt).toISOString() : null,
    );
    this.options.metrics?.deliveryAttempted(ok ? 'delivered' : giveUp ? 'failed' : 'retry', result.durationMs / 1000);
    if (ok) {
      await store.markDelivered(delivery.id);
      return 'delivered';
    }
    if (giveUp) {
      await store.markDeliveryFailed(delivery.id);
      logger.error({ deliveryId: delivery.id, tenantId: tenant.id }, 'webhook: retry window exhausted, delivery failed');
      return 'failed';
    }
    logger.info({ deliveryId: delivery.id, attempt, status: result.statusCode, error: result.error }, 'webhook: attempt failed, will retry');
    await job.moveToDelayed(nextAt as number, token);
    throw new DelayedError();
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}
