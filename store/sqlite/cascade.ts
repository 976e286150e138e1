import type { Db } from './db';

interface ForeignKey {
  table: string;
  from: string;
  to: string;
}

/** Tables that are the record itself: retention never cascades into them (their rows keep an item held instead). */
const NEVER_CASCADE = new Set(['audit', 'incident_items', 'incident_steps', 'incidents', 'exports']);

/** Every single-column foreign key that points at `parent`, read from the schema so that tables added by later migrations are covered too. */
function referencing(db: Db, parent: string): ForeignKey[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>;
  const out: ForeignKey[] = [];
  for (const { name } of tables) {
    const fks = db.prepare(`SELECT "table" AS parent, "from" AS fromCol, "to" AS toCol FROM pragma_foreign_key_list(?)`).all(name) as Array<{
      parent: string;
      fromCol: string;
      toCol: string | null;
    }>;
    for (const fk of fks) if (fk.parent === parent) out.push({ table: name, from: fk.fromCol, to: fk.toCol ?? 'rowid' });
  }
  return out;
}

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/**
 * Deletes the rows of `table` matching `where`, children first (depth-first along foreign keys), so an item goes
 * with its images, verdict, leases, decisions, deliveries and their attempts — and with whatever later migrations
 * hang off items. Call inside a transaction. Throws if a child table is one of the record tables above.
 */
export function cascadeDelete(db: Db, table: string, where: string, params: unknown[], depth = 0): number {
  if (depth > 8) throw new Error(`cascadeDelete: foreign keys nested too deep at ${table}`);
  for (const fk of referencing(db, table)) {
    if (fk.table === table) continue;
    const childWhere = `${quote(fk.from)} IN (SELECT ${quote(fk.to)} FROM ${quote(table)} WHERE ${where})`;
    if (NEVER_CASCADE.has(fk.table)) {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${quote(fk.table)} WHERE ${childWhere}`).get(...params) as { n: number }).n;
      if (n > 0) throw new Error(`cascadeDelete: ${fk.table} still refers to rows of ${table}`);
      continue;
    }
    cascadeDelete(db, fk.table, childWhere, params, depth + 1);
  }
  return db.prepare(`DELETE FROM ${quote(table)} WHERE ${where}`).run(...params).changes;
}
