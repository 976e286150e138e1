import type { Item } from '../rows';
import type { ItemFilter, ItemSummary } from '../sqlite/item-search';
import { ITEM_COLUMNS, toItem, type ItemRow } from './items';
import { rows, row, type Sql } from './db';

/** LIKE with the user's own % and _ taken literally. */
const likeArg = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const WAITING = new Set(['pending_review', 'escalated', 'in_review', 'screening']);

/** The console's read side over items: filtered, paged lists and an author's history (as store/sqlite/item-search.ts). */
export const itemSearch = {
  async search(q: Sql, f: ItemFilter): Promise<{ rows: ItemSummary[]; total: number }> {
    const args: unknown[] = [];
    const arg = (v: unknown): string => {
      args.push(v);
      return `$${args.length}`;
    };
    const where = [`i.status = ANY(${arg(f.statuses)})`];
    if (f.tenantId) where.push(`i.tenant_id = ${arg(f.tenantId)}`);
    if (f.authorId) where.push(`i.author_id = ${arg(f.authorId)}`);
    if (f.riskMin !== undefined) where.push(`i.risk >= ${arg(f.riskMin)}`);
    if (f.riskMax !== undefined) where.push(`i.risk <= ${arg(f.riskMax)}`);
    const now = Date.now();
    if (f.olderThanSeconds !== undefined) where.push(`i.created_at <= ${arg(new Date(now - f.olderThanSeconds * 1000).toISOString())}`);
    if (f.newerThanSeconds !== undefined) where.push(`i.created_at >= ${arg(new Date(now - f.newerThanSeconds * 1000).toISOString())}`);
    if (f.text) {
      const t = arg(likeArg(f.text));
      where.push(`(i.title ILIKE ${t} OR i.text ILIKE ${t})`);
    }
    if (f.category) {
      // The filter's finding or a human's reason: either makes an item belong to the category.
      const c = arg(f.category);
      where.push(`(EXISTS (SELECT 1 FROM verdicts v, jsonb_array_elements(v.body::jsonb -> 'labels') l
          WHERE v.item_id = i.id AND l ->> 'category' = ${c})
        OR EXISTS (SELECT 1 FROM decisions d WHERE d.item_id = i.id AND d.categories::jsonb ? ${c}))`);
    }
    const clause = where.join(' AND ');
    const total = (await row<{ n: number }>(q, `SELECT COUNT(*) AS n FROM items i WHERE ${clause}`, args))?.n ?? 0;
    // Waiting work reads best riskiest-first like the queue; finished work newest-first.
    const order = f.statuses.every((s) => WAITING.has(s)) ? 'i.risk DESC, i.created_at ASC' : 'i.updated_at DESC';
    const page = await rows<ItemRow>(
      q,
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE ${clause} ORDER BY ${order} LIMIT ${arg(f.pageSize)} OFFSET ${arg((f.page - 1) * f.pageSize)}`,
      args,
    );
    return { rows: await summaries(q, page.map(toItem)), total };
  },

  /** The author's other items on the same site, newest first, with what became of them. */
  async authorHistory(q: Sql, item: Item, limit: number): Promise<ItemSummary[]> {
    if (!item.authorId) return [];
    const found = await rows<ItemRow>(
      q,
      `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.tenant_id = $1 AND i.author_id = $2 AND i.id <> $3 ORDER BY i.created_at DESC LIMIT $4`,
      [item.tenantId, item.authorId, item.id, limit],
    );
    return summaries(q, found.map(toItem));
  },
};

/** Categories the filter found and the latest decision, for a page of items in two queries. */
async function summaries(q: Sql, list: Item[]): Promise<ItemSummary[]> {
  const ids = list.map((i) => i.id);
  const cats = await rows<{ id: string; c: string }>(
    q,
    `SELECT DISTINCT v.item_id AS id, l ->> 'category' AS c FROM verdicts v, jsonb_array_elements(v.body::jsonb -> 'labels') l
     WHERE v.item_id = ANY($1) AND l ->> 'category' IS NOT NULL`,
    [ids],
  );
  const latest = await rows<{ id: string; action: string; categories: string; userId: string | null; decidedAt: string }>(
    q,
    `SELECT DISTINCT ON (item_id) item_id AS id, action, categories, user_id AS "userId", decided_at AS "decidedAt"
     FROM decisions WHERE item_id = ANY($1) ORDER BY item_id, seq DESC`,
    [ids],
  );
  const byItem = new Map(latest.map((d) => [d.id, d]));
  return list.map((item) => {
    const d = byItem.get(item.id);
    return {
      item,
      categories: cats.filter((c) => c.id === item.id).map((c) => c.c),
      decision: d ? { action: d.action, categories: JSON.parse(d.categories) as string[], userId: d.userId, decidedAt: d.decidedAt } : null,
    };
  });
}
