import type { ImageRecord, Item, ItemStatus, StoredVerdict } from '../rows';
import { rows, row, run, type Sql } from './db';

export type NewItem = Omit<Item, 'status' | 'risk' | 'suggestion' | 'legalHold' | 'updatedAt'>;

/** Columns as the domain names them; JSON and booleans are fixed up by toItem. */
export const ITEM_COLUMNS = `i.id, i.tenant_id AS "tenantId", i.external_id AS "externalId", i.body_hash AS "bodyHash", i.kind, i.title, i.text,
  i.author_id AS "authorId", i.author_name AS "authorName", i.author_ip AS "authorIp", i.url, i.meta, i.source_ip AS "sourceIp",
  i.image_count AS "imageCount", i.status, i.risk, i.suggestion, i.legal_hold AS "legalHold", i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

export type ItemRow = Omit<Item, 'meta'> & { meta: string | null };

export const toItem = (r: ItemRow): Item => ({ ...r, meta: r.meta ? (JSON.parse(r.meta) as Record<string, unknown>) : null });

export const items = {
  /**
   * Inserts unless (tenant, externalId) exists. ON CONFLICT waits for a concurrent insert of the same key to commit,
   * so two processes ingesting the same item at once create it once. Returns false when it existed.
   */
  async insertIfNew(q: Sql, item: NewItem): Promise<boolean> {
    const n = await run(
      q,
      `INSERT INTO items (id, tenant_id, external_id, body_hash, kind, title, text, author_id, author_name, author_ip, url, meta, source_ip,
        image_count, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'screening', $15, $15)
       ON CONFLICT (tenant_id, external_id) DO NOTHING`,
      [
        item.id,
        item.tenantId,
        item.externalId,
        item.bodyHash,
        item.kind,
        item.title,
        item.text,
        item.authorId,
        item.authorName,
        item.authorIp,
        item.url,
        item.meta ? JSON.stringify(item.meta) : null,
        item.sourceIp,
        item.imageCount,
        item.createdAt,
      ],
    );
    return n === 1;
  },

  /** `forUpdate` locks the row until commit: the read-then-write transactions rely on it as SQLite relies on BEGIN IMMEDIATE. */
  async byId(q: Sql, id: string, forUpdate = false): Promise<Item | null> {
    const r = await row<ItemRow>(q, `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toItem(r) : null;
  },

  async byExternalId(q: Sql, tenantId: string, externalId: string): Promise<Item | null> {
    const r = await row<ItemRow>(q, `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.tenant_id = $1 AND i.external_id = $2`, [tenantId, externalId]);
    return r ? toItem(r) : null;
  },

  /** The guarded update of invariant 3: changes the row only if it is still in the state the caller expects. */
  async transition(q: Sql, id: string, from: ItemStatus, to: ItemStatus, now: string): Promise<boolean> {
    return (await run(q, 'UPDATE items SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4', [to, now, id, from])) === 1;
  },

  async setScore(q: Sql, id: string, risk: number, suggestion: string): Promise<void> {
    await q.query('UPDATE items SET risk = $1, suggestion = $2 WHERE id = $3', [risk, suggestion, id]);
  },

  async idsInStatus(
    q: Sql,
    statuses: ItemStatus[],
    limit = 100_000,
  ): Promise<Array<{ id: string; status: ItemStatus; risk: number; createdAt: string; updatedAt: string }>> {
    return rows(
      q,
      `SELECT id, status, risk, created_at AS "createdAt", updated_at AS "updatedAt" FROM items WHERE status = ANY($1) ORDER BY created_at LIMIT $2`,
      [statuses, limit],
    );
  },

  async countByStatus(q: Sql): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const r of await rows<{ status: string; n: number }>(q, 'SELECT status, COUNT(*) AS n FROM items GROUP BY status')) out[r.status] = r.n;
    return out;
  },

  async oldestCreatedAt(q: Sql, statuses: ItemStatus[]): Promise<string | null> {
    return (await row<{ t: string | null }>(q, 'SELECT MIN(created_at) AS t FROM items WHERE status = ANY($1)', [statuses]))?.t ?? null;
  },
};

const IMAGE_COLUMNS = `item_id AS "itemId", idx AS "index", name, declared_format AS "declaredFormat", sniffed_format AS "sniffedFormat",
  bytes, sha256, width, height, phash, stored_format AS "storedFormat"`;

export const images = {
  async insert(q: Sql, img: ImageRecord): Promise<void> {
    await q.query('INSERT INTO images (item_id, idx, name, declared_format, sniffed_format, bytes, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      img.itemId,
      img.index,
      img.name,
      img.declaredFormat,
      img.sniffedFormat,
      img.bytes,
      img.sha256,
    ]);
  },

  async setAnalysis(
    q: Sql,
    itemId: string,
    index: number,
    a: { width: number | null; height: number | null; phash: string | null; storedFormat: string | null },
  ): Promise<void> {
    await q.query('UPDATE images SET width = $1, height = $2, phash = $3, stored_format = $4 WHERE item_id = $5 AND idx = $6', [
      a.width,
      a.height,
      a.phash,
      a.storedFormat,
      itemId,
      index,
    ]);
  },

  async forItem(q: Sql, itemId: string): Promise<ImageRecord[]> {
    return rows<ImageRecord>(q, `SELECT ${IMAGE_COLUMNS} FROM images WHERE item_id = $1 ORDER BY idx`, [itemId]);
  },
};

export const verdicts = {
  async insert(q: Sql, v: StoredVerdict): Promise<void> {
    await q.query('INSERT INTO verdicts (item_id, suggestion, risk, body, created_at) VALUES ($1, $2, $3, $4, $5)', [
      v.itemId,
      v.suggestion,
      v.risk,
      JSON.stringify(v.body),
      v.createdAt,
    ]);
  },

  async forItem(q: Sql, itemId: string): Promise<StoredVerdict | null> {
    const r = await row<Omit<StoredVerdict, 'body'> & { body: string }>(
      q,
      'SELECT item_id AS "itemId", suggestion, risk, body, created_at AS "createdAt" FROM verdicts WHERE item_id = $1',
      [itemId],
    );
    return r ? { ...r, body: JSON.parse(r.body) as StoredVerdict['body'] } : null;
  },
};
