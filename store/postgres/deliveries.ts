import type { Delivery } from '../rows';
import { rows, row, run, type Sql } from './db';

export interface Attempt {
  deliveryId: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const DELIVERY_COLUMNS = `id, tenant_id AS "tenantId", item_id AS "itemId", decision_id AS "decisionId", type, body, status, attempts,
  last_status_code AS "lastStatusCode", last_error AS "lastError", next_attempt_at AS "nextAttemptAt", created_at AS "createdAt",
  delivered_at AS "deliveredAt"`;

/** Webhook deliveries and the log of every attempt. */
export const deliveries = {
  async insert(q: Sql, d: Delivery): Promise<void> {
    await q.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, item_id, decision_id, type, body, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, NULL, $7)`,
      [d.id, d.tenantId, d.itemId, d.decisionId, d.type, d.body, d.createdAt],
    );
  },

  async byId(q: Sql, id: string): Promise<Delivery | null> {
    return row<Delivery>(q, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`, [id]);
  },

  async pending(q: Sql): Promise<Delivery[]> {
    return rows<Delivery>(q, `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at`);
  },

  async list(q: Sql, options: { limit: number; tenantId?: string; status?: string }): Promise<Delivery[]> {
    return rows<Delivery>(
      q,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC LIMIT $3`,
      [options.tenantId ?? null, options.status ?? null, options.limit],
    );
  },

  async recordAttempt(q: Sql, a: Attempt, nextAttemptAt: string | null): Promise<void> {
    await q.query('INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)', [
      a.deliveryId,
      a.attempt,
      a.attemptedAt,
      a.statusCode,
      a.error,
      a.durationMs,
    ]);
    await q.query('UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $1, last_error = $2, next_attempt_at = $3 WHERE id = $4', [
      a.statusCode,
      a.error,
      nextAttemptAt,
      a.deliveryId,
    ]);
  },

  /** Guarded: a delivery is marked delivered once. */
  async markDelivered(q: Sql, id: string, now: string): Promise<boolean> {
    return (
      (await run(q, `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $1, next_attempt_at = NULL WHERE id = $2 AND status = 'pending'`, [
        now,
        id,
      ])) === 1
    );
  },

  async markFailed(q: Sql, id: string): Promise<boolean> {
    return (await run(q, `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`, [id])) === 1;
  },

  /** Replay from the console: a failed delivery goes back to pending. */
  async reopen(q: Sql, id: string): Promise<boolean> {
    return (await run(q, `UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1 AND status = 'failed'`, [id])) === 1;
  },

  async attempts(q: Sql, deliveryId: string): Promise<Attempt[]> {
    return rows<Attempt>(
      q,
      `SELECT delivery_id AS "deliveryId", attempt, attempted_at AS "attemptedAt", status_code AS "statusCode", error, duration_ms AS "durationMs"
       FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id`,
      [deliveryId],
    );
  },
};
