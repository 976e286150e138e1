import { row, run, type Sql } from './db';

/**
 * Image bytes shared by every machine (CONTRACT §10): the SQLite deployment keeps them as files in the data dir.
 * Keyed by item, image index and variant (`original`, `thumb`, `blur` …, whatever the image stage stores).
 */
export const imageBlobs = {
  async put(q: Sql, itemId: string, index: number, variant: string, bytes: Buffer, now: string): Promise<void> {
    await q.query(
      `INSERT INTO image_blobs (item_id, idx, variant, bytes, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (item_id, idx, variant) DO UPDATE SET bytes = excluded.bytes, created_at = excluded.created_at`,
      [itemId, index, variant, bytes, now],
    );
  },

  async get(q: Sql, itemId: string, index: number, variant: string): Promise<Buffer | null> {
    return (
      (await row<{ bytes: Buffer }>(q, 'SELECT bytes FROM image_blobs WHERE item_id = $1 AND idx = $2 AND variant = $3', [itemId, index, variant]))?.bytes ??
      null
    );
  },

  async removeItems(q: Sql, itemIds: string[]): Promise<number> {
    return itemIds.length ? run(q, 'DELETE FROM image_blobs WHERE item_id = ANY($1)', [itemIds]) : 0;
  },
};
