import type { Db } from './db';
import type { Delivery } from '../rows';

interface DeliveryRow {
  id: string;
  tenant_id: string;
  item_id: string;
  decision_id: string;
  type: string;
  body: string;
  status: Delivery['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  tenantId: r.tenant_id,
  itemId: r.item_id,
  decisionId: r.decision_id,
  type: r.type,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export interface Attempt {
  deliveryId: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Webhook deliveries and the log of every attempt. */
export class DeliveriesTable {
  constructor(private readonly db: Db) {}

  insert(d: Delivery): void {
    this.db
      .prepare(
        `INSERT INTO webhook_deliveries (id, tenant_id, item_id, decision_id, type, body, status, attempts, created_at)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?)`,
      )
      .run(d.id, d.tenantId, d.itemId, d.decisionId, d.type, d.body, d.createdAt);
  }

  byId(id: string): Delivery | null {
    const r = this.db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return r ? toDelivery(r) : null;
  }

  pending(): Delivery[] {
    return (this.db.prepare(`SELECT * FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at`).all() as DeliveryRow[]).map(toDelivery);
  }

  list(options: { limit: number; tenantId?: string; status?: string }): Delivery[] {
    return (
      this.db
        .prepare(`SELECT * FROM webhook_deliveries WHERE (@t IS NULL OR tenant_id = @t) AND (@s IS NULL OR status = @s) ORDER BY created_at DESC LIMIT @limit`)
        .all({ t: options.tenantId ?? null, s: options.status ?? null, limit: options.limit }) as DeliveryRow[]
    ).map(toDelivery);
  }

  recordAttempt(a: Attempt, nextAttemptAt: string | null): void {
    this.db
      .prepare('INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(a.deliveryId, a.attempt, a.attemptedAt, a.statusCode, a.error, a.durationMs);
    this.db
      .prepare(`UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = ?, last_error = ?, next_attempt_at = ? WHERE id = ?`)
      .run(a.statusCode, a.error, nextAttemptAt, a.deliveryId);
  }

  /** Guarded: a delivery is marked delivered once. */
  markDelivered(id: string, now: string): boolean {
    return (
      this.db
        .prepare(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ?, next_attempt_at = NULL WHERE id = ? AND status = 'pending'`)
        .run(now, id).changes === 1
    );
  }

  markFailed(id: string): boolean {
    return this.db.prepare(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = ? AND status = 'pending'`).run(id).changes === 1;
  }

  /** Replay from the console: a failed delivery goes back to pending. */
  reopen(id: string): boolean {
    return this.db.prepare(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = ? AND status = 'failed'`).run(id).changes === 1;
  }

  attempts(deliveryId: string): Attempt[] {
    return this.db
      .prepare(
        'SELECT delivery_id AS deliveryId, attempt, attempted_at AS attemptedAt, status_code AS statusCode, error, duration_ms AS durationMs FROM webhook_attempts WHERE delivery_id = ? ORDER BY id',
      )
      .all(deliveryId) as Attempt[];
  }
}
