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
   * Inserts the items whose (tenant, externalId) is new, in one statement, and returns the ids inserted. ON CONFLICT
   * waits for a concurrent insert of the same key to commit, so two processes ingesting one item at once create it
   * once; within the list the first of two equal keys wins.
   */
  async insertNew(q: Sql, list: NewItem[]): Promise<Set<string>> {
    const col = <K extends keyof NewItem>(k: K) => list.map((i) => i[k]);
    const inserted = await rows<{ id: string }>(
      q,
      `INSERT INTO items (id, tenant_id, external_id, body_hash, kind, title, text, author_id, author_name, author_ip, url, meta, source_ip,
         image_count, status, created_at, updated_at)
       SELECT id, tenant_id, external_id, body_hash, kind, title, text, author_id, author_name, author_ip, url, meta, source_ip,
         image_count, 'screening', created_at, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
         $11::text[], $12::text[], $13::text[], $14::int[], $15::text[]) WITH ORDINALITY
         AS u(id, tenant_id, external_id, body_hash, kind, title, text, author_id, author_name, author_ip, url, meta, source_ip, image_count, created_at, n)
       ORDER BY n
       ON CONFLICT (tenant_id, external_id) DO NOTHING
       RETURNING id`,
      [
        col('id'),
        col('tenantId'),
        col('externalId'),
        col('bodyHash'),
        col('kind'),
        col('title'),
        col('text'),
        col('authorId'),
        col('authorName'),
        col('authorIp'),
        col('url'),
        list.map((i) => (i.meta ? JSON.stringify(i.meta) : null)),
        col('sourceIp'),
        col('imageCount'),
        col('createdAt'),
      ],
    );
    return new Set(inserted.map((r) => r.id));
  },

  /** The stored items with these (tenant, externalId) keys. */
  async byExternalIds(q: Sql, keys: Array<{ tenantId: string; externalId: string }>): Promise<Item[]> {
    if (keys.length === 0) return [];
    return (
      await rows<ItemRow>(
        q,
        `SELECT ${ITEM_COLUMNS} FROM items i JOIN unnest($1::text[], $2::text[]) AS k(t, e) ON i.tenant_id = k.t AND i.external_id = k.e`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.externalId)],
      )
    ).map(toItem);
  },

  /** `forUpdate` locks the row until commit: the read-then-write transactions rely on it as SQLite relies on BEGIN IMMEDIATE. */
  async byId(q: Sql, id: string, forUpdate = false): Promise<Item | null> {
    const r = await row<ItemRow>(q, `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
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
  async insertMany(q: Sql, list: ImageRecord[]): Promise<void> {
    if (list.length === 0) return;
    await q.query(
      `INSERT INTO images (item_id, idx, name, declared_format, sniffed_format, bytes, sha256)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])`,
      [
        list.map((i) => i.itemId),
        list.map((i) => i.index),
        list.map((i) => i.name),
        list.map((i) => i.declaredFormat),
        list.map((i) => i.sniffedFormat),
        list.map((i) => i.bytes),
        list.map((i) => i.sha256),
      ],
    );
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
