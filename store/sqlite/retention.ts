import type { Actor } from '../store';
import type { SqliteStore } from './sqlite-store';
import { TERMINAL_STATUSES } from '../rows';
import { cascadeDelete } from './cascade';
import { appendAudit } from './audit-helpers';

export interface RetentionPlan {
  asOf: string;
  cutoff: string;
  /** Finished items whose last change is older than the cutoff and that nothing holds. */
  purge: string[];
  /** Items older than the cutoff kept because of a legal hold or an incident link (any status). */
  held: string[];
}

const DAY_MS = 86_400_000;
const TERMINAL = TERMINAL_STATUSES.map((s) => `'${s}'`).join(',');

/**
 * What a retention run on `asOf` would do. The age of an item is that of its LAST change (`updated_at` — a
 * decision or delivery), so a record is kept at least `retentionDays` after it was decided, not only after it
 * arrived. Items still in the pipeline are never purged.
 */
export function planRetention(store: SqliteStore, retentionDays: number, asOf: Date): RetentionPlan {
  const cutoff = new Date(asOf.getTime() - retentionDays * DAY_MS).toISOString();
  const rows = store.db
    .prepare(
      `SELECT i.id, i.status, (i.legal_hold = 1 OR EXISTS (SELECT 1 FROM incident_items x WHERE x.item_id = i.id)) AS held
       FROM items i WHERE i.updated_at < ? AND i.created_at < ? ORDER BY i.created_at, i.id`,
    )
    .all(cutoff, cutoff) as Array<{ id: string; status: string; held: number }>;
  const purge: string[] = [];
  const held: string[] = [];
  for (const r of rows) {
    if (r.held) held.push(r.id);
    else if ((TERMINAL_STATUSES as string[]).includes(r.status)) purge.push(r.id);
  }
  return { asOf: asOf.toISOString(), cutoff, purge, held };
}

const BATCH = 200;

/**
 * Purges the plan's items in batches (short write transactions, so the pipeline keeps moving), each batch with
 * an audit row listing the ids: the audit log stays as the record of what was deleted and why. Every item is
 * re-checked inside its transaction, so one that was put on hold or changed since planning survives.
 * Returns the ids actually purged; `removeFiles` deletes each purged item's image folder after commit.
 */
export function purgeItems(store: SqliteStore, plan: RetentionPlan, actor: Actor, removeFiles: (itemId: string) => void): string[] {
  const purged: string[] = [];
  for (let i = 0; i < plan.purge.length; i += BATCH) {
    const batch = plan.purge.slice(i, i + BATCH);
    const done = store.tx(() => {
      const ok: string[] = [];
      for (const id of batch) {
        const changes = cascadeDelete(
          store.db,
          'items',
          `id = ? AND updated_at < ? AND legal_hold = 0 AND status IN (${TERMINAL}) AND NOT EXISTS (SELECT 1 FROM incident_items x WHERE x.item_id = items.id)`,
          [id, plan.cutoff],
        );
        if (changes === 1) ok.push(id);
      }
      if (ok.length) appendAudit(store, actor, 'retention.purge', null, { cutoff: plan.cutoff, asOf: plan.asOf, count: ok.length, items: ok });
      return ok;
    });
    for (const id of done) removeFiles(id);
    purged.push(...done);
  }
  return purged;
}
