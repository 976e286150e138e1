import type { Db } from './db';
import type { Appeal } from '../rows';

interface AppealRow {
  id: string;
  item_id: string;
  tenant_id: string;
  reason: string;
  status: Appeal['status'];
  original_decision_id: string;
  original_user_id: string | null;
  created_at: string;
  decision_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

const toAppeal = (r: AppealRow): Appeal => ({
  id: r.id,
  itemId: r.item_id,
  tenantId: r.tenant_id,
  reason: r.reason,
  status: r.status,
  originalDecisionId: r.original_decision_id,
  originalUserId: r.original_user_id,
  createdAt: r.created_at,
  decisionId: r.decision_id,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

/** One decided appeal with what the dashboard needs: who made the appealed decision and what the filter hit. */
export interface DecidedAppeal {
  status: 'approved' | 'rejected';
  originalUserId: string | null;
  originalUsername: string | null;
  verdictBody: string | null;
}

/** Appeals: one row per item (UNIQUE), pending until decided once (triggers refuse anything else). */
export class AppealsTable {
  constructor(private readonly db: Db) {}

  insert(a: Appeal): void {
    this.db
      .prepare(
        `INSERT INTO appeals (id, item_id, tenant_id, reason, status, original_decision_id, original_user_id, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(a.id, a.itemId, a.tenantId, a.reason, a.originalDecisionId, a.originalUserId, a.createdAt);
  }

  forItem(itemId: string): Appeal | null {
    const r = this.db.prepare('SELECT * FROM appeals WHERE item_id = ?').get(itemId) as AppealRow | undefined;
    return r ? toAppeal(r) : null;
  }

  pendingForItem(itemId: string): Appeal | null {
    const a = this.forItem(itemId);
    return a?.status === 'pending' ? a : null;
  }

  /** Guarded: only a pending appeal is decided. */
  decide(id: string, status: 'approved' | 'rejected', decisionId: string, userId: string, at: string): boolean {
    return (
      this.db
        .prepare(`UPDATE appeals SET status = ?, decision_id = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`)
        .run(status, decisionId, userId, at, id).changes === 1
    );
  }

  countByStatus(): Record<Appeal['status'], number> {
    const out: Record<Appeal['status'], number> = { pending: 0, approved: 0, rejected: 0 };
    for (const r of this.db.prepare('SELECT status, COUNT(*) AS n FROM appeals GROUP BY status').all() as Array<{ status: Appeal['status']; n: number }>)
      out[r.status] = r.n;
    return out;
  }

  decidedSince(since: string): DecidedAppeal[] {
    return this.db
      .prepare(
        `SELECT a.status, a.original_user_id AS originalUserId, u.username AS originalUsername, v.body AS verdictBody
         FROM appeals a LEFT JOIN users u ON u.id = a.original_user_id LEFT JOIN verdicts v ON v.item_id = a.item_id
         WHERE a.status <> 'pending' AND a.decided_at >= ?`,
      )
      .all(since) as DecidedAppeal[];
  }
}
