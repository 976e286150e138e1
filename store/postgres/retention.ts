import { TERMINAL_STATUSES } from '../rows';
import type { RetentionPlan } from '../sqlite/retention';
import { appendAudit, type AuditActor } from './audit';
import { rows, run, type Sql } from './db';
import { imageBlobs } from './image-blobs';

const DAY_MS = 86_400_000;

/** Tables that are the record itself: retention never cascades into them (their rows keep an item held instead). */
const NEVER_CASCADE = new Set(['audit', 'incident_items', 'incident_steps', 'incidents', 'exports']);

interface ForeignKey {
  table: string;
  from: string;
  to: string;
}

/** Every single-column foreign key pointing at `parent`, read from the catalog, so later migrations' tables are covered. */
async function referencing(c: Sql, parent: string): Promise<ForeignKey[]> {
  return rows<ForeignKey>(
    c,
    `SELECT cl.relname AS "table", a.attname AS "from", af.attname AS "to"
     FROM pg_constraint k
     JOIN pg_class cl ON cl.oid = k.conrelid
     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
     JOIN pg_attribute af ON af.attrelid = k.confrelid AND af.attnum = k.confkey[1]
     WHERE k.contype = 'f' AND k.confrelid = to_regclass($1) AND cardinality(k.conkey) = 1
     ORDER BY cl.relname`,
    [parent],
  );
}

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/**
 * Deletes the rows of `table` matching `where`, children first (depth-first along foreign keys), as the SQLite store's
 * cascadeDelete. Throws if a child row lives in one of the record tables above.
 */
async function cascadeDelete(c: Sql, table: string, where: string, params: unknown[], depth = 0): Promise<number> {
  if (depth > 8) throw new Error(`cascadeDelete: foreign keys nested too deep at ${table}`);
  for (const fk of await referencing(c, table)) {
    if (fk.table === table) continue;
    const childWhere = `${quote(fk.from)} IN (SELECT ${quote(fk.to)} FROM ${quote(table)} WHERE ${where})`;
    if (NEVER_CASCADE.has(fk.table)) {
      const [{ n }] = await rows<{ n: number }>(c, `SELECT COUNT(*) AS n FROM ${quote(fk.table)} WHERE ${childWhere}`, params);
      if (n > 0) throw new Error(`cascadeDelete: ${fk.table} still refers to rows of ${table}`);
      continue;
    }
    await cascadeDelete(c, fk.table, childWhere, params, depth + 1);
  }
  return run(c, `DELETE FROM ${quote(table)} WHERE ${where}`, params);
}

/** Retention (invariant 5): what may go, and the purge itself; see store/sqlite/retention.ts for the rules. */
export const retention = {
  async plan(c: Sql, retentionDays: number, asOf: Date): Promise<RetentionPlan> {
    const cutoff = new Date(asOf.getTime() - retentionDays * DAY_MS).toISOString();
    const found = await rows<{ id: string; status: string; held: boolean }>(
      c,
      `SELECT i.id, i.status, (i.legal_hold OR EXISTS (SELECT 1 FROM incident_items x WHERE x.item_id = i.id)) AS held
       FROM items i WHERE i.updated_at < $1 AND i.created_at < $1 ORDER BY i.created_at, i.id`,
      [cutoff],
    );
    const purge: string[] = [];
    const held: string[] = [];
    for (const r of found) {
      if (r.held) held.push(r.id);
      else if ((TERMINAL_STATUSES as string[]).includes(r.status)) purge.push(r.id);
    }
    return { asOf: asOf.toISOString(), cutoff, purge, held };
  },

  /**
   * Purges one batch inside the caller's transaction, re-checking each item (one put on hold or changed since planning
   * survives), with an audit row listing what went. Returns the ids purged.
   */
  async purgeBatch(c: Sql, plan: RetentionPlan, batch: string[], actor: AuditActor): Promise<string[]> {
    const ok: string[] = [];
    for (const id of batch) {
      const changes = await cascadeDelete(
        c,
        'items',
        `id = $1 AND updated_at < $2 AND NOT legal_hold AND status = ANY($3) AND NOT EXISTS (SELECT 1 FROM incident_items x WHERE x.item_id = items.id)`,
        [id, plan.cutoff, TERMINAL_STATUSES],
      );
      if (changes === 1) ok.push(id);
    }
    await imageBlobs.removeItems(c, ok);
    if (ok.length) await appendAudit(c, actor, 'retention.purge', null, { cutoff: plan.cutoff, asOf: plan.asOf, count: ok.length, items: ok });
    return ok;
  },
};
