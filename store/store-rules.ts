/**
 * The pure parts of the store's behaviour — what a webhook says, how appeal statistics and a tenant's learning
 * summary are counted, which escalated-queue job an item waits under, which queue an ended lease returns to — in one
 * copy, so the SQLite and PostgreSQL stores cannot drift apart. No I/O: each store reads the rows and calls these.
 */
import { AppError, appError, type ErrorCode } from '../lib/errors';
import type { Category } from '../rules/categories';
import type { Verdict } from '../rules/types';
import type { Appeal, AuditEntry, Decision, Delivery, Item, ItemStatus, Lease } from './rows';
import type { Actor, AppealRate, AppealStats, LearningSummary } from './store';
import { jobIds } from './store';

/** The webhook delivery (and its body) a decision asks for; `extra` adds fields such as the appeal. */
export function webhookDelivery(
  item: Item,
  decision: Decision,
  type: string,
  status: ItemStatus,
  now: string,
  deliveryId: string,
  extra: Record<string, unknown> = {},
): Delivery {
  const body = JSON.stringify({
    type,
    id: item.id,
    externalId: item.externalId,
    status,
    decision: { action: decision.action, categories: decision.categories, note: decision.note, decidedAt: decision.decidedAt },
    ...extra,
  });
  return {
    id: deliveryId,
    tenantId: item.tenantId,
    itemId: item.id,
    decisionId: decision.id,
    type,
    body,
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
    deliveredAt: null,
  };
}

/** Where an ended lease's item waits again: the review queue, or the escalated queue as an appeal or an escalation. */
export function statusAfterLease(lease: Lease, appealPending: boolean): ItemStatus {
  if (lease.queue === 'review') return 'pending_review';
  return appealPending ? 'appealed' : 'escalated';
}

/** The escalated-queue job id an escalated or appealed item waits under (for the reconciler and bulk claims). */
export function escalatedJobIdOf(itemId: string, latest: Decision | null, pendingAppeal: Appeal | null): string {
  if (pendingAppeal) {
    const passedOn = latest && latest.action === 'escalate' && latest.decidedAt >= pendingAppeal.createdAt;
    return jobIds.appeal(pendingAppeal.id, passedOn ? latest.id : undefined);
  }
  return latest?.action === 'escalate' ? jobIds.escalated(itemId, latest.id) : `esc-${itemId}-r`;
}

/** One decided appeal with what the statistics need: who made the appealed decision and what the filter hit. */
export interface DecidedAppeal {
  status: 'approved' | 'rejected';
  originalUserId: string | null;
  originalUsername: string | null;
  verdictBody: string | null;
}

/** Appeal counts and overturn rates (approved appeals / decided appeals) per original moderator and per rule hit. */
export function appealStatsOf(counts: Record<Appeal['status'], number>, decided: DecidedAppeal[]): AppealStats {
  const byModerator = new Map<string, AppealRate>();
  const byRule = new Map<string, AppealRate>();
  const bump = (m: Map<string, AppealRate>, key: string, label: string, overturned: boolean) => {
    const r = m.get(key) ?? { key, label, decided: 0, overturned: 0, overturnRate: 0 };
    r.decided++;
    if (overturned) r.overturned++;
    r.overturnRate = r.overturned / r.decided;
    m.set(key, r);
  };
  for (const a of decided) {
    const overturned = a.status === 'approved';
    if (a.originalUserId) bump(byModerator, a.originalUserId, a.originalUsername ?? a.originalUserId, overturned);
    const verdict = a.verdictBody ? (JSON.parse(a.verdictBody) as Verdict) : null;
    const rules = new Set(verdict?.labels.flatMap((l) => l.hits.map((h) => h.rule)) ?? []);
    for (const rule of rules) bump(byRule, rule, rule, overturned);
  }
  const sorted = (m: Map<string, AppealRate>) => [...m.values()].sort((x, y) => y.overturned - x.overturned || y.decided - x.decided);
  const total = counts.approved + counts.rejected;
  return {
    pending: counts.pending,
    approved: counts.approved,
    rejected: counts.rejected,
    overturnRate: total ? counts.approved / total : 0,
    byModerator: sorted(byModerator),
    byRule: sorted(byRule),
  };
}

/** A tenant's learning summary from its examples grouped by `rejected_as` (the JSON array of categories). */
export function learningSummaryOf(
  tenantId: string,
  groups: Array<{ rejectedAs: string; n: number; last: string }>,
  generation: { generation: number; resetAt: string } | null,
): LearningSummary {
  const rejections: Partial<Record<Category, number>> = {};
  let examples = 0;
  let approvals = 0;
  let lastAt: string | null = null;
  for (const g of groups) {
    examples += g.n;
    if (!lastAt || g.last > lastAt) lastAt = g.last;
    const cats = JSON.parse(g.rejectedAs) as Category[];
    if (cats.length === 0) approvals += g.n;
    for (const c of cats) rejections[c] = (rejections[c] ?? 0) + g.n;
  }
  return { tenantId, examples, approvals, rejections, lastAt, generation: generation?.generation ?? 0, resetAt: generation?.resetAt ?? null };
}

/** The text read from an item's images, as the screen worker passed it to the filter (`images[N].ocr`). */
export function ocrFields(verdictBody: string | null): Record<string, string> | undefined {
  if (!verdictBody) return undefined;
  const found = (JSON.parse(verdictBody) as Verdict).images ?? [];
  const fields: Record<string, string> = {};
  for (const img of found) if (img.ocrText) fields[`images[${img.index}].ocr`] = img.ocrText;
  return Object.keys(fields).length ? fields : undefined;
}

/** An audit row's fields for `actor` doing `action` on `target`. */
export function auditFields(
  actor: Actor,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
): Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'> {
  return {
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    ip: actor.ip,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    details,
  };
}

/** The codes the stores' triggers raise (the same tokens in SQLite and PostgreSQL), each a stable 409 in the catalogue. */
export const GUARD_CODES = ['STATUS_GUARD', 'HUMAN_APPROVAL_REQUIRED', 'ROLE_GUARD', 'APPEND_ONLY', 'APPEAL_GUARD'] as const satisfies readonly ErrorCode[];

/** A trigger's refusal (its token in the database error's message) as the same 409 in either store; other errors pass. */
export function asGuardRefusal(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const code = GUARD_CODES.find((c) => new RegExp(`\\b${c}\\b`).test(msg));
  return code ? appError(code, msg) : err;
}
