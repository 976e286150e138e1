import { maskName } from '../../lib/pii';
import type { ItemSummary, Store } from '../../store/store';

const SNIPPET = 240;

/** Tenant names by id, read once per request: a list shows the same few sites again and again. */
export async function tenantNames(store: Store): Promise<(tenantId: string) => string | null> {
  const names = new Map((await store.listTenants()).map((t) => [t.id, t.name]));
  return (id) => names.get(id) ?? null;
}

/** A list row: enough to recognise and triage an item without opening it. Text is cut, never interpreted. */
export function presentSummary(s: ItemSummary, tenantName: string | null = null): Record<string, unknown> {
  const { item } = s;
  const text = item.text ?? '';
  return {
    id: item.id,
    tenantId: item.tenantId,
    tenantName,
    externalId: item.externalId,
    kind: item.kind,
    title: item.title,
    snippet: text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text,
    imageCount: item.imageCount,
    author: { id: item.authorId, name: maskName(item.authorName) }, // masked, as in the claim answer (clause 14)
    status: item.status,
    risk: item.risk,
    suggestion: item.suggestion,
    categories: s.categories,
    decision: s.decision,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
