import { z } from 'zod';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { parse, roles } from './common';

export const listSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(200).optional(),
});

/** The audit log for officers, admins and auditors: newest first, paged by `before` (a seq), and the chain check. */
export const auditRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/audit', ...staff, requireRole(...roles('auditRead')), async (req, res) => {
    const q = parse(listSchema, req.query);
    const entries = await deps.store.listAudit({ limit: q.limit, beforeSeq: q.before, targetType: q.targetType, targetId: q.targetId });
    res.json({ entries, next: entries.length === q.limit ? entries[entries.length - 1].seq : null });
  });

  router.get('/audit/verify', ...staff, requireRole(...roles('auditRead')), async (_req, res) => {
    res.json(await deps.store.verifyAuditTrail());
  });
};
