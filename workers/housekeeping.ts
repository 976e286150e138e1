import { Job, Queue, Worker } from 'bullmq';
import type { Logger } from '../lib/logger';
import { QUEUE_PREFIX, QUEUES } from '../lib/queues';
import type { Redis } from '../lib/redis';
import { reviewPriority, type Store } from '../store/store';

export type HousekeepingTask = () => Promise<unknown>;

export interface HousekeepingOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  connection: Redis;
  logger: Logger;
  /** The review queue, for priority ageing. */
  reviewQueue: Queue;
  /** Every this many seconds of waiting moves an item 100 priority steps up (default 300 s: risk 0 reaches the top in under an hour). */
  agingStepSeconds?: number;
  /** Extra scheduled tasks: name → every ms and function (retention, backups, alarms plug in here). */
  extraTasks?: Record<string, { everyMs: number; run: HousekeepingTask }>;
}

/**
 * Periodic jobs as BullMQ job schedulers on the `housekeeping` queue, so that with many worker processes
 * each run happens once. `ensureSchedulers()` is idempotent and is called again by reconciliation, because
 * a wiped Redis loses its schedulers too.
 */
export class Housekeeping {
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly tasks: Record<string, { everyMs: number; run: HousekeepingTask }>;

  constructor(private readonly options: HousekeepingOptions) {
    this.queue = new Queue(QUEUES.housekeeping, { connection: options.connection, prefix: options.prefix ?? QUEUE_PREFIX });
    this.queue.on('error', () => undefined);
    this.tasks = {
      'expire-leases': { everyMs: 5000, run: () => options.store.expireLeases() },
      'age-priorities': { everyMs: 60_000, run: () => this.agePriorities() },
      cleanup: { everyMs: 3600_000, run: () => this.cleanup() },
      ...options.extraTasks,
    };
    this.worker = new Worker(
      QUEUES.housekeeping,
      async (job: Job) => {
        const task = this.tasks[job.name];
        if (task) await task.run();
        return 'ok';
      },
      { connection: options.connection, prefix: options.prefix ?? QUEUE_PREFIX, autorun: false, concurrency: 2 },
    );
    this.worker.on('error', (err) => options.logger.warn({ err: String(err) }, 'housekeeping: error'));
    this.worker.on('failed', (job, err) => options.logger.warn({ task: job?.name, err: String(err) }, 'housekeeping: task failed'));
  }

  start(): this {
    void this.worker.run();
    return this;
  }

  async ensureSchedulers(): Promise<void> {
    for (const [name, task] of Object.entries(this.tasks)) {
      await this.queue.upsertJobScheduler(name, { every: task.everyMs }, { name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    }
  }

  /** Raises waiting items' priority with their age, so low-risk items cannot starve (DESIGN: the review queue). */
  async agePriorities(now = Date.now()): Promise<number> {
    const step = (this.options.agingStepSeconds ?? 300) * 1000;
    let changed = 0;
    for (const row of await this.options.store.itemsInStatus(['pending_review'])) {
      const boost = Math.floor((now - Date.parse(row.createdAt)) / step) * 100;
      if (boost <= 0) continue;
      const target = Math.max(1, reviewPriority(row.risk) - boost);
      const job = await Job.fromId(this.options.reviewQueue, `review-${row.id}`);
      if (!job || job.priority === target) continue;
      const state = await job.getState();
      if (state !== 'prioritized' && state !== 'waiting') continue;
      await job.changePriority({ priority: target }).catch(() => undefined);
      changed++;
    }
    return changed;
  }

  private async cleanup(): Promise<void> {
    const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
    await this.options.store.tidy(new Date().toISOString(), dayAgo);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}
