import type { Db } from './db';
import type { OutboxRow } from '../rows';

export interface OutboxMessage {
  topic: 'screen' | 'review' | 'escalated' | 'publish';
  jobId: string;
  payload: Record<string, unknown>;
  delayMs?: number;
  priority?: number;
}

/** Work orders written in the same transaction as the state change that needs them (invariant 3). */
export class OutboxTable {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO outbox (topic, job_id, payload, delay_ms, priority, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  add(m: OutboxMessage, now: string): void {
    this.insertStmt.run(m.topic, m.jobId, JSON.stringify(m.payload), m.delayMs ?? 0, m.priority ?? 0, now);
  }

  pending(limit: number, olderThan?: string): OutboxRow[] {
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE dispatched_at IS NULL AND (@t IS NULL OR created_at <= @t) ORDER BY id LIMIT @limit`)
      .all({ t: olderThan ?? null, limit }) as Array<{
      id: number;
      topic: string;
      job_id: string;
      payload: string;
      delay_ms: number;
      priority: number;
      created_at: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      jobId: r.job_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      delayMs: r.delay_ms,
      priority: r.priority,
      createdAt: r.created_at,
    }));
  }

  markDispatched(ids: number[], now: string): void {
    const stmt = this.db.prepare('UPDATE outbox SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL');
    for (const id of ids) stmt.run(now, id);
  }

  deleteDispatchedBefore(before: string): number {
    return this.db.prepare('DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < ?').run(before).changes;
  }
}
