import type { OutboxRow } from '../rows';
import { rows, run, type Sql } from './db';

export interface OutboxMessage {
  topic: string;
  jobId: string;
  payload: Record<string, unknown>;
  delayMs?: number;
  priority?: number;
}

/** How long a relay's claim on outbox rows lasts: a relay that dies before marking them lets another take over after this. */
export const OUTBOX_CLAIM_SECONDS = 60;

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

  /**
   * Claims up to `limit` undispatched rows for this caller. `FOR UPDATE SKIP LOCKED` makes a concurrent claimer pass
   * over rows another is claiming right now, and the claim (`claimed_until`, the database's clock) keeps them away
   * from every other relay after this commits, until the relay marks them dispatched or the claim lapses.
   */
  async claim(q: Sql, limit: number, olderThan?: string): Promise<OutboxRow[]> {
    const claimed = await rows<Omit<OutboxRow, 'payload'> & { payload: string }>(
      q,
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $3)
       WHERE id IN (
         SELECT id FROM outbox
         WHERE dispatched_at IS NULL AND (claimed_until IS NULL OR claimed_until < now()) AND ($1::text IS NULL OR created_at <= $1)
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, topic, job_id AS "jobId", payload, delay_ms AS "delayMs", priority, created_at AS "createdAt"`,
      [olderThan ?? null, limit, OUTBOX_CLAIM_SECONDS],
    );
    return claimed.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> })).sort((a, b) => a.id - b.id);
  },

  async markDispatched(q: Sql, ids: number[], now: string): Promise<void> {
    await q.query('UPDATE outbox SET dispatched_at = $1, claimed_until = NULL WHERE id = ANY($2) AND dispatched_at IS NULL', [now, ids]);
  },

  async deleteDispatchedBefore(q: Sql, before: string): Promise<number> {
    return run(q, 'DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < $1', [before]);
  },
};
