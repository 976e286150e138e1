import { z } from 'zod';
import { appError } from '../../lib/errors';
import { maskName } from '../../lib/pii';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { parse } from './common';
import { presentSummary, tenantNames } from './present';
import { READER_ROLES } from '../../lib/roles';

export const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** `GET /api/items/{id}/author-history`: the same author's earlier items on the same site and their outcomes. */
export const authorHistory: RouteModule = (router, deps, { staff }) => {
  router.get('/items/:id/author-history', ...staff, requireRole(...READER_ROLES), async (req, res) => {
    const { limit } = parse(querySchema, req.query, 'INVALID_QUERY');
    const item = await deps.store.getItem(String(req.params.id));
    if (!item) throw appError('ITEM_NOT_FOUND');
    const rows = await deps.store.authorHistory(item, limit);
    const outcomes: Record<string, number> = {};
    for (const r of rows) outcomes[r.item.status] = (outcomes[r.item.status] ?? 0) + 1;
    const nameOf = await tenantNames(deps.store);
    res.json({ author: { id: item.authorId, name: maskName(item.authorName) }, items: rows.map((r) => presentSummary(r, nameOf(r.item.tenantId))), outcomes });
  });
};
