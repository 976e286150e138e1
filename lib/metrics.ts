import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the queue gauges are computed from on each scrape (the store, so every process reports the same). */
export interface QueueSnapshot {
  waiting: number;
  inReview: number;
  escalated: number;
  oldestWaitingAt: string | null;
  byStatus: Record<string, number>;
}

export interface MetricsOptions {
  /** Reads the queue state from the record of truth; called once per scrape. */
  queueStats?: () => Promise<QueueSnapshot>;
  /** The review SLA in seconds (SHENHE_REVIEW_SLA_SECONDS), exported so dashboards draw the line from the same value. */
  reviewSlaSeconds?: number;
  /** Node.js process metrics (CPU, memory, event loop lag, GC); default true. */
  defaultMetrics?: boolean;
}

/** Webhook attempt outcomes: answered 2xx, failed and will be retried, failed for good (retry window over). */
export type DeliveryResult = 'delivered' | 'retry' | 'failed';

/**
 * The process's Prometheus metrics (CONTRACT §14). Counters and the histogram count what happened in this
 * process (Prometheus sums them across processes); the queue gauges are read from the store on every scrape,
 * so every process serves the same values and a restarted process is right at once.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly ingested: Counter<'tenant'>;
  private readonly decisions: Counter<'action'>;
  private readonly moderatorDecisions: Counter<'moderator' | 'action'>;
  private readonly screenDuration: Histogram<'suggestion'>;
  private readonly deliveries: Counter<'result'>;
  private readonly deliveryDuration: Histogram<'result'>;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.ingested = new Counter({
      name: 'shenhe_items_ingested_total',
      help: 'Items accepted by POST /v1/contents in this process (idempotent repeats not counted), by tenant id.',
      labelNames: ['tenant'],
      registers,
    });
    this.decisions = new Counter({
      name: 'shenhe_decisions_total',
      help: 'Human review decisions recorded by this process, by action (approve, reject, escalate).',
      labelNames: ['action'],
      registers,
    });
    this.moderatorDecisions = new Counter({
      name: 'shenhe_moderator_decisions_total',
      help: 'Human review decisions recorded by this process, by moderator username and action.',
      labelNames: ['moderator', 'action'],
      registers,
    });
    this.screenDuration = new Histogram({
      name: 'shenhe_screen_duration_seconds',
      help: 'Time to screen one item (rules, classifier and image stage) in this process, by suggestion.',
      labelNames: ['suggestion'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.deliveries = new Counter({
      name: 'shenhe_webhook_deliveries_total',
      help: 'Webhook delivery attempts made by this process, by result: delivered (2xx), retry (failed, will be retried), failed (retry window over).',
      labelNames: ['result'],
      registers,
    });
    this.deliveryDuration = new Histogram({
      name: 'shenhe_webhook_delivery_duration_seconds',
      help: 'Time from sending a webhook to its answer (or failure), by result.',
      labelNames: ['result'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    // Label sets that exist from the start, so a dashboard shows 0 rather than "no data" on a quiet day.
    for (const action of ['approve', 'reject', 'escalate']) this.decisions.inc({ action }, 0);
    for (const result of ['delivered', 'retry', 'failed']) this.deliveries.inc({ result }, 0);
    if (options.queueStats) this.queueGauges(options.queueStats, options.reviewSlaSeconds ?? null);
  }

  itemIngested(tenantId: string): void {
    this.ingested.inc({ tenant: tenantId });
  }

  decisionRecorded(action: string, moderator: string): void {
    this.decisions.inc({ action });
    this.moderatorDecisions.inc({ moderator, action });
  }

  itemScreened(seconds: number, suggestion: string): void {
    this.screenDuration.observe({ suggestion }, seconds);
  }

  deliveryAttempted(result: DeliveryResult, seconds: number): void {
    this.deliveries.inc({ result });
    this.deliveryDuration.observe({ result }, seconds);
  }

  /** The Prometheus text exposition of everything above. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private queueGauges(read: () => Promise<QueueSnapshot>, slaSeconds: number | null): void {
    const registers = [this.registry];
    // One read per scrape, shared by every gauge below (prom-client calls each gauge's collect in turn).
    let pending: Promise<QueueSnapshot> | null = null;
    const snapshot = (): Promise<QueueSnapshot> => {
      pending ??= read().finally(() => setImmediate(() => (pending = null)));
      return pending;
    };
    const gauge = (name: string, help: string, value: (s: QueueSnapshot) => number): void => {
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(value(await snapshot()));
        },
      });
    };
    gauge('shenhe_review_waiting', 'Items waiting for a moderator (pending_review), as /api/dashboard queue.waiting.', (s) => s.waiting);
    gauge('shenhe_review_escalated', 'Items waiting for a senior moderator (escalated).', (s) => s.escalated);
    gauge('shenhe_review_in_review', 'Items claimed by a moderator right now (in_review).', (s) => s.inReview);
    gauge('shenhe_review_oldest_wait_seconds', 'Age of the oldest item waiting for review (pending_review or escalated), 0 when none.', (s) =>
      s.oldestWaitingAt ? Math.max(0, (Date.now() - Date.parse(s.oldestWaitingAt)) / 1000) : 0,
    );
    if (slaSeconds !== null) {
      new Gauge({ name: 'shenhe_review_sla_seconds', help: 'The review SLA (SHENHE_REVIEW_SLA_SECONDS).', registers }).set(slaSeconds);
    }
    new Gauge({
      name: 'shenhe_items',
      help: 'Stored items by status.',
      labelNames: ['status'],
      registers,
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const [status, n] of Object.entries(s.byStatus)) this.set({ status }, n);
      },
    });
  }
}
