import type { OutboxRow } from '../rows';
import { rows, run, type Sql } from './db';

export interface OutboxMessage {
  topic: string;
  jobId: string;
  payload: Record<string, unknown>;
  delayMs?: number;
  priority?: number;
}

type OutboxRowText = Omit<OutboxRow, 'payload'> & { payload: string };
const toRow = (r: OutboxRowText): OutboxRow => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> });

const PENDING = `SELECT id, topic, job_id AS "jobId", payload, delay_ms AS "delayMs", priority, created_at AS "createdAt" FROM outbox
  WHERE dispatched_at IS NULL AND ($1::text IS NULL OR created_at <= $1) ORDER BY id LIMIT $2`;

/** Work orders written in the same transaction as the state change that needs them (invariant 3). */
export const outbox = {
  async add(q: Sql, m: OutboxMessage, now: string): Promise<void> {
    await q.query('INSERT INTO outbox (topic, job_id, payload, delay_ms, priority, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      m.topic,
      m.jobId,
      JSON.stringify(m.payload),
      m.delayMs ?? 0,
      m.priority ?? 0,
      now,
    ]);
  },

  /** Several orders at once, their ids in list order. */
  async addMany(q: Sql, list: Array<OutboxMessage & { createdAt: string }>): Promise<void> {
    if (list.length === 0) return;
    await q.query(
      `INSERT INTO outbox (topic, job_id, payload, delay_ms, priority, created_at)
       SELECT topic, job_id, payload, delay_ms, priority, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::text[]) WITH ORDINALITY
         AS u(topic, job_id, payload, delay_ms, priority, created_at, n) ORDER BY n`,
      [
        list.map((m) => m.topic),
        list.map((m) => m.jobId),
        list.map((m) => JSON.stringify(m.payload)),
        list.map((m) => m.delayMs ?? 0),
        list.map((m) => m.priority ?? 0),
        list.map((m) => m.createdAt),
      ],
    );
  },

  /** Undispatched rows, oldest first: a plain read that claims nothing. */
  async pending(q: Sql, limit: number, olderThan?: string): Promise<OutboxRow[]> {
    return (await rows<OutboxRowText>(q, PENDING, [olderThan ?? null, limit])).map(toRow);
  },

  /**
   * The same rows, locked until the caller's transaction ends; rows another relay holds are skipped rather than waited
   * for (`SKIP LOCKED`), so two relays never hold the same row, and a relay that dies lets go of its rows at once.
   */
  async lockPending(q: Sql, limit: number, olderThan?: string): Promise<OutboxRow[]> {
    return (await rows<OutboxRowText>(q, `${PENDING} FOR UPDATE SKIP LOCKED`, [olderThan ?? null, limit])).map(toRow);
  },

  async markDispatched(q: Sql, ids: number[], now: string): Promise<void> {
    await q.query('UPDATE outbox SET dispatched_at = $1 WHERE id = ANY($2) AND dispatched_at IS NULL', [now, ids]);
  },

  async deleteDispatchedBefore(q: Sql, before: string): Promise<number> {
    return run(q, 'DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < $1', [before]);
  },
};
