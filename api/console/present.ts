import { maskName } from '../../lib/pii';
import type { ItemSummary } from '../../store/item-search';

const SNIPPET = 240;

/** A list row: enough to recognise and triage an item without opening it. Text is cut, never interpreted. */
export function presentSummary(s: ItemSummary): Record<string, unknown> {
  const { item } = s;
  const text = item.text ?? '';
  return {
    id: item.id,
    tenantId: item.tenantId,
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
