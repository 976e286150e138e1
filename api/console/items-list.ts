import { z } from 'zod';
import { CATEGORIES } from '../../rules/categories';
import type { ItemStatus } from '../../store/rows';
import { requireRole } from '../auth/session';
import type { RouteModule } from '../server';
import { parse } from './common';
import { presentSummary, tenantNames } from './present';
import { READER_ROLES } from '../../lib/roles';

/** The list tabs of the UI; `pending` includes items someone is looking at right now. */
const STATUS_GROUPS: Record<string, ItemStatus[]> = {
  pending: ['pending_review', 'in_review'],
  escalated: ['escalated', 'appealed'],
  appealed: ['appealed'],
  blocked: ['blocked'],
  approved: ['approved'],
  rejected: ['rejected'],
  published: ['published'],
  screening: ['screening'],
};

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

export const querySchema = z.object({
  status: z.enum(Object.keys(STATUS_GROUPS) as [string, ...string[]]).default('pending'),
  tenant: z.string().max(64).optional(),
  category: z.enum(CATEGORIES).optional(),
  riskMin: num(0, 1).optional(),
  riskMax: num(0, 1).optional(),
  olderThanMinutes: num(0, 525_600).optional(),
  newerThanMinutes: num(0, 525_600).optional(),
  author: z.string().max(128).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /api/items`: filtered, paged lists of items by status group (all staff). */
export const itemsList: RouteModule = (router, deps, { staff }) => {
  router.get('/items', ...staff, requireRole(...READER_ROLES), async (req, res) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    const q = parse(querySchema, raw, 'INVALID_QUERY');
    const { rows, total } = await deps.store.searchItems({
      statuses: STATUS_GROUPS[q.status],
      tenantId: q.tenant,
      category: q.category,
      riskMin: q.riskMin,
      riskMax: q.riskMax,
      olderThanSeconds: q.olderThanMinutes !== undefined ? q.olderThanMinutes * 60 : undefined,
      newerThanSeconds: q.newerThanMinutes !== undefined ? q.newerThanMinutes * 60 : undefined,
      authorId: q.author,
      text: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
    const nameOf = await tenantNames(deps.store);
    res.json({ items: rows.map((r) => presentSummary(r, nameOf(r.item.tenantId))), total, page: q.page, pageSize: q.pageSize, status: q.status });
  });
};
