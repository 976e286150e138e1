import { Queue, type JobsOptions } from 'bullmq';
import type { Logger } from '../lib/logger';
import { KEEP_COMPLETED, KEEP_FAILED, QUEUE_PREFIX, QUEUES } from '../lib/queues';
import type { Redis } from '../lib/redis';
import { jobIds, reviewPriority, type Store } from '../store/store';

export interface ReconcilerOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  connection: Redis;
  logger: Logger;
  /** How often Redis is checked for a restart or a wipe, in ms (default 5000). */
  intervalMs?: number;
  /** How often a full pass runs even when Redis looks unchanged, in ms (default 60000). */
  fullEveryMs?: number;
  /** Re-creates the housekeeping schedulers (a wiped Redis lost them). */
  ensureSchedulers?: () => Promise<void>;
}

/** Job states in which the job will still run (or is running): nothing to repair. */
const LIVE_STATES = new Set(['waiting', 'prioritized', 'active', 'delayed', 'waiting-children']);

interface Wanted {
  queue: string;
  jobId: string;
  data: Record<string, unknown>;
  opts: JobsOptions;
}

/**
 * Invariant 2: the store is the record of truth and Redis holds work orders. This process timer (not a
 * BullMQ job, since a wiped Redis has lost those too) rebuilds every missing screen, review, escalation
 * and publish job from the store, at start-up, whenever Redis restarts or is replaced, and once a minute.
 */
export class Reconciler {
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private lastRunId: string | null = null;
  private lastFull = 0;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: ReconcilerOptions) {}

  start(): this {
    const tick = (): void => {
      if (this.closed) return;
      this.running ??= this.poll()
        .then(() => undefined)
        .catch((err: unknown) => this.options.logger.warn({ err: String(err) }, 'reconciler: pass failed, will retry'))
        .finally(() => {
          this.running = null;
        });
      this.timer = setTimeout(tick, this.options.intervalMs ?? 5000);
      this.timer.unref();
    };
    tick();
    return this;
  }

  /** One check: a full pass when Redis changed (new run id, or our marker key is gone) or one is due. */
  async poll(): Promise<number> {
    const conn = this.options.connection;
    const info = await conn.info('server');
    const runId = /run_id:(\w+)/.exec(info)?.[1] ?? null;
    const marker = `${this.options.prefix ?? QUEUE_PREFIX}:reconciler:marker`;
    const markerPresent = (await conn.exists(marker)) === 1;
    const changed = runId !== this.lastRunId || !markerPresent;
    if (!changed && Date.now() - this.lastFull < (this.options.fullEveryMs ?? 60_000)) return 0;
    if (changed && this.lastRunId) this.options.logger.warn({ runId }, 'reconciler: Redis restarted or replaced; rebuilding queues from the store');
    const repaired = await this.fullPass();
    await conn.set(marker, String(Date.now()));
    this.lastRunId = runId;
    this.lastFull = Date.now();
    return repaired;
  }

  /** Every job the store says should exist, added when missing (or when only a finished copy remains). */
  async fullPass(): Promise<number> {
    const { store } = this.options;
    await this.options.ensureSchedulers?.();
    const wanted: Wanted[] = [];
    const keep = { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    for (const row of await store.itemsInStatus(['screening', 'pending_review', 'escalated', 'appealed'])) {
      if (row.status === 'screening') wanted.push({ queue: QUEUES.screen, jobId: jobIds.screen(row.id), data: { itemId: row.id }, opts: keep });
      if (row.status === 'pending_review') {
        wanted.push({ queue: QUEUES.review, jobId: jobIds.review(row.id), data: { itemId: row.id }, opts: { ...keep, priority: reviewPriority(row.risk) } });
      }
      if (row.status === 'escalated' || row.status === 'appealed') {
        const jobId = await store.escalatedJobId(row.id);
        const priority = row.status === 'appealed' ? 1 : reviewPriority(row.risk);
        wanted.push({ queue: QUEUES.escalated, jobId, data: { itemId: row.id }, opts: { ...keep, priority } });
      }
    }
    for (const d of await store.pendingDeliveries()) {
      const delay = d.nextAttemptAt ? Math.max(0, Date.parse(d.nextAttemptAt) - Date.now()) : 0;
      wanted.push({ queue: QUEUES.publish, jobId: jobIds.publish(d.decisionId), data: { deliveryId: d.id }, opts: { ...keep, delay: delay || undefined } });
    }
    let repaired = 0;
    for (let i = 0; i < wanted.length; i += 200) {
      const batch = wanted.slice(i, i + 200);
      const states = await Promise.all(batch.map((w) => this.queue(w.queue).getJobState(w.jobId)));
      for (let j = 0; j < batch.length; j++) {
        if (LIVE_STATES.has(states[j])) continue;
        const w = batch[j];
        const q = this.queue(w.queue);
        if (states[j] !== 'unknown') await q.remove(w.jobId).catch(() => undefined);
        await q.add(w.queue, w.data, { ...w.opts, jobId: w.jobId });
        repaired++;
      }
    }
    if (repaired) this.options.logger.info({ repaired }, 'reconciler: re-created missing jobs');
    return repaired;
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.options.connection, prefix: this.options.prefix ?? QUEUE_PREFIX });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
