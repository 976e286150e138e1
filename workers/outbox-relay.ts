import { Queue } from 'bullmq';
import type { Logger } from '../lib/logger';
import { KEEP_COMPLETED, KEEP_FAILED, QUEUE_PREFIX } from '../lib/queues';
import type { Redis } from '../lib/redis';
import type { OutboxRow } from '../store/rows';
import type { Store } from '../store/store';

export interface OutboxRelayOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  /** A producer connection (fails fast while Redis is down). */
  connection: Redis;
  logger: Logger;
  /** Sweep interval for rows left behind by crashed processes, in ms (default 1000). */
  intervalMs?: number;
  /** Rows per batch (default 500). */
  batchSize?: number;
  /**
   * Least time between the starts of two passes, in ms (default 20). Under a stream of ingests, each pass then takes
   * the rows of many commits at once (one query, one Redis round trip and one marking transaction for all of them)
   * instead of running once per commit; a poke after a quiet spell still starts a pass at once.
   */
  minGapMs?: number;
}

/**
 * Moves outbox rows into BullMQ. Job ids are deterministic, so a relay that crashes between adding the
 * job and marking the row adds nothing twice when it (or another process's relay) tries again.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastStart = 0;
  private gapTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): this {
    const tick = (): void => {
      if (this.closed) return;
      this.poke();
      this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
      this.timer.unref();
    };
    tick();
    return this;
  }

  /** Asks for a pass soon (after a local commit), coalescing concurrent requests into one. */
  poke(): void {
    if (this.closed) return;
    if (this.running || this.gapTimer) {
      this.again = true;
      return;
    }
    const wait = this.lastStart + (this.options.minGapMs ?? 20) - Date.now();
    if (wait > 0) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        this.poke();
      }, wait);
      this.gapTimer.unref();
      return;
    }
    this.again = false;
    this.lastStart = Date.now();
    this.running = this.poll()
      .then(() => undefined)
      .catch((err: unknown) => {
        this.failures++;
        if (this.failures === 1 || this.failures % 30 === 0) this.options.logger.warn({ err: String(err) }, 'outbox relay: Redis unavailable, will retry');
      })
      .finally(() => {
        this.running = null;
        if (this.again) this.poke();
      });
  }

  /** One pass: dispatch every pending row, batch by batch. */
  async poll(): Promise<number> {
    const size = this.options.batchSize ?? 500;
    let total = 0;
    for (;;) {
      const sent = await this.options.store.relayOutbox(size, (rows) => this.dispatch(rows));
      total += sent;
      // A short batch was the last of what was pending; rows committed since come with a poke of their own.
      if (sent < size || this.closed) break;
    }
    this.failures = 0;
    return total;
  }

  private queue(topic: string): Queue {
    let q = this.queues.get(topic);
    if (!q) {
      q = new Queue(topic, { connection: this.options.connection, prefix: this.options.prefix ?? QUEUE_PREFIX });
      q.on('error', () => undefined);
      this.queues.set(topic, q);
    }
    return q;
  }

  private async dispatch(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    for (const [topic, list] of byTopic) {
      await this.queue(topic).addBulk(
        list.map((r) => ({
          name: topic,
          data: r.payload,
          opts: {
            jobId: r.jobId,
            delay: r.delayMs || undefined,
            priority: r.priority || undefined,
            removeOnComplete: KEEP_COMPLETED,
            removeOnFail: KEEP_FAILED,
          },
        })),
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    await this.running;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
