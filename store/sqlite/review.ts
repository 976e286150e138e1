import type { Db } from './db';
import type { Decision, DecisionAction, Lease } from '../rows';

interface LeaseRow {
  id: string;
  item_id: string;
  user_id: string;
  queue: Lease['queue'];
  job_id: string;
  claimed_at: string;
  expires_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

const toLease = (r: LeaseRow): Lease => ({
  id: r.id,
  itemId: r.item_id,
  userId: r.user_id,
  queue: r.queue,
  jobId: r.job_id,
  claimedAt: r.claimed_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
});

/** Review leases: the store's mirror of BullMQ's job locks on the review queues. */
export class LeasesTable {
  constructor(private readonly db: Db) {}

  insert(l: Lease): void {
    this.db
      .prepare('INSERT INTO review_leases (id, item_id, user_id, queue, job_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(l.id, l.itemId, l.userId, l.queue, l.jobId, l.claimedAt, l.expiresAt);
  }

  byId(id: string): Lease | null {
    const r = this.db.prepare('SELECT * FROM review_leases WHERE id = ?').get(id) as LeaseRow | undefined;
    return r ? toLease(r) : null;
  }

  openForItem(itemId: string): Lease | null {
    const r = this.db.prepare('SELECT * FROM review_leases WHERE item_id = ? AND ended_at IS NULL').get(itemId) as LeaseRow | undefined;
    return r ? toLease(r) : null;
  }

  /** Guarded: only an open, unexpired lease is extended. */
  extend(id: string, now: string, expiresAt: string): boolean {
    return (
      this.db.prepare('UPDATE review_leases SET expires_at = ? WHERE id = ? AND ended_at IS NULL AND expires_at > ?').run(expiresAt, id, now).changes === 1
    );
  }

  end(id: string, now: string, reason: string): boolean {
    return this.db.prepare('UPDATE review_leases SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(now, reason, id).changes === 1;
  }

  expired(now: string): Lease[] {
    return (this.db.prepare('SELECT * FROM review_leases WHERE ended_at IS NULL AND expires_at <= ?').all(now) as LeaseRow[]).map(toLease);
  }

  /** A user's open, unexpired leases, oldest claim first: what a reloaded review screen resumes. */
  openForUser(userId: string, now: string): Lease[] {
    return (
      this.db
        .prepare('SELECT * FROM review_leases WHERE user_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY claimed_at, id')
        .all(userId, now) as LeaseRow[]
    ).map(toLease);
  }

  open(): Lease[] {
    return (this.db.prepare('SELECT * FROM review_leases WHERE ended_at IS NULL').all() as LeaseRow[]).map(toLease);
  }
}

interface DecisionRow {
  id: string;
  item_id: string;
  user_id: string | null;
  lease_id: string | null;
  action: DecisionAction;
  categories: string;
  note: string | null;
  decided_at: string;
}

const toDecision = (r: DecisionRow): Decision => ({
  id: r.id,
  itemId: r.item_id,
  userId: r.user_id,
  leaseId: r.lease_id,
  action: r.action,
  categories: JSON.parse(r.categories) as string[],
  note: r.note,
  decidedAt: r.decided_at,
});

/** Decisions are append-only (a trigger refuses updates). */
export class DecisionsTable {
  constructor(private readonly db: Db) {}

  insert(d: Decision): void {
    this.db
      .prepare('INSERT INTO decisions (id, item_id, user_id, lease_id, action, categories, note, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.id, d.itemId, d.userId, d.leaseId, d.action, JSON.stringify(d.categories), d.note, d.decidedAt);
  }

  byId(id: string): Decision | null {
    const r = this.db.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
    return r ? toDecision(r) : null;
  }

  latestForItem(itemId: string): Decision | null {
    const r = this.db.prepare('SELECT * FROM decisions WHERE item_id = ? ORDER BY seq DESC LIMIT 1').get(itemId) as DecisionRow | undefined;
    return r ? toDecision(r) : null;
  }

  forItem(itemId: string): Decision[] {
    return (this.db.prepare('SELECT * FROM decisions WHERE item_id = ? ORDER BY seq').all(itemId) as DecisionRow[]).map(toDecision);
  }

  countSince(since: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM decisions WHERE decided_at >= ? AND user_id IS NOT NULL`).get(since) as { n: number }).n;
  }
}
