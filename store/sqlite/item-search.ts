import type { Db } from './db';
import { toItem, type ItemRow } from './items';
import type { Item, ItemStatus } from '../rows';

export interface ItemFilter {
  statuses: ItemStatus[];
  tenantId?: string;
  category?: string;
  riskMin?: number;
  riskMax?: number;
  /** Only items created at least this many seconds ago. */
  olderThanSeconds?: number;
  /** Only items created at most this many seconds ago. */
  newerThanSeconds?: number;
  authorId?: string;
  /** Substring of title or text. */
  text?: string;
  page: number;
  pageSize: number;
}

export interface ItemSummary {
  item: Item;
  categories: string[];
  decision: { action: string; categories: string[]; userId: string | null; decidedAt: string } | null;
}

/** LIKE with the user's own % and _ taken literally. */
const likeArg = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The console's read side over items: filtered, paged lists and an author's history. Kept apart from
 * ItemsTable, which serves the pipeline's hot paths.
 */
export class ItemSearch {
  constructor(private readonly db: Db) {}

  search(f: ItemFilter): { rows: ItemSummary[]; total: number } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    where.push(`i.status IN (${f.statuses.map((_, n) => `@s${n}`).join(',')})`);
    f.statuses.forEach((s, n) => (args[`s${n}`] = s));
    if (f.tenantId) {
      where.push('i.tenant_id = @tenant');
      args.tenant = f.tenantId;
    }
    if (f.authorId) {
      where.push('i.author_id = @author');
      args.author = f.authorId;
    }
    if (f.riskMin !== undefined) {
      where.push('i.risk >= @riskMin');
      args.riskMin = f.riskMin;
    }
    if (f.riskMax !== undefined) {
      where.push('i.risk <= @riskMax');
      args.riskMax = f.riskMax;
    }
    const now = Date.now();
    if (f.olderThanSeconds !== undefined) {
      where.push('i.created_at <= @olderThan');
      args.olderThan = new Date(now - f.olderThanSeconds * 1000).toISOString();
    }
    if (f.newerThanSeconds !== undefined) {
      where.push('i.created_at >= @newerThan');
      args.newerThan = new Date(now - f.newerThanSeconds * 1000).toISOString();
    }
    if (f.text) {
      where.push(`(i.title LIKE @text ESCAPE '\\' OR i.text LIKE @text ESCAPE '\\')`);
      args.text = likeArg(f.text);
    }
    if (f.category) {
      // The filter's finding or a human's reason: either makes an item belong to the category.
      where.push(`(EXISTS (SELECT 1 FROM verdicts v, json_each(v.body, '$.labels') l
          WHERE v.item_id = i.id AND json_extract(l.value, '$.category') = @category)
        OR EXISTS (SELECT 1 FROM decisions d, json_each(d.categories) c WHERE d.item_id = i.id AND c.value = @category))`);
      args.category = f.category;
    }
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM items i WHERE ${clause}`).get(args) as { n: number }).n;
    // Waiting work reads best riskiest-first like the queue; finished work newest-first.
    const waiting = f.statuses.every((s) => s === 'pending_review' || s === 'escalated' || s === 'in_review' || s === 'screening');
    const order = waiting ? 'i.risk DESC, i.created_at ASC' : 'i.updated_at DESC';
    const rows = this.db
      .prepare(`SELECT i.* FROM items i WHERE ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...args, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as ItemRow[];
    return { rows: rows.map((r) => this.summary(toItem(r))), total };
  }

  /** The author's other items on the same site, newest first, with what became of them. */
  authorHistory(item: Item, limit: number): ItemSummary[] {
    if (!item.authorId) return [];
    const rows = this.db
      .prepare('SELECT * FROM items WHERE tenant_id = ? AND author_id = ? AND id <> ? ORDER BY created_at DESC LIMIT ?')
      .all(item.tenantId, item.authorId, item.id, limit) as ItemRow[];
    return rows.map((r) => this.summary(toItem(r)));
  }

  private summary(item: Item): ItemSummary {
    const v = this.db
      .prepare(`SELECT DISTINCT json_extract(l.value, '$.category') AS c FROM verdicts v, json_each(v.body, '$.labels') l WHERE v.item_id = ?`)
      .all(item.id) as Array<{ c: string }>;
    const d = this.db.prepare('SELECT action, categories, user_id, decided_at FROM decisions WHERE item_id = ? ORDER BY seq DESC LIMIT 1').get(item.id) as
      { action: string; categories: string; user_id: string | null; decided_at: string } | undefined;
    return {
      item,
      categories: v.map((r) => r.c).filter(Boolean),
      decision: d ? { action: d.action, categories: JSON.parse(d.categories) as string[], userId: d.user_id, decidedAt: d.decided_at } : null,
    };
  }
}
