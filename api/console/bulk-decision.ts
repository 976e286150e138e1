import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { CATEGORIES } from '../../rules/categories';
import { requireRole } from '../auth/session';
import { clientIp } from '../http';
import type { RouteModule } from '../server';
import { parse } from './common';
import { REVIEWER_ROLES } from '../../lib/roles';

export const bulkSchema = z
  .object({
    itemIds: z.array(z.string().min(1).max(64)).min(1).max(200),
    action: z.enum(['approve', 'reject']),
    categories: z.array(z.enum(CATEGORIES)).max(12).default([]),
    note: z.string().max(2000).nullish(),
  })
  .refine((b) => b.action !== 'reject' || b.categories.length > 0, { message: 'reject needs at least one category', path: ['categories'] });

interface BulkResult {
  itemId: string;
  ok: boolean;
  decisionId?: string;
  status?: string;
  error?: { code: string; message: string };
}

/**
 * `POST /api/review/bulk`: approve or reject a selection from the lists. No shortcut around the human-decision
 * path: each item is claimed under its own lease and decided on it, so each gets its own decision row and audit
 * row, and an item someone else is looking at (or already decided) is reported, not overridden.
 */
export const bulkDecision: RouteModule = (router, deps, { staff }) => {
  router.post('/review/bulk', ...staff, requireRole(...REVIEWER_ROLES), async (req, res) => {
    const body = parse(bulkSchema, req.body);
    const user = req.user!;
    const ip = clientIp(req);
    const categories = [...new Set(body.categories)];
    const results: BulkResult[] = [];
    let poke = false;
    for (const itemId of [...new Set(body.itemIds)]) {
      try {
        const claimed = await deps.reviewQueue.claimItem(itemId, user, ip);
        if (!claimed) {
          results.push({ itemId, ok: false, error: { code: 'NOT_WAITING', message: '条目不在可审核队列中 (item is not waiting for your role)' } });
          continue;
        }
        const r = await deps.reviewQueue.decide({ leaseId: claimed.lease.id, user, action: body.action, categories, note: body.note ?? null, ip });
        poke ||= r.outbox;
        results.push({ itemId, ok: true, decisionId: r.decision.id, status: r.item.status });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ itemId, ok: false, error: { code: err.code, message: err.message } });
      }
    }
    if (poke) deps.pokeOutbox();
    res.json({ results, decided: results.filter((r) => r.ok).length });
  });
};
