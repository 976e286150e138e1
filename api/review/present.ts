import { maskName } from '../../lib/pii';
import type { Item, Lease } from '../../store/rows';
import type { Store } from '../../store/Store';

/** The item as a moderator sees it (CONTRACT §5 claim answer). */
export async function presentItem(store: Store, item: Item): Promise<Record<string, unknown>> {
  const verdict = await store.getVerdict(item.id);
  const images = await store.imagesOf(item.id);
  return {
    id: item.id,
    tenantId: item.tenantId,
    externalId: item.externalId,
    kind: item.kind,
    title: item.title,
    text: item.text,
    // Clause 14 (docs/compliance.md): the name is masked here for every role; unmasked only through the audited
    // GET /api/items/{id}/personal-data (officer, admin, auditor).
    author: { id: item.authorId, name: maskName(item.authorName) },
    url: item.url,
    meta: item.meta,
    status: item.status,
    risk: item.risk,
    suggestion: item.suggestion,
    images: images.map((img) => ({ index: img.index, name: img.name, format: img.sniffedFormat, width: img.width, height: img.height, bytes: img.bytes })),
    verdict: verdict?.body ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function presentLease(lease: Lease): { id: string; expiresAt: string; queue: string } {
  return { id: lease.id, expiresAt: lease.expiresAt, queue: lease.queue };
}
