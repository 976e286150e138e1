import type { Decision, Lease } from '../rows';
import { rows, row, run, type Sql } from './db';

const LEASE_COLUMNS = `id, item_id AS "itemId", user_id AS "userId", queue, job_id AS "jobId", claimed_at AS "claimedAt",
  expires_at AS "expiresAt", ended_at AS "endedAt", end_reason AS "endReason"`;

/** Review leases: the store's mirror of BullMQ's job locks on the review queues. */
export const leases = {
  async insert(q: Sql, l: Lease): Promise<void> {
    await q.query('INSERT INTO review_leases (id, item_id, user_id, queue, job_id, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      l.id,
      l.itemId,
      l.userId,
      l.queue,
      l.jobId,
      l.claimedAt,
      l.expiresAt,
    ]);
  },

  async byId(q: Sql, id: string, forUpdate = false): Promise<Lease | null> {
    return row<Lease>(q, `SELECT ${LEASE_COLUMNS} FROM review_leases WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  },

  async openForItem(q: Sql, itemId: string): Promise<Lease | null> {
    return row<Lease>(q, `SELECT ${LEASE_COLUMNS} FROM review_leases WHERE item_id = $1 AND ended_at IS NULL`, [itemId]);
  },

  /** Guarded: only an open, unexpired lease is extended. */
  async extend(q: Sql, id: string, now: string, expiresAt: string): Promise<boolean> {
    return (await run(q, 'UPDATE review_leases SET expires_at = $1 WHERE id = $2 AND ended_at IS NULL AND expires_at > $3', [expiresAt, id, now])) === 1;
  },

  async end(q: Sql, id: string, now: string, reason: string): Promise<boolean> {
    return (await run(q, 'UPDATE review_leases SET ended_at = $1, end_reason = $2 WHERE id = $3 AND ended_at IS NULL', [now, reason, id])) === 1;
  },

  async expired(q: Sql, now: string): Promise<Lease[]> {
    return rows<Lease>(q, `SELECT ${LEASE_COLUMNS} FROM review_leases WHERE ended_at IS NULL AND expires_at <= $1`, [now]);
  },

  /** A user's open, unexpired leases, oldest claim first: what a reloaded review screen resumes. */
  async openForUser(q: Sql, userId: string, now: string): Promise<Lease[]> {
    return rows<Lease>(q, `SELECT ${LEASE_COLUMNS} FROM review_leases WHERE user_id = $1 AND ended_at IS NULL AND expires_at > $2 ORDER BY claimed_at, id`, [
      userId,
      now,
    ]);
  },

  async open(q: Sql): Promise<Lease[]> {
    return rows<Lease>(q, `SELECT ${LEASE_COLUMNS} FROM review_leases WHERE ended_at IS NULL`);
  },
};

const DECISION_COLUMNS = `id, item_id AS "itemId", user_id AS "userId", lease_id AS "leaseId", action, categories, note, decided_at AS "decidedAt"`;

type DecisionRow = Omit<Decision, 'categories'> & { categories: string };
const toDecision = (r: DecisionRow): Decision => ({ ...r, categories: JSON.parse(r.categories) as string[] });

/** Decisions are append-only (a trigger refuses updates). */
export const decisions = {
  async insert(q: Sql, d: Decision): Promise<void> {
    await q.query('INSERT INTO decisions (id, item_id, user_id, lease_id, action, categories, note, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      d.id,
      d.itemId,
      d.userId,
      d.leaseId,
      d.action,
      JSON.stringify(d.categories),
      d.note,
      d.decidedAt,
    ]);
  },

  async byId(q: Sql, id: string): Promise<Decision | null> {
    const r = await row<DecisionRow>(q, `SELECT ${DECISION_COLUMNS} FROM decisions WHERE id = $1`, [id]);
    return r ? toDecision(r) : null;
  },

  async latestForItem(q: Sql, itemId: string): Promise<Decision | null> {
    const r = await row<DecisionRow>(q, `SELECT ${DECISION_COLUMNS} FROM decisions WHERE item_id = $1 ORDER BY seq DESC LIMIT 1`, [itemId]);
    return r ? toDecision(r) : null;
  },

  async forItem(q: Sql, itemId: string): Promise<Decision[]> {
    return (await rows<DecisionRow>(q, `SELECT ${DECISION_COLUMNS} FROM decisions WHERE item_id = $1 ORDER BY seq`, [itemId])).map(toDecision);
  },

  async countSince(q: Sql, since: string): Promise<number> {
    return (await row<{ n: number }>(q, 'SELECT COUNT(*) AS n FROM decisions WHERE decided_at >= $1 AND user_id IS NOT NULL', [since]))?.n ?? 0;
  },
};
