/* Stored items for the benchmarks, made through the store's own ingest and verdict path (either store). */
import { newId, nowIso } from '../lib/ids';
import type { NewItem, Store } from '../store/store';

/** A text comment of tenant `tenantId`, numbered `i` within the batch `tag`. */
export function benchItem(tenantId: string, i: number, tag: string, text = `压测评论 ${i}：今天天气不错，大家周末愉快。`): NewItem {
  return {
    id: newId('it'),
    tenantId,
    externalId: `${tag}-${i}`,
    bodyHash: `h${tag}${i}`,
    kind: 'comment',
    title: null,
    text,
    authorId: `u${i % 500}`,
    authorName: null,
    authorIp: null,
    url: null,
    meta: null,
    sourceIp: null,
    imageCount: 0,
    createdAt: nowIso(),
  };
}

/** Runs `one(0 … count-1)`, 200 at a time (the store groups concurrent ingests into one commit). */
export async function inBatches(count: number, one: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += 200) await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, k) => one(i + k)));
}

/** `count` items waiting for review (ingested, then screened to `review` with risks 0–0.99 in turn). */
export async function seedWaiting(store: Store, tenantId: string, count: number, tag: string, text?: (i: number) => string): Promise<void> {
  await inBatches(count, async (i) => {
    const item = benchItem(tenantId, i, tag, text?.(i));
    await store.ingest(item, []);
    await store.recordVerdict(item.id, { id: item.id, suggestion: 'review', risk: (i % 100) / 100, labels: [], engine: { rules: 'bench', model: 'none' } });
  });
}
