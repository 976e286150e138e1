import { Job, Queue, Worker } from 'bullmq';
import { appError } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { QUEUE_PREFIX, QUEUES } from '../lib/queues';
import type { Redis } from '../lib/redis';
import type { Role } from '../lib/roles';
import type { Item, Lease, User } from '../store/rows';
import { jobIds, type DecideInput, type DecideResult, type Store } from '../store/store';

export interface ReviewQueueOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  /** A blocking-capable connection (maxRetriesPerRequest null). */
  connection: Redis;
  logger: Logger;
  leaseSeconds: number;
  /** How often abandoned claims are looked for, in ms (default: a fifth of the lease, at most 30 s). */
  stalledIntervalMs?: number;
  /** Where decisions are counted (`shenhe_decisions_total{action}`, per moderator too). */
  metrics?: Metrics;
}

type QueueKind = Lease['queue'];

const QUEUE_FOR_ROLE: Record<Role, QueueKind[]> = {
  moderator: ['review'],
  senior: ['escalated', 'review'],
  officer: ['escalated', 'review'],
  admin: ['escalated', 'review'],
  auditor: [],
};

export function canClaim(role: Role): boolean {
  return QUEUE_FOR_ROLE[role].length > 0;
}

/**
 * The human review queues, worked by hand with BullMQ's manual processing: a claim is `getNextJob` with the
 * lease id as the lock token, a heartbeat is `extendLock`, a decision is `moveToCompleted`. Redis orders and
 * hands out work atomically across API processes; the store mirrors every claim, lease and decision.
 */
export class ReviewQueue {
  private readonly workers: Record<QueueKind, Worker>;
  private readonly queues: Record<QueueKind, Queue>;

  constructor(private readonly options: ReviewQueueOptions) {
    const lockDuration = options.leaseSeconds * 1000;
    const stalledInterval = options.stalledIntervalMs ?? Math.min(30_000, Math.max(1000, lockDuration / 5));
    const make = (name: string): Worker => {
      const w = new Worker(name, null, {
        connection: options.connection,
        prefix: options.prefix ?? QUEUE_PREFIX,
        autorun: false,
        lockDuration,
        stalledInterval,
        // Walking away from a claim is normal for people: never fail a job for it.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      w.on('error', (err) => options.logger.warn({ err: String(err), queue: name }, 'review queue: error'));
      return w;
    };
    this.workers = { review: make(QUEUES.review), escalated: make(QUEUES.escalated) };
    this.queues = {
      review: new Queue(QUEUES.review, { connection: options.connection, prefix: options.prefix ?? QUEUE_PREFIX }),
      escalated: new Queue(QUEUES.escalated, { connection: options.connection, prefix: options.prefix ?? QUEUE_PREFIX }),
    };
    for (const q of Object.values(this.queues)) q.on('error', () => undefined);
  }

  /** Starts returning abandoned claims to the queue. */
  async start(): Promise<this> {
    await Promise.all(Object.values(this.workers).map((w) => w.startStalledCheckTimer()));
    return this;
  }

  /** Claims the next item this user's role may review: escalated first for seniors, then highest risk, then oldest. */
  async claim(user: User, ip: string | null): Promise<{ item: Item; lease: Lease } | null> {
    const kinds = QUEUE_FOR_ROLE[user.role];
    if (!kinds.length) throw appError('ROLE_FORBIDDEN', 'this role may not review');
    await this.options.store.expireLeases();
    // Appeals against this user's own rejections are held while we look further, then handed back (CONTRACT §12).
    const heldBack: Array<{ job: Job; token: string }> = [];
    try {
      for (const kind of kinds) {
        // A few stale jobs (items decided or re-queued elsewhere) may sit in front; skip past them.
        for (let i = 0; i < 20; i++) {
          const leaseId = newId('ls');
          const job = await this.workers[kind].getNextJob(leaseId, { block: false });
          if (!job) break;
          const itemId = String((job.data as { itemId?: unknown }).itemId ?? '');
          if (kind === 'escalated' && (await this.options.store.isOriginalDecider(itemId, user.id))) {
            heldBack.push({ job, token: leaseId });
            continue;
          }
          const opened = await this.options.store.openLease({
            itemId,
            user,
            queue: kind,
            jobId: String(job.id),
            leaseId,
            leaseSeconds: this.options.leaseSeconds,
            ip,
          });
          if (opened) return opened;
          await job.moveToCompleted({ stale: true }, leaseId, false).catch(() => undefined);
        }
      }
      return null;
    } finally {
      // If this fails the lock simply runs out and the stalled check returns the job, as with any abandoned claim.
      for (const { job, token } of heldBack) await job.moveToWait(token).catch(() => undefined);
    }
  }

  /**
   * Takes one named waiting item (bulk actions from the lists) under a lease, mirrored in the store like a
   * queue claim. Its queued job is then removed, so later claims do not wade through it; if another process
   * holds that job at this moment, its claim finds the item taken and drops the job as stale.
   * Returns null when the item is not waiting (any more) in a queue this user's role may work.
   */
  async claimItem(itemId: string, user: User, ip: string | null): Promise<{ item: Item; lease: Lease } | null> {
    const kinds = QUEUE_FOR_ROLE[user.role];
    if (!kinds.length) throw appError('ROLE_FORBIDDEN', 'this role may not review');
    const item = await this.options.store.getItem(itemId);
    const status = item?.status;
    const kind: QueueKind | null = status === 'pending_review' ? 'review' : status === 'escalated' || status === 'appealed' ? 'escalated' : null;
    if (!item || !kind || !kinds.includes(kind)) return null;
    const jobId = kind === 'escalated' ? await this.options.store.escalatedJobId(itemId) : jobIds.review(itemId);
    const leaseId = newId('ls');
    const opened = await this.options.store.openLease({ itemId, user, queue: kind, jobId, leaseId, leaseSeconds: this.options.leaseSeconds, ip });
    if (!opened) return null;
    const job = await Job.fromId(this.queues[kind], jobId).catch(() => undefined);
    await job?.remove().catch(() => undefined);
    return opened;
  }

  /** Heartbeat: extends the lease in the store and the lock in Redis, or ends it if Redis already let go. */
  async extend(leaseId: string, user: User): Promise<Lease> {
    const lease = await this.options.store.extendLease(leaseId, user.id, this.options.leaseSeconds);
    const job = await Job.fromId(this.queues[lease.queue], lease.jobId);
    const extended = job ? await job.extendLock(leaseId, this.options.leaseSeconds * 1000).catch(() => 0) : 0;
    if (!extended) {
      await this.options.store.endLease(leaseId, 'lost').catch(() => undefined);
      throw appError('LEASE_EXPIRED');
    }
    return lease;
  }

  /**
   * Records the decision in the store first (the record of truth) and answers; the job is completed in Redis
   * afterwards. If that fails (lock lost, Redis away), the job stalls back to the queue and the next claim drops
   * it as stale, because the item is no longer waiting.
   */
  async decide(input: DecideInput): Promise<DecideResult> {
    const result = await this.options.store.decide(input);
    this.options.metrics?.decisionRecorded(result.decision.action, input.user.username);
    void this.completeJob(input.leaseId, result.decision.id);
    return result;
  }

  private async completeJob(leaseId: string, decisionId: string): Promise<void> {
    try {
      const lease = await this.options.store.getLease(leaseId);
      if (!lease) return;
      const job = await Job.fromId(this.queues[lease.queue], lease.jobId);
      await job?.moveToCompleted({ decisionId }, leaseId, false);
    } catch (err) {
      this.options.logger.debug({ err: String(err), leaseId }, 'review queue: completing job failed (lock lost)');
    }
  }

  queue(kind: QueueKind): Queue {
    return this.queues[kind];
  }

  async close(): Promise<void> {
    await Promise.all([...Object.values(this.workers).map((w) => w.close()), ...Object.values(this.queues).map((q) => q.close())]);
  }
}
