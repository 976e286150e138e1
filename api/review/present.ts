import { maskName } from '../../lib/pii';
import type { Appeal, Item, Lease } from '../../store/rows';
import type { Store } from '../../store/store';

/** The item as a moderator sees it (CONTRACT §5 claim answer). */
export async function presentItem(store: Store, item: Item): Promise<Record<string, unknown>> {
  const verdict = await store.getVerdict(item.id);
  const images = await store.imagesOf(item.id);
  const appeal = await store.appealOf(item.id);
  const tenant = await store.getTenant(item.tenantId);
  return {
    id: item.id,
    tenantId: item.tenantId,
    tenantName: tenant?.name ?? null,
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
    // Side by side on the review screen: what is asked, and the decision it is asked against.
    appeal: appeal ? await presentAppeal(store, appeal) : null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function presentLease(lease: Lease): { id: string; expiresAt: string; queue: string } {
  return { id: lease.id, expiresAt: lease.expiresAt, queue: lease.queue };
}

async function presentAppeal(store: Store, appeal: Appeal): Promise<Record<string, unknown>> {
  const original = await store.decisionById(appeal.originalDecisionId);
  const by = original?.userId ? await store.getUser(original.userId) : null;
  return {
    id: appeal.id,
    status: appeal.status,
    reason: appeal.reason,
    createdAt: appeal.createdAt,
    decidedAt: appeal.decidedAt,
    original: original
      ? { action: original.action, categories: original.categories, note: original.note, decidedAt: original.decidedAt, by: by?.username ?? null }
      : null,
  };
}
