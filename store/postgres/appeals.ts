import type { Appeal } from '../rows';
import type { DecidedAppeal } from '../store-rules';
import { rows, row, run, type Sql } from './db';

const APPEAL_COLUMNS = `id, item_id AS "itemId", tenant_id AS "tenantId", reason, status, original_decision_id AS "originalDecisionId",
  original_user_id AS "originalUserId", created_at AS "createdAt", decision_id AS "decisionId", decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** Appeals: one row per item (UNIQUE), pending until decided once (triggers refuse anything else). */
export const appeals = {
  async insert(q: Sql, a: Appeal): Promise<void> {
    await q.query(
      `INSERT INTO appeals (id, item_id, tenant_id, reason, status, original_decision_id, original_user_id, created_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7)`,
      [a.id, a.itemId, a.tenantId, a.reason, a.originalDecisionId, a.originalUserId, a.createdAt],
    );
  },

  async forItem(q: Sql, itemId: string): Promise<Appeal | null> {
    return row<Appeal>(q, `SELECT ${APPEAL_COLUMNS} FROM appeals WHERE item_id = $1`, [itemId]);
  },

  async pendingForItem(q: Sql, itemId: string): Promise<Appeal | null> {
    const a = await appeals.forItem(q, itemId);
    return a?.status === 'pending' ? a : null;
  },

  /** Guarded: only a pending appeal is decided. */
  async decide(q: Sql, id: string, status: 'approved' | 'rejected', decisionId: string, userId: string, at: string): Promise<boolean> {
    return (
      (await run(q, `UPDATE appeals SET status = $1, decision_id = $2, decided_by = $3, decided_at = $4 WHERE id = $5 AND status = 'pending'`, [
        status,
        decisionId,
        userId,
        at,
        id,
      ])) === 1
    );
  },

  async countByStatus(q: Sql): Promise<Record<Appeal['status'], number>> {
    const out: Record<Appeal['status'], number> = { pending: 0, approved: 0, rejected: 0 };
    for (const r of await rows<{ status: Appeal['status']; n: number }>(q, 'SELECT status, COUNT(*) AS n FROM appeals GROUP BY status')) out[r.status] = r.n;
    return out;
  },

  async decidedSince(q: Sql, since: string): Promise<DecidedAppeal[]> {
    return rows<DecidedAppeal>(
      q,
      `SELECT a.status, a.original_user_id AS "originalUserId", u.username AS "originalUsername", v.body AS "verdictBody"
       FROM appeals a LEFT JOIN users u ON u.id = a.original_user_id LEFT JOIN verdicts v ON v.item_id = a.item_id
       WHERE a.status <> 'pending' AND a.decided_at >= $1`,
      [since],
    );
  },
};
